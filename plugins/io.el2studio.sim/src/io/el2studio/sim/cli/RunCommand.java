package io.el2studio.sim.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
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

/** {@code el2studio run}: loads an image on the minimal machine and runs it to its semihosting exit. */
final class RunCommand {
    static final long RAM_BASE = 0x4000_0000L;
    private static final String NOT_YET = "not implemented yet (issue: the system)";

    static final String HELP = """
            usage: el2studio run [options] IMAGE
            Runs a bare-metal AArch64 program: an ELF64 file is loaded by its PT_LOAD segments, any other
            file as a raw binary at the start of RAM (0x40000000). The program starts at its entry point at
            EL1 with the MMU off and talks to the console through Arm semihosting (HLT #0xF000). The exit
            status is the guest's SYS_EXIT status; 1 if the guest crashed (a synchronous exception with no
            vector), 124 on --timeout or --max-insns, 2 for a usage or image error.
            With --machine virt, the image is loaded as QEMU's -kernel loads it on its virt board (ELF,
            arm64 Linux Image at RAM + text_offset with the device tree address in X0, or raw binary) and
            starts at EL2; the PL011 at 0x09000000 writes to stdout and reads stdin; status 0 on PSCI
            SYSTEM_OFF (or SYSTEM_RESET, which ends the run), the semihosting exit status, 1 on a crash.
            options:
              --machine NAME      mini (default: RAM at 0x40000000 and semihosting only), or virt (QEMU
                                  7.2's virt board: PL011, GICv3 regions, PSCI, a generated device tree)
              --cpu PROFILE       max (default) or cortex-a57
              --smp N             number of PEs (1..8); only PE 0 runs on the mini machine
              --memory SIZE       RAM size, e.g. 128M (default), 1G
              --el 1|2|3          exception level to start in: mini 1 only; virt 2 (default, PSCI by SMC),
                                  1 (PSCI by HVC) or 3 (no built-in PSCI: the guest is the firmware)
              --timeout SECONDS   stop after this wall-clock time (status 124)
              --max-insns N       stop after N instructions (status 124)
              --stats             print instructions, MIPS and exceptions by class on stderr at the end
              --semihosting       enable Arm semihosting (on by default)
              --append STRING     the command line: virt's /chosen bootargs; SYS_GET_CMDLINE returns "IMAGE STRING"
              --initrd FILE       virt: an initial RAM disk, placed and named in /chosen as QEMU does
              --dtb FILE          virt: this device tree instead of the generated one (/chosen updated)
              --trace-traps FILE  virt: one JSON object per line for each exception taken to EL2 or EL3
              --gdb [HOST:]PORT   virt (implied): serve the GDB remote protocol on HOST (default 127.0.0.1),
                                  PORT; the guest runs at once, and stops when gdb connects
              --wait-gdb          with --gdb: start stopped, and run only when gdb resumes the guest
              --help              this text
            """;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    RunCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int execute(List<String> argList) throws UsageError {
        Args args = new Args(argList);
        String image = null;
        String machine = "mini";
        CpuProfile profile = CpuProfile.max();
        int smp = 1;
        long memory = 128L << 20;
        int el = 1;
        double timeout = 0;
        long maxInsns = Long.MAX_VALUE;
        boolean stats = false;
        String append = null;
        String initrd = null, dtb = null, traceTraps = null;
        boolean elGiven = false;
        String gdb = null;
        boolean waitGdb = false, machineGiven = false;
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
                if (image != null) {
                    throw new UsageError("more than one IMAGE given ('" + image + "' and '" + a + "')");
                }
                image = a;
                continue;
            }
            int eq = a.indexOf('=');
            String opt = eq < 0 ? a : a.substring(0, eq);
            String inline = eq < 0 ? null : a.substring(eq + 1);
            switch (opt) {
                case "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--machine" -> {
                    machine = args.value(opt, inline);
                    machineGiven = true;
                }
                case "--cpu" -> {
                    String p = args.value(opt, inline);
                    try {
                        profile = CpuProfile.named(p);
                    } catch (IllegalArgumentException e) {
                        throw new UsageError("option --cpu: " + e.getMessage());
                    }
                }
                case "--smp" -> smp = (int) Args.number(opt, args.value(opt, inline), 1, 8);
                case "--memory" -> memory = Args.size(opt, args.value(opt, inline));
                case "--el" -> {
                    el = (int) Args.number(opt, args.value(opt, inline), 1, 3);
                    elGiven = true;
                }
                case "--initrd" -> initrd = args.value(opt, inline);
                case "--dtb" -> dtb = args.value(opt, inline);
                case "--trace-traps" -> traceTraps = args.value(opt, inline);
                case "--timeout" -> timeout = Args.seconds(opt, args.value(opt, inline));
                case "--max-insns" -> maxInsns = Args.number(opt, args.value(opt, inline), 1, Long.MAX_VALUE);
                case "--stats" -> stats = true;
                case "--semihosting" -> { }
                case "--append" -> append = args.value(opt, inline);
                case "--gdb" -> gdb = args.value(opt, inline);
                case "--wait-gdb" -> waitGdb = true;
                default -> throw new UsageError("unknown option '" + a + "' (try: el2studio run --help)");
            }
        }
        if (!machine.equals("mini") && !machine.equals("virt")) {
            throw new UsageError("option --machine: unknown machine '" + machine + "' (known: mini, virt)");
        }
        if (waitGdb && gdb == null) {
            throw new UsageError("option --wait-gdb needs --gdb [HOST:]PORT");
        }
        if (gdb != null && !machineGiven) {
            machine = "virt"; // the GDB server is a client of the virt board's control API
        }
        if (gdb != null && !machine.equals("virt")) {
            throw new UsageError("option --gdb needs --machine virt");
        }
        if (machine.equals("virt")) {
            return runVirt(profile, smp, memory, elGiven ? el : 2, image, initrd, dtb, append, timeout, maxInsns, traceTraps, stats,
                    gdb, waitGdb);
        }
        String virtOnly = initrd != null ? "--initrd" : dtb != null ? "--dtb" : traceTraps != null ? "--trace-traps" : null;
        if (virtOnly != null) {
            throw new UsageError("option " + virtOnly + " needs --machine virt");
        }
        if (el != 1) {
            throw new UsageError("option --el " + el + ": starting at EL" + el + " is " + NOT_YET + "; use --el 1");
        }
        if (memory > Integer.MAX_VALUE - 8) {
            throw new UsageError("option --memory: the mini machine has at most 2047M of RAM");
        }
        if (image == null) {
            throw new UsageError("no IMAGE given (try: el2studio run --help)");
        }

        MiniMachine m = new MiniMachine(profile, RAM_BASE, memory, smp);
        ImageLoader.Loaded loaded;
        try {
            loaded = ImageLoader.load(Path.of(image), m.bus);
        } catch (ImageException e) {
            throw new UsageError("cannot load image " + e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError("cannot load image '" + image + "': invalid path");
        }
        SemihostingConsole console = console(m, loaded, in, out, err,
                append == null ? image : image + " " + append);
        BareMetalRun.Result r = new BareMetalRun(m, console).maxInstructions(maxInsns).timeoutSeconds(timeout)
                .run(loaded.entry(), el);
        if (r.outcome() != BareMetalRun.Outcome.EXITED) {
            err.println("el2studio run: " + r.message());
        }
        if (stats) {
            printStats(r, err);
        }
        return r.exitCode();
    }

    /** {@code --machine virt}: the virt board through the control API (io.el2studio.sim.control.HeadlessRun). */
    private int runVirt(CpuProfile profile, int smp, long memory, int el, String image, String initrd, String dtb,
            String append, double timeout, long maxInsns, String traceTraps, boolean stats, String gdb, boolean waitGdb)
            throws UsageError {
        if (memory > Integer.MAX_VALUE - 8) {
            throw new UsageError("option --memory: the virt machine has at most 2047M of RAM");
        }
        if (image == null) {
            throw new UsageError("no IMAGE given (try: el2studio run --help)");
        }
        HeadlessRun.Result r;
        try {
            HeadlessRun.Options o = new HeadlessRun.Options(profile, smp, memory, el, Path.of(image),
                    initrd == null ? null : Path.of(initrd), dtb == null ? null : Path.of(dtb), append, timeout, maxInsns,
                    traceTraps == null ? null : Path.of(traceTraps));
            if (gdb != null) {
                try {
                    io.el2studio.sim.gdb.GdbServer.address(gdb);
                } catch (java.io.IOException e) {
                    throw new UsageError("option --gdb: " + e.getMessage());
                }
            }
            HeadlessRun.Debugger debugger = gdb == null ? null : sim -> {
                io.el2studio.sim.gdb.GdbServer s = io.el2studio.sim.gdb.GdbServer.start(sim, gdb, waitGdb,
                        line -> err.println("el2studio: " + line));
                err.println("el2studio: GDB server on " + io.el2studio.sim.gdb.GdbServer.address(gdb).getAddress().getHostAddress()
                        + ":" + s.port() + (waitGdb ? ", waiting for gdb to resume the guest" : ""));
                return s;
            };
            r = HeadlessRun.run(o, in, out, err, debugger);
        } catch (ImageException e) {
            throw new UsageError("cannot load image " + e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError("invalid path: " + e.getInput());
        }
        if (!r.message().startsWith("PSCI SYSTEM_OFF") && !r.message().startsWith("exited with status")) {
            err.println("el2studio run: " + r.message());
        }
        if (stats) {
            HeadlessRun.printStats(r, err);
        }
        return r.status();
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
