package io.el2studio.sim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Debug;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.mmu.Walker;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * {@code el2studio bench debug}: the Linux boot of {@code bench linux}, driven through the control
 * API ({@link Simulation}, as the GDB server and the IDE drive it), once free and once with 10
 * breakpoints, 2 watchpoints and 3 exception catches (trap breakpoints) that never hit, repeated and
 * alternated; prints each time and the ratio of the speeds (debug / free).
 *
 * <p>The checks are meant to cost what they would cost an engineer: the breakpoints are on kernel
 * instructions never executed in hot kernel code pages (the pages with most decoded instructions in a
 * first free boot, at the first word of each never decoded, by its kernel VA); the watchpoints are on
 * writes to two more such words; the catches are an exception taken to EL3, and an HVC and a data abort
 * from VMID 5 taken to EL2 (no VM runs during the boot). A boot that stops on one of them is an error.
 */
final class BenchDebug {
    static final String HELP = """
            usage: el2studio bench debug [--kernel IMAGE] [--initrd CPIO] [--cpu max|cortex-a57] [--smp N]
                                         [--memory SIZE] [--repeat N] [--checks LIST]
            Boots Linux with the busybox initramfs to the shell prompt through the control API, free and with
            10 breakpoints, 2 watchpoints and 3 exception catches that never hit (alternately, N times each,
            default 2), and prints the times and the ratio debug / free of the best speeds. --checks takes a
            comma-separated subset of breakpoints, watchpoints, catches (default: all three). Defaults as for
            bench linux.
            """;

    private BenchDebug() {
    }

    /** A boot: wall seconds, CPU seconds of the simulation thread (0 when the JVM cannot tell), instructions. */
    private record Boot(double seconds, double cpuSeconds, long instructions, VirtBoard board) {
        double mips() {
            return instructions / seconds / 1e6;
        }

        /** MIPS by the simulation thread's CPU time: what the other processes of a busy host disturb least. */
        double cpuMips() {
            return cpuSeconds > 0 ? instructions / cpuSeconds / 1e6 : mips();
        }
    }

    static int execute(PrintStream out, List<String> argList) throws UsageError {
        String cache = System.getenv("EL2STUDIO_WORKLOADS");
        Path dir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache/el2studio/workloads");
        Path kernel = dir.resolve("Image"), initrd = dir.resolve("initramfs.cpio.gz");
        CpuProfile profile = CpuProfile.max();
        int smp = 2, repeat = 2;
        List<String> checks = List.of("breakpoints", "watchpoints", "catches");
        long memory = 128L << 20;
        Args args = new Args(argList);
        while (args.more()) {
            Args.Option o = args.nextOption();
            String opt = o.opt();
            switch (opt) {
                case "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--kernel" -> kernel = Path.of(args.value(o));
                case "--initrd" -> initrd = Path.of(args.value(o));
                case "--cpu" -> {
                    try {
                        profile = CpuProfile.named(args.value(o));
                    } catch (IllegalArgumentException e) {
                        throw new UsageError("option --cpu: " + e.getMessage());
                    }
                }
                case "--smp" -> smp = (int) Args.number(opt, args.value(o), 1, 8);
                case "--memory" -> memory = Args.size(opt, args.value(o));
                case "--repeat" -> repeat = (int) Args.number(opt, args.value(o), 1, 20);
                case "--checks" -> {
                    List<String> l = List.of(args.value(o).split(","));
                    for (String k : l) {
                        if (!checks.contains(k)) {
                            throw new UsageError("--checks takes breakpoints, watchpoints or catches, not '" + k + "'");
                        }
                    }
                    checks = l;
                }
                default -> throw new UsageError("unexpected argument '" + o.arg() + "' (try: el2studio bench debug --help)");
            }
        }
        BootLoader.Images images = new BootLoader.Images(kernel.toString(), BenchLinux.read(kernel), initrd.toString(),
                BenchLinux.read(initrd), null, null, "console=ttyAMA0", 0);
        VirtBoard.Config config = new VirtBoard.Config(profile, smp, memory, 2);

        Boot first = boot(config, images, sim -> { });
        List<Long> words = neverExecuted(first.board, 12);
        List<Debug.Breakpoint> bps = new ArrayList<>();
        for (long va : words.subList(0, 10)) {
            bps.add(Debug.Breakpoint.va(va));
        }
        List<Debug.Watchpoint> wps = List.of(new Debug.Watchpoint(Debug.Space.VA, words.get(10), 8, Debug.Access.WRITE),
                new Debug.Watchpoint(Debug.Space.VA, words.get(11), 8, Debug.Access.WRITE));
        List<Debug.ExceptionCatch> catches = List.of(new Debug.ExceptionCatch(1 << 3, -1, -1),
                new Debug.ExceptionCatch(1 << 2, 0x16, 5), new Debug.ExceptionCatch(1 << 2, 0x24, 5));
        out.printf("bench debug: breakpoints at %s; write watchpoints at 0x%x, 0x%x (8 bytes); catches: any exception"
                + " to EL3, HVC and data abort from VMID 5 to EL2%n", hex(words.subList(0, 10)), words.get(10), words.get(11));
        double bestFree = 0, bestDebug = 0, bestFreeCpu = 0, bestDebugCpu = 0;
        for (int i = 0; i < repeat; i++) {
            Boot free = boot(config, images, sim -> { });
            List<String> on = checks;
            Boot debug = boot(config, images, sim -> {
                if (on.contains("breakpoints")) {
                    bps.forEach(sim::addBreakpoint);
                }
                if (on.contains("watchpoints")) {
                    wps.forEach(sim::addWatchpoint);
                }
                if (on.contains("catches")) {
                    catches.forEach(sim::addExceptionCatch);
                }
            });
            out.printf("bench debug: run %d: free %d instructions in %.2f s (thread CPU %.2f s), with the checks %d"
                    + " instructions in %.2f s (thread CPU %.2f s)%n", i + 1, free.instructions, free.seconds, free.cpuSeconds,
                    debug.instructions, debug.seconds, debug.cpuSeconds);
            bestFree = Math.max(bestFree, free.mips());
            bestDebug = Math.max(bestDebug, debug.mips());
            bestFreeCpu = Math.max(bestFreeCpu, free.cpuMips());
            bestDebugCpu = Math.max(bestDebugCpu, debug.cpuMips());
        }
        out.printf("bench debug: %s, %d PE(s), with %s against none: best wall time %.1f / %.1f MIPS = %.2fx, best thread"
                + " CPU time %.1f / %.1f MIPS = %.2fx%n", profile.name(), smp, checks.size() == 3
                        ? "10 breakpoints, 2 watchpoints and 3 exception catches" : String.join(", ", checks),
                bestDebug, bestFree, bestDebug / bestFree, bestDebugCpu, bestFreeCpu, bestDebugCpu / bestFreeCpu);
        return 0;
    }

