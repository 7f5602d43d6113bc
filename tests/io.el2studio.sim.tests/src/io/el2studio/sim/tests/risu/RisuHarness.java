package io.el2studio.sim.tests.risu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.machine.MiniMachine;

/**
 * Replays a risu blob on the simulator and compares every trap against the master trace recorded
 * under QEMU 7.2 {@code -cpu max} (format and protocol: shared/reference/risu/README.md).
 *
 * <p>The blob runs at a 4 KiB-aligned base at EL0. Every risu op is a {@code UDF #0x5AFn}; the
 * harness sees it through {@link Cpu#faultHook} as an Undefined Instruction (EC 0x00), acts on it
 * and resumes at the next instruction, clearing the local exclusive monitor as QEMU linux-user does
 * on each return from a signal. Any other UNDEFINED word is a "SIGILL" record: the state before
 * the instruction. After a mismatch the harness resynchronises from the trace (registers, and the
 * memory block on COMPAREMEM) so one run reports more than the first divergence.
 *
 * <p>Command line: {@code java ... RisuHarness Load Store} prints the mismatches of each group.
 */
public final class RisuHarness {
    public static final String[] GROUPS = {"Cryptographic", "DataProcessingAdvSIMD", "DataProcessingImmediate",
            "DataProcessingRegister", "DataProcessingScalarFP", "Load", "Store"};

    static final long BASE = 0x4010_0000L;
    private static final int MAGIC = 0x52495355;
    private static final int REGBLOCK = 816;
    private static final int MEMBLOCK = 8192;
    private static final int MAX_MISMATCHES = 50;
    private static final long MAX_INSTRUCTIONS = 5_000_000L;
    private static final Decoder DISASM = new Decoder(EnumSet.allOf(Feature.class));

    /** Outcome of one replay: completed = TESTEND reached with the trace fully consumed. */
    public static final class Result {
        public final String group;
        public final List<String> mismatches = new ArrayList<>();
        public int recordsConsumed;
        public int recordsTotal;
        public boolean completed;
        public long instructions;

        Result(String group) {
            this.group = group;
        }

        public boolean passed() {
            return completed && mismatches.isEmpty();
        }

        /** A readable report: the summary line and every mismatch collected. */
        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append("risu ").append(group).append(": ").append(mismatches.size())
                    .append(mismatches.size() >= MAX_MISMATCHES ? "+" : "").append(" mismatch(es), ")
                    .append(recordsConsumed).append('/').append(recordsTotal).append(" records, ")
                    .append(instructions).append(" instructions, ")
                    .append(completed ? "reached TESTEND" : "did NOT reach TESTEND").append('\n');
            for (String m : mismatches) {
                sb.append("  ").append(m).append('\n');
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return report();
        }
    }

    private final String group;
    private final Result result;
    private final byte[] blob;
    private final ByteBuffer trace;
    private final MiniMachine machine;
    private final Cpu cpu;
    private final BiConsumer<Cpu, Integer> tamper;
    private long memblock = -1;
    private boolean resyncNext;
    private boolean done;

