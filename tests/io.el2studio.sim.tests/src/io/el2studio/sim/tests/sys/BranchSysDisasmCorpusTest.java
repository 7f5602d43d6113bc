package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Branch, exception-generation and system lines (bits 28:25 = 101x) of the A64 disassembly corpus
 * agree with GNU objdump 2.40, except the differences listed with their reasons in
 * resources/disasm/branchsys-known-differences.tsv (word, our text, reason).
 */
class BranchSysDisasmCorpusTest {
    static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> m = new HashMap<>();
        Path p = Path.of(System.getProperty("el2studio.root", "/work/main"),
                "tests/io.el2studio.sim.tests/resources/disasm/branchsys-known-differences.tsv");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] t = line.split("\t");
                    m.put(t[0], t[1]);
                }
            }
        }
        return m;
    }

    @Test
    void branchAndSystemLinesOfTheCorpusMatchObjdump() throws IOException {
        Map<String, String> known = knownDifferences();
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(SystemDisasmTest.ref("a64-disasm-corpus-base.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] t = line.split("\t");
            int w = (int) Long.parseLong(t[0], 16);
            if ((w & 0x1C00_0000) != 0x1400_0000) {
                continue;
            }
            checked++;
            long pc = Long.parseLong(t[4].trim(), 16);
            String expected = t[1].trim();
            String actual = SystemDisasmTest.DIS.disassemble(w, pc);
            if (!expected.equals(actual) && !actual.equals(known.get(t[0]))) {
                bad.add(t[0] + " @" + t[4] + ": " + expected + " | " + actual);
            }
        }
        assertTrue(checked > 3000, "corpus lines checked: " + checked);
        assertTrue(bad.isEmpty(), bad.size() + " of " + checked + " lines differ:\n" + String.join("\n", bad.subList(0, Math.min(60, bad.size()))));
    }
}
