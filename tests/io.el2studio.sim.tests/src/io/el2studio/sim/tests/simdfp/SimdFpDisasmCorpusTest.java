package io.el2studio.sim.tests.simdfp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.Row;
import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * The Advanced SIMD floating-point rows print exactly GNU objdump 2.40's text on every line of the
 * reference corpus that they decode, or that objdump prints as an AdvSIMD FP instruction; the
 * exceptions, each with its reason, are in resources/disasm/simdfp-known-differences.tsv.
 */
class SimdFpDisasmCorpusTest {

    private static boolean ours(DisasmCorpus.Entry e) {
        return SimdFpRowsUnderTest.decode(e.word()) != null
                || SimdFpRowsUnderTest.advSimdSpace(e.word()) && SimdFpRowsUnderTest.fpMnemonic(e.objdump());
    }

    /** The text of the AdvSIMD FP rows alone; a word none of them decodes prints as undefined. */
    private static String text(DisasmCorpus.Entry e) {
        Row r = SimdFpRowsUnderTest.decode(e.word());
        return r == null ? String.format(".inst 0x%08x ; undefined", e.word()) : r.disasm().text(e.word(), e.pc());
    }

    @Test
    void advSimdFpCorpusLinesDisassembleAsObjdump() throws Exception {
        Map<Integer, String> known = DisasmCorpus.knownDifferences("/disasm/simdfp-known-differences.tsv");
        DisasmCorpus.Report r = DisasmCorpus.compare(DisasmCorpus.select(SimdFpDisasmCorpusTest::ours),
                SimdFpDisasmCorpusTest::text);
        DisasmCorpus.assertAgree("AdvSIMD FP", r, r.unlisted(known), 800, Integer.MAX_VALUE);
        DisasmCorpus.assertNoStaleEntries("/disasm/simdfp-known-differences.tsv", known, r);
    }

    /** In the whole table (all features) no earlier row shadows an AdvSIMD FP row on the corpus. */
    @Test
    void wholeTableDecodesTheseLinesWithTheAdvSimdFpRows() throws Exception {
        List<String> diffs = new ArrayList<>();
        for (DisasmCorpus.Entry e : DisasmCorpus.entries()) {
            Row mine = SimdFpRowsUnderTest.decode(e.word());
            if (mine == null) {
                continue;
            }
            Row r = DisasmCorpus.ALL.decode(e.word());
            if (r == null || !r.name().equals(mine.name())) {
                diffs.add(String.format("%08x '%s' decoded by %s instead of %s", e.word(), e.objdump(),
                        r == null ? "nothing" : r.name(), mine.name()));
            }
        }
        assertTrue(diffs.isEmpty(), () -> diffs.size() + " shadowed:\n" + String.join("\n", diffs));
    }
}
