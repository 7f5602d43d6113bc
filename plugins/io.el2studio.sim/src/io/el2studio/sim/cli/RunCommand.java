package io.el2studio.sim.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.loader.ImageLoader;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.machine.SemihostingConsole;

/**
 * {@code el2studio run}: loads an image on QEMU's virt board (the default, as
 * {@code qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -kernel IMAGE} with semihosting on)
 * or on the semihosting-only mini machine, and runs it to PSCI SYSTEM_OFF, its semihosting exit, a
 * crash or a limit. Every problem with the command line or an input file is one line on stderr and
 * exit status 2, found before the guest runs.
 */
final class RunCommand {
    static final long RAM_BASE = 0x4000_0000L;

    static final String HELP = """
            usage: el2studio run [options] IMAGE
            Runs an AArch64 image on QEMU 7.2's virt board (-M virt,virtualization=on,gic-version=3): RAM at
            0x40000000, a PL011 at 0x09000000 (transmits to stdout, receives from stdin), GICv3, generic
            timers, PSCI 1.1 and a generated device tree. The image is loaded as QEMU's -kernel loads it: an
            ELF64 file by its PT_LOAD segments, an arm64 Linux Image at RAM + text_offset with the device tree
            address in X0, anything else as a raw binary at 0x40000000. PE 0 starts at the entry point at EL2
            with the MMU off. Arm semihosting (HLT #0xF000) is on, so bare-metal programs that print and exit
            through it run unchanged (stdin goes to the PL011: semihosting reads see end of file; use
            --machine mini for a program that reads stdin through semihosting). Virtual time follows the
            instruction count (runs reproduce) and jumps ahead when every PE sleeps in WFI/WFE waiting for a
            timer.
            Exit status: 0 on PSCI SYSTEM_OFF (or SYSTEM_RESET, which ends the run), the guest's semihosting
            exit status, 1 if the guest crashed (an exception with no vector in RAM), 124 on --timeout or
            --max-insns, 2 for a usage or input error (one line on stderr).
            options:
              --machine NAME      virt (default), or mini (RAM at 0x40000000 and semihosting only, one PE
                                  started at EL1: no UART, GIC, timers or PSCI)
              --cpu PROFILE       max (default) or cortex-a57
              --smp N             number of PEs (1..8, default 1); PE 0 starts, the others wait for PSCI
                                  CPU_ON (only PE 0 runs on the mini machine)
              --memory SIZE       RAM size, e.g. 128M (default), 1G; a bare number is MiB (at most 2047M)
              --el 3|2|1          exception level to start in: 2 (default, PSCI by SMC), 1 (PSCI by HVC) or
                                  3 (no built-in PSCI: the guest is the firmware); mini: 1 only
              --timeout SECONDS   stop after this wall-clock time (status 124)
              --max-insns N       stop after N instructions in total (status 124)
              --idle-sleep        while every PE sleeps in WFI/WFE, let virtual time follow the wall clock
                                  instead of jumping ahead (as QEMU's -icount sleep=on): a guest's sleep 5
                                  lasts 5 s; busy phases still run at full speed, and a run without input
                                  reaches the same virtual times as without the option
              --stats             print instructions, MIPS, virtual time and idle jumps, and exceptions
                                  by class on stderr at the end
              --semihosting       enable Arm semihosting (on by default; accepted for QEMU users)
              --append STRING     the kernel command line: /chosen bootargs; SYS_GET_CMDLINE returns
                                  "IMAGE STRING"
              --initrd FILE       an initial RAM disk, placed and named in /chosen as QEMU does
              --dtb FILE          this device tree instead of the generated one (/chosen updated)
              --trace-traps FILE  one JSON object per line for each exception taken to EL2 or EL3
              --gdb [HOST:]PORT   serve the GDB remote protocol on HOST (default 127.0.0.1), PORT; the
                                  guest runs at once, and stops when gdb connects
              --wait-gdb          with --gdb: start stopped, and run only when gdb resumes the guest
              --help              this text
            """;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    /** A client above the simulator that drives the run (el2studio debug), or null. */
    private final HeadlessRun.Debugger client;

