package io.el2studio.sim.isa;

import java.util.Arrays;
import java.util.Random;

/**
 * Random instruction words of one {@link Row}: its fixed bits, random free bits, and a guard that
 * accepts the word. Named fields are drawn with a bias towards their edge values (0, 1, all ones,
 * e.g. register 31) because guards and aliases hinge on them; a row whose guard rejects every
 * attempt yields nothing (see {@link #next}). Used by the table tests and random differential tests.
 */
public final class EncodingGenerator {
    /** Attempts per word before giving up on a row's guard. */
    public static final int MAX_ATTEMPTS = 2000;

    private EncodingGenerator() {
    }

    /** One word of {@code row}; {@code null} when {@link #MAX_ATTEMPTS} candidates all failed the guard. */
    public static Integer next(Row row, Random rnd) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int w = candidate(row, rnd, attempt < MAX_ATTEMPTS / 2);
            if (row.matches(w)) {
                return w;
            }
        }
        return null;
    }

    /** Up to {@code count} words of {@code row}; fewer only when its guard rejects the attempts. */
    public static int[] generate(Row row, Random rnd, int count) {
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            Integer w = next(row, rnd);
            if (w == null) {
                break;
            }
            out[n++] = w;
        }
        return n == count ? out : Arrays.copyOf(out, n);
    }

    private static int candidate(Row row, Random rnd, boolean biased) {
        int w = (rnd.nextInt() & ~row.mask()) | row.value();
        if (!biased) {
            return w;
        }
        for (Row.Field f : row.fields()) {
            int ones = (int) ((1L << f.width()) - 1);
            int v;
            switch (rnd.nextInt(8)) {
                case 0 -> v = 0;
                case 1 -> v = ones;
                case 2 -> v = 1;
                case 3 -> v = ones >>> 1; // e.g. 31 of a 6-bit field, the top of the 32-bit range
                default -> {
                    continue; // keep the random bits
                }
            }
            w = (w & ~(ones << f.lsb())) | ((v & ones) << f.lsb());
        }
        return w;
    }
}