    private static String hex(List<Long> l) {
        StringBuilder b = new StringBuilder();
        for (long v : l) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format("0x%x", v));
        }
        return b.toString();
    }

    /** Boots to the prompt through a Simulation set up by {@code setUp}; the stop must be the bench's own. */
    private static Boot boot(VirtBoard.Config config, BootLoader.Images images, java.util.function.Consumer<Simulation> setUp)
            throws UsageError {
        StringBuilder console = new StringBuilder();
        AtomicReference<Simulation> sim = new AtomicReference<>();
        VirtBoard board = new VirtBoard(config, b -> {
            console.append((char) (b & 0xFF));
            if (b == ' ' && console.length() >= BenchLinux.PROMPT.length()
                    && console.lastIndexOf(BenchLinux.PROMPT) == console.length() - BenchLinux.PROMPT.length()) {
                sim.get().stop(); // on the simulation thread: it stops at the end of this slice of the PE's run
            }
        }, line -> { });
        board.setInput(() -> -1);
        try {
            BootLoader.load(board, images);
        } catch (ImageException e) {
            throw new UsageError(e.getMessage());
        }
        try (Simulation s = new Simulation(board)) {
            sim.set(s);
            setUp.accept(s);
            s.setInstructionBudget(20_000_000_000L);
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long thread = s.call(b -> Thread.currentThread().threadId(), 5000);
            long c0 = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread) : -1;
            long t0 = System.nanoTime();
            StopReason r = s.awaitStopAfter(s.run(), 30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = c0 >= 0 ? (mx.getThreadCpuTime(thread) - c0) / 1e9 : 0;
            if (r == null || r.kind() != StopKind.USER || !console.toString().contains(BenchLinux.PROMPT)) {
                String tail = console.substring(Math.max(0, console.length() - 1000));
                throw new UsageError("the boot did not reach the shell prompt: " + (r == null ? "no stop" : r.kind() + ": "
                        + r.detail()) + "; console ends with:\n" + tail);
            }
            return new Boot(seconds, cpu, board.instructions(), board);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageError("interrupted");
        }
    }

    /**
     * Kernel VAs of {@code n} instructions never executed, each in a different kernel code page, the
     * pages with most decoded words first: the kernel's VA of a page is found from its vector table
     * (VBAR_EL2 under VHE, else VBAR_EL1), whose image mapping is linear.
     */
    private static List<Long> neverExecuted(VirtBoard board, int n) throws UsageError {
        Cpu c = board.cpu(0);
        int el = (c.hcrEl2 & El2Regs.HCR_E2H) != 0 ? 2 : 1;
        MmuRegs regs = MmuRegs.of(c, Regime.of(c, el));
        long vbar = c.vbar[el];
        Walker.Result v = Walker.debugTranslate(c.bus, regs, vbar, Cpu.READ);
        if (!v.ok()) {
            throw new UsageError(String.format("the kernel's vector table at 0x%x does not translate", vbar));
        }
        long offset = vbar - v.entry().pa(vbar);
        long base = c.bus.ram.base, size = c.bus.ram.size();
        List<long[]> pages = new ArrayList<>(); // {pa, decoded words}
        for (long pa = base; pa < base + size; pa += 0x1000) {
            int d = board.decodeCache.decodedWords(pa);
            if (d > 0 && d < 1024) {
                Walker.Result r = Walker.debugTranslate(c.bus, regs, pa + offset, Cpu.READ);
                if (r.ok() && r.entry().pa(pa + offset) == pa) {
                    pages.add(new long[] {pa, d});
                }
            }
        }
        pages.sort((a, b) -> Long.compare(b[1], a[1]));
        List<Long> out = new ArrayList<>();
        for (long[] p : pages) {
            for (long pa = p[0]; pa < p[0] + 0x1000; pa += 4) {
                if (!board.decodeCache.decoded(pa)) {
                    out.add(pa + offset);
                    break;
                }
            }
            if (out.size() == n) {
                return out;
            }
        }
        throw new UsageError("fewer than " + n + " kernel code pages found after the boot");
    }
}
