package io.el2studio.sim.tests.simdfp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;

/**
 * Generates resources/simdfp/qemu-lanes.txt.gz, the oracle data of {@link SimdFpLanesTest}: random
 * encodings of every executed AdvSIMD FP row (Vd = V0, Vn = V1, Vm = V2), with operands biased
 * towards zeros, infinities, NaNs, denormals and saturation limits, under several FPCR settings, run
 * through qemu-aarch64 7.2 ({@code -cpu max}) by qemu-runner.c. Not a test: run it by hand with
 * {@code java ... SimdFpOracleData <resources dir>} (needs aarch64-linux-gnu-gcc and qemu-aarch64).
 *
 * <p>Line format: {@code word fpcr v0 v1 v2 result fpsr undef}, vectors as 32 hex digits (high
 * 64 bits first); {@code result} is V0 after the instruction, {@code undef} 1 when QEMU raised SIGILL.
 */
public final class SimdFpOracleData {
    private SimdFpOracleData() {
    }

    static final long[] H = {0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7d00, 0x7c01, 0x0001,
        0x83ff, 0x7bff, 0x0400, 0x3800, 0x3e00, 0x5640, 0xf800, 0x7801};
    static final long[] S = {0, 0x80000000L, 0x3f800000, 0xbf800000L, 0x7f800000, 0xff800000L, 0x7fc00000, 0xffc00001L,
        0x7fa00000, 0x7f800001, 0x00000001, 0x807fffffL, 0x7f7fffff, 0x00800000, 0x3f000000, 0x3fc00000, 0x4f000000,
        0xcf000000L, 0x4effffff, 0x5f000000, 0x477fe000, 0x33800000, 0x387fc000, 0x38800000};
    static final long[] D = {0, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L, 0x7ff0000000000000L,
        0xfff0000000000000L, 0x7ff8000000000000L, 0xfff8000000000001L, 0x7ff4000000000000L, 0x7ff0000000000001L, 1,
        0x800fffffffffffffL, 0x7fefffffffffffffL, 0x0010000000000000L, 0x3fe0000000000000L, 0x3ff8000000000000L,
        0x41e0000000000000L, 0xc1e0000000000000L, 0x43e0000000000000L, 0x47efffffe0000000L, 0x36a0000000000000L,
        0x380fffffe0000000L, 0x3810000000000000L, 0x4330000000000001L};
    static final int[] FPCR_BITS = {1 << 25, 1 << 24, 1 << 19, 1 << 22, 2 << 22, 3 << 22, 1 << 26};

    static long lane(Random r, int esize) {
        long[] t = esize == 16 ? H : esize == 32 ? S : D;
        long m = esize == 64 ? -1L : (1L << esize) - 1;
        int k = r.nextInt(t.length + 6);
        if (k < t.length) {
            return t[k];
        }
        long x = r.nextLong() & m;
        if (k == t.length) {
            // a small integer or a nearby float: exercises conversions and rounding
            return (r.nextInt(2001) - 1000) & m;
        }
        return x;
    }

    static long[] vector(Random r, int esize) {
        long[] v = new long[2];
        for (int bit = 0; bit < 128; bit += esize) {
            long x = lane(r, esize);
            v[bit >>> 6] |= esize == 64 ? x : x << (bit & 63);
        }
        return v;
    }

    /** A random encoding of {@code row} with Rd = 0, Rn = 1, Rm = 2, or 0 if the guard rejects all tries. */
    static int word(Row row, Random r) {
        for (int tries = 0; tries < 2000; tries++) {
            int w = (r.nextInt() & ~row.mask()) | row.value();
            for (Row.Field f : row.fields()) {
                int v = switch (f.name()) {
                    case "Rd" -> 0;
                    case "Rn" -> 1;
                    case "Rm" -> 2;
                    default -> -1;
                };
                if (v >= 0) {
                    w = (w & ~(((1 << f.width()) - 1) << f.lsb())) | v << f.lsb();
                }
            }
            if (row.matches(w)) {
                return w;
            }
        }
        return 0;
    }

