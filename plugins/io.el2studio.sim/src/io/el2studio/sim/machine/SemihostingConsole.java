package io.el2studio.sim.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.Semihosting;

/**
 * The Arm semihosting interface (Arm "Semihosting for AArch32 and AArch64", version 2.0) as a
 * console: the guest's {@code :tt} handles are this process's stdin, stdout and stderr, and the
 * file-system operations are refused. The operation number is in W0, the parameter (usually the
 * address of a block of 64-bit words) in X1, the result goes to X0.
 *
 * <p>Exit follows QEMU's AArch64 semihosting: SYS_EXIT and SYS_EXIT_EXTENDED both take a block
 * {reason, subcode}; reason ADP_Stopped_ApplicationExit exits with the subcode as status, any
 * other reason with status 1. The PE is halted and {@link #exitCode()} says why.
 */
public final class SemihostingConsole implements Semihosting {
    public static final int SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
            SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08, SYS_ISTTY = 0x09,
            SYS_SEEK = 0x0A, SYS_FLEN = 0x0C, SYS_TMPNAM = 0x0D, SYS_REMOVE = 0x0E, SYS_RENAME = 0x0F,
            SYS_CLOCK = 0x10, SYS_TIME = 0x11, SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
            SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30,
            SYS_TICKFREQ = 0x31;
    /** Reason codes of SYS_EXIT (semihosting spec, table 5-6). */
    public static final long ADP_Stopped_ApplicationExit = 0x20026;

    /** Host errno values reported by SYS_ERRNO. */
    private static final int EBADF = 9, ENOENT = 2, ENOSYS = 38, EINVAL = 22;

    /** Handles: 1..3 are returned by opening ":tt" for reading, writing, appending. */
    private static final int STDIN = 1, STDOUT = 2, STDERR = 3, FEATURES = 4;
    /** The ":semihosting-features" file: magic "SHFB" and byte 0 with SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR. */
    private static final byte[] FEATURE_BYTES = {'S', 'H', 'F', 'B', 0x03};

    private final InputStream in;
    private final OutputStream out;
    private final OutputStream err;
    /** Where SYS_WRITEC and SYS_WRITE0 go: the debug console (stdout unless told otherwise). */
    private OutputStream console;
    private final long startNanos = System.nanoTime();
    private String commandLine = "";
    private long heapBase, heapLimit, stackBase, stackLimit;
    private int errno;
    private int featuresPos;
    private Integer exitCode;
    private boolean terminal;

    public SemihostingConsole(InputStream in, OutputStream out, OutputStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = out;
    }

    /**
     * Sends SYS_WRITEC and SYS_WRITE0 to {@code s}. QEMU 7.2 without a semihosting chardev writes
     * them to its stderr; the differential tests use this to compare like with like.
     */
    public SemihostingConsole consoleTo(OutputStream s) {
        this.console = s;
        return this;
    }

    /** The string SYS_GET_CMDLINE returns (QEMU: the image name and {@code -append}). */
    public SemihostingConsole commandLine(String s) {
        this.commandLine = s;
        return this;
    }

    /** The four addresses SYS_HEAPINFO returns: heap base and limit, stack base (top) and limit. */
    public SemihostingConsole heapInfo(long heapBase, long heapLimit, long stackBase, long stackLimit) {
        this.heapBase = heapBase;
        this.heapLimit = heapLimit;
        this.stackBase = stackBase;
        this.stackLimit = stackLimit;
        return this;
    }

    /**
     * Whether the host's streams are a terminal: SYS_ISTTY answers this for ":tt" handles, as QEMU
     * answers with isatty() of its own file descriptors. Default false.
     */
    public SemihostingConsole terminal(boolean t) {
        this.terminal = t;
        return this;
    }

    /** The guest's exit status once it has called SYS_EXIT or SYS_EXIT_EXTENDED, else null. */
    public Integer exitCode() {
        return exitCode;
    }

    public void flush() {
        try {
            out.flush();
            err.flush();
            console.flush();
        } catch (IOException e) {
            // the console went away (closed pipe): nothing the guest can be told
        }
    }

