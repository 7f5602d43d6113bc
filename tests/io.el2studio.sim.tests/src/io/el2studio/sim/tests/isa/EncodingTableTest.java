package io.el2studio.sim.tests.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.EncodingGenerator;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;

/**
 * The A64 table's decode order is right (in the manner of dynarmic's decoder tests): every row's own
 * random words decode to that row, or to an earlier row whose fixed bits are a strict superset of
 * its own (a deliberate, more specific row shadowing part of it). Rows are named uniquely and every
 * row's guard accepts some word.
 */
class EncodingTableTest {
    private static final int WORDS_PER_ROW = 300;

    /**
     * Rows whose overlaps are known and reported to their owners; each entry names the row and why.
     * Keep empty: an entry here is a bug that is being fixed elsewhere.
     */
    private static final Set<String> KNOWN_OVERLAPS = Set.of();

    private static boolean strictlyMoreSpecific(Row earlier, Row later) {
        return (earlier.mask() & later.mask()) == later.mask() && earlier.mask() != later.mask()
                && (earlier.value() & later.mask()) == later.value();
    }

    @Test
    void everyRowDecodesToItselfOrToAnEarlierMoreSpecificRow() {
        List<Row> rows = A64Table.rows();
        Map<Row, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i), i);
        }
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        Random rnd = new Random(0xA64);
        Set<String> violations = new LinkedHashSet<>();
        for (Row r : rows) {
            if (KNOWN_OVERLAPS.contains(r.name())) {
                continue;
            }
            for (int w : EncodingGenerator.generate(r, rnd, WORDS_PER_ROW)) {
                Row got = d.decode(w);
                if (got == r) {
                    continue;
                }
                if (got == null) {
                    violations.add(String.format("%s: word %08x decodes as nothing", r, w));
                } else if (!(index.get(got) < index.get(r) && strictlyMoreSpecific(got, r))) {
                    violations.add(String.format("%s (row %d): word %08x decodes as %s (row %d)", r, index.get(r), w,
                            got, index.get(got)));
                    break; // one example per row pair is enough
                }
            }
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " decode-order violation(s):\n"
                + String.join("\n", violations));
    }

    @Test
    void rowNamesAreUnique() {
        Map<String, Integer> seen = new HashMap<>();
        List<String> dups = new ArrayList<>();
        for (Row r : A64Table.rows()) {
            if (seen.merge(r.name(), 1, Integer::sum) == 2) {
                dups.add(r.name());
            }
        }
        assertEquals(List.of(), dups, "row names used more than once");
    }

    @Test
    void everyRowAcceptsSomeWord() {
        Random rnd = new Random(7);
        List<String> empty = new ArrayList<>();
        for (Row r : A64Table.rows()) {
            if (EncodingGenerator.next(r, rnd) == null) {
                empty.add(r.toString());
            }
        }
        assertEquals(List.of(), empty, "rows whose guard rejected " + EncodingGenerator.MAX_ATTEMPTS + " candidates");
    }
}
