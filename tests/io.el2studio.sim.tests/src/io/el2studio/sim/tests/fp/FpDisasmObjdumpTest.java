package io.el2studio.sim.tests.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.EncodingWords;
import io.el2studio.sim.tests.support.Objdump;

/**
 * Words of every scalar floating-point row (bit 30 = 0, bits 28:25 = 1111), and random words of that
 * encoding space, disassemble exactly as the live GNU objdump 2.40 prints them, unallocated
 * encodings included. Skipped where the cross objdump is not installed; {@link FpDisasmCorpusTest}
 * covers the same rows from stored data.
 */
class FpDisasmObjdumpTest {

    @Test
    void generatedWordsOfEveryScalarFpRowDisassembleAsObjdump() throws Exception {
        int[] words = EncodingWords.generated(
                r -> (r.mask() & 0x5E00_0000) == 0x5E00_0000 && FpDisasmCorpusTest.scalarFp(r.value()), 0xF9D15L, 300);
        assertTrue(words.length > 20_000, "only " + words.length + " generated words");
        Objdump.assertSameAsObjdump(words);
    }

    @Test
    void randomWordsOfTheScalarFpSpaceDisassembleAsObjdump() throws Exception {
        Objdump.assertSameAsObjdump(EncodingWords.random(0xF9L, 40_000, (i, w) -> {
            w = (w & ~0x5E00_0000) | 0x1E00_0000;
            return (i & 1) == 0 ? w & ~0x2000_FC00 : w; // S = 0 and small opcodes: mostly allocated encodings
        }));
    }
}
