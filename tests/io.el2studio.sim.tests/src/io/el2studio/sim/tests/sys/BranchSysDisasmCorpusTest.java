package io.el2studio.sim.tests.sys;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * Branch, exception-generation and system lines (bits 28:25 = 101x) of the A64 disassembly corpus
 * agree with GNU objdump 2.40, except the differences listed with their reasons in
 * resources/disasm/branchsys-known-differences.tsv (word, our text, reason): a listed word is
 * excused only while we print exactly the listed text, and a listed word that agrees fails.
 */
class BranchSysDisasmCorpusTest {

    @Test
    void branchAndSystemLinesOfTheCorpusMatchObjdump() throws IOException {
        Map<Integer, String> known = DisasmCorpus.knownDifferences("/disasm/branchsys-known-differences.tsv");
        DisasmCorpus.Report r = DisasmCorpus.compare(DisasmCorpus.select(e -> (e.word() & 0x1C00_0000) == 0x1400_0000));
        DisasmCorpus.assertAgree("branch/system", r,
                r.unexcused((e, ours) -> known.containsKey(e.word()) && ours.equals(known.get(e.word()).split("\t")[0])),
                3000, 60);
        DisasmCorpus.assertNoStaleEntries("/disasm/branchsys-known-differences.tsv", known, r);
    }
}