    public static void main(String[] args) throws Exception {
        Path res = Path.of(args[0]);
        Random r = new Random(0x0AC1E);
        List<long[]> cases = new ArrayList<>(); // word, fpcr, v0lo, v0hi, v1lo, v1hi, v2lo, v2hi
        for (Row row : SimdFpRowsUnderTest.rows()) {
            for (int k = 0; k < 10; k++) {
                int w = word(row, r);
                for (int esize : new int[] {16, 32, 64}) {
                    int fpcr = 0;
                    if (r.nextBoolean()) {
                        fpcr = FPCR_BITS[r.nextInt(FPCR_BITS.length)];
                        if (r.nextBoolean()) {
                            fpcr |= FPCR_BITS[r.nextInt(FPCR_BITS.length)];
                        }
                    }
                    long[] a = vector(r, esize), b = vector(r, esize), c = vector(r, esize);
                    cases.add(new long[] {w & 0xFFFFFFFFL, fpcr, a[0], a[1], b[0], b[1], c[0], c[1]});
                }
            }
        }
        // Near misses: a valid word with one fixed bit flipped that no row of the whole table takes
        // must be UNDEFINED for QEMU too (the rows take no less than the architecture allocates).
        Decoder all = new Decoder(EnumSet.allOf(Feature.class));
        for (Row row : SimdFpRowsUnderTest.rows()) {
            for (int k = 0; k < 4; k++) {
                int w = word(row, r);
                int fixed = row.mask() & 0x9FFFFFFF & ~(0xF << 25); // keep it in the AdvSIMD space
                if (w == 0 || fixed == 0) {
                    continue;
                }
                int bit;
                do {
                    bit = r.nextInt(32);
                } while ((fixed & (1 << bit)) == 0);
                int miss = w ^ (1 << bit);
                if (all.decode(miss) == null) {
                    long[] a = vector(r, 32), b = vector(r, 32), c = vector(r, 32);
                    cases.add(new long[] {miss & 0xFFFFFFFFL, 0, a[0], a[1], b[0], b[1], c[0], c[1]});
                }
            }
        }
        Path tmp = Files.createTempDirectory("simdfp-oracle");
        Path runner = tmp.resolve("runner");
        run("aarch64-linux-gnu-gcc", "-O1", "-static", "-o", runner.toString(), res.resolve("qemu-runner.c").toString());
        // QEMU 7.2 aborts on a few unallocated FP16 words (translate-a64.c "code should not be
        // reached"): run in chunks and drop a word that kills QEMU.
        ByteBuffer out = ByteBuffer.allocate(cases.size() * 24).order(ByteOrder.LITTLE_ENDIAN);
        List<long[]> kept = new ArrayList<>();
        int from = 0;
        while (from < cases.size()) {
            ByteBuffer in = ByteBuffer.allocate((cases.size() - from) * 56).order(ByteOrder.LITTLE_ENDIAN);
            for (long[] c : cases.subList(from, cases.size())) {
                in.putInt((int) c[0]).putInt((int) c[1]);
                for (int i = 2; i < 8; i++) {
                    in.putLong(c[i]);
                }
            }
            Files.write(tmp.resolve("in.bin"), in.array());
            Files.deleteIfExists(tmp.resolve("out.bin"));
            boolean ok = runQuietly("qemu-aarch64", "-cpu", "max", runner.toString(), tmp.resolve("in.bin").toString(),
                    tmp.resolve("out.bin").toString());
            byte[] got = Files.readAllBytes(tmp.resolve("out.bin"));
            int done = got.length / 24;
            out.put(got, 0, done * 24);
            kept.addAll(cases.subList(from, from + done));
            if (ok) {
                break;
            }
            System.out.printf("qemu died on %08x, dropped%n", cases.get(from + done)[0]);
            from += done + 1;
        }
        cases = kept;
        out.flip();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (PrintWriter pw = new PrintWriter(new OutputStreamWriter(new GZIPOutputStream(gz), StandardCharsets.US_ASCII))) {
            pw.println("# word fpcr v0 v1 v2 result(v0) fpsr undef -- qemu-aarch64 7.2 -cpu max via qemu-runner.c (SimdFpOracleData)");
            for (long[] c : cases) {
                long lo = out.getLong(), hi = out.getLong();
                int fpsr = out.getInt(), undef = out.getInt();
                pw.printf("%08x %08x %016x%016x %016x%016x %016x%016x %016x%016x %08x %d%n", c[0], c[1], c[3], c[2], c[5],
                        c[4], c[7], c[6], hi, lo, fpsr, undef);
            }
        }
        Files.write(res.resolve("qemu-lanes.txt.gz"), gz.toByteArray());
        System.out.println(cases.size() + " cases");
    }

    private static boolean runQuietly(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() == 0;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed");
        }
    }
}
