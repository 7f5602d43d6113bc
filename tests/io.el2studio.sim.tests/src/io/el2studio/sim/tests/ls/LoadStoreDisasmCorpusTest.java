package io.el2studio.sim.tests.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.disasm.DisasmCorpus;

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

    /** resources/disasm/loadstore-known-differences.tsv: word (hex) TAB reason. */
    static Map<Integer, String> knownDifferences() throws IOException {
        Map<Integer, String> known = new HashMap<>();
        try (InputStream in = LoadStoreDisasmCorpusTest.class.getResourceAsStream("/disasm/loadstore-known-differences.tsv")) {
            assertNotNull(in, "resource disasm/loadstore-known-differences.tsv is missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                known.put((int) Long.parseLong(f[0].trim(), 16), f.length > 1 ? f[1] : "");
            }
        }
        return known;
    }

    @Test
    void loadStoreCorpusWordsDisassembleAsObjdump() throws IOException {
        Map<Integer, String> known = knownDifferences();
        List<DisasmCorpus.Entry> entries = new ArrayList<>();
        for (DisasmCorpus.Entry e : DisasmCorpus.read(DisasmCorpus.corpusFile())) {
            if (inLoadStoreGroup(e.word()) && !known.containsKey(e.word())) {
                entries.add(e);
            }
        }
        assertTrue(entries.size() > 3000, "corpus filter found only " + entries.size() + " load/store words");
        DisasmCorpus.Report r = DisasmCorpus.compare(entries);
        List<String> diffs = new ArrayList<>();
        for (DisasmCorpus.Mismatch m : r.mismatches) {
            diffs.add(String.format("%08x @0x%x: objdump '%s' ours '%s'", m.entry().word(), m.entry().pc(),
                    m.entry().objdump(), m.ours()));
        }
        assertEquals(0, diffs.size(), () -> diffs.size() + " load/store corpus words differ:\n" + String.join("\n", diffs));
    }
}
