package io.el2studio.engine.values;

/** gdb 13's default print settings, which the formatter follows (gdb manual, "Print Settings"). */
public final class FormatLimits {
    private FormatLimits() {
    }

    /** {@code set print elements 200}: elements of an array, characters of a string. */
    public static final int PRINT_MAX = 200;
    /** {@code set print repeats 10}: a run longer than this prints as {@code <repeats N times>}. */
    public static final int REPEAT_THRESHOLD = 10;
    /** {@code set max-value-size 65536}: gdb refuses to fetch a larger value. */
    public static final long MAX_VALUE_SIZE = 65536;
    /** Nesting depth beyond which the formatter stops (gdb has no limit by default; a damaged type graph could loop). */
    public static final int MAX_DEPTH = 40;
    /**
     * Characters after which one value's text stops with "..." (gdb has no such limit; it guards against a
     * damaged type whose declared size is small but whose members are huge arrays of huge arrays).
     */
    public static final int MAX_TEXT = 1 << 20;
}