    @Override
    public void call(Cpu cpu) {
        int op = (int) cpu.x[0];
        long p = cpu.x[1];
        cpu.x[0] = switch (op) {
            case SYS_OPEN -> open(cpu, p);
            case SYS_CLOSE -> handleOk(cpu.read64(p)) ? 0 : error(EBADF);
            case SYS_WRITEC -> { put(console, cpu.read8(p)); yield cpu.x[0]; } // X0 is corrupted: keep W0
            case SYS_WRITE0 -> { writeString(cpu, p); yield cpu.x[0]; }
            case SYS_WRITE -> write(cpu, cpu.read64(p), cpu.read64(p + 8), cpu.read64(p + 16));
            case SYS_READ -> read(cpu, cpu.read64(p), cpu.read64(p + 8), cpu.read64(p + 16));
            case SYS_READC -> readByte();
            case SYS_ISERROR -> cpu.read64(p) < 0 ? 1 : 0;
            case SYS_ISTTY -> { long h = cpu.read64(p); yield h >= STDIN && h <= STDERR ? (terminal ? 1 : 0) : handleOk(h) ? 0 : error(EBADF); }
            case SYS_SEEK -> handleOk(cpu.read64(p)) ? error(EINVAL) : error(EBADF);
            case SYS_FLEN -> { long h = cpu.read64(p); yield h == FEATURES ? FEATURE_BYTES.length : handleOk(h) ? 0 : error(EBADF); }
            case SYS_TMPNAM, SYS_REMOVE, SYS_RENAME, SYS_SYSTEM -> error(ENOSYS);
            case SYS_CLOCK -> (System.nanoTime() - startNanos) / 10_000_000L;
            case SYS_TIME -> System.currentTimeMillis() / 1000;
            case SYS_ELAPSED -> { cpu.write64(p, cpu.instructionCount); yield 0; }
            case SYS_TICKFREQ -> 1_000_000_000L; // SYS_ELAPSED counts instructions at a nominal 1 GHz
            case SYS_ERRNO -> errno;
            case SYS_GET_CMDLINE -> getCommandLine(cpu, p);
            case SYS_HEAPINFO -> {
                long block = cpu.read64(p);
                cpu.write64(block, heapBase);
                cpu.write64(block + 8, heapLimit);
                cpu.write64(block + 16, stackBase);
                cpu.write64(block + 24, stackLimit);
                yield 0;
            }
            case SYS_EXIT, SYS_EXIT_EXTENDED -> {
                long reason = cpu.read64(p);
                long subcode = cpu.read64(p + 8);
                exitCode = reason == ADP_Stopped_ApplicationExit ? (int) subcode : 1;
                flush();
                cpu.halted = true;
                yield cpu.x[0];
            }
            default -> error(ENOSYS);
        };
    }

    private long error(int e) {
        errno = e;
        return -1;
    }

    private static boolean handleOk(long h) {
        return h >= STDIN && h <= FEATURES;
    }

    private long open(Cpu cpu, long p) {
        long name = cpu.read64(p);
        long mode = cpu.read64(p + 8);
        long len = cpu.read64(p + 16);
        String s = readString(cpu, name, (int) Math.min(len, 4096));
        if (s.equals(":tt")) {
            return mode < 4 ? STDIN : mode < 8 ? STDOUT : STDERR;
        }
        if (s.equals(":semihosting-features") && mode < 4) {
            featuresPos = 0;
            return FEATURES;
        }
        return error(ENOENT);
    }

    private long write(Cpu cpu, long handle, long buf, long len) {
        OutputStream o = handle == STDOUT ? out : handle == STDERR ? err : null;
        if (o == null) {
            error(EBADF);
            return len;
        }
        byte[] b = new byte[(int) Math.min(len, 1 << 20)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) cpu.read8(buf + i);
        }
        try {
            o.write(b);
        } catch (IOException e) {
            return len;
        }
        return len - b.length;
    }

    /** Returns the number of bytes NOT read (len at end of file), as the spec requires. */
    private long read(Cpu cpu, long handle, long buf, long len) {
        if (handle == FEATURES) {
            int n = (int) Math.min(len, FEATURE_BYTES.length - featuresPos);
            for (int i = 0; i < n; i++) {
                cpu.write8(buf + i, FEATURE_BYTES[featuresPos++]);
            }
            return len - n;
        }
        if (handle != STDIN) {
            error(EBADF);
            return -1;
        }
        flush();
        byte[] b = new byte[(int) Math.min(len, 1 << 16)];
        int n;
        try {
            n = b.length == 0 ? 0 : in.read(b);
        } catch (IOException e) {
            return error(EBADF);
        }
        if (n < 0) {
            return len;
        }
        for (int i = 0; i < n; i++) {
            cpu.write8(buf + i, b[i]);
        }
        return len - n;
    }

    private long readByte() {
        flush();
        try {
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }

    private long getCommandLine(Cpu cpu, long p) {
        long buf = cpu.read64(p);
        long size = cpu.read64(p + 8);
        byte[] b = commandLine.getBytes(StandardCharsets.UTF_8);
        if (b.length + 1 > size) {
            return error(EINVAL);
        }
        for (int i = 0; i < b.length; i++) {
            cpu.write8(buf + i, b[i]);
        }
        cpu.write8(buf + b.length, 0);
        cpu.write64(p + 8, b.length);
        return 0;
    }

    private void writeString(Cpu cpu, long p) {
        byte[] chunk = new byte[256];
        int n = 0;
        for (long a = p;; a++) {
            int c = cpu.read8(a);
            if (c == 0) {
                break;
            }
            chunk[n++] = (byte) c;
            if (n == chunk.length) {
                write(console, chunk, n);
                n = 0;
            }
        }
        write(console, chunk, n);
    }

    private static String readString(Cpu cpu, long p, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) cpu.read8(p + i);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void put(OutputStream o, int c) {
        try {
            o.write(c);
        } catch (IOException e) {
            // closed console
        }
    }

    private static void write(OutputStream o, byte[] b, int n) {
        try {
            o.write(b, 0, n);
        } catch (IOException e) {
            // closed console
        }
    }
}
