package io.el2studio.sim.tests.fp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generates resources/fp/qemu-scalar-fp.txt.gz, the oracle data of {@link QemuScalarFpTest}: random
 * operands (biased to zeros, infinities, NaNs, denormals, limits and ties) and FPCR settings (RMode,
 * FZ, FZ16, DN, AHP) for every scalar floating-point instruction form, each executed by QEMU 7.2
 * {@code qemu-aarch64 -cpu max} through resources/fp/fprun.c. Regenerate with
 * <pre>
 * aarch64-linux-gnu-gcc -O1 -static -o /tmp/fprun resources/fp/fprun.c
 * java -cp ... io.el2studio.sim.tests.fp.QemuFpVectors /tmp/fprun resources/fp/qemu-scalar-fp.txt.gz
 * </pre>
 * The line format is fprun's: word fpcr nzcv v1lo v1hi v2lo v2hi v3lo v3hi x1 v0lo v0hi x0, then the
 * results v0lo v0hi x0 fpsr nzcv (hex).
 */
public final class QemuFpVectors {
    private QemuFpVectors() {
    }

    private static final int[] TYPES = {0, 1, 3}; // ftype: single, double, half
    private final Random rnd = new Random(0x5EED_F00DL);
    private final List<String> lines = new ArrayList<>();

    static int esize(int ftype) {
        return ftype == 0 ? 32 : ftype == 1 ? 64 : 16;
    }

    /** A value of {@code n} bits biased towards the interesting cases. */
    long fp(int n) {
        int f = n == 16 ? 10 : n == 32 ? 23 : 52;
        int e = n - 1 - f;
        long expMax = (1L << e) - 1;
        long bias = expMax >> 1;
        long sign = rnd.nextBoolean() ? 1L << (n - 1) : 0;
        long fracMask = (1L << f) - 1;
        long frac = rnd.nextLong() & fracMask;
        long v;
        switch (rnd.nextInt(16)) {
            case 0 -> v = 0;
            case 1 -> v = expMax << f; // infinity
            case 2 -> v = (expMax << f) | (1L << (f - 1)) | (rnd.nextBoolean() ? 0 : frac); // quiet NaN
            case 3 -> v = (expMax << f) | Math.max(1, frac & (fracMask >> 1)); // signalling NaN
            case 4 -> v = Math.max(1, rnd.nextBoolean() ? frac : frac >>> rnd.nextInt(f)); // denormal
            case 5 -> v = ((expMax - 1) << f) | (rnd.nextBoolean() ? fracMask : frac); // huge
            case 6 -> v = (1L << f) | (rnd.nextBoolean() ? 0 : frac & 0xF); // smallest normals
            case 7, 8 -> v = ((bias + rnd.nextInt(12) - 2) << f) | (frac & ~((1L << Math.max(0, f - 6)) - 1)); // short fractions: ties
            case 9 -> v = ((bias + rnd.nextInt(Math.min(66, (int) bias))) << f) | frac; // around integer limits
            case 10 -> v = ((bias + rnd.nextInt(4) - 2) << f) | frac; // near 1
            case 11 -> v = (rnd.nextInt(3) << f) | frac; // denormal boundary
            default -> v = rnd.nextLong() & ((1L << (n - 1)) - 1 | (n == 64 ? -1L >>> 1 : 0));
        }
        return (sign | v) & (n == 64 ? -1L : (1L << n) - 1);
    }

    long integer() {
        return switch (rnd.nextInt(8)) {
            case 0 -> rnd.nextInt(5) - 2;
            case 1 -> Long.MIN_VALUE >>> rnd.nextInt(2) ^ (rnd.nextBoolean() ? 0 : -1L);
            case 2 -> 0x8000_0000L ^ (rnd.nextInt(3) - 1);
            case 3 -> rnd.nextLong() >>> rnd.nextInt(64);
            case 4 -> rnd.nextLong() & 0xFFFF_FFFFL;
            case 5 -> (long) rnd.nextInt() << rnd.nextInt(40);
            default -> rnd.nextLong();
        };
    }