    private RisuHarness(String group, BiConsumer<Cpu, Integer> tamper) throws IOException {
        this.group = group;
        this.tamper = tamper;
        this.result = new Result(group);
        Path dir = dataDir();
        this.blob = Files.readAllBytes(dir.resolve(group + ".bin"));
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(group + ".trace.gz")))) {
            raw = in.readAllBytes();
        }
        this.trace = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        this.result.recordsTotal = countRecords(raw);
        this.machine = new MiniMachine(CpuProfile.max(), 0x4000_0000L, 64 << 20, 1);
        machine.load(BASE, blob);
        this.cpu = machine.cpu(0);
    }

    /** The folder of the blobs and traces. */
    public static Path dataDir() {
        String shared = System.getProperty("el2studio.shared", "/work/shared");
        return Path.of(shared, "reference", "risu");
    }

    /** Replays {@code group} (one of {@link #GROUPS}) and returns every mismatch found (at most 50). */
    public static Result replay(String group) {
        return replay(group, null);
    }

    /**
     * As {@link #replay(String)}, calling {@code tamper} with the simulator and the index of the
     * trace record at every trap before it is checked: the harness's own tests use it to prove
     * that divergences are caught.
     */
    static Result replay(String group, BiConsumer<Cpu, Integer> tamper) {
        try {
            return new RisuHarness(group, tamper).run();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read risu data for " + group + " in " + dataDir(), e);
        }
    }

    private Result run() {
        cpu.el = 0;
        cpu.spsel = false;
        cpu.sp[0] = BASE - 0x1000;
        cpu.pc = BASE;
        cpu.exclusiveValid = false;
        // As under Linux: FP/AdvSIMD enabled at EL0 (CPACR_EL1.FPEN = 0b11), no EL2/EL3 traps.
        cpu.cpacrEl1 |= 3L << 20;
        cpu.faultHook = this::onFault;
        long end = BASE + blob.length;
        while (!done && result.instructions < MAX_INSTRUCTIONS) {
            if (cpu.pc < BASE || cpu.pc >= end) {
                fail(String.format("pc left the blob: 0x%x (offset 0x%x)", cpu.pc, cpu.pc - BASE));
                break;
            }
            cpu.halted = false;
            cpu.step();
            result.instructions++;
            if (cpu.halted) {
                break;
            }
        }
        if (!done && result.instructions >= MAX_INSTRUCTIONS) {
            fail("instruction limit " + MAX_INSTRUCTIONS + " reached at offset 0x" + Long.toHexString(cpu.pc - BASE));
        }
        return result;
    }

    private void fail(String msg) {
        result.mismatches.add(msg);
        done = true;
    }

    private void mismatch(String msg) {
        if (result.mismatches.size() < MAX_MISMATCHES) {
            result.mismatches.add(msg);
        }
        if (result.mismatches.size() >= MAX_MISMATCHES) {
            done = true;
            cpu.halted = true;
        }
    }

    private String insn(long off, int w) {
        String dis;
        try {
            dis = DISASM.disassemble(w, off);
        } catch (RuntimeException e) {
            dis = "<disassembler threw " + e + ">";
        }
        return String.format("@0x%x %08x %s", off, w, dis);
    }

    private boolean onFault(Cpu c, GuestFault f) {
        long off = c.pc - BASE;
        int w = c.peekInstruction(c.pc);
        if (f.ec != GuestFault.EC_UNKNOWN) {
            mismatch(String.format("unexpected exception %s at %s (QEMU took none)", f.getMessage(), insn(off, w)));
            resyncNext = true;
            resume(c);
            return true;
        }
        int op = (w & 0xFFFFFFF0) == 0x5AF0 ? w & 0xF : -1;
        if (!trace.hasRemaining()) {
            fail(String.format("trace ended but execution trapped (op %d) at %s", op, insn(off, w)));
            c.halted = true;
            return true;
        }
        int recStart = trace.position();
        int magic = trace.getInt(recStart);
        int size = trace.getInt(recStart + 4);
        int recOp = trace.getInt(recStart + 8);
        long recPc = trace.getLong(recStart + 16);
        if (magic != MAGIC) {
            fail(String.format("bad trace magic 0x%08x at trace offset %d", magic, recStart));
            c.halted = true;
            return true;
        }
        int recIndex = result.recordsConsumed;
        if (tamper != null) {
            tamper.accept(c, recIndex);
        }
        if (recOp != op || recPc != off) {
            if (recOp == -1 && recPc < off) {
                // We executed an instruction that QEMU UNDEFs: the trace has a SIGILL record first.
                int bad = (int) trace.getInt(recStart + 24 + 276);
                mismatch(String.format("record %d: executed %s but QEMU -cpu max UNDEFs it", recIndex,
                        insn(recPc, bad)));
                skipRecord();
                resyncNext = true;
                return onFault(c, f); // re-examine the current trap against the following record
            }
            if (op == -1 && recPc > off) {
                mismatch(String.format("record %d: UNDEFINED %s but QEMU executes it", recIndex, insn(off, w)));
                resyncNext = true;
                resume(c);
                return true;
            }
            fail(String.format("record %d: trace expects op %d at 0x%x, simulator trapped with op %d at %s",
                    recIndex, recOp, recPc, op, insn(off, w)));
            c.halted = true;
            return true;
        }
        int payload = recStart + 24;
        switch (op) {
            case -1, 0, 1 -> {
                if (size != REGBLOCK) {
                    fail("record " + recIndex + ": register block size " + size);
                    c.halted = true;
                    return true;
                }
                if (resyncNext) {
                    loadRegisters(payload);
                    resyncNext = false;
                } else {
                    compareRegisters(recIndex, off, w, payload);
                }
            }
            case 2 -> memblock = c.x[0];
            case 3 -> c.x[0] = c.x[0] + memblock;
            case 4 -> compareMemory(recIndex, off, payload);
            default -> {
                fail("unknown risu op " + op + " at " + insn(off, w));
                c.halted = true;
                return true;
            }
        }
        skipRecord();
        if (op == 1) {
            done = true;
            c.halted = true;
            if (trace.hasRemaining()) {
                mismatch("TESTEND reached but the trace has " + (result.recordsTotal - result.recordsConsumed)
                        + " more records");
            } else {
                result.completed = true;
            }
            return true;
        }
        resume(c);
        return true;
    }

    private void resume(Cpu c) {
        c.pc += 4;
        c.npc = c.pc;
        c.exclusiveValid = false;
    }

    private void skipRecord() {
        int size = trace.getInt(trace.position() + 4);
        trace.position(trace.position() + 24 + size);
        result.recordsConsumed++;
    }

    private void compareRegisters(int recIndex, long off, int w, int p) {
        List<String> diffs = new ArrayList<>();
        for (int n = 0; n < 31; n++) {
            long exp = trace.getLong(p + 8 + 8 * n);
            if (cpu.x[n] != exp) {
                diffs.add(String.format("x%d expected 0x%x actual 0x%x", n, exp, cpu.x[n]));
            }
        }
        int flags = trace.getInt(p + 272);
        if (cpu.nzcv != flags) {
            diffs.add(String.format("nzcv expected 0x%08x actual 0x%08x", flags, cpu.nzcv));
        }
        int fpsr = trace.getInt(p + 280);
        if (cpu.fpsr != fpsr) {
            diffs.add(String.format("fpsr expected 0x%08x actual 0x%08x", fpsr, cpu.fpsr));
        }
        int fpcr = trace.getInt(p + 284);
        if (cpu.fpcr != fpcr) {
            diffs.add(String.format("fpcr expected 0x%08x actual 0x%08x", fpcr, cpu.fpcr));
        }
        for (int n = 0; n < 32; n++) {
            long lo = trace.getLong(p + 304 + 16 * n);
            long hi = trace.getLong(p + 304 + 16 * n + 8);
            if (cpu.v[2 * n] != lo || cpu.v[2 * n + 1] != hi) {
                diffs.add(String.format("v%d expected %016x_%016x actual %016x_%016x", n, hi, lo,
                        cpu.v[2 * n + 1], cpu.v[2 * n]));
            }
        }
        if (!diffs.isEmpty()) {
            long prevOff = off - 4;
            int prev = prevOff >= 0 ? cpu.peekInstruction(BASE + prevOff) : 0;
            String what = (w & 0xFFFFFFF0) == 0x5AF0 ? "after " + insn(prevOff, prev) : "before " + insn(off, w);
            mismatch(String.format("record %d (op %s at 0x%x) %s: %s", recIndex, opName(w), off, what,
                    String.join("; ", diffs)));
            loadRegisters(p);
        }
    }

    private static String opName(int w) {
        return switch ((w & 0xFFFFFFF0) == 0x5AF0 ? w & 0xF : -1) {
            case 0 -> "COMPARE";
            case 1 -> "TESTEND";
            default -> "SIGILL";
        };
    }

    private void loadRegisters(int p) {
        for (int n = 0; n < 31; n++) {
            cpu.x[n] = trace.getLong(p + 8 + 8 * n);
        }
        cpu.nzcv = trace.getInt(p + 272);
        cpu.fpsr = trace.getInt(p + 280);
        cpu.fpcr = trace.getInt(p + 284);
        for (int n = 0; n < 64; n++) {
            cpu.v[n] = trace.getLong(p + 304 + 8 * n);
        }
    }

    private void compareMemory(int recIndex, long off, int p) {
        if (memblock == -1) {
            mismatch("record " + recIndex + ": COMPAREMEM before SETMEMBLOCK");
            return;
        }
        int firstDiff = -1, count = 0;
        for (int i = 0; i < MEMBLOCK; i++) {
            int actual = (int) machine.bus.read(memblock + i, 1) & 0xFF;
            int exp = trace.get(p + i) & 0xFF;
            if (actual != exp) {
                if (firstDiff < 0) {
                    firstDiff = i;
                }
                count++;
            }
        }
        if (count > 0) {
            int prevW = 0;
            long testOff = -1;
            // The instruction under test is the word between the two DSB SYs before this COMPAREMEM.
            for (long o = off - 4; o >= 0 && o > off - 64; o -= 4) {
                if (cpu.peekInstruction(BASE + o) == 0xD5033F9F) {
                    testOff = o - 4;
                    prevW = cpu.peekInstruction(BASE + testOff);
                    break;
                }
            }
            mismatch(String.format("record %d (COMPAREMEM at 0x%x) after %s: %d byte(s) differ, first at +0x%x "
                    + "expected %02x actual %02x", recIndex, off, testOff >= 0 ? insn(testOff, prevW) : "?",
                    count, firstDiff, trace.get(p + firstDiff) & 0xFF,
                    (int) machine.bus.read(memblock + firstDiff, 1) & 0xFF));
            for (int i = 0; i < MEMBLOCK; i++) {
                machine.bus.write(memblock + i, 1, trace.get(p + i) & 0xFF, cpu);
            }
        }
    }

    private static int countRecords(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0, pos = 0;
        while (pos + 24 <= raw.length) {
            pos += 24 + b.getInt(pos + 4);
            n++;
        }
        return n;
    }

    public static void main(String[] args) {
        String[] groups = args.length == 0 ? GROUPS : args;
        for (String g : groups) {
            System.out.print(replay(g).report());
        }
    }
}
