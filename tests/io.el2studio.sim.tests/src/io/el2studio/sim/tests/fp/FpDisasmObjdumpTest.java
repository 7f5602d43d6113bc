package io.el2studio.sim.tests.fp;

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
 * Words of every scalar floating-point row (bit 30 = 0, bits 28:25 = 1111), and random words of that
 * encoding space, disassemble exactly as the live GNU objdump 2.40 prints them, unallocated
 * encodings included. Skipped where the cross objdump is not installed; {@link FpDisasmCorpusTest}
 * covers the same rows from stored data.
 */
class FpDisasmObjdumpTest {

    @Test
    void generatedWordsOfEveryScalarFpRowDisassembleAsObjdump() throws Exception {
        Random rnd = new Random(0xF9D15L);
        List<Integer> list = new ArrayList<>();
        for (Row r : A64Table.rows()) {
            if ((r.mask() & 0x5E00_0000) == 0x5E00_0000 && FpDisasmCorpusTest.scalarFp(r.value())) {
                for (int w : EncodingGenerator.generate(r, rnd, 300)) {
                    list.add(w);
                }
            }
        }
        assertTrue(list.size() > 20_000, "only " + list.size() + " generated words");
        assertSameAsObjdump(list.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void randomWordsOfTheScalarFpSpaceDisassembleAsObjdump() throws Exception {
        Random rnd = new Random(0xF9L);
        int[] words = new int[40_000];
        for (int i = 0; i < words.length; i++) {
            int w = (rnd.nextInt() & ~0x5E00_0000) | 0x1E00_0000;
            if ((i & 1) == 0) {
                w &= ~0x2000_FC00; // S = 0 and small opcodes: mostly allocated encodings
            }
            words[i] = w;
        }
        assertSameAsObjdump(words);
    }

    private static void assertSameAsObjdump(int[] words) throws Exception {
        assumeTrue(Objdump.available(), Objdump.TOOL + " not installed");
        String[] expected = Objdump.disassemble(words);
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        List<String> diffs = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < words.length; i++) {
            String ours = d.disassemble(words[i], 4L * i);
            if (!ours.equals(expected[i]) && bad++ < 40) {
                diffs.add(String.format("%08x: objdump '%s' ours '%s'", words[i], expected[i], ours));
            }
        }
        int total = bad;
        assertTrue(total == 0, () -> total + " of " + words.length + " differ:\n" + String.join("\n", diffs));
    }
}