    int fpcr() {
        int v = rnd.nextInt(4) << 22;
        if (rnd.nextInt(2) == 0) {
            return v;
        }
        if (rnd.nextInt(3) == 0) v |= 1 << 24; // FZ
        if (rnd.nextInt(3) == 0) v |= 1 << 25; // DN
        if (rnd.nextInt(4) == 0) v |= 1 << 26; // AHP
        if (rnd.nextInt(3) == 0) v |= 1 << 19; // FZ16
        return v;
    }

    /** Stale contents of the registers that the instruction must ignore or overwrite. */
    private static final long STALE = 0x5555_5555_5555_5555L;

    /**
     * Adds {@code count} vectors of one instruction word: {@code ops} operands of n bits in V1..V3
     * (0 = an integer in X1 instead).
     */
    void add(int word, int n, int count, int ops) {
        for (int i = 0; i < count; i++) {
            long[] v = new long[3];
            for (int k = 0; k < ops; k++) {
                v[k] = fp(n);
            }
            long x1 = ops == 0 ? integer() : 0;
            int nzcv = (word & 0x5F20_0C00) == 0x1E20_0400 || (word & 0x5F20_0C00) == 0x1E20_0C00 ? rnd.nextInt(16) << 28 : 0;
            lines.add(String.format("%x %x %x %x %x %x %x %x %x %x %x %x %x", word, fpcr(), nzcv,
                    v[0], STALE, v[1], STALE, v[2], STALE, x1, STALE, STALE, STALE));
        }
    }

