package io.el2studio.sim.tests.isa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.EncodingWords;
import io.el2studio.sim.tests.support.Objdump;

/**
 * Random words of the integer data-processing classes (op0 = 100x and x101) disassemble exactly
 * as the live GNU objdump 2.40 prints them, undefined encodings included. Skipped where the cross
 * objdump is not installed; {@link DpDisasmCorpusTest} covers the same rows from stored data.
 */
class DpDisasmObjdumpTest {
    private static final int COUNT = 60_000;

    /** Alternately op0 (28:25) = 100x and x101. */
    static int[] randomDpWords(long seed, int count) {
        return EncodingWords.random(seed, count,
                (i, w) -> (i & 1) == 0 ? (w & ~(0xE << 25)) | (0x8 << 25) : (w & ~(0x7 << 25)) | (0x5 << 25));
    }

    @Test
    void randomDataProcessingWordsDisassembleAsObjdump() throws Exception {
        Objdump.assertSameAsObjdump(randomDpWords(0x5EED, COUNT));
    }

    /** Words of each row from the encoding generator, which favours register 31 and edge field values. */
    @Test
    void generatedWordsOfEveryDataProcessingRowDisassembleAsObjdump() throws Exception {
        int[] words = EncodingWords.generated(
                r -> ((r.mask() >>> 25) & 0xF) == 0xF && DpDisasmCorpusTest.inDpGroups(r.value()), 0xD15A, 300);
        assertTrue(words.length > 20_000, "only " + words.length + " generated words");
        Objdump.assertSameAsObjdump(words);
    }
}
