package io.el2studio.sim.tests.simdfp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.tests.disasm.DisasmCorpus;

/**
 * The Advanced SIMD floating-point rows print exactly GNU objdump 2.40's text on every line of the
 * reference corpus that they decode, or that objdump prints as an AdvSIMD FP instruction; the
 * exceptions, each with its reason, are in resources/disasm/simdfp-known-differences.tsv.
 */
class SimdFpDisasmCorpusTest {

    private static Map<Integer, String> known() throws Exception {
        String root = System.getProperty("el2studio.root");
        return DisasmCorpus.knownDifferences(
                Path.of(root, "tests", "io.el2studio.sim.tests", "resources", "disasm", "simdfp-known-differences.tsv"));
    }

    private static boolean ours(DisasmCorpus.Entry e) {
        return SimdFpRowsUnderTest.decode(e.word()) != null
                || SimdFpRowsUnderTest.advSimdSpace(e.word()) && SimdFpRowsUnderTest.fpMnemonic(e.objdump());
    }

    @Test
    void advSimdFpCorpusLinesDisassembleAsObjdump() throws Exception {
        Map<Integer, String> known = known();
        List<String> diffs = new ArrayList<>();
        Set<Integer> stillDiffering = new HashSet<>();
        int checked = 0;
        for (DisasmCorpus.Entry e : DisasmCorpus.read(DisasmCorpus.corpusFile())) {
            if (!ours(e)) {
                continue;
            }
            checked++;
            Row r = SimdFpRowsUnderTest.decode(e.word());
            String text = r == null ? String.format(".inst 0x%08x ; undefined", e.word()) : r.disasm().text(e.word(), e.pc());
            if (!text.equals(e.objdump())) {
                if (known.containsKey(e.word())) {
                    stillDiffering.add(e.word());
                } else {
                    diffs.add(String.format("%08x objdump '%s' ours '%s' (%s)", e.word(), e.objdump(), text,
                            r == null ? "no row" : r.name()));
                }
            }
        }
        int n = checked;
        assertTrue(n > 800, "too few AdvSIMD FP lines found in the corpus: " + n);
        assertTrue(diffs.isEmpty(), () -> diffs.size() + " of " + n + " lines differ:\n" + String.join("\n", diffs));
        for (Integer w : known.keySet()) {
            if (DisasmCorpus.read(DisasmCorpus.corpusFile()).stream().anyMatch(e -> e.word() == w)) {
                assertTrue(stillDiffering.contains(w), String.format("%08x is listed as a known difference but agrees", w));
            }
        }
    }

    /** In the whole table (all features) no earlier row shadows an AdvSIMD FP row on the corpus. */
    @Test
    void wholeTableDecodesTheseLinesWithTheAdvSimdFpRows() throws Exception {
        Decoder all = new Decoder(EnumSet.allOf(Feature.class));
        List<String> diffs = new ArrayList<>();
        for (DisasmCorpus.Entry e : DisasmCorpus.read(DisasmCorpus.corpusFile())) {
            Row mine = SimdFpRowsUnderTest.decode(e.word());
            if (mine == null) {
                continue;
            }
            Row r = all.decode(e.word());
            if (r == null || !r.name().equals(mine.name())) {
                diffs.add(String.format("%08x '%s' decoded by %s instead of %s", e.word(), e.objdump(),
                        r == null ? "nothing" : r.name(), mine.name()));
            }
        }
        assertTrue(diffs.isEmpty(), () -> diffs.size() + " shadowed:\n" + String.join("\n", diffs));
    }
}