    void generate() {
        for (int t : TYPES) {
            int n = esize(t);
            int base = 0x1E00_0000 | t << 22;
            // 1 source: FMOV, FABS, FNEG, FSQRT, FCVT, FRINT*
            for (int op = 0; op < 4; op++) {
                add(base | 1 << 21 | op << 15 | 0x4000 | 1 << 5, n, op == 3 ? 300 : 30, 1);
            }
            for (int opc : new int[] {0, 1, 3}) {
                if (opc != t) {
                    add(base | 1 << 21 | (4 | opc) << 15 | 0x4000 | 1 << 5, n, 300, 1);
                }
            }
            for (int rm : new int[] {0, 1, 2, 3, 4, 6, 7}) {
                add(base | 1 << 21 | (8 | rm) << 15 | 0x4000 | 1 << 5, n, 120, 1);
            }
            // 2 source
            for (int op = 0; op < 9; op++) {
                add(base | 1 << 21 | 2 << 16 | op << 12 | 0x800 | 1 << 5, n, 250, 2);
            }
            // 3 source
            for (int o = 0; o < 4; o++) {
                add(0x1F00_0000 | t << 22 | (o >> 1) << 21 | 2 << 16 | (o & 1) << 15 | 3 << 10 | 1 << 5, n, 300, 3);
            }
            // compares, conditional compare and select, immediate
            for (int opc = 0; opc < 4; opc++) {
                add(base | 1 << 21 | 2 << 16 | 0x2000 | 1 << 5 | opc << 3, n, 100, 2);
            }
            for (int i = 0; i < 100; i++) {
                add(base | 1 << 21 | 2 << 16 | rnd.nextInt(16) << 12 | 0x400 | 1 << 5 | rnd.nextInt(32), n, 2, 2);
                add(base | 1 << 21 | 2 << 16 | rnd.nextInt(16) << 12 | 0xC00 | 1 << 5, n, 1, 2);
                add(base | 1 << 21 | rnd.nextInt(256) << 13 | 0x1000, n, 1, 0);
            }
            // conversions to and from integers
            for (int sf = 0; sf < 2; sf++) {
                int cb = sf << 31 | base | 1 << 21 | 1 << 5;
                for (int rm = 0; rm < 4; rm++) {
                    add(cb | rm << 19 | 0 << 16, n, 150, 1);
                    add(cb | rm << 19 | 1 << 16, n, 150, 1);
                }
                add(cb | 4 << 16, n, 150, 1);
                add(cb | 5 << 16, n, 150, 1);
                add(cb | 2 << 16, n, 150, 0);
                add(cb | 3 << 16, n, 150, 0);
                if ((sf == 0 && t == 0) || (sf == 1 && t == 1) || t == 3) {
                    add(cb | 6 << 16, n, 10, 1);
                    add(cb | 7 << 16, n, 10, 0);
                }
                // fixed point
                int fb = sf << 31 | base | 1 << 5;
                for (int i = 0; i < 60; i++) {
                    int scale = sf == 0 ? 32 + rnd.nextInt(32) : rnd.nextInt(64);
                    add(fb | 3 << 19 | 0 << 16 | scale << 10, n, 3, 1);
                    add(fb | 3 << 19 | 1 << 16 | scale << 10, n, 3, 1);
                    add(fb | 0 << 19 | 2 << 16 | scale << 10, n, 3, 0);
                    add(fb | 0 << 19 | 3 << 16 | scale << 10, n, 3, 0);
                }
            }
        }
        // FMOV Xd, Vn.D[1] and FMOV Vd.D[1], Xn
        add(0x9EAE_0020, 64, 10, 1);
        add(0x9EAF_0020, 64, 10, 0);
        // FEAT_FRINTTS (not in our max profile: the test runs these through the row's handler)
        add(0x1E28_4020, 32, 200, 1); // frint32z s0, s1
        add(0x1E68_C020, 64, 200, 1); // frint32x d0, d1
        add(0x1E69_4020, 64, 200, 1); // frint64z d0, d1
        add(0x1E29_C020, 32, 200, 1); // frint64x s0, s1
        // FEAT_JSCVT (not in our max profile either)
        add(0x1E7E_0020, 64, 400, 1); // fjcvtzs w0, d1
        // FPU functions that only AdvSIMD scalar instructions reach (rows of SimdFpRows)
        int[][] simd = {
            {0x5EA1_D820, 32, 1}, {0x5EE1_D820, 64, 1}, {0x5EF9_D820, 16, 1}, // frecpe
            {0x7EA1_D820, 32, 1}, {0x7EE1_D820, 64, 1}, {0x7EF9_D820, 16, 1}, // frsqrte
            {0x5EA1_F820, 32, 1}, {0x5EE1_F820, 64, 1}, {0x5EF9_F820, 16, 1}, // frecpx
            {0x5E22_FC20, 32, 2}, {0x5E62_FC20, 64, 2}, {0x5E42_3C20, 16, 2}, // frecps
            {0x5EA2_FC20, 32, 2}, {0x5EE2_FC20, 64, 2}, {0x5EC2_3C20, 16, 2}, // frsqrts
            {0x5E22_DC20, 32, 2}, {0x5E62_DC20, 64, 2}, {0x5E42_1C20, 16, 2}, // fmulx
            {0x5E22_E420, 32, 2}, {0x5E62_E420, 64, 2}, {0x5E42_2420, 16, 2}, // fcmeq
            {0x7E22_E420, 32, 2}, {0x7E62_E420, 64, 2}, {0x7E42_2420, 16, 2}, // fcmge
            {0x7EA2_E420, 32, 2}, {0x7EE2_E420, 64, 2}, {0x7EC2_2420, 16, 2}, // fcmgt
            {0x7E22_EC20, 32, 2}, {0x7EE2_EC20, 64, 2}, // facge s, facgt d
            {0x7EA2_D420, 32, 2}, // fabd s0, s1, s2
            {0x7E61_6820, 64, 1}, // fcvtxn s0, d1
        };
        for (int[] e : simd) {
            add(e[0], e[1], 250, e[2]);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        QemuFpVectors g = new QemuFpVectors();
        g.generate();
        Process p = new ProcessBuilder("qemu-aarch64", "-cpu", "max", args[0]).start();
        Thread feeder = new Thread(() -> {
            try (PrintWriter w = new PrintWriter(p.getOutputStream(), false, StandardCharsets.US_ASCII)) {
                for (String l : g.lines) {
                    w.println(l);
                }
            }
        });
        feeder.start();
        int count = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(args[1])));
                PrintWriter w = new PrintWriter(out, false, StandardCharsets.US_ASCII)) {
            w.println("# scalar FP vectors executed by QEMU 7.2 qemu-aarch64 -cpu max (generator: QemuFpVectors)");
            for (String l; (l = r.readLine()) != null;) {
                w.println(l);
                count++;
            }
        }
        feeder.join();
        if (p.waitFor() != 0 || count != g.lines.size()) {
            throw new IOException("fprun produced " + count + " of " + g.lines.size() + " results, exit " + p.exitValue());
        }
        System.out.println(count + " vectors");
    }
}
