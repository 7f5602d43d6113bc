package io.el2studio.sim.tests.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;

/**
 * The Advanced SIMD integer and crypto rows print exactly what GNU objdump 2.40 prints, on every
 * word of the shared disassembly corpus that they decode, and on every SIMD&amp;FP-class word that
 * objdump prints with one of their mnemonics. Justified exceptions are listed with their reason in
 * resources/disasm/simd-known-differences.tsv.
 */
class SimdDisasmCorpusTest {
    private static final Decoder ALL = new Decoder(EnumSet.allOf(Feature.class));
    /** Mnemonics shared with other groups: checked only on words our rows decode. */
    private static final Set<String> SHARED = Set.of("mov", "fmov", "orr", "and", "bic", "eor", "mvn", "movi", ".inst");

    record Line(int word, String text, long pc) {
    }

    static List<Line> corpus() throws IOException {
        Path p = Path.of(System.getProperty("el2studio.shared", "/work/shared"), "reference/disasm/a64-disasm-corpus-base.tsv");
        List<Line> out = new ArrayList<>();
        for (String l : Files.readAllLines(p)) {
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            String[] f = l.split("\t");
            out.add(new Line((int) Long.parseLong(f[0], 16), f[1], Long.parseLong(f[4], 16)));
        }
        return out;
    }

    static Map<Integer, String> knownDifferences() throws IOException {
        Map<Integer, String> m = new HashMap<>();
        try (var in = SimdDisasmCorpusTest.class.getResourceAsStream("/disasm/simd-known-differences.tsv")) {
            if (in == null) {
                return m;
            }
            for (String l : new String(in.readAllBytes()).split("\n")) {
                if (l.startsWith("#") || l.isBlank()) {
                    continue;
                }
                String[] f = l.split("\t");
                m.put((int) Long.parseLong(f[0], 16), f.length > 1 ? f[1] : "");
            }
        }
        return m;
    }

    private static String mnemonic(String text) {
        int sp = text.indexOf(' ');
        return sp < 0 ? text : text.substring(0, sp);
    }

    @Test
    void simdIntegerAndCryptoRowsAgreeWithObjdumpOnTheCorpus() throws IOException {
        List<Line> lines = corpus();
        Map<Integer, String> known = knownDifferences();
        Set<String> ours = new HashSet<>();
        for (Line l : lines) {
            Row r = ALL.decode(l.word());
            if (SimdRowSet.isOurs(r)) {
                ours.add(mnemonic(r.disasm().text(l.word(), l.pc())));
            }
        }
        ours.removeAll(SHARED);
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (Line l : lines) {
            Row r = ALL.decode(l.word());
            boolean simdClass = ((l.word() >>> 25) & 7) == 7;
            if (!SimdRowSet.isOurs(r) && !(simdClass && ours.contains(mnemonic(l.text())))) {
                continue;
            }
            checked++;
            String got = ALL.disassemble(l.word(), l.pc());
            if (!got.equals(l.text()) && !known.containsKey(l.word())) {
                bad.add(String.format("%08x: objdump '%s', we print '%s'%s", l.word(), l.text(), got,
                        r == null ? "" : " (" + r.name() + ")"));
            }
        }
        String report = bad.size() + " of " + checked + " lines differ:\n" + String.join("\n", bad.subList(0, Math.min(bad.size(), 80)));
        assertTrue(bad.isEmpty(), report);
        assertTrue(checked > 1000, "too few lines checked: " + checked);
    }
}
