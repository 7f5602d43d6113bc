package io.el2studio.sim.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Walks a subcommand's arguments; every problem is a {@link UsageError} naming the option. */
final class Args {
    private final List<String> args;
    private int i;

    Args(List<String> args) {
        this.args = args;
    }

    boolean more() {
        return i < args.size();
    }

    String next() {
        return args.get(i++);
    }

    /**
     * An argument read as an option: {@code --opt=value} gives opt {@code --opt} and inline {@code value};
     * any other argument is its own opt, with no inline value.
     */
    record Option(String arg, String opt, String inline) {
    }

    /** The next argument as an {@link Option}. */
    Option nextOption() {
        String a = next();
        int eq = a.indexOf('=');
        return a.startsWith("--") && eq > 0 ? new Option(a, a.substring(0, eq), a.substring(eq + 1)) : new Option(a, a, null);
    }

    /** The value of option {@code o}: its inline value or the next argument. */
    String value(Option o) throws UsageError {
        return value(o.opt(), o.inline());
    }

    /** The value of option {@code opt}: the rest of {@code --opt=value}, or the next argument. */
    String value(String opt, String inline) throws UsageError {
        if (inline != null) {
            return inline;
        }
        if (i >= args.size()) {
            throw new UsageError("option " + opt + " needs a value");
        }
        return args.get(i++);
    }

    static long number(String opt, String v, long min, long max) throws UsageError {
        long n;
        try {
            n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageError("option " + opt + ": '" + v + "' is not a number");
        }
        if (n < min || n > max) {
            throw new UsageError("option " + opt + ": " + v + " is out of range (" + min + ".." + max + ")");
        }
        return n;
    }

    static double seconds(String opt, String v) throws UsageError {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageError("option " + opt + ": '" + v + "' is not a number of seconds");
        }
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new UsageError("option " + opt + ": " + v + " must be a positive number of seconds");
        }
        if (d > MAX_SECONDS) {
            throw new UsageError("option " + opt + ": " + v + " is out of range (at most " + (long) MAX_SECONDS + " seconds)");
        }
        return d;
    }

    /** Longest --timeout: about 31 years, so that the deadline in nanoseconds cannot overflow. */
    static final double MAX_SECONDS = 1e9;

    /** An input file named by option {@code opt}: it must exist, be a file and be readable. */
    static String file(String opt, String v) throws UsageError {
        Path p = path(opt, v);
        if (Files.isDirectory(p)) {
            throw new UsageError("option " + opt + ": '" + v + "' is a directory");
        }
        if (!Files.exists(p)) {
            throw new UsageError("option " + opt + ": cannot read '" + v + "': no such file");
        }
        if (!Files.isReadable(p)) {
            throw new UsageError("option " + opt + ": cannot read '" + v + "': permission denied");
        }
        return v;
    }

    /** An output file named by option {@code opt}: not a directory, in a directory that exists. */
    static String outputFile(String opt, String v) throws UsageError {
        Path p = path(opt, v).toAbsolutePath();
        if (Files.isDirectory(p)) {
            throw new UsageError("option " + opt + ": '" + v + "' is a directory");
        }
        Path dir = p.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageError("option " + opt + ": cannot write '" + v + "': no such directory '" + dir + "'");
        }
        return v;
    }

    private static Path path(String opt, String v) throws UsageError {
        if (v.isEmpty()) {
            throw new UsageError("option " + opt + ": empty file name");
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageError("option " + opt + ": invalid file name '" + v + "'");
        }
    }

    /** A size such as 128M, 1G, 65536 or 64K (binary units, as QEMU's -m). */
    static long size(String opt, String v) throws UsageError {
        String s = v.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                case 'T' -> unit = 1L << 40;
                default -> unit = 0;
            }
            if (unit != 0) {
                s = s.substring(0, s.length() - 1);
            } else {
                unit = 1L << 20; // a bare number is MiB, as in QEMU's -m
            }
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UsageError("option " + opt + ": '" + v + "' is not a size (examples: 128M, 1G)");
        }
        if (n <= 0 || n > (1L << 40) / unit) {
            throw new UsageError("option " + opt + ": '" + v + "' is out of range");
        }
        return n * unit;
    }
}
