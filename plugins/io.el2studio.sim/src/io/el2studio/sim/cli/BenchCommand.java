package io.el2studio.sim.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.machine.SemihostingConsole;

/**
 * {@code el2studio bench cpu}: the interpreter's speed on a fixed loop of integer and load/store
 * instructions, run to its semihosting exit through the same path as {@code el2studio run}.
 * {@code tools/bench-qemu-cpu.sh} times the same loop (tests/guests/bench/cpu-loop.S) under QEMU.
 */
public final class BenchCommand {
    static final String HELP = """
            usage: el2studio bench cpu [--insns N] [--mmu off|s1|s12]
                   el2studio bench loop [options]    (see: el2studio bench loop --help)
                   el2studio bench linux [options]   (see: el2studio bench linux --help)
                   el2studio bench debug [options]   (see: el2studio bench debug --help)
                   el2studio bench idle-sleep IMAGE  (see: el2studio bench idle-sleep --help)
            Runs a fixed loop of integer and load/store instructions (tests/guests/bench/cpu-loop.S) for
            about N instructions (default 500000000) after a warm-up, and prints the speed in MIPS.
            --mmu s1 runs it at EL1 with the stage 1 MMU on (4 KiB pages, identity mapped), s12 also with
            stage 2 (HCR_EL2.VM, 4 KiB pages), as a guest under a hypervisor would; off (default): no MMU.
            """;

