package io.el2studio.sim.tests.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.diff.GuestBuild;

/**
 * Issue acceptance 3: over all 11,146 words of the reference corpus our disassembly agrees exactly
 * with GNU objdump 2.40 for at least 99.5% of them, and every remaining difference is listed, with
 * its reason, in resources/disasm/corpus-known-differences.tsv. A listed word that now agrees fails
 * the test too, so that the list stays honest.
 * The figures per encoding group are printed; {@link DisasmCorpus#main} prints them with examples.
 */
class DisasmCorpusTest {
    static final double REQUIRED_AGREEMENT = 99.5;

    static Path knownDifferencesFile() {
        return GuestBuild.root().resolve("tests/io.el2studio.sim.tests/resources/disasm/corpus-known-differences.tsv");
    }

    @Test
    void disassemblyAgreesWithObjdumpOverTheCorpus() throws Exception {
        DisasmCorpus.Report r = DisasmCorpus.compare(DisasmCorpus.read(DisasmCorpus.corpusFile()));
        System.out.print(r.summary(3));
        Map<Integer, String> known = DisasmCorpus.knownDifferences(knownDifferencesFile());
        List<String> unlisted = new ArrayList<>();
        Set<Integer> differing = new HashSet<>();
        for (DisasmCorpus.Mismatch m : r.mismatches) {
            differing.add(m.entry().word());
            if (!known.containsKey(m.entry().word())) {
                unlisted.add(String.format("%08x  objdump: %s  ours: %s", m.entry().word(), m.entry().objdump(), m.ours()));
            }
        }
        List<String> nowAgree = new ArrayList<>();
        for (Integer w : known.keySet()) {
            if (!differing.contains(w)) {
                nowAgree.add(String.format("%08x", w));
            }
        }
        assertTrue(r.agreement() >= REQUIRED_AGREEMENT,
                String.format("agreement %.2f%% is below %.1f%%%n%s", r.agreement(), REQUIRED_AGREEMENT, r.summary(5)));
        if (!unlisted.isEmpty() || !nowAgree.isEmpty()) {
            fail(unlisted.size() + " differences not listed in " + knownDifferencesFile() + ":\n  "
                    + String.join("\n  ", unlisted.subList(0, Math.min(50, unlisted.size())))
                    + "\n" + nowAgree.size() + " listed words now agree (remove them): " + nowAgree);
        }
    }

    @Test
    void corpusIsReadCompletely() throws Exception {
        List<DisasmCorpus.Entry> entries = DisasmCorpus.read(DisasmCorpus.corpusFile());
        assertTrue(entries.size() == 11146, "corpus has " + entries.size() + " entries, the reference README says 11,146");
        assertTrue(entries.stream().anyMatch(e -> e.pc() == 0x7e4c && e.objdump().equals("ldr x29, 0x7e50")),
                "the pc column (5) is read as hexadecimal");
    }
}
