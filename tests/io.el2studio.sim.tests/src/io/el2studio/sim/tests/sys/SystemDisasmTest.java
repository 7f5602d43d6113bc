package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;

/**
 * The disassembly of MRS/MSR, SYS aliases, PSTATE/hint/barrier encodings agrees with GNU objdump
 * 2.40 on every line of the reference files (shared/reference/disasm). The MRS/MSR files list only
 * the encodings objdump names; every other encoding of op0 = 2/3 must print in the generic
 * s<op0>_<op1>_c<n>_c<m>_<op2> form, which the "unnamed" tests check over the whole space.
 */
class SystemDisasmTest {
    static final Decoder DIS = new Decoder(EnumSet.allOf(Feature.class));

    static Path ref(String name) {
        return Path.of(System.getProperty("el2studio.shared", "/work/shared"), "reference", "disasm", name);
    }

    /**
     * Lines of "word \t ... \t text" (text = last column), at least {@code minLines} of them; returns
     * mismatches as "word: expected | actual".
     */
    static List<String> compare(String file, int minLines) throws IOException {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(ref(file))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            checked++;
            String[] t = line.split("\t");
            int w = (int) Long.parseLong(t[0], 16);
            String expected = t[t.length - 1].trim();
            String actual = DIS.disassemble(w, 0);
            if (!expected.equals(actual)) {
                bad.add(t[0] + ": " + expected + " | " + actual);
            }
        }
        assertTrue(checked >= minLines, file + " has " + checked + " lines, expected at least " + minLines);
        return bad;
    }

    static void assertAgrees(String file, int minLines) throws IOException {
        List<String> bad = compare(file, minLines);
        assertTrue(bad.isEmpty(), bad.size() + " mismatches in " + file + ":\n"
                + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
    }

    @Test
    void mrsOfEveryNamedSystemRegisterMatchesObjdump() throws IOException {
        assertAgrees("a64-mrs-named-sysregs-objdump.tsv", 1000);
    }

    @Test
    void msrOfEveryNamedSystemRegisterMatchesObjdump() throws IOException {
        assertAgrees("a64-msr-named-sysregs-objdump.tsv", 1000);
    }

    @Test
    void sysAliasesMatchObjdump() throws IOException {
        assertAgrees("a64-sys-aliases-objdump.tsv", 250);
    }

    @Test
    void pstateHintAndBarrierEncodingsMatchObjdump() throws IOException {
        assertAgrees("a64-pstate-hint-barrier-objdump.tsv", 1250);
    }

    /** Every op0 = 2/3 encoding objdump does not name prints as s<op0>_<op1>_c<n>_c<m>_<op2> (file header rule). */
    @Test
    void unnamedSystemRegistersPrintInGenericForm() throws IOException {
        java.util.Set<Integer> named = new java.util.HashSet<>();
        for (String line : Files.readAllLines(ref("a64-mrs-named-sysregs-objdump.tsv"))) {
            if (!line.startsWith("#")) {
                named.add((int) Long.parseLong(line.split("\t")[0], 16));
            }
        }
        assertTrue(named.size() >= 1000, "named system registers read: " + named.size());
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (int key = 0x8000; key < 0x10000; key++) {
            int w = 0xD5300001 | (key & 0x7FFF) << 5;
            if (named.contains(w)) {
                continue;
            }
            checked++;
            String expected = String.format("mrs x1, s%d_%d_c%d_c%d_%d", key >>> 14, (key >>> 11) & 7, (key >>> 7) & 15, (key >>> 3) & 15, key & 7);
            String actual = DIS.disassemble(w, 0);
            if (!expected.equals(actual)) {
                bad.add(String.format("%08x: %s | %s", w, expected, actual));
            }
            String expectedW = String.format("msr s%d_%d_c%d_c%d_%d, x1", key >>> 14, (key >>> 11) & 7, (key >>> 7) & 15, (key >>> 3) & 15, key & 7);
            String actualW = DIS.disassemble(w & ~(1 << 21), 0);
            if (!expectedW.equals(actualW) && !named.contains(w)) {
                bad.add(String.format("%08x: %s | %s", w & ~(1 << 21), expectedW, actualW));
            }
        }
        assertTrue(checked >= 0x8000 - named.size(), checked + " unnamed encodings checked");
        assertTrue(bad.isEmpty(), bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
    }
}
