package io.el2studio.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.loader.ElfImage;

/**
 * {@code el2studio debug [run options] IMAGE [--symbols SPACE=ELF[@BIAS]]... [-x FILE] [-ex CMD]...}:
 * boots IMAGE as {@code el2studio run} does (the same option parsing: io.el2studio.sim.cli.Main#runAttached),
 * stopped at its entry, and runs gdb-style commands from the script file and the {@code -ex}
 * arguments, in the order given, printing what gdb 13 prints for each. A bad command or expression
 * is gdb's one-line error and the script goes on. At the end the guest is killed, as gdb's quit does.
 */
public final class DebugCommand {
    static final String HELP = """
            usage: el2studio debug [run options] IMAGE [--symbols SPACE=ELF[@BIAS]]... [-x FILE] [-ex CMD]...
            Boots IMAGE on the virt board as `el2studio run` does (same options: --el, --cpu, --smp, --memory,
            --initrd, --append, --dtb, --timeout, --max-insns, ...), stopped at its first instruction, and runs
            gdb commands from FILE (-x) and CMD (-ex), in the order given; output as gdb 13 prints it.
              --symbols SPACE=ELF[@BIAS]  symbols of code in SPACE: EL3, EL2 (the hypervisor), EL1 (a guest
                                  outside a VM), VM<n> (EL1/EL0 of VMID n); BIAS is added to the ELF's
                                  addresses (an image loaded where it was not linked). Without one, IMAGE's
                                  own symbols serve the EL it starts at.
              -x FILE             read commands from FILE (one a line; # starts a comment)
              -ex CMD             run CMD
            Commands: break/tbreak FILE:LINE|FUNCTION|*ADDR [if COND], delete [N...], continue, step, next,
            stepi, nexti, finish, until [LOCATION], advance LOCATION, backtrace, frame [N], up, down,
            info locals|args|frame|line|registers|breakpoints|symbol, print[/FMT] EXPR, ptype, whatis,
            x/FMT ADDR, display EXPR, echo TEXT, quit.
            """;

    /** One --symbols argument. */
    record SymbolsArg(AddressSpace space, Path elf, long bias) {
    }

    private DebugCommand() {
    }

    /** Runs the command with the given streams; returns the exit status (2: usage or input error). */
    public static int execute(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        List<String> runArgs = new ArrayList<>();
        List<SymbolsArg> symbols = new ArrayList<>();
        List<String> script = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--help", "-h" -> {
                        out.print(HELP);
                        return 0;
                    }
                    case "-x" -> script.addAll(scriptFile(value(args, ++i, a)));
                    case "-ex" -> script.add(value(args, ++i, a));
                    case "--symbols" -> symbols.add(symbols(value(args, ++i, a)));
                    default -> {
                        if (a.startsWith("--symbols=")) {
                            symbols.add(symbols(a.substring("--symbols=".length())));
                        } else {
                            runArgs.add(a);
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("el2studio debug: " + e.getMessage());
            return 2;
        }
        Client client = new Client(symbols, script, out);
        int status = io.el2studio.sim.cli.Main.runAttached("debug", runArgs, in, out, err, client);
        out.flush();
        // The guest's exit status is what gdb printed ("exited with code"); the debugger itself succeeded.
        return client.attached && status != 124 ? 0 : status;
    }

