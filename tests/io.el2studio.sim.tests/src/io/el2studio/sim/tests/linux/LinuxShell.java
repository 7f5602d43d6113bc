package io.el2studio.sim.tests.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;

/**
 * Drives Debian's kernel with our initramfs on the virt board as a person at the serial console
 * would (and as tools/workloads/qemu-boot drives QEMU): boots, waits for the busybox prompt
 * {@code el2studio# }, types the commands into the PL011's receive FIFO, and runs until the guest
 * powers the board off (PSCI SYSTEM_OFF), an instruction budget is spent, or a stop line is printed.
 * No wall-clock timing decides anything: the budget is in instructions.
 */
final class LinuxShell {
    static final String PROMPT = "el2studio# ";

    /** One run: UART transcript, instructions at the prompt (-1: never) and in all, shutdown status (-1: none). */
    record Result(String transcript, long promptAt, long instructions, long millis, int status, String where) {
    }

    private LinuxShell() {
    }

    /**
     * Boots {@code image} and {@code initrd} with {@code append} on a virt board ({@code profile},
     * {@code smp} PEs, {@code ram} bytes, EL2). Once the prompt is printed, {@code commands} (one line,
     * null: none) are typed. Stops on shutdown, after {@code budget} instructions, or once a complete
     * transcript line contains {@code stopAt} (null: never).
     */
    static Result run(Path image, Path initrd, CpuProfile profile, int smp, long ram, String append, String commands,
            long budget, String stopAt) throws Exception {
        ByteArrayOutputStream uart = new ByteArrayOutputStream();
        List<String> diagnostics = new ArrayList<>();
        VirtBoard board = new VirtBoard(new VirtBoard.Config(profile, smp, ram, 2), uart::write, diagnostics::add);
        if (Boolean.getBoolean("linuxshell.trace")) {
            board.addListener(new Tracer(board));
        }
        ArrayDeque<Integer> typed = new ArrayDeque<>();
        board.setInput(() -> typed.isEmpty() ? -1 : typed.poll());
        BootLoader.load(board, new BootLoader.Images(image.toString(), Files.readAllBytes(image), initrd.toString(),
                Files.readAllBytes(initrd), null, null, append, 0));
        long t0 = System.nanoTime();
        long promptAt = -1;
        int scanned = 0;
        while (board.instructions() < budget && board.shutdown() == null && board.anyOn()) {
            long k = board.advance(Math.min(sampler != null ? 20_000 : 1_000_000, budget - board.instructions()));
            String t = uart.toString(StandardCharsets.ISO_8859_1);
            if (sampler != null) {
                sampler.accept(board, t);
            }
            if (promptAt < 0 && t.contains(PROMPT)) {
                promptAt = board.instructions();
                if (commands != null) {
                    for (byte b : (commands + "\n").getBytes(StandardCharsets.ISO_8859_1)) {
                        typed.add(b & 0xFF);
                    }
                }
            }
            if (stopAt != null) {
                int i = t.indexOf(stopAt, Math.max(0, scanned - stopAt.length()));
                if (i >= 0 && t.indexOf('\n', i) >= 0) {
                    break;
                }
                scanned = t.length();
            }
            if (k == 0 && typed.isEmpty()) {
                break; // every PE sleeps and nothing but input could wake them: the guest waits for more
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        StringBuilder where = new StringBuilder();
        for (Cpu c : board.cpus) {
            where.append(String.format("PE%d %s EL%d pc=0x%x instr=%d sleeping=%d%n", c.index,
                    board.isOn(c.index) ? "on" : "off", c.el, c.pc, c.instructionCount, c.sleeping));
        }
        VirtBoard.Shutdown s = board.shutdown();
        if (s != null) {
            where.append("shutdown: ").append(s).append('\n');
        }
        for (String d : diagnostics.subList(0, Math.min(20, diagnostics.size()))) {
            where.append("diag: ").append(d).append('\n');
        }
        return new Result(uart.toString(StandardCharsets.ISO_8859_1), promptAt, board.instructions(), ms,
                s == null ? -1 : s.status(), where.toString());
    }

    /**
     * The same through the command line's runner ({@code el2studio run --machine virt}: HeadlessRun),
     * whose standard input is the UART: {@code commands} are written to it once the prompt is printed.
     * Returns the runner's result with the transcript.
     */
    static Headless runHeadless(Path image, Path initrd, CpuProfile profile, int smp, long ram, String append,
            String commands, long budget) throws Exception {
        java.util.concurrent.LinkedBlockingQueue<Integer> typed = new java.util.concurrent.LinkedBlockingQueue<>();
        java.io.InputStream in = new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                try {
                    return typed.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        };
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        int[] matched = new int[1]; // characters of PROMPT just seen; -1 once the commands are typed
        java.io.OutputStream uart = new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                transcript.write(b);
                if (matched[0] < 0) {
                    return;
                }
                matched[0] = (b & 0xFF) == PROMPT.charAt(matched[0]) ? matched[0] + 1 : (b & 0xFF) == PROMPT.charAt(0) ? 1 : 0;
                if (matched[0] == PROMPT.length()) {
                    matched[0] = -1;
                    for (byte c : (commands + "\n").getBytes(StandardCharsets.ISO_8859_1)) {
                        typed.add(c & 0xFF);
                    }
                }
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        io.el2studio.sim.control.HeadlessRun.Result r = io.el2studio.sim.control.HeadlessRun.run(
                new io.el2studio.sim.control.HeadlessRun.Options(profile, smp, ram, 2, image, initrd, null, append, 0,
                        budget, null),
                in, new java.io.PrintStream(uart, true, StandardCharsets.ISO_8859_1),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        typed.add(-1);
        String t;
        synchronized (uart) {
            t = transcript.toString(StandardCharsets.ISO_8859_1);
        }
        return new Headless(r, t, err.toString(StandardCharsets.UTF_8));
    }

    /** A run of {@link #runHeadless}: the runner's result, the UART transcript, the runner's messages. */
    record Headless(io.el2studio.sim.control.HeadlessRun.Result result, String transcript, String messages) {
    }

    /** The initramfs of tools/workloads/mkinitramfs (busybox, init, /kvmtest), built once per JVM. */
    static synchronized Path initramfs(Workloads w) throws Exception {
        if (built == null) {
            Path dir = Files.createTempDirectory("el2studio-initramfs");
            dir.toFile().deleteOnExit();
            Path out = dir.resolve("initramfs.cpio.gz");
            w.mkinitramfs(out);
            out.toFile().deleteOnExit();
            built = out;
        }
        return built;
    }

    private static Path built;

    /** For profiling from {@link #main}: called after each slice of the run with the transcript so far. */
    static java.util.function.BiConsumer<VirtBoard, String> sampler;

    /**
     * {@code -Dlinuxshell.trace=true}: prints each UNDEFINED (EC 0x00) exception with the word at its
     * ELR, preceded by the last exception entries and returns of that PE.
     */
    private static final class Tracer implements io.el2studio.sim.board.BoardListener {
        private final VirtBoard board;
        private final ArrayDeque<String>[] recent;

        @SuppressWarnings("unchecked")
        Tracer(VirtBoard board) {
            this.board = board;
            this.recent = new ArrayDeque[board.cpus.size()];
            for (int i = 0; i < recent.length; i++) {
                recent[i] = new ArrayDeque<>();
            }
        }

        private void note(Cpu cpu, String s) {
            ArrayDeque<String> q = recent[cpu.index];
            q.add(s);
            if (q.size() > 12) {
                q.poll();
            }
        }

        private long word(Cpu cpu, long va) {
            io.el2studio.sim.mmu.Walker.Result w = io.el2studio.sim.mmu.Walker.debugTranslate(cpu, va);
            return w.ok() ? board.bus.read(w.entry().pa(va), 4) : -1;
        }

        @Override
        public void exceptionTaken(Cpu cpu, int fromEl, int toEl, int kind) {
            long esr = cpu.esr[toEl];
            String s = String.format("PE%d take kind %d EL%d->EL%d esr=0x%x elr=0x%x spsr=0x%x far=0x%x vbar=0x%x at %d",
                    cpu.index, kind, fromEl, toEl, esr, cpu.elr[toEl], cpu.spsr[toEl], cpu.far[toEl], cpu.vbar[toEl],
                    cpu.instructionCount);
            note(cpu, s);
            if (kind == 0 && (esr >>> 26) == 0) {
                System.err.printf("UNDEFINED word 0x%08x at 0x%x; recent on PE%d:%n", word(cpu, cpu.elr[toEl]),
                        cpu.elr[toEl], cpu.index);
                recent[cpu.index].forEach(l -> System.err.println("  " + l));
            }
        }

        @Override
        public void exceptionReturned(Cpu cpu, int fromEl) {
            note(cpu, String.format("PE%d eret from EL%d to EL%d pc=0x%x at %d", cpu.index, fromEl, cpu.el, cpu.pc,
                    cpu.instructionCount));
        }
    }

    /**
     * For debugging: {@code LinuxShell [max|cortex-a57 [budget [commands [stopAt]]]]} with the cached
     * workloads; prints the transcript, the instructions at the prompt and in all, and the wall time.
     */
    public static void main(String[] args) throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".cache/el2studio/workloads");
        CpuProfile p = args.length > 0 && args[0].equals("cortex-a57") ? CpuProfile.cortexA57() : CpuProfile.max();
        long budget = args.length > 1 ? Long.parseLong(args[1]) : 4_000_000_000L;
        String cmds = args.length > 2 ? args[2] : "uname -a; /kvmtest; poweroff -f";
        String stop = args.length > 3 ? args[3] : null;
        String window = System.getProperty("linuxshell.profile"); // "from line|to line": PC histogram between them
        java.util.Map<Long, Integer> hist = new java.util.HashMap<>();
        if (window != null) {
            String[] w = window.split("\\|");
            sampler = (b, t) -> {
                if (t.contains(w[0]) && !t.contains(w[1])) {
                    for (Cpu c : b.cpus) {
                        if (c.sleeping == 0) {
                            hist.merge(c.pc & ~0x3FL, 1, Integer::sum);
                        }
                    }
                }
            };
        }
        Result r = run(cache.resolve("Image"), cache.resolve("initramfs.cpio.gz"), p, 2, 128L << 20,
                "console=ttyAMA0", cmds, budget, stop);
        System.out.println(r.transcript());
        System.out.printf("---- prompt at %,d instructions; %,d in all; %d ms; status %d%n%s", r.promptAt(),
                r.instructions(), r.millis(), r.status(), r.where());
        hist.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40)
                .forEach(e -> System.out.printf("  0x%x %d%n", e.getKey(), e.getValue()));
    }
}
