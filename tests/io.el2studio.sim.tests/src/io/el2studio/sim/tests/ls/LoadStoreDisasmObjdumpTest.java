package io.el2studio.sim.tests.ls;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.EncodingGenerator;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.tests.isa.Objdump;

/**
 * Random words of the load/store group (op0 = x1x0) disassemble exactly as the live GNU objdump
 * 2.40 prints them, unallocated and CONSTRAINED UNPREDICTABLE encodings included (objdump decides
 * which should-be-one fields it checks; our rows follow it). Half the words are drawn from the
 * denser sub-spaces (exclusives/atomics/SIMD structures) so each is well covered. Skipped where the
 * cross objdump is not installed; {@link LoadStoreDisasmCorpusTest} covers the stored corpus.
 */
class LoadStoreDisasmObjdumpTest {
    private static final int COUNT = 60_000;

    /** mask/value pairs forcing a sub-space of the group. */
    private static final int[][] SUBSPACES = {
            {0xBF000000, 0x0C000000},  // AdvSIMD multiple structures
            {0xBF000000, 0x0D000000},  // AdvSIMD single structure
            {0x3F000000, 0x08000000},  // exclusives, ordered, compare-and-swap
            {0x3F200C00, 0x38200000},  // atomic memory operations
            {0x3F000000, 0x19000000},  // RCPC2, MTE, MOPS
            {0x3E000000, 0x28000000},  // pairs
    };

    static int[] randomLoadStoreWords(long seed, int count) {
        Random rnd = new Random(seed);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int w = rnd.nextInt();
            w = (w & ~(0x5 << 25)) | (0x4 << 25);
            if ((i & 1) == 1) {
                int[] s = SUBSPACES[(i >>> 1) % SUBSPACES.length];
                w = (w & ~s[0]) | s[1];
            }
            words[i] = w;
        }
        return words;
    }

    @Test
    void randomLoadStoreWordsDisassembleAsObjdump() throws Exception {
        assertSameAsObjdump(randomLoadStoreWords(0x15AD, COUNT));
    }

    /** Words of each row from the encoding generator, which favours register 31 and edge field values. */
    @Test
    void generatedWordsOfEveryLoadStoreRowDisassembleAsObjdump() throws Exception {
        Random rnd = new Random(0x57);
        List<Integer> list = new ArrayList<>();
        for (Row r : A64Table.rows()) {
            int op0Mask = (r.mask() >>> 25) & 0x5;
            if (op0Mask == 0x5 && ((r.value() >>> 25) & 0x5) == 0x4) {
                for (int w : EncodingGenerator.generate(r, rnd, 60)) {
                    list.add(w);
                }
            }
        }
        assertTrue(list.size() > 20_000, "only " + list.size() + " generated words");
        assertSameAsObjdump(list.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void assertSameAsObjdump(int[] words) throws Exception {
        assumeTrue(Objdump.available(), Objdump.TOOL + " not installed");
        String[] expected = Objdump.disassemble(words);
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        List<String> diffs = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < words.length; i++) {
            String ours = d.disassemble(words[i], 4L * i);
            if (!ours.equals(expected[i])) {
                if (bad++ < 40) {
                    diffs.add(String.format("%08x @0x%x: objdump '%s' ours '%s'", words[i], 4 * i, expected[i], ours));
                }
            }
        }
        int total = bad;
        assertTrue(total == 0, () -> total + " of " + words.length + " differ:\n" + String.join("\n", diffs));
    }
}
