package io.el2studio.sim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageException;

/**
 * {@code el2studio bench linux}: boots Debian's arm64 kernel with the busybox initramfs of
 * tools/workloads on the virt board at EL2 (as {@code run --machine virt --smp 2 --initrd ...
 * --append console=ttyAMA0}) until the shell prints its prompt, and reports the wall time and the
 * instructions. {@code tools/workloads/qemu-boot} times the same boot on QEMU
 * ({@code BOOT-TO-PROMPT-SECONDS}).
 */
final class BenchLinux {
    static final String HELP = """
            usage: el2studio bench linux [--kernel IMAGE] [--initrd CPIO] [--cpu max|cortex-a57] [--smp N]
                                         [--memory SIZE] [--append ARGS] [--max-insns N] [--echo]
            Boots Linux with the busybox initramfs to the shell prompt "el2studio# " and prints the time.
            Defaults: Image and initramfs.cpio.gz of $EL2STUDIO_WORKLOADS (~/.cache/el2studio/workloads,
            made by tools/workloads/fetch and mkinitramfs), max, 2 PEs, 128M, "console=ttyAMA0".
            With --echo the guest's console output is copied to standard output.
            """;
    static final String PROMPT = "el2studio# ";

    private BenchLinux() {
    }

    static int execute(PrintStream out, List<String> argList) throws UsageError {
        String cache = System.getenv("EL2STUDIO_WORKLOADS");
        Path dir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache/el2studio/workloads");
        Path kernel = dir.resolve("Image"), initrd = dir.resolve("initramfs.cpio.gz");
        CpuProfile profile = CpuProfile.max();
        int smp = 2;
        long memory = 128L << 20, maxInsns = 20_000_000_000L;
        String append = "console=ttyAMA0";
        boolean echo = false;
        Args args = new Args(argList);
        while (args.more()) {
            Args.Option o = args.nextOption();
            String a = o.arg(), opt = o.opt();
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
                case "--append" -> append = args.value(o);
                case "--max-insns" -> maxInsns = Args.number(opt, args.value(o), 1, Long.MAX_VALUE);
                case "--echo" -> echo = true;
                default -> throw new UsageError("unexpected argument '" + a + "' (try: el2studio bench linux --help)");
            }
        }
        byte[] k = read(kernel), rd = read(initrd);
        StringBuilder console = new StringBuilder();
        boolean copy = echo;
        VirtBoard board = new VirtBoard(new VirtBoard.Config(profile, smp, memory, 2), b -> {
            console.append((char) (b & 0xFF));
            if (copy) {
                out.write(b);
            }
        }, line -> out.println("el2studio: " + line));
        board.setInput(() -> -1);
        try {
            BootLoader.load(board, new BootLoader.Images(kernel.toString(), k, initrd.toString(), rd, null, null, append, 0));
        } catch (ImageException e) {
            throw new UsageError(e.getMessage());
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
        long c0 = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
        long t0 = System.nanoTime();
        int scanned = 0;
        boolean prompt = false;
        while (board.instructions() < maxInsns && board.shutdown() == null && board.anyOn()) {
            long n = board.advance(Math.min(1_000_000, maxInsns - board.instructions()));
            if (console.indexOf(PROMPT, Math.max(0, scanned - PROMPT.length())) >= 0) {
                prompt = true;
                break;
            }
            scanned = console.length();
            if (n == 0) {
                break; // every PE sleeps with nothing to wake it
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuTime ? (mx.getCurrentThreadCpuTime() - c0) / 1e9 : 0;
        out.flush();
        if (!prompt) {
            String tail = console.substring(Math.max(0, console.length() - 2000));
            throw new UsageError(String.format("no shell prompt after %d instructions (%s); console ends with:%n%s",
                    board.instructions(), board.shutdown() != null ? board.shutdown().reason() : "still running", tail));
        }
        long n = board.instructions();
        String cpuText = cpu > 0 ? String.format(" (thread CPU time %.2f s: %.1f MIPS)", cpu, n / cpu / 1e6) : "";
        out.printf("bench linux: %s, %d PE(s): shell prompt after %d instructions in %.2f s%s: %.1f MIPS%n",
                profile.name(), smp, n, s, cpuText, n / s / 1e6);
        out.printf("BOOT-TO-PROMPT-SECONDS: %.1f%n", s);
        return 0;
    }

    static byte[] read(Path p) throws UsageError {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UsageError("cannot read " + p + " (run tools/workloads/fetch and tools/workloads/mkinitramfs): "
                    + e.getMessage());
        }
    }
}
