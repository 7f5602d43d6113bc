package io.el2studio.sim.tests.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * Issue acceptance 3: over all 11,146 words of the reference corpus our disassembly agrees exactly
 * with GNU objdump 2.40 for at least 99.5% of them, and every remaining difference is listed, with
 * its reason, in resources/disasm/corpus-known-differences.tsv. A listed word that now agrees fails
 * the test too, so that the list stays honest.
 * The figures per encoding group are printed; {@link DisasmCorpus#main} prints them with examples.
 */
class DisasmCorpusTest {
    static final double REQUIRED_AGREEMENT = 99.5;
    static final String KNOWN_DIFFERENCES = "/disasm/corpus-known-differences.tsv";

    @Test
    void disassemblyAgreesWithObjdumpOverTheCorpus() throws Exception {
        DisasmCorpus.Report r = DisasmCorpus.compare(DisasmCorpus.entries());
        System.out.print(r.summary(3));
        Map<Integer, String> known = DisasmCorpus.knownDifferences(KNOWN_DIFFERENCES);
        List<String> unlisted = new ArrayList<>();
        for (DisasmCorpus.Mismatch m : r.unlisted(known)) {
            unlisted.add(m.line());
        }
        assertTrue(r.agreement() >= REQUIRED_AGREEMENT,
                String.format("agreement %.2f%% is below %.1f%%%n%s", r.agreement(), REQUIRED_AGREEMENT, r.summary(5)));
        if (!unlisted.isEmpty()) {
            fail(unlisted.size() + " differences not listed in resources" + KNOWN_DIFFERENCES + ":\n  "
                    + String.join("\n  ", unlisted.subList(0, Math.min(50, unlisted.size()))));
        }
        DisasmCorpus.assertNoStaleEntries(KNOWN_DIFFERENCES, known, r);
    }

    @Test
    void corpusIsReadCompletely() throws Exception {
        List<DisasmCorpus.Entry> entries = DisasmCorpus.read(DisasmCorpus.corpusFile());
        assertTrue(entries.size() == 11146, "corpus has " + entries.size() + " entries, the reference README says 11,146");
        assertTrue(entries.stream().anyMatch(e -> e.pc() == 0x7e4c && e.objdump().equals("ldr x29, 0x7e50")),
                "the pc column (5) is read as hexadecimal");
    }
}
