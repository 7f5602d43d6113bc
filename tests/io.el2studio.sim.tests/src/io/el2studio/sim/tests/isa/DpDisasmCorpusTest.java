package io.el2studio.sim.tests.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;

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

    static Path corpus() {
        return Path.of(System.getProperty("el2studio.shared", "/work/shared"), "reference", "disasm",
                "a64-disasm-corpus-base.tsv");
    }

    private static Map<Integer, String> exceptions() throws IOException {
        Map<Integer, String> m = new HashMap<>();
        try (InputStream in = DpDisasmCorpusTest.class.getResourceAsStream("/isa/dp-disasm-corpus-exceptions.tsv")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                m.put((int) Long.parseLong(f[0].trim(), 16), f.length > 1 ? f[1] : "");
            }
        }
        return m;
    }

    @Test
    void corpusWordsOfTheDataProcessingClassesDisassembleAsObjdump() throws IOException {
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        Map<Integer, String> known = exceptions();
        List<String> diffs = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(corpus(), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            int w = (int) Long.parseLong(f[0], 16);
            if (!inDpGroups(w) || known.containsKey(w)) {
                continue;
            }
            long pc = Long.parseLong(f[4].trim(), 16);
            checked++;
            String ours = d.disassemble(w, pc);
            if (!ours.equals(f[1])) {
                diffs.add(String.format("%08x @0x%x: objdump '%s' ours '%s'", w, pc, f[1], ours));
            }
        }
        assertTrue(checked > 1000, "corpus filter found only " + checked + " words");
        assertEquals(0, diffs.size(), () -> diffs.size() + " corpus words differ:\n" + String.join("\n", diffs));
    }
}
