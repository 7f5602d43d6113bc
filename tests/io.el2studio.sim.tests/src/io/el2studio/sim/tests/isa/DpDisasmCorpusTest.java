package io.el2studio.sim.tests.isa;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * Every word of the reference disassembly corpus (shared/reference/disasm/a64-disasm-corpus-base.tsv,
 * GNU objdump 2.40 column) in the integer data-processing classes, op0 (28:25) = 100x or x101,
 * disassembles exactly as objdump printed it. Justified exceptions, if any, are listed with their
 * reason in resources/isa/dp-disasm-corpus-exceptions.tsv (word, then reason).
 */
class DpDisasmCorpusTest {

    static boolean inDpGroups(int w) {
        int op0 = (w >>> 25) & 0xF;
        return (op0 & 0xE) == 0x8 || (op0 & 0x7) == 0x5;
    }

    @Test
    void corpusWordsOfTheDataProcessingClassesDisassembleAsObjdump() throws IOException {
        DisasmCorpus.assertGroupAgrees("data-processing", DpDisasmCorpusTest::inDpGroups,
                "/isa/dp-disasm-corpus-exceptions.tsv", 1000);
    }
}