    private static String value(List<String> args, int i, String opt) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("option " + opt + " needs a value");
        }
        return args.get(i);
    }

    private static List<String> scriptFile(String file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("option -x: cannot read '" + file + "'"
                    + (e instanceof java.nio.file.NoSuchFileException ? ": no such file" : ": " + e.getMessage()));
        }
    }

    /** {@code SPACE=ELF[@BIAS]}: EL3, EL2, EL1 or VM<n>; BIAS in hex (0x...) or decimal, may be negative. */
    static SymbolsArg symbols(String v) {
        int eq = v.indexOf('=');
        if (eq <= 0 || eq == v.length() - 1) {
            throw new IllegalArgumentException("option --symbols: '" + v + "' is not SPACE=ELF[@BIAS] (e.g. EL2=hyp.elf, VM1=guest.elf@0x1000)");
        }
        String space = v.substring(0, eq).toUpperCase(java.util.Locale.ROOT);
        String file = v.substring(eq + 1);
        long bias = 0;
        int at = file.lastIndexOf('@');
        if (at > 0) {
            String b = file.substring(at + 1);
            file = file.substring(0, at);
            try {
                boolean neg = b.startsWith("-");
                String digits = neg ? b.substring(1) : b;
                long n = digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseUnsignedLong(digits.substring(2), 16)
                        : Long.parseLong(digits);
                bias = neg ? -n : n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option --symbols: bias '" + b + "' is not a number");
            }
        }
        AddressSpace as;
        switch (space) {
            case "EL3" -> as = AddressSpace.of(3, -1);
            case "EL2" -> as = AddressSpace.of(2, -1);
            case "EL1" -> as = AddressSpace.of(1, -1);
            default -> {
                if (!space.matches("VM\\d{1,5}")) {
                    throw new IllegalArgumentException("option --symbols: unknown space '" + v.substring(0, eq)
                            + "' (known: EL3, EL2, EL1, VM<n>)");
                }
                as = AddressSpace.of(1, Integer.parseInt(space.substring(2)));
            }
        }
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("option --symbols: cannot read '" + file + "': no such file");
        }
        return new SymbolsArg(as, p, bias);
    }

    /** Attached by the runner before the guest starts: runs the script on its own thread. */
    private static final class Client implements HeadlessRun.Debugger {
        private final List<SymbolsArg> symbols;
        private final List<String> script;
        private final PrintStream out;
        volatile boolean attached;

        Client(List<SymbolsArg> symbols, List<String> script, PrintStream out) {
            this.symbols = symbols;
            this.script = script;
            this.out = out;
        }

        @Override
        public AutoCloseable attach(Simulation sim) {
            throw new UnsupportedOperationException("el2studio debug needs the run's options");
        }

        @Override
        public AutoCloseable attach(Simulation sim, HeadlessRun.Options options) {
            attached = true;
            List<SymbolsArg> files = new ArrayList<>(symbols);
            Path image = options.kernel();
            boolean imageGiven = files.stream().anyMatch(s -> s.elf().toAbsolutePath().equals(image.toAbsolutePath()));
            if (!imageGiven && isElf(image)) {
                files.add(0, new SymbolsArg(AddressSpace.of(options.el(), -1), image, 0));
            }
            Thread t = new Thread(() -> {
                try {
                    Session s = new Session(sim, files, out);
                    s.start();
                    for (String command : script) {
                        if (!s.execute(command)) {
                            break;
                        }
                    }
                    s.end();
                } catch (RuntimeException | Error e) {
                    out.println("el2studio debug: internal error: " + e);
                    e.printStackTrace(out);
                } finally {
                    out.flush();
                    kill(sim);
                }
            }, "el2studio-debug");
            t.setDaemon(true);
            t.start();
            return () -> t.join();
        }

        private static boolean isElf(Path p) {
            try (InputStream in = Files.newInputStream(p)) {
                return ElfImage.hasElfMagic(in.readNBytes(4));
            } catch (IOException e) {
                return false;
            }
        }

        /** gdb's quit kills the inferior: the run ends (status 0) unless the guest has ended already. */
        private static void kill(Simulation sim) {
            try {
                sim.call(b -> {
                    if (b.shutdown() == null) {
                        b.shutdown(new VirtBoard.Shutdown("killed by el2studio debug", 0));
                    }
                    return null;
                }, 5000);
                sim.stop();
            } catch (RuntimeException e) {
                // the simulation is closing already
            }
        }
    }
}
