package io.el2studio.sim.tests.ls;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * Every word of the reference corpus (shared/reference/disasm/a64-disasm-corpus-base.tsv, GNU
 * objdump 2.40 column) in the load/store group, op0 (bits 28:25) = x1x0, disassembles exactly as
 * objdump printed it, extension instructions we only decode (MTE, PAuth, LRCPC2, LS64, MOPS)
 * included. Justified exceptions are listed with their reason in
 * resources/disasm/loadstore-known-differences.tsv.
 */
class LoadStoreDisasmCorpusTest {

    static boolean inLoadStoreGroup(int w) {
        return ((w >>> 25) & 0b0101) == 0b0100;
    }

    @Test
    void loadStoreCorpusWordsDisassembleAsObjdump() throws IOException {
        DisasmCorpus.assertGroupAgrees("load/store", LoadStoreDisasmCorpusTest::inLoadStoreGroup,
                "/disasm/loadstore-known-differences.tsv", 3000);
    }
}