    RunCommand(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, null);
    }

    /** {@code run}'s options and images with {@code client} attached before the guest starts, on the virt board. */
    RunCommand(InputStream in, PrintStream out, PrintStream err, HeadlessRun.Debugger client) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.client = client;
    }

    /** The options of one {@code run} command line, checked as far as they can be before anything is loaded. */
    static final class Parsed {
        String image;
        String machine = "virt";
        CpuProfile profile = CpuProfile.max();
        int smp = 1;
        long memory = 128L << 20;
        int el = 2;
        double timeout;
        long maxInsns = Long.MAX_VALUE;
        boolean stats;
        String append;
        String initrd, dtb, traceTraps;
        boolean elGiven;
        String gdb;
        boolean waitGdb;
        boolean idleSleep;
        boolean help;

        /** The virt board's options (io.el2studio.sim.control.HeadlessRun), after the virt-only checks. */
        HeadlessRun.Options virtOptions() throws UsageError {
            if (memory > Integer.MAX_VALUE - 8) {
                throw new UsageError("option --memory: the virt machine has at most 2047M of RAM");
            }
            if (image == null) {
                throw new UsageError("no IMAGE given (try: el2studio run --help)");
            }
            if (gdb != null) {
                try {
                    io.el2studio.sim.gdb.GdbServer.address(gdb);
                } catch (java.io.IOException e) {
                    throw new UsageError("option --gdb: " + e.getMessage());
                }
            }
            try {
                return new HeadlessRun.Options(profile, smp, memory, el, Path.of(image),
                        initrd == null ? null : Path.of(initrd), dtb == null ? null : Path.of(dtb), append, timeout, maxInsns,
                        traceTraps == null ? null : Path.of(traceTraps), idleSleep);
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageError("invalid path: " + e.getInput());
            }
        }
    }

    /** Reads a {@code run} command line; every problem is a UsageError with the one-line message. */
    static Parsed parse(List<String> argList) throws UsageError {
        Args args = new Args(argList);
        Parsed p = new Parsed();
        while (args.more()) {
            String a = args.next();
            if (!a.startsWith("--") || a.equals("--")) {
                if (a.equals("--")) {
                    if (!args.more()) {
                        throw new UsageError("missing IMAGE after --");
                    }
                    a = args.next();
                } else if (a.startsWith("-") && a.length() > 1) {
                    throw new UsageError("unknown option '" + a + "' (try: el2studio run --help)");
                }
                if (p.image != null) {
                    throw new UsageError("more than one IMAGE given ('" + p.image + "' and '" + a + "')");
                }
                p.image = a;
                continue;
            }
            int eq = a.indexOf('=');
            String opt = eq < 0 ? a : a.substring(0, eq);
            String inline = eq < 0 ? null : a.substring(eq + 1);
            switch (opt) {
                case "--help" -> p.help = noValue(opt, inline);
                case "--machine" -> p.machine = args.value(opt, inline);
                case "--cpu" -> {
                    String v = args.value(opt, inline);
                    try {
                        p.profile = CpuProfile.named(v);
                    } catch (IllegalArgumentException e) {
                        throw new UsageError("option --cpu: " + e.getMessage());
                    }
                }
                case "--smp" -> p.smp = (int) Args.number(opt, args.value(opt, inline), 1, 8);
                case "--memory" -> p.memory = Args.size(opt, args.value(opt, inline));
                case "--el" -> {
                    p.el = (int) Args.number(opt, args.value(opt, inline), 1, 3);
                    p.elGiven = true;
                }
                case "--initrd" -> p.initrd = Args.file(opt, args.value(opt, inline));
                case "--dtb" -> p.dtb = Args.file(opt, args.value(opt, inline));
                case "--trace-traps" -> p.traceTraps = Args.outputFile(opt, args.value(opt, inline));
                case "--timeout" -> p.timeout = Args.seconds(opt, args.value(opt, inline));
                case "--max-insns" -> p.maxInsns = Args.number(opt, args.value(opt, inline), 1, Long.MAX_VALUE);
                case "--stats" -> p.stats = noValue(opt, inline);
                case "--idle-sleep" -> p.idleSleep = noValue(opt, inline);
                case "--semihosting" -> noValue(opt, inline);
                case "--append" -> p.append = args.value(opt, inline);
                case "--gdb" -> p.gdb = args.value(opt, inline);
                case "--wait-gdb" -> p.waitGdb = noValue(opt, inline);
                default -> throw new UsageError("unknown option '" + a + "' (try: el2studio run --help)");
            }
            if (p.help) {
                return p;
            }
        }
        if (!p.machine.equals("mini") && !p.machine.equals("virt")) {
            throw new UsageError("option --machine: unknown machine '" + p.machine + "' (known: mini, virt)");
        }
        if (p.waitGdb && p.gdb == null) {
            throw new UsageError("option --wait-gdb needs --gdb [HOST:]PORT");
        }
        try {
            if (p.image != null && Files.isDirectory(Path.of(p.image))) {
                throw new UsageError("cannot load image '" + p.image + "': is a directory");
            }
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError("cannot load image '" + p.image + "': invalid path");
        }
        if (p.gdb != null && !p.machine.equals("virt")) {
            throw new UsageError("option --gdb needs --machine virt");
        }
        return p;
    }

    int execute(List<String> argList) throws UsageError {
        Parsed p = parse(argList);
        if (p.help) {
            out.print(HELP);
            return 0;
        }
        if (client != null && (p.gdb != null || !p.machine.equals("virt"))) {
            throw new UsageError(p.gdb != null ? "option --gdb: the debugger is already attached" : "needs --machine virt");
        }
        String image = p.image;
        String initrd = p.initrd, dtb = p.dtb, traceTraps = p.traceTraps;
        if (p.machine.equals("virt")) {
            return runVirt(p);
        }
        String virtOnly = initrd != null ? "--initrd" : dtb != null ? "--dtb" : traceTraps != null ? "--trace-traps"
                : p.idleSleep ? "--idle-sleep" : null;
        if (virtOnly != null) {
            throw new UsageError("option " + virtOnly + " needs --machine virt");
        }
        if (p.elGiven && p.el != 1) {
            throw new UsageError("option --el " + p.el + ": the mini machine starts at EL1 only (--machine virt starts at EL"
                    + p.el + ")");
        }
        int el = 1;
        if (p.memory > Integer.MAX_VALUE - 8) {
            throw new UsageError("option --memory: the mini machine has at most 2047M of RAM");
        }
        if (image == null) {
            throw new UsageError("no IMAGE given (try: el2studio run --help)");
        }

        MiniMachine m = new MiniMachine(p.profile, RAM_BASE, p.memory, p.smp);
        ImageLoader.Loaded loaded;
        try {
            loaded = ImageLoader.load(Path.of(image), m.bus);
        } catch (ImageException e) {
            throw new UsageError(describe(e, initrd, dtb, traceTraps));
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError("cannot load image '" + image + "': invalid path");
        }
        SemihostingConsole console = console(m, loaded, in, out, err,
                p.append == null ? image : image + " " + p.append);
        BareMetalRun.Result r = new BareMetalRun(m, console).maxInstructions(p.maxInsns).timeoutSeconds(p.timeout)
                .run(loaded.entry(), el);
        if (r.outcome() != BareMetalRun.Outcome.EXITED) {
            err.println("el2studio run: " + r.message());
        }
        if (p.stats) {
            printStats(r, err);
        }
        return r.exitCode();
    }

    /** {@code --machine virt}: the virt board through the control API (io.el2studio.sim.control.HeadlessRun). */
    private int runVirt(Parsed p) throws UsageError {
        HeadlessRun.Options o = p.virtOptions();
        String gdb = p.gdb;
        boolean waitGdb = p.waitGdb;
        HeadlessRun.Result r;
        try {
            HeadlessRun.Debugger debugger = gdb == null ? client : sim -> {
                io.el2studio.sim.gdb.GdbServer s = io.el2studio.sim.gdb.GdbServer.start(sim, gdb, waitGdb,
                        line -> err.println("el2studio: " + line));
                err.println("el2studio: GDB server on " + io.el2studio.sim.gdb.GdbServer.address(gdb).getAddress().getHostAddress()
                        + ":" + s.port() + (waitGdb ? ", waiting for gdb to resume the guest" : ""));
                return s;
            };
            r = HeadlessRun.run(o, in, out, err, debugger);
        } catch (ImageException e) {
            throw new UsageError(describe(e, p.initrd, p.dtb, p.traceTraps));
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError("invalid path: " + e.getInput());
        }
        if (client == null && !r.message().startsWith("PSCI SYSTEM_OFF") && !r.message().startsWith("exited with status")) {
            err.println("el2studio run: " + r.message());
        }
        if (p.stats) {
            HeadlessRun.printStats(r, err);
        }
        return r.status();
    }

    /** An input file problem as one line that says which input it is (the kernel image, --initrd, --dtb). */
    static String describe(ImageException e, String initrd, String dtb, String traceTraps) {
        if (e.file().equals(traceTraps)) {
            return "option --trace-traps: " + e.problem() + " ('" + traceTraps + "')";
        }
        if (e.file().equals(initrd)) {
            return "cannot load --initrd " + e.getMessage();
        }
        if (e.file().equals(dtb)) {
            return "cannot load --dtb " + e.getMessage();
        }
        if (e.file().startsWith("--")) {
            return "option " + e.file() + ": " + e.problem();
        }
        if (e.file().equals("generated device tree")) {
            return "cannot place the generated device tree: " + e.problem();
        }
        return "cannot load image " + e.getMessage();
    }

    private static boolean noValue(String opt, String inline) throws UsageError {
        if (inline != null) {
            throw new UsageError("option " + opt + " takes no value (got '" + opt + "=" + inline + "')");
        }
        return true;
    }

    /** The semihosting console of a bare-metal run: heap from the image's end, stack at the top of RAM. */
    static SemihostingConsole console(MiniMachine m, ImageLoader.Loaded loaded, InputStream in, PrintStream out,
            PrintStream err, String cmdline) {
        long top = m.bus.ram.base + m.bus.ram.size();
        long heap = (loaded.high() + 0xFFF) & ~0xFFFL;
        long stackLimit = Math.max(heap, top - (1L << 20));
        return new SemihostingConsole(in, out, err).commandLine(cmdline).heapInfo(heap, stackLimit, top, stackLimit)
                .terminal(in == System.in && isTerminal());
    }

    /** True when this process talks to a terminal (Console.isTerminal from Java 22, else Console presence). */
    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;
        }
    }

    static void printStats(BareMetalRun.Result r, PrintStream err) {
        err.printf("instructions: %d%n", r.instructions());
        err.printf("time: %.3f s%n", r.seconds());
        err.printf("MIPS: %.1f%n", r.mips());
        if (r.cpuSeconds() > 0) {
            err.printf("thread CPU time: %.3f s (%.1f MIPS)%n", r.cpuSeconds(), r.cpuMips());
        }
        if (r.exceptionsByClass().isEmpty()) {
            err.println("exceptions: none");
        }
        for (Map.Entry<Integer, Long> e : r.exceptionsByClass().entrySet()) {
            err.printf("exceptions EC 0x%02x (%s): %d%n", e.getKey(), BareMetalRun.ecName(e.getKey()), e.getValue());
        }
    }
}