    /** The words of tests/guests/bench/cpu-loop.S linked at 0x40000000 (BenchLoopTest checks them). */
    static final int[] CPU_LOOP = {
        0x58000300, //        ldr     x0, iterations
        0x10007fe1, //        adr     x1, buffer
        0xd2800022, //        mov     x2, #0x1
        0xd28fe943, //        mov     x3, #0x7f4a
        0xf9400024, // loop:  ldr     x4, [x1]
        0x8b020084, //        add     x4, x4, x2
        0xca030085, //        eor     x5, x4, x3
        0xd37df0a6, //        lsl     x6, x5, #3
        0xf9000426, //        str     x6, [x1, #8]
        0xb9400827, //        ldr     w7, [x1, #8]
        0x8b070042, //        add     x2, x2, x7
        0xaa060048, //        orr     x8, x2, x6
        0x92401d09, //        and     x9, x8, #0xff
        0xf9000029, //        str     x9, [x1]
        0xcb09008a, //        sub     x10, x4, x9
        0x8b4a1c63, //        add     x3, x3, x10, lsr #7
        0xa940302b, //        ldp     x11, x12, [x1]
        0xca0c0063, //        eor     x3, x3, x12
        0xf1000400, //        subs    x0, x0, #0x1
        0x54fffe21, //        b.ne    loop
        0x100000c1, //        adr     x1, exit_block
        0x52800400, //        mov     w0, #0x20
        0xd45e0000, //        hlt     #0xf000
        0x14000000, //        b       .
        0x00000000, // iterations: .quad (patched)
        0x00000000,
        0x00020026, // exit_block: .quad 0x20026, 0
        0x00000000,
        0x00000000,
        0x00000000,
    };
    /** Word index of the iteration count literal, and the instructions outside the loop. */
    static final int ITERATIONS_INDEX = 24;
    static final int INSNS_PER_ITERATION = 16, INSNS_OUTSIDE_LOOP = 7;

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    /** The loop image for {@code iterations} iterations, as bytes to load at 0x40000000. */
    public static byte[] cpuLoopImage(long iterations) {
        byte[] b = new byte[CPU_LOOP.length * 4];
        for (int i = 0; i < CPU_LOOP.length; i++) {
            long w = i == ITERATIONS_INDEX ? iterations : i == ITERATIONS_INDEX + 1 ? iterations >>> 32 : CPU_LOOP[i];
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        return b;
    }

    int execute(List<String> argList) throws UsageError {
        if (!argList.isEmpty() && argList.get(0).equals("linux")) {
            return BenchLinux.execute(out, argList.subList(1, argList.size())); // boot to the shell prompt
        }
        if (!argList.isEmpty() && argList.get(0).equals("idle-sleep")) {
            return BenchIdleSleep.execute(out, argList.subList(1, argList.size())); // run --idle-sleep's wall time
        }
        if (!argList.isEmpty() && argList.get(0).equals("loop")) {
            return BenchLoop.execute(out, argList.subList(1, argList.size()));
        }
        if (!argList.isEmpty() && argList.get(0).equals("debug")) {
            return BenchDebug.execute(out, argList.subList(1, argList.size()));
        }
        Args args = new Args(argList);
        String what = null;
        long insns = 500_000_000L;
        String mmu = "off";
        while (args.more()) {
            Args.Option o = args.nextOption();
            String a = o.arg(), opt = o.opt();
            switch (opt) {
                case "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--insns" -> insns = Args.number(opt, args.value(o), 1000, 1_000_000_000_000L);
                case "--mmu" -> {
                    mmu = args.value(o);
                    if (!List.of("off", "s1", "s12").contains(mmu)) {
                        throw new UsageError("--mmu takes off, s1 or s12, not '" + mmu + "'");
                    }
                }
                default -> {
                    if (a.startsWith("-") || what != null) {
                        throw new UsageError("unexpected argument '" + a + "' (try: el2studio bench --help)");
                    }
                    what = a;
                }
            }
        }
        if (!"cpu".equals(what)) {
            throw new UsageError(what == null ? "which benchmark? (known: cpu, loop, linux, debug, idle-sleep)"
                    : "unknown benchmark '" + what + "' (known: cpu, loop, linux, debug, idle-sleep)");
        }
        long iterations = Math.max(1, (insns - INSNS_OUTSIDE_LOOP) / INSNS_PER_ITERATION);
        // Warm-up: let the JIT compile the run loop and the handlers before measuring.
        int stages = mmu.equals("off") ? 0 : mmu.equals("s1") ? 1 : 2;
        for (int i = 0; i < 3; i++) {
            runLoop(Math.max(1, iterations / 20), stages);
        }
        BareMetalRun.Result r = runLoop(iterations, stages);
        if (r.outcome() != BareMetalRun.Outcome.EXITED || r.exitCode() != 0) {
            throw new UsageError("the benchmark loop did not run to its exit: " + r.message());
        }
        // The thread's CPU time is shown too: on a loaded host it says what the interpreter does when it runs.
        String cpu = r.cpuSeconds() > 0 ? String.format(" (thread CPU time %.2f s: %.1f MIPS)", r.cpuSeconds(), r.cpuMips()) : "";
        String name = stages == 0 ? "bench cpu" : stages == 1 ? "bench cpu (MMU stage 1)" : "bench cpu (MMU stages 1+2)";
        out.printf(name + ": %d instructions in %.2f s%s: %.1f MIPS%n", r.instructions(), r.seconds(), cpu, r.mips());
        return 0;
    }

    /** Runs the loop for {@code iterations} iterations on a fresh machine, through the path of {@code run}. */
    public static BareMetalRun.Result runLoop(long iterations) {
        return runLoop(iterations, 0);
    }

    /**
     * Runs the loop with {@code stages} translation stages on (0 = none, 1 = stage 1 at EL1, 2 = stages 1
     * and 2): identity maps of the loop's 1 MiB of RAM with 4 KiB pages, so every page of code and data
     * goes through the TLBs as a kernel's or a guest's would.
     */
    public static BareMetalRun.Result runLoop(long iterations, int stages) {
        return runLoop(loopMachine(iterations, stages));
    }

    /** The machine of {@link #runLoop(long, int)}, loaded and mapped, not started. */
    public static MiniMachine loopMachine(long iterations, int stages) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RunCommand.RAM_BASE, 1 << 20, 1);
        m.load(RunCommand.RAM_BASE, cpuLoopImage(iterations));
        if (stages > 0) {
            identityMap(m, stages);
        }
        return m;
    }

    /** Runs a {@link #loopMachine} to the loop's exit, through the path of {@code run}. */
    public static BareMetalRun.Result runLoop(MiniMachine m) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SemihostingConsole console = new SemihostingConsole(InputStream.nullInputStream(), sink, sink);
        return new BareMetalRun(m, console).run(RunCommand.RAM_BASE, 1);
    }

    // ---- page tables of the MMU variants (Arm ARM D8.3, VMSAv8-64 translation table format, 4 KiB granule) ----

    /** Tables at the top of the loop's 1 MiB: stage 1 L1, L2, L3, then stage 2 L1, L2, L3. */
    private static final long TABLES = RunCommand.RAM_BASE + 0xF0000;

    private static void identityMap(MiniMachine m, int stages) {
        long ram = RunCommand.RAM_BASE;
        // Stage 1: 39-bit VA (T0SZ = 25) starts at level 1; L1[1] -> L2, L2[0] -> L3, L3[i] -> page i.
        long s1 = TABLES;
        put(m, s1 + 8 * 1, (s1 + 0x1000) | 3);
        put(m, s1 + 0x1000, (s1 + 0x2000) | 3);
        for (int i = 0; i < 256; i++) {
            // AF, Inner Shareable, AttrIndx 0 (MAIR attr0 = Normal WB), AP = 00 (EL1 read/write), page
            put(m, s1 + 0x2000 + 8L * i, (ram + 0x1000L * i) | 1 << 10 | 3 << 8 | 3);
        }
        io.el2studio.sim.cpu.Cpu c = m.cpu(0);
        c.mair[1] = 0xFF;
        // T0SZ 25, IRGN0/ORGN0 WB, SH0 inner, TG0 4 KiB, EPD1 (no TTBR1 walks), IPS 40 bits
        c.tcr[1] = 25 | 1 << 8 | 1 << 10 | 3 << 12 | 1L << 23 | 2L << 32;
        c.ttbr0[1] = s1;
        c.sctlr[1] |= 1 | 1 << 2 | 1 << 12; // M, C, I
        if (stages == 2) {
            // Stage 2: 39-bit IPA starting at level 1 (SL0 = 1); S2AP read/write, MemAttr Normal WB.
            long s2 = TABLES + 0x3000;
            put(m, s2 + 8 * 1, (s2 + 0x1000) | 3);
            put(m, s2 + 0x1000, (s2 + 0x2000) | 3);
            for (int i = 0; i < 256; i++) {
                put(m, s2 + 0x2000 + 8L * i, (ram + 0x1000L * i) | 1 << 10 | 3 << 8 | 3 << 6 | 0xF << 2 | 3);
            }
            c.vtcrEl2 = 25 | 1 << 6 | 1 << 8 | 1 << 10 | 3 << 12 | 2 << 16;
            c.vttbrEl2 = s2;
            c.hcrEl2 |= 1 | 1L << 31; // VM, RW (EL1 is AArch64)
        }
    }

    private static void put(MiniMachine m, long pa, long descriptor) {
        byte[] b = new byte[8];
        for (int k = 0; k < 8; k++) {
            b[k] = (byte) (descriptor >>> (8 * k));
        }
        m.load(pa, b);
    }
}
