package io.el2studio.engine.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

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

    private static int benchSymbols(List<String> args, PrintStream out, PrintStream err) {
        err.println("el2studio bench symbols: not available yet in this build (io.el2studio.engine.symbols.SymbolsBench)");
        return 2;
    }
}
