package io.el2studio.sim.tests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import java.util.function.Predicate;

import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.EncodingGenerator;
import io.el2studio.sim.isa.Row;

/** Instruction words for the live-oracle tests, reproducible from a seed. */
public final class EncodingWords {
    private EncodingWords() {
    }

    /**
     * {@code count} random words; {@code shape} maps (index, random word) to the word used, e.g.
     * to force the op0 field of an encoding group.
     */
    public static int[] random(long seed, int count, IntBinaryOperator shape) {
        Random rnd = new Random(seed);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = shape.applyAsInt(i, rnd.nextInt());
        }
        return words;
    }

    /**
     * {@code perRow} words of each row of the table that {@code rows} selects, from the encoding
     * generator (random free bits biased towards register 31 and field edge values, guards respected).
     */
    public static int[] generated(Predicate<Row> rows, long seed, int perRow) {
        Random rnd = new Random(seed);
        List<Integer> list = new ArrayList<>();
        for (Row r : A64Table.rows()) {
            if (rows.test(r)) {
                for (int w : EncodingGenerator.generate(r, rnd, perRow)) {
                    list.add(w);
                }
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
