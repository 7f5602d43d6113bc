package io.el2studio.sim.tests.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;

/**
 * The reference disassembly corpus (shared/reference/disasm/a64-disasm-corpus-base.tsv, GNU objdump
 * 2.40 column) and the comparison every disassembly corpus test makes against it: one reader of the
 * corpus and of the known-differences resources (word TAB rest-of-line), one comparison that
 * counts per Arm ARM top-level encoding group, and one report of the differing lines. Also runnable
 * as a program to print the per-group report:
 * {@code java -cp ... io.el2studio.sim.tests.support.DisasmCorpus [examples-per-group]}.
 */
public final class DisasmCorpus {
    /** The disassembler under test, with every feature enabled (as the table contract says). */
    public static final Decoder ALL = new Decoder(EnumSet.allOf(Feature.class));

    /** One corpus line: the word, objdump's text, the pc it was disassembled at, its source file. */
    public record Entry(int word, String objdump, long pc, String source) {
    }

    public record Mismatch(Entry entry, String ours) {
        /** One report line: word, pc, both texts and the row of the whole table that decodes the word. */
        public String line() {
            Row r = ALL.decode(entry.word);
            return String.format("%08x @0x%x: objdump '%s' ours '%s' (%s)", entry.word, entry.pc, entry.objdump, ours,
                    r == null ? "no row" : r.name());
        }
    }

    public static final class Report {
        public final List<Entry> entries = new ArrayList<>();
        /** Every entry whose text differs, listed as a known difference or not. */
        public final List<Mismatch> mismatches = new ArrayList<>();
        /** group -> {agree, total} */
        public final Map<String, int[]> groups = new TreeMap<>();

        public double agreement() {
            return entries.isEmpty() ? 0 : 100.0 * (entries.size() - mismatches.size()) / entries.size();
        }

        /** The mismatches that {@code tolerated} does not excuse (e.g. those not listed as known differences). */
        public List<Mismatch> unexcused(BiPredicate<Entry, String> tolerated) {
            List<Mismatch> out = new ArrayList<>();
            for (Mismatch m : mismatches) {
                if (!tolerated.test(m.entry, m.ours)) {
                    out.add(m);
                }
            }
            return out;
        }

        /** The mismatches whose word is not a key of {@code known}. */
        public List<Mismatch> unlisted(Map<Integer, String> known) {
            return unexcused((e, ours) -> known.containsKey(e.word()));
        }

        public Set<Integer> differingWords() {
            Set<Integer> out = new HashSet<>();
            for (Mismatch m : mismatches) {
                out.add(m.entry.word);
            }
            return out;
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

    private static List<Entry> corpus;

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
            out.add(new Entry((int) Long.parseLong(f[0], 16), f[1], Long.parseLong(f[4].trim(), 16), f[3]));
        }
        return out;
    }

    /** The whole corpus, read once per test run. */
    public static synchronized List<Entry> entries() throws IOException {
        if (corpus == null) {
            corpus = List.copyOf(read(corpusFile()));
        }
        return corpus;
    }

    /** The corpus entries {@code selected} accepts, in corpus order. */
    public static List<Entry> select(Predicate<Entry> selected) throws IOException {
        return entries().stream().filter(selected).toList();
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

    /** Our text of an entry with the whole table; an exception thrown by a printer becomes the text. */
    public static String ours(Entry e) {
        try {
            return ALL.disassemble(e.word(), e.pc());
        } catch (RuntimeException ex) {
            return "<" + ex + ">";
        }
    }

    /** Compares the whole table's text with objdump's on {@code entries}. */
    public static Report compare(List<Entry> entries) {
        return compare(entries, DisasmCorpus::ours);
    }

    /** Compares {@code ours} (e.g. the text of a subset of the rows) with objdump's on {@code entries}. */
    public static Report compare(List<Entry> entries, Function<Entry, String> ours) {
        Report r = new Report();
        for (Entry e : entries) {
            String text = ours.apply(e);
            int[] g = r.groups.computeIfAbsent(group(e.word), k -> new int[2]);
            g[1]++;
            r.entries.add(e);
            if (text.equals(e.objdump)) {
                g[0]++;
            } else {
                r.mismatches.add(new Mismatch(e, text));
            }
        }
        return r;
    }

    /**
     * The assertion of every group test: more than {@code minChecked} entries were compared (the
     * group filter is not broken) and none of {@code differences} is left (at most {@code limit}
     * of them are listed).
     */
    public static void assertAgree(String what, Report r, List<Mismatch> differences, int minChecked, int limit) {
        int checked = r.entries.size();
        assertTrue(checked > minChecked, "corpus filter found only " + checked + " " + what + " words");
        List<String> lines = new ArrayList<>();
        for (Mismatch m : differences.subList(0, Math.min(limit, differences.size()))) {
            lines.add(m.line());
        }
        assertTrue(differences.isEmpty(), () -> differences.size() + " of " + checked + " " + what
                + " corpus words differ:\n" + String.join("\n", lines));
    }

    /**
     * The whole test of an encoding group whose known differences are simply left out: every
     * corpus word in {@code group} that {@code knownResource} does not list disassembles as objdump
     * printed it, and there are more than {@code minChecked} such words.
     */
    public static void assertGroupAgrees(String what, IntPredicate group, String knownResource, int minChecked)
            throws IOException {
        Map<Integer, String> known = knownDifferences(knownResource);
        Report r = compare(select(e -> group.test(e.word())));
        assertAgree(what, r, r.unlisted(known), minChecked, Integer.MAX_VALUE);
        assertNoStaleEntries(knownResource, known, r);
    }

    /**
     * Every entry of a known-differences list still differs: its word is one of the words {@code r}
     * compared and one of its mismatches. A listed difference that was fixed, or a word the
     * comparison no longer reaches, fails, so that no list excuses more than it must.
     */
    public static void assertNoStaleEntries(String resource, Map<Integer, String> known, Report r) {
        Set<Integer> compared = new HashSet<>();
        r.entries.forEach(e -> compared.add(e.word()));
        Set<Integer> differing = r.differingWords();
        List<String> stale = new ArrayList<>();
        for (Integer w : known.keySet()) {
            if (!compared.contains(w)) {
                stale.add(String.format("%08x (not among the %d words compared)", w, compared.size()));
            } else if (!differing.contains(w)) {
                stale.add(String.format("%08x (now agrees with objdump)", w));
            }
        }
        assertTrue(stale.isEmpty(), () -> stale.size() + " stale entries in " + resource + " (remove them): " + stale);
    }

    /**
     * A known-differences resource on the test class path (e.g. "/disasm/fp-known-differences.tsv"):
     * word (hex) -> the rest of the line (reason, or our text TAB reason). The resource must exist:
     * an empty list is a file of comments, so that a misspelt name cannot hide differences.
     */
    public static Map<Integer, String> knownDifferences(String resource) throws IOException {
        return knownDifferences(TestData.dataLines(resource));
    }

    /** The known differences file at {@code tsv}; none if it does not exist. */
    public static Map<Integer, String> knownDifferences(Path tsv) throws IOException {
        return Files.exists(tsv) ? knownDifferences(Files.readAllLines(tsv)) : new LinkedHashMap<>();
    }

    private static Map<Integer, String> knownDifferences(List<String> lines) {
        Map<Integer, String> known = new LinkedHashMap<>();
        for (String line : lines) {
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
