package io.el2studio.sim.control;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.el2studio.sim.board.BoardListener;
import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.board.VirtualClock;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.machine.SemihostingConsole;
import io.el2studio.sim.mmu.Walker;
import io.el2studio.sim.trace.ExceptionClasses;

/**
 * {@code el2studio run --machine virt}: the headless runner as a client of the control API. Loads
 * the images as QEMU's -kernel/-initrd/-dtb/-append do, connects the PL011 to the given streams
 * (stdout, stdin), runs the {@link Simulation} until PSCI SYSTEM_OFF / SYSTEM_RESET (status 0), a
 * semihosting exit (its status), a crash (status 1: an exception whose vector is not in RAM), the
 * instruction limit or the wall-clock timeout (status 124).
 *
 * <p>Standard input goes to the UART's receive FIFO (semihosting reads see end of file on this
 * machine). The PL011's receive interrupt reaches the GIC (SPI 1), so an interrupt-driven console
 * such as Linux's ttyAMA0 receives; a guest idle in WFI with no timer armed is woken by the input.
 */
public final class HeadlessRun {
    private HeadlessRun() {
    }

    /** {@code idleSleep}: idle jumps wait for the wall clock (board.IdleSleep; {@code run --idle-sleep}). */
    public record Options(CpuProfile profile, int smp, long memory, int el, Path kernel, Path initrd, Path dtb,
            String append, double timeoutSeconds, long maxInstructions, Path traceTraps, boolean idleSleep) {
        /** Without idle sleep (the default: idle jumps happen at once, runs reproduce). */
        public Options(CpuProfile profile, int smp, long memory, int el, Path kernel, Path initrd, Path dtb,
                String append, double timeoutSeconds, long maxInstructions, Path traceTraps) {
            this(profile, smp, memory, el, kernel, initrd, dtb, append, timeoutSeconds, maxInstructions, traceTraps, false);
        }

        public Options withIdleSleep(boolean on) {
            return new Options(profile, smp, memory, el, kernel, initrd, dtb, append, timeoutSeconds, maxInstructions,
                    traceTraps, on);
        }
    }

    public record Result(int status, String message, long instructions, double seconds,
            Map<Integer, Long> syncByClass, Map<String, Long> asyncByKind, long traps, VirtualTime virtualTime) {
        public double mips() {
            return seconds <= 0 ? 0 : instructions / seconds / 1e6;
        }
    }

    /**
     * A debugger attached before the guest runs (the GDB server of {@code run --gdb}): it receives the
     * Simulation and returns what to close at the end. With a debugger the runner does not resume
     * the guest itself (the debugger does, at once or when its client says so) and the stops the
     * debugger causes do not end the run: it ends on shutdown, when every PE is off, on --max-insns
     * or on --timeout.
     */
    @FunctionalInterface
    public interface Debugger {
        AutoCloseable attach(Simulation sim) throws IOException;

        /** With the run's options (the image a source-level debugger reads symbols from); by default {@link #attach(Simulation)}. */
        default AutoCloseable attach(Simulation sim, Options options) throws IOException {
            return attach(sim);
        }
    }

    /** Runs; image problems are ImageException (the caller prints them and exits with 2). */
    public static Result run(Options o, InputStream in, PrintStream out, PrintStream err) throws ImageException {
        return run(o, in, out, err, null);
    }

