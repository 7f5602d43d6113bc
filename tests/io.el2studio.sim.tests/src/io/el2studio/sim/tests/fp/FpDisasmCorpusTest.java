package io.el2studio.sim.tests.fp;

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

    static Path corpus() {
        return Path.of(System.getProperty("el2studio.shared", "/work/shared"), "reference", "disasm",
                "a64-disasm-corpus-base.tsv");
    }

    static Map<Integer, String> knownDifferences() throws IOException {
        Map<Integer, String> m = new HashMap<>();
        try (InputStream in = FpDisasmCorpusTest.class.getResourceAsStream("/disasm/fp-known-differences.tsv")) {
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
    void corpusWordsOfTheScalarFpEncodingsDisassembleAsObjdump() throws IOException {
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        Map<Integer, String> known = knownDifferences();
        List<String> diffs = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(corpus(), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            int w = (int) Long.parseLong(f[0], 16);
            if (!scalarFp(w) || known.containsKey(w)) {
                continue;
            }
            long pc = Long.parseLong(f[4].trim(), 16);
            checked++;
            String ours = d.disassemble(w, pc);
            if (!ours.equals(f[1])) {
                diffs.add(String.format("%08x: objdump '%s' ours '%s'", w, f[1], ours));
            }
        }
        assertTrue(checked > 400, "corpus filter found only " + checked + " words");
        assertEquals(0, diffs.size(), () -> diffs.size() + " corpus words differ:\n" + String.join("\n", diffs));
    }
}
