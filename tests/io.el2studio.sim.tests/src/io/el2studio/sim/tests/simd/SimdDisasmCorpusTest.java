package io.el2studio.sim.tests.simd;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.Row;
import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * The Advanced SIMD integer and crypto rows print exactly what GNU objdump 2.40 prints, on every
 * word of the shared disassembly corpus that they decode, and on every SIMD&amp;FP-class word that
 * objdump prints with one of their mnemonics. Justified exceptions are listed with their reason in
 * resources/disasm/simd-known-differences.tsv (a listed word that agrees fails).
 */
class SimdDisasmCorpusTest {
    /** Mnemonics shared with other groups: checked only on words our rows decode. */
    private static final Set<String> SHARED = Set.of("mov", "fmov", "orr", "and", "bic", "eor", "mvn", "movi", ".inst");

    private static String mnemonic(String text) {
        int sp = text.indexOf(' ');
        return sp < 0 ? text : text.substring(0, sp);
    }

    @Test
    void simdIntegerAndCryptoRowsAgreeWithObjdumpOnTheCorpus() throws IOException {
        Map<Integer, String> known = DisasmCorpus.knownDifferences("/disasm/simd-known-differences.tsv");
        Set<String> ours = new HashSet<>();
        for (DisasmCorpus.Entry e : DisasmCorpus.entries()) {
            Row r = DisasmCorpus.ALL.decode(e.word());
            if (SimdRowSet.isOurs(r)) {
                ours.add(mnemonic(r.disasm().text(e.word(), e.pc())));
            }
        }
        ours.removeAll(SHARED);
        DisasmCorpus.Report r = DisasmCorpus.compare(DisasmCorpus.select(e -> SimdRowSet.isOurs(DisasmCorpus.ALL.decode(e.word()))
                || ((e.word() >>> 25) & 7) == 7 && ours.contains(mnemonic(e.objdump()))));
        DisasmCorpus.assertAgree("AdvSIMD integer/crypto", r, r.unlisted(known), 1000, 80);
        DisasmCorpus.assertNoStaleEntries("/disasm/simd-known-differences.tsv", known, r);
    }
}
