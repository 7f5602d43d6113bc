package io.el2studio.sim.tests.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;

/**
 * GNU objdump (binutils 2.40, aarch64-linux-gnu-objdump) as a live disassembly oracle: the words
 * are written as one raw little-endian blob, words[i] at offset 4 * i, objdump runs once over it,
 * and its text comes back in the form of the reference corpus (the tabs after the mnemonic and
 * before a comment become one space). PC-relative targets are therefore relative to 4 * i.
 */
public final class Objdump {
    public static final String TOOL = GuestBuild.OBJDUMP;
    /** The text of a word objdump printed no line for. */
    public static final String MISSING = "<missing>";

    private Objdump() {
    }

    public static boolean available() {
        return GuestBuild.haveTool(TOOL);
    }

    /** Skips the calling test where the cross objdump is not installed (fails it under the test command: {@link Oracles}). */
    public static void assumeAvailable() {
        Oracles.needTool(TOOL, available());
    }

    /** objdump's text of each word, words[i] located at offset 4 * i. */
    public static String[] disassemble(int[] words) throws IOException {
        Path bin = Files.createTempFile(GuestBuild.outDir(), "words", ".bin");
        try {
            Files.write(bin, TestMachine.littleEndian(words));
            GuestBuild.Output o = GuestBuild.run(List.of(TOOL, "-D", "-b", "binary", "-m", "aarch64", "--no-show-raw-insn",
                    bin.toString()), 300);
            if (o.status() != 0) {
                throw new IOException(TOOL + " failed: " + o.err() + o.out());
            }
            String[] texts = new String[words.length];
            java.util.Arrays.fill(texts, MISSING);
            for (String line : o.out().split("\n")) {
                int colon = line.indexOf(":\t");
                if (colon < 0) {
                    continue;
                }
                String addr = line.substring(0, colon).trim();
                if (addr.isEmpty() || !addr.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    continue;
                }
                long index = Long.parseLong(addr, 16) / 4;
                if (index < texts.length) {
                    texts[(int) index] = line.substring(colon + 2).replace('\t', ' ').strip();
                }
            }
            return texts;
        } finally {
            Files.deleteIfExists(bin);
        }
    }

    /** {@link #disassemble(int[])} of a list. */
    public static List<String> disassemble(List<Integer> words) throws IOException {
        return List.of(disassemble(words.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * The whole table (all features) disassembles each word, at offset 4 * i, exactly as objdump
     * does; the first 40 differences are listed. Needs objdump ({@link #assumeAvailable}).
     */
    public static void assertSameAsObjdump(int[] words) throws IOException {
        assumeAvailable();
        String[] expected = disassemble(words);
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        List<String> diffs = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < words.length; i++) {
            String ours = d.disassemble(words[i], 4L * i);
            if (!ours.equals(expected[i]) && bad++ < 40) {
                diffs.add(String.format("%08x @0x%x: objdump '%s' ours '%s'", words[i], 4 * i, expected[i], ours));
            }
        }
        int total = bad;
        assertTrue(total == 0, () -> total + " of " + words.length + " differ:\n" + String.join("\n", diffs));
    }
}
