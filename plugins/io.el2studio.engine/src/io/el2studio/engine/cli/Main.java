package io.el2studio.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.el2studio.engine.symbols.SymbolsBench;
import io.el2studio.sim.loader.ImageException;

/**
 * The debug engine's command line, called by the launcher: {@code java -cp SIM:ENGINE
 * io.el2studio.engine.cli.Main debug ...} and {@code ... Main bench symbols ELF}. Status 2 for a
 * usage error (one line on stderr).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        System.exit(execute(args, out, System.err));
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "debug":
                return DebugCommand.execute(rest, System.in, out, err);
            case "bench":
                if (!rest.isEmpty() && rest.get(0).equals("symbols")) {
                    return benchSymbols(rest.subList(1, rest.size()), out, err);
                }
                err.println("el2studio bench: the engine's benchmark is 'bench symbols ELF'");
                return 2;
            default:
                err.println("el2studio: unknown engine command '" + command + "' (known: debug, bench symbols)");
                return 2;
        }
    }

    /** {@code bench symbols ELF | --generate DIR [FILES]}: helper A's SymbolsBench (index time, lookup and unwind latency). */
    private static int benchSymbols(List<String> args, PrintStream out, PrintStream err) {
        try {
            Path elf;
            if (args.size() >= 2 && args.get(0).equals("--generate")) {
                int files = args.size() >= 3 ? Integer.parseInt(args.get(2)) : 48;
                elf = SymbolsBench.generate(Path.of(args.get(1)), files);
                out.println("generated " + elf);
            } else if (args.size() == 1 && !args.get(0).startsWith("-")) {
                elf = Path.of(args.get(0));
            } else {
                err.println("usage: el2studio bench symbols ELF | el2studio bench symbols --generate DIR [FILES]");
                return 2;
            }
            SymbolsBench.run(elf).forEach(out::println);
            return 0;
        } catch (ImageException e) {
            err.println("el2studio bench symbols: " + e.getMessage());
            return 2;
        } catch (NumberFormatException e) {
            err.println("el2studio bench symbols: FILES must be a number");
            return 2;
        } catch (IOException e) {
            err.println("el2studio bench symbols: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
