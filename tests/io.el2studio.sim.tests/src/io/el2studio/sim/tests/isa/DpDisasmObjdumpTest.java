package io.el2studio.sim.tests.isa;

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

/**
 * Random words of the integer data-processing classes (op0 = 100x and x101) disassemble exactly
 * as the live GNU objdump 2.40 prints them, undefined encodings included. Skipped where the cross
 * objdump is not installed; {@link DpDisasmCorpusTest} covers the same rows from stored data.
 */
class DpDisasmObjdumpTest {
    private static final int COUNT = 60_000;

    static int[] randomDpWords(long seed, int count) {
        Random rnd = new Random(seed);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int w = rnd.nextInt();
            // op0 (28:25): 100x or x101.
            w = (i & 1) == 0 ? (w & ~(0xE << 25)) | (0x8 << 25) : (w & ~(0x7 << 25)) | (0x5 << 25);
            words[i] = w;
        }
        return words;
    }

    @Test
    void randomDataProcessingWordsDisassembleAsObjdump() throws Exception {
        assertSameAsObjdump(randomDpWords(0x5EED, COUNT));
    }

    /** Words of each row from the encoding generator, which favours register 31 and edge field values. */
    @Test
    void generatedWordsOfEveryDataProcessingRowDisassembleAsObjdump() throws Exception {
        Random rnd = new Random(0xD15A);
        List<Integer> list = new ArrayList<>();
        for (Row r : A64Table.rows()) {
            int op0Mask = (r.mask() >>> 25) & 0xF;
            boolean dp = op0Mask == 0xF && DpDisasmCorpusTest.inDpGroups(r.value());
            if (dp) {
                for (int w : EncodingGenerator.generate(r, rnd, 300)) {
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
