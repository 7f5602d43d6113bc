package io.el2studio.sim.tests.isa;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * GNU objdump (binutils 2.40, aarch64-linux-gnu-objdump) as a live disassembly oracle: words are
 * written as a raw little-endian blob, each at offset 4 * index, and objdump's text comes back in
 * the form of the reference corpus (the tabs after the mnemonic and before a comment become one space).
 */
public final class Objdump {
    public static final String TOOL = "aarch64-linux-gnu-objdump";

    private Objdump() {
    }

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, TOOL))) {
                return true;
            }
        }
        return false;
    }

    /** objdump text of each word, words[i] located at offset 4 * i. */
    public static String[] disassemble(int[] words) throws IOException, InterruptedException {
        Path bin = Files.createTempFile("el2studio-objdump", ".bin");
        try {
            ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int w : words) {
                b.putInt(w);
            }
            Files.write(bin, b.array());
            Process p = new ProcessBuilder(TOOL, "-D", "-b", "binary", "-m", "aarch64", "--no-show-raw-insn",
                    bin.toString()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(TOOL + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            Map<Long, String> byOffset = new HashMap<>();
            for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(":\t");
                if (colon < 0) {
                    continue;
                }
                String addr = line.substring(0, colon).trim();
                if (addr.isEmpty() || !addr.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    continue;
                }
                byOffset.put(Long.parseLong(addr, 16), line.substring(colon + 2).replace('\t', ' ').strip());
            }
            String[] texts = new String[words.length];
            for (int i = 0; i < words.length; i++) {
                texts[i] = byOffset.get(4L * i);
            }
            return texts;
        } finally {
            Files.deleteIfExists(bin);
        }
    }
}
