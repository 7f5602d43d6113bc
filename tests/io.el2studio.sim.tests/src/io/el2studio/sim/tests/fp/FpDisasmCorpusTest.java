package io.el2studio.sim.tests.fp;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * Every word of the reference disassembly corpus (shared/reference/disasm/a64-disasm-corpus-base.tsv,
 * GNU objdump 2.40 column) in the scalar floating-point encoding space (bit 30 = 0, bits 28:25 =
 * 1111: the "Floating-point" rows of the scalar FP and AdvSIMD index) disassembles exactly as objdump
 * printed it. Justified exceptions are listed with their reason in
 * resources/disasm/fp-known-differences.tsv (word, tab, reason).
 */
class FpDisasmCorpusTest {

    /** Bit 30 = 0 and bits 28:25 = 1111: conversions, 1/2/3-source, compares, FMOV, FCSEL. */
    static boolean scalarFp(int w) {
        return (w & 0x5E00_0000) == 0x1E00_0000;
    }

    @Test
    void corpusWordsOfTheScalarFpEncodingsDisassembleAsObjdump() throws IOException {
        DisasmCorpus.assertGroupAgrees("scalar FP", FpDisasmCorpusTest::scalarFp,
                "/disasm/fp-known-differences.tsv", 400);
    }
}
