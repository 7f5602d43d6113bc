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
 * {@code el2studio bench loop}: the 10-instruction loop of tests/guests/bench/loop.S with its data on
 * its own page and on the code's page (a hot global beside hot code), each run to its semihosting exit
 * through the path of {@code el2studio run}, printing seconds and MIPS. {@code tools/bench-qemu-loop.sh}
 * times the same two layouts under qemu-system-aarch64.
 */
public final class BenchLoop {
    static final String HELP = """
            usage: el2studio bench loop [--iterations N] [--layout separate|code-page|both]
            Runs the 10-instruction loop of tests/guests/bench/loop.S for N iterations (default 100000000)
            after a warm-up, with its 16 bytes of data on the next 4 KiB page (separate) and in the code's
            own page (code-page), and prints the time and the speed in MIPS of each.
            tools/bench-qemu-loop.sh times the same loops under qemu-system-aarch64.
            """;

    /** The words of tests/guests/bench/loop.S from _start to the literals (BenchLoopLayoutTest checks them). */
    static final int[] LOOP = {
        0x58000240, //        ldr     x0, iterations
        0x58000261, //        ldr     x1, buffer_at
        0xd2800022, //        mov     x2, #1
        0xf9400023, // loop:  ldr     x3, [x1]
        0x8b020063, //        add     x3, x3, x2
        0xca020064, //        eor     x4, x3, x2
        0xf9000023, //        str     x3, [x1]
        0xd37ef485, //        lsl     x5, x4, #2
        0xb9400826, //        ldr     w6, [x1, #8]
        0x8b060042, //        add     x2, x2, x6
        0xb9000825, //        str     w5, [x1, #8]
        0xf1000400, //        subs    x0, x0, #1
        0x54fffee1, //        b.ne    loop
        0x10000121, //        adr     x1, exit_block
        0x52800400, //        mov     w0, #0x20
        0xd45e0000, //        hlt     #0xf000
        0x14000000, //        b       .
        0xd503201f, //        (.balign 8)
    };
    /** Byte offsets of the literals and of the buffer in each layout. */
    static final int ITERATIONS_AT = 0x48, BUFFER_AT = 0x50, EXIT_BLOCK_AT = 0x58, BUFFER_CODE_PAGE = 0x68, BUFFER_SEPARATE = 0x1000;
    static final int INSNS_PER_ITERATION = 10, INSNS_OUTSIDE_LOOP = 6;

    private BenchLoop() {
    }

    /** The image of the loop for {@code iterations}, with its buffer on the code page or on the next one, to load at RAM_BASE. */
    public static byte[] image(long iterations, boolean dataOnCodePage) {
        int bufferAt = dataOnCodePage ? BUFFER_CODE_PAGE : BUFFER_SEPARATE;
        byte[] b = new byte[bufferAt + 16];
        for (int i = 0; i < LOOP.length; i++) {
            put(b, 4 * i, LOOP[i], 4);
        }
        put(b, ITERATIONS_AT, iterations, 8);
        put(b, BUFFER_AT, RunCommand.RAM_BASE + bufferAt, 8);
        put(b, EXIT_BLOCK_AT, 0x20026, 8);
        return b;
    }

    private static void put(byte[] b, int at, long v, int n) {
        for (int k = 0; k < n; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    /** Runs the loop on a fresh machine to its exit, through the path of {@code run}. */
    public static BareMetalRun.Result run(long iterations, boolean dataOnCodePage) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RunCommand.RAM_BASE, 1 << 20, 1);
        m.load(RunCommand.RAM_BASE, image(iterations, dataOnCodePage));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SemihostingConsole console = new SemihostingConsole(InputStream.nullInputStream(), sink, sink);
        return new BareMetalRun(m, console).run(RunCommand.RAM_BASE, 1);
    }

    static int execute(PrintStream out, List<String> argList) throws UsageError {
        long iterations = 100_000_000L;
        String layout = "both";
        Args args = new Args(argList);
        while (args.more()) {
            Args.Option o = args.nextOption();
            String opt = o.opt();
            switch (opt) {
                case "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--iterations" -> iterations = Args.number(opt, args.value(o), 1, 1_000_000_000_000L);
                case "--layout" -> {
                    layout = args.value(o);
                    if (!List.of("separate", "code-page", "both").contains(layout)) {
                        throw new UsageError("--layout takes separate, code-page or both, not '" + layout + "'");
                    }
                }
                default -> throw new UsageError("unexpected argument '" + o.arg() + "' (try: el2studio bench loop --help)");
            }
        }
        for (boolean codePage : new boolean[] {false, true}) {
            if (layout.equals(codePage ? "separate" : "code-page")) {
                continue;
            }
            for (int i = 0; i < 3; i++) { // warm-up: the JIT compiles the run loop and the translated block
                run(Math.max(1, iterations / 20), codePage);
            }
            BareMetalRun.Result r = run(iterations, codePage);
            if (r.outcome() != BareMetalRun.Outcome.EXITED || r.exitCode() != 0) {
                throw new UsageError("the benchmark loop did not run to its exit: " + r.message());
            }
            String cpu = r.cpuSeconds() > 0 ? String.format(" (thread CPU time %.2f s: %.1f MIPS)", r.cpuSeconds(), r.cpuMips()) : "";
            out.printf("bench loop (data %s): %d iterations, %d instructions in %.2f s%s: %.1f MIPS%n",
                    codePage ? "on the code page" : "on its own page", iterations, r.instructions(), r.seconds(), cpu, r.mips());
        }
        return 0;
    }
}
