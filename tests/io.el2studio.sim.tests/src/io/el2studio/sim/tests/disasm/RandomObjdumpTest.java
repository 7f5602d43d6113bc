package io.el2studio.sim.tests.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.EncodingGenerator;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.tests.support.Objdump;

/**
 * Random encodings of every row of the table, disassembled by us and by the live GNU objdump in one
 * batch: the texts must agree. Words come from {@link EncodingGenerator} (random free bits, biased
 * towards field edge values, guard respected) with a fixed seed; the report is per row.
 */
class RandomObjdumpTest {
    static final int PER_ROW = 20;
    static final long SEED = 0x5EED_A64L;
    /** At least this many words are compared (25,939 with the table of December 2026), and rows covered. */
    static final int MIN_WORDS = 25_000, MIN_ROWS = 1_300;

    /** word -> row, in generation order; a word an earlier row decodes belongs to that row, so is dropped. */
    static Map<Integer, Row> generate(Decoder d) {
        Map<Integer, Row> words = new LinkedHashMap<>();
        Random rnd = new Random(SEED);
        for (Row r : A64Table.rows()) {
            for (int w : EncodingGenerator.generate(r, rnd, PER_ROW)) {
                if (d.decode(w) == r) {
                    words.putIfAbsent(w, r);
                }
            }
        }
        return words;
    }

    @Test
    void randomEncodingsOfEveryRowDisassembleAsObjdump() throws Exception {
        Objdump.assumeAvailable();
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        Map<Integer, Row> generated = generate(d);
        List<Integer> words = new ArrayList<>(generated.keySet());
        List<String> theirs = Objdump.disassemble(words);
        Map<String, int[]> perRow = new LinkedHashMap<>();
        Map<String, List<String>> examples = new HashMap<>();
        int bad = 0;
        for (int i = 0; i < words.size(); i++) {
            int w = words.get(i);
            Row r = generated.get(w);
            String ours = d.disassemble(w, 4L * i);
            int[] c = perRow.computeIfAbsent(r.name(), k -> new int[2]);
            c[1]++;
            if (ours.equals(theirs.get(i))) {
                c[0]++;
            } else {
                bad++;
                List<String> ex = examples.computeIfAbsent(r.name(), k -> new ArrayList<>());
                if (ex.size() < 2) {
                    ex.add(String.format("%08x objdump: %s | ours: %s", w, theirs.get(i), ours));
                }
            }
        }
        StringBuilder sb = new StringBuilder(String.format("%d of %d random words (%d rows) agree with objdump (%.2f%%)%n",
                words.size() - bad, words.size(), perRow.size(), 100.0 * (words.size() - bad) / Math.max(1, words.size())));
        for (Map.Entry<String, int[]> e : perRow.entrySet()) {
            if (e.getValue()[0] != e.getValue()[1]) {
                sb.append(String.format("  %-28s %3d / %3d   %s%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                        String.join("; ", examples.get(e.getKey()))));
            }
        }
        for (int i = 0; i < words.size(); i += Math.max(1, words.size() / 8)) {
            sb.append(String.format("  sample %08x: %s%n", words.get(i), theirs.get(i)));
        }
        System.out.print(sb);
        assertTrue(words.size() >= MIN_WORDS && perRow.size() >= MIN_ROWS, words.size() + " words of " + perRow.size()
                + " rows compared, expected at least " + MIN_WORDS + " of " + MIN_ROWS);
        assertTrue(bad == 0, sb::toString);
    }
}
