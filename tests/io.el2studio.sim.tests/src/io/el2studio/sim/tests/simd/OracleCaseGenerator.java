package io.el2studio.sim.tests.simd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.tests.support.Objdump;

/**
 * Records the oracle files of {@link SimdOracleTest}: for every Advanced SIMD integer and crypto row,
 * random encodings run under qemu-aarch64 -cpu max through a small static program
 * (resources/simd/oracle/oracle.c + stub.S, built with aarch64-linux-gnu-gcc -static) that loads a
 * register state, executes the word and stores the state back. Not a test: run by hand with
 * {@code java ... OracleCaseGenerator <resources dir> <oracle binary>} when rows are added (it needs
 * qemu-aarch64 and aarch64-linux-gnu-objdump on PATH).
 */
public final class OracleCaseGenerator {
    private static final int REC = 776;
    /** How many random words the unallocated-word oracle starts from. */
    static final int CANDIDATES = 4000;

    /** A case to record: the word, the seed of its input state. */
    record Case(int word, int seed) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String oracle = args[1];
        int perRow = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Decoder all = new Decoder(EnumSet.allOf(Feature.class));
        List<Case> simd = new ArrayList<>(), crypto = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(0x5EED);
        int seed = 1;
        for (Row row : A64Table.rows()) {
            if (!SimdRowSet.isOurs(row)) {
                continue;
            }
            int made = 0;
            for (int tries = 0; made < perRow && tries < perRow * 50; tries++) {
                int w = (r.nextInt() & ~row.mask()) | row.value();
                if (all.decode(w) != row) {
                    continue;
                }
                (SimdRowSet.isCrypto(row) ? crypto : simd).add(new Case(w, seed++));
                made++;
            }
        }
        String header = "# word seed changes: recorded from qemu-aarch64 7.2 -cpu max by OracleCaseGenerator\n";
        write(dir.resolve("simd-oracle.txt"), header, simd, qemu(simd, oracle));
        write(dir.resolve("crypto-oracle.txt"), header, crypto, qemu(crypto, oracle));
        unallocated(dir.resolve("undefined-oracle.txt"), r, seed, oracle, all);
    }

    /**
     * The unallocated-word cases, chosen by oracles outside our decoder: random words of the Advanced
     * SIMD and FP data-processing classes (bit 31 = 0, bits 28:24 = 01110, 01111, 11110, 11111) and
     * of the crypto space (0xCE......), each kept when qemu-aarch64 raises SIGILL on it or objdump
     * prints it as undefined, and also when our decoder rejects it, so that a word QEMU executes but
     * we reject is a recorded case that fails (or a listed deviation), never a line on stderr. The
     * expectation recorded is QEMU's: "undef", or the registers it changed.
     */
    static void unallocated(Path file, SplittableRandom r, int seed, String oracle, Decoder all)
            throws IOException, InterruptedException {
        int[] tops = {0x0E000000, 0x0F000000, 0x1E000000, 0x1F000000};
        List<Case> candidates = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            int w = i % 5 == 4 ? (r.nextInt() & 0x00FFFFFF) | 0xCE000000 : (r.nextInt() & 0x60FFFFFF) | tops[r.nextInt(4)];
            candidates.add(new Case(w, seed++));
        }
        List<String> qemu = qemu(candidates, oracle);
        String[] objdump = Objdump.disassemble(candidates.stream().mapToInt(Case::word).toArray());
        List<Case> kept = new ArrayList<>();
        List<String> keptQemu = new ArrayList<>();
        int byQemu = 0, byObjdump = 0, byUs = 0, qemuRuns = 0;
        for (int i = 0; i < candidates.size(); i++) {
            int w = candidates.get(i).word();
            boolean q = qemu.get(i).equals("undef"), o = objdumpUndefined(objdump[i]), us = all.decode(w) == null;
            byQemu += q ? 1 : 0;
            byObjdump += o ? 1 : 0;
            byUs += us ? 1 : 0;
            if (q || o || us) {
                kept.add(candidates.get(i));
                keptQemu.add(qemu.get(i));
                qemuRuns += q ? 0 : 1;
            }
        }
        String summary = String.format("%d random words: undefined for qemu %d, for objdump %d, for our decoder %d;"
                + " %d kept, of which qemu executes %d", candidates.size(), byQemu, byObjdump, byUs, kept.size(), qemuRuns);
        System.err.println(summary);
        write(file, "# word seed changes: recorded from qemu-aarch64 7.2 -cpu max by OracleCaseGenerator\n"
                + "# the words qemu-aarch64 rejects (SIGILL), objdump prints as undefined, or our decoder rejects,\n"
                + "# out of " + summary + "\n", kept, keptQemu);
    }

    /** objdump's text of a word it does not know: ".inst 0x........ ; undefined". */
    static boolean objdumpUndefined(String text) {
        return text.startsWith(".inst") || text.contains("undefined") || text.equals(Objdump.MISSING);
    }

    private static void write(Path file, String header, List<Case> cases, List<String> changes) throws IOException {
        StringBuilder b = new StringBuilder(header);
        for (int i = 0; i < cases.size(); i++) {
            b.append(String.format("%08x %x %s%n", cases.get(i).word(), cases.get(i).seed(), changes.get(i)));
        }
        Files.writeString(file, b.toString());
    }

    /** Runs every case once under qemu-aarch64: "undef" (SIGILL) or the registers it changed. */
    static List<String> qemu(List<Case> cases, String oracle) throws IOException, InterruptedException {
        ByteBuffer in = ByteBuffer.allocate(REC * cases.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Case c : cases) {
            OracleCases.State s = OracleCases.state(c.seed());
            in.putInt(c.word()).putInt(0);
            for (long v : s.v()) {
                in.putLong(v);
            }
            for (long x : s.x()) {
                in.putLong(x);
            }
            in.putLong(0);
        }
        Process p = new ProcessBuilder("qemu-aarch64", "-cpu", "max", oracle).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream o = p.getOutputStream()) {
                o.write(in.array());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        feeder.start();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (InputStream o = p.getInputStream()) {
            o.transferTo(outBytes);
        }
        p.waitFor();
        feeder.join();
        if (outBytes.size() != REC * cases.size()) {
            throw new IOException("qemu-aarch64 " + oracle + " returned " + outBytes.size() + " bytes for " + cases.size() + " cases");
        }
        ByteBuffer out = ByteBuffer.wrap(outBytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        List<String> changes = new ArrayList<>();
        for (Case c : cases) {
            out.getInt();
            int flag = out.getInt();
            long[] v = new long[64];
            long[] x = new long[31];
            for (int i = 0; i < 64; i++) {
                v[i] = out.getLong();
            }
            for (int i = 0; i < 31; i++) {
                x[i] = out.getLong();
            }
            long fpsr = out.getLong();
            changes.add(flag == 0xDEAD ? "undef" : OracleCases.changes(OracleCases.state(c.seed()), v, x, fpsr));
        }
        return changes;
    }
}
