package io.el2studio.sim.tests.disasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;

/**
 * Compares our disassembler with the GNU objdump 2.40 text of the reference corpus
 * (shared/reference/disasm/a64-disasm-corpus-base.tsv) and groups the results by the Arm ARM's
 * top-level encoding groups. Also runnable as a program to print the report:
 * {@code java -cp ... io.el2studio.sim.tests.disasm.DisasmCorpus}.
 */
public final class DisasmCorpus {
    /** One corpus line: the word, objdump's text, the pc it was disassembled at, its source file. */
    public record Entry(int word, String objdump, long pc, String source) {
    }

    public record Mismatch(Entry entry, String ours) {
    }

    public static final class Report {
        public final List<Entry> entries = new ArrayList<>();
        public final List<Mismatch> mismatches = new ArrayList<>();
        /** group -> {agree, total} */
        public final Map<String, int[]> groups = new TreeMap<>();

        public double agreement() {
            return entries.isEmpty() ? 0 : 100.0 * (entries.size() - mismatches.size()) / entries.size();
        }

        public String summary(int examplesPerGroup) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("disassembly corpus: %d of %d agree with objdump (%.2f%%)%n",
                    entries.size() - mismatches.size(), entries.size(), agreement()));
            for (Map.Entry<String, int[]> g : groups.entrySet()) {
                int[] v = g.getValue();
                sb.append(String.format("  %-40s %5d / %5d  %6.2f%%%n", g.getKey(), v[0], v[1], 100.0 * v[0] / v[1]));
            }
            if (examplesPerGroup > 0) {
                Map<String, List<Mismatch>> byGroup = new TreeMap<>();
                for (Mismatch m : mismatches) {
                    byGroup.computeIfAbsent(group(m.entry.word), k -> new ArrayList<>()).add(m);
                }
                for (Map.Entry<String, List<Mismatch>> g : byGroup.entrySet()) {
                    sb.append(String.format("%s: %d mismatches, e.g.%n", g.getKey(), g.getValue().size()));
                    for (Mismatch m : g.getValue().subList(0, Math.min(examplesPerGroup, g.getValue().size()))) {
                        sb.append(String.format("    %08x  objdump: %-40s ours: %s%n", m.entry.word, m.entry.objdump, m.ours));
                    }
                }
            }
            return sb.toString();
        }
    }

    private DisasmCorpus() {
    }

    public static Path corpusFile() {
        String shared = System.getProperty("el2studio.shared");
        if (shared == null) {
            throw new IllegalStateException("system property el2studio.shared (the reference data) is not set");
        }
        return Path.of(shared, "reference", "disasm", "a64-disasm-corpus-base.tsv");
    }

    public static List<Entry> read(Path tsv) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new Entry((int) Long.parseLong(f[0], 16), f[1], Long.parseLong(f[4], 16), f[3]));
        }
        return out;
    }

    /** The Arm ARM's top-level A64 encoding groups (C4.1: op0 = bit 31, op1 = bits 28:25), FP and SIMD split. */
    public static String group(int w) {
        int op0 = (w >>> 25) & 0xF;
        return switch (op0) {
            case 0 -> w < 0 ? "SME (op0=1, op1=0000)" : "reserved (op0=0, op1=0000)";
            case 1, 3 -> "unallocated (op1=0001, 0011)";
            case 2 -> "SVE (op1=0010)";
            case 8, 9 -> "data processing, immediate";
            case 10, 11 -> "branches, exceptions, system";
            case 4, 6, 12, 14 -> ((w >>> 26) & 1) != 0 ? "loads and stores, SIMD&FP" : "loads and stores";
            case 5, 13 -> "data processing, register";
            default -> {
                // op0 = x111: scalar FP when bits 30 = 0 and 28 = 1 (C4.1.96), crypto bits 31:24 = 0x4E/0x5E/0xCE with 0101x
                if ((w & 0x5F000000) == 0x1E000000) {
                    yield "data processing, scalar FP";
                }
                if ((w & 0xFF000000) == 0xCE000000 || (w & 0xBF3E0C00) == 0x0E280800 || (w & 0xDF208C00) == 0x5E000000) {
                    yield "cryptographic";
                }
                yield "data processing, Advanced SIMD";
            }
        };
    }

    public static Report compare(List<Entry> entries) {
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        Report r = new Report();
        for (Entry e : entries) {
            String ours;
            try {
                ours = d.disassemble(e.word, e.pc);
            } catch (RuntimeException ex) {
                ours = "<" + ex + ">";
            }
            int[] g = r.groups.computeIfAbsent(group(e.word), k -> new int[2]);
            g[1]++;
            r.entries.add(e);
            if (ours.equals(e.objdump)) {
                g[0]++;
            } else {
                r.mismatches.add(new Mismatch(e, ours));
            }
        }
        return r;
    }

    /** The known differences resource: word (hex) -> reason. */
    public static Map<Integer, String> knownDifferences(Path tsv) throws IOException {
        Map<Integer, String> known = new LinkedHashMap<>();
        if (!Files.exists(tsv)) {
            return known;
        }
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 2);
            known.put((int) Long.parseLong(f[0].trim(), 16), f.length > 1 ? f[1] : "");
        }
        return known;
    }

    public static void main(String[] args) throws IOException {
        Report r = compare(read(corpusFile()));
        System.out.print(r.summary(args.length > 0 ? Integer.parseInt(args[0]) : 5));
    }
}
