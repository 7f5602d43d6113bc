package io.el2studio.engine.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gdb's command names as the batch debugger knows them: the full names, gdb's fixed aliases
 * ({@code b}, {@code c}, {@code n}, {@code s}, {@code si}, {@code ni}, {@code bt}, {@code p},
 * {@code i}, {@code f}, {@code u}, {@code where}, {@code inspect}), and any unique prefix.
 */
final class Commands {
    private Commands() {
    }

    static final List<String> NAMES = List.of("advance", "backtrace", "break", "continue", "delete", "display", "down",
            "echo", "finish", "frame", "info", "next", "nexti", "print", "ptype", "quit", "step", "stepi", "tbreak", "until",
            "up", "whatis", "x", "output", "undisplay");

    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        String[][] a = {{"b", "break"}, {"br", "break"}, {"bre", "break"}, {"brea", "break"}, {"c", "continue"},
            {"cont", "continue"}, {"fg", "continue"}, {"n", "next"}, {"s", "step"}, {"si", "stepi"}, {"ni", "nexti"},
            {"bt", "backtrace"}, {"where", "backtrace"}, {"p", "print"}, {"inspect", "print"}, {"i", "info"},
            {"f", "frame"}, {"u", "until"}, {"d", "delete"}, {"q", "quit"}, {"fin", "finish"}, {"tb", "tbreak"},
            {"disp", "display"}, {"exit", "quit"}};
        for (String[] p : a) {
            ALIASES.put(p[0], p[1]);
        }
    }

    /** The command {@code word} names; gdb's errors for an unknown or ambiguous one. */
    static String resolve(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        if (NAMES.contains(w)) {
            return w;
        }
        String alias = ALIASES.get(w);
        if (alias != null) {
            return alias;
        }
        List<String> matches = new ArrayList<>();
        for (String n : NAMES) {
            if (n.startsWith(w)) {
                matches.add(n);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new GdbError("Ambiguous command \"" + word + "\": " + String.join(", ", matches) + ".");
        }
        throw new GdbError("Undefined command: \"" + word + "\".  Try \"help\".");
    }
}