    /** Runs with {@code debugger} attached (null: none). */
    public static Result run(Options o, InputStream in, PrintStream out, PrintStream err, Debugger debugger)
            throws ImageException {
        OutputStream uartOut = new BufferedOutputStream(out, 1 << 14);
        Booted booted = boot(o, uartOut, err);
        VirtBoard board = booted.board();
        SemihostingConsole console = booted.console();

        ArrayBlockingQueue<Integer> input = new ArrayBlockingQueue<>(4096);
        java.util.concurrent.atomic.AtomicReference<Simulation> running = new java.util.concurrent.atomic.AtomicReference<>();
        Thread pump = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    input.put(b);
                    Simulation s = running.get();
                    if (s != null) {
                        s.wakeUp(); // a guest idle in WFI with no timer armed waits for exactly this
                    }
                }
            } catch (IOException | InterruptedException e) {
                // end of input
            }
        }, "el2studio-uart-stdin");
        pump.setDaemon(true);
        pump.start();
        board.setInput(() -> {
            Integer b = input.poll();
            return b == null ? -1 : b;
        });

        BufferedWriter trace = null;
        try {
            if (o.traceTraps() != null) {
                trace = Files.newBufferedWriter(o.traceTraps(), StandardCharsets.UTF_8);
                board.traps.writeTo(trace);
            }
        } catch (IOException e) {
            throw new ImageException(o.traceTraps().toString(), "cannot write the trap trace: " + e.getMessage());
        }

        long start = System.nanoTime();
        long deadline = o.timeoutSeconds() > 0 ? start + (long) (o.timeoutSeconds() * 1e9) : Long.MAX_VALUE;
        int status;
        String message;
        try (Simulation sim = new Simulation(board)) {
            running.set(sim);
            if (o.idleSleep()) {
                sim.setIdleSleep(true);
            }
            if (o.maxInstructions() != Long.MAX_VALUE) {
                sim.setInstructionBudget(o.maxInstructions());
            }
            AutoCloseable attached = null;
            if (debugger != null) {
                try {
                    attached = debugger.attach(sim, o);
                } catch (IOException e) {
                    throw new ImageException("--gdb", "cannot start the GDB server: " + e.getMessage());
                }
            }
            long token = attached != null ? -1 : sim.run();
            StopReason r = null;
            boolean timedOut = false;
            while (r == null) {
                if (attached != null) {
                    // The debugger's stops do not end the run; only these do.
                    Thread.sleep(100);
                    StopReason last = sim.lastStop();
                    if (board.shutdown() != null || (last != null && (last.kind() == Debug.StopKind.LIMIT
                            || last.kind() == Debug.StopKind.ALL_PES_OFF || last.kind() == Debug.StopKind.SHUTDOWN))) {
                        r = last != null ? last : new StopReason(Debug.StopKind.SHUTDOWN, 0, 0, "shutdown");
                    }
                } else {
                    r = sim.awaitStopAfter(token, 100, TimeUnit.MILLISECONDS);
                }
                flush(uartOut);
                if (r == null && System.nanoTime() > deadline) {
                    sim.stop();
                    r = sim.awaitStopAfter(token, 10, TimeUnit.SECONDS);
                    timedOut = true;
                }
            }
            if (attached != null) {
                try {
                    attached.close();
                } catch (Exception e) {
                    err.println("el2studio: closing the GDB server: " + e.getMessage());
                }
            }
            flush(uartOut);
            console.flush();
            sim.call(b -> {
                b.traps.flush();
                return null;
            }, 5000);
            VirtBoard.Shutdown s = board.shutdown();
            if (timedOut) {
                status = 124;
                message = "timeout after " + fmt(o.timeoutSeconds()) + " s";
            } else if (s != null) {
                status = s.status();
                message = s.reason();
            } else {
                switch (r.kind()) {
                    case LIMIT -> {
                        status = 124;
                        message = "stopped after " + o.maxInstructions() + " instructions (--max-insns)";
                    }
                    case ALL_PES_OFF -> {
                        status = 1;
                        message = "every PE is powered off (PSCI CPU_OFF) and nothing can wake them";
                    }
                    default -> {
                        status = 1;
                        message = "stopped: " + r.detail();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 124;
            message = "interrupted";
        } finally {
            if (trace != null) {
                try {
                    trace.close();
                } catch (IOException e) {
                    err.println("el2studio: cannot write the trap trace: " + e.getMessage());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(status, message, board.instructions(), seconds, board.traps.syncByClass(),
                board.traps.asyncByKind(), board.traps.recorded(), VirtualTime.of(board));
    }

    /**
     * Virtual time at the end of the run, in seconds (board.VirtualClock: 10 ns per instruction of a
     * round), and the part of it skipped by idle jumps while every PE slept in WFI/WFE.
     */
    public record VirtualTime(double seconds, long idleJumps, double idleSeconds) {
        static VirtualTime of(VirtBoard b) {
            long t = b.clock.roundStart();
            for (Cpu c : b.cpus) {
                t = Math.max(t, b.clock.instructions(c));
            }
            return new VirtualTime(VirtualClock.seconds(t), b.clock.idleJumps(), VirtualClock.seconds(b.clock.idleInstructions()));
        }
    }

    /** {@code --stats}: instructions, MIPS, exceptions by class, traps to EL2/EL3. */
    public static void printStats(Result r, PrintStream err) {
        err.printf("instructions: %d%n", r.instructions());
        err.printf("time: %.3f s%n", r.seconds());
        err.printf("MIPS: %.1f%n", r.mips());
        VirtualTime v = r.virtualTime();
        err.printf("virtual time: %.6f s (idle jumps: %d, skipping %.6f s)%n", v.seconds(), v.idleJumps(), v.idleSeconds());
        if (r.syncByClass().isEmpty() && r.asyncByKind().isEmpty()) {
            err.println("exceptions: none");
        }
        for (Map.Entry<Integer, Long> e : r.syncByClass().entrySet()) {
            err.printf("exceptions EC 0x%02x (%s): %d%n", e.getKey(), ExceptionClasses.name(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, Long> e : r.asyncByKind().entrySet()) {
            err.printf("exceptions %s: %d%n", e.getKey(), e.getValue());
        }
        err.printf("exceptions taken to EL2 or EL3: %d%n", r.traps());
    }

    /** A loaded virt board and its semihosting console, not yet running (see {@link #boot}). */
    public record Booted(VirtBoard board, SemihostingConsole console) {
    }

    /**
     * Builds the virt board of {@code o} and loads its images as {@link #run} does (QEMU's -kernel,
     * -initrd, -dtb, -append), with the PL011's output and semihosting output going to {@code uartOut}
     * and log lines to {@code err}; a crash (an exception vector not in RAM) shuts the board down. The
     * caller sets the UART input ({@link VirtBoard#setInput}) and runs it in a {@link Simulation}.
     */
    public static Booted boot(Options o, OutputStream uartOut, PrintStream err) throws ImageException {
        VirtBoard board = new VirtBoard(new VirtBoard.Config(o.profile(), o.smp(), o.memory(), o.el()), b -> {
            try {
                uartOut.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, line -> err.println("el2studio: " + line));
        byte[] kernel = read(o.kernel());
        byte[] initrd = o.initrd() == null ? null : read(o.initrd());
        byte[] dtb = o.dtb() == null ? null : read(o.dtb());
        BootLoader.load(board, new BootLoader.Images(o.kernel().toString(), kernel, String.valueOf(o.initrd()), initrd,
                String.valueOf(o.dtb()), dtb, o.append(), 0));

        SemihostingConsole console = new SemihostingConsole(InputStream.nullInputStream(), uartOut, err)
                .commandLine(o.append() == null ? o.kernel().toString() : o.kernel() + " " + o.append());
        board.setSemihosting(cpu -> {
            console.call(cpu);
            Integer code = console.exitCode();
            if (code != null) {
                board.shutdown(new VirtBoard.Shutdown("exited with status " + code, code));
            }
        });
        board.addListener(new CrashDetector(board));

        return new Booted(board, console);
    }

    private static byte[] read(Path p) throws ImageException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new ImageException(p.toString(), "no such file");
        } catch (IOException e) {
            throw new ImageException(p.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static void flush(OutputStream s) {
        try {
            s.flush();
        } catch (IOException e) {
            // stdout closed: nothing to do
        }
    }

    private static String fmt(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /**
     * Ends the run when an exception vector is not in RAM: with VBAR_ELx still at its reset value the
     * PE would fault on the vector fetch forever. The message names the exception and the vector.
     */
    private static final class CrashDetector implements BoardListener {
        private final VirtBoard board;

        CrashDetector(VirtBoard board) {
            this.board = board;
        }

        @Override
        public void exceptionTaken(Cpu cpu, int fromEl, int toEl, int kind) {
            // VBAR_ELx holds a virtual address: with the MMU on, the vector is fetched through the
            // translation regime of the target EL (Arm ARM D1.3.1, D8.1), so translate before the check.
            long pa = cpu.pc;
            if (cpu.mmu != null) {
                Walker.Result r = Walker.debugTranslate(cpu, cpu.pc);
                pa = r.ok() ? r.entry().pa(cpu.pc) : -1;
            }
            if (pa != -1 && board.bus.isRam(pa, 4)) {
                return;
            }
            long esr = cpu.esr[toEl];
            board.shutdown(new VirtBoard.Shutdown(String.format(
                    "guest crashed on PE %d: %s taken from EL%d to EL%d (ESR 0x%08x, ELR 0x%x, FAR 0x%x); no exception vector at 0x%x (VBAR_EL%d = 0x%x)",
                    cpu.index, kind == 0 ? ExceptionClasses.name((int) (esr >>> 26) & 0x3F) : "asynchronous exception", fromEl,
                    toEl, esr, cpu.elr[toEl], cpu.far[toEl], cpu.pc, toEl, cpu.vbar[toEl]), 1));
        }
    }
}
