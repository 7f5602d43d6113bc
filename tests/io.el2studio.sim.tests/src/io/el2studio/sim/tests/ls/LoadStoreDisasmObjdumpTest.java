package io.el2studio.sim.tests.ls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.EncodingWords;
import io.el2studio.sim.tests.support.Objdump;

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

    /** op0 = x1x0; every other word also forced into one of {@link #SUBSPACES}. */
    static int[] randomLoadStoreWords(long seed, int count) {
        return EncodingWords.random(seed, count, (i, w) -> {
            w = (w & ~(0x5 << 25)) | (0x4 << 25);
            if ((i & 1) == 1) {
                int[] s = SUBSPACES[(i >>> 1) % SUBSPACES.length];
                w = (w & ~s[0]) | s[1];
            }
            return w;
        });
    }

    @Test
    void randomLoadStoreWordsDisassembleAsObjdump() throws Exception {
        Objdump.assertSameAsObjdump(randomLoadStoreWords(0x15AD, COUNT));
    }

    /** Words of each row from the encoding generator, which favours register 31 and edge field values. */
    @Test
    void generatedWordsOfEveryLoadStoreRowDisassembleAsObjdump() throws Exception {
        int[] words = EncodingWords.generated(
                r -> ((r.mask() >>> 25) & 0x5) == 0x5 && ((r.value() >>> 25) & 0x5) == 0x4, 0x57, 60);
        assertTrue(words.length > 20_000, "only " + words.length + " generated words");
        Objdump.assertSameAsObjdump(words);
    }
}
