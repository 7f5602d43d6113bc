package io.el2studio.sim.crypto;

import io.el2studio.sim.cpu.Cpu;

/**
 * SHA-1, SHA-256 and SHA-512 acceleration instructions (Arm ARM C7.2, FEAT_SHA1, FEAT_SHA256,
 * FEAT_SHA512). A 128-bit register is handled as four 32-bit words s0..s3 (s0 = bits 31:0) or two
 * 64-bit doublewords.
 */
public final class Sha {
    private Sha() {
    }

    private static int s(Cpu c, int r, int e) {
        return (int) (c.v[2 * r + (e >> 1)] >>> (32 * (e & 1)));
    }

    private static void set4(Cpu c, int r, int s0, int s1, int s2, int s3) {
        c.setV(r, (s0 & 0xFFFFFFFFL) | ((long) s1 << 32), (s2 & 0xFFFFFFFFL) | ((long) s3 << 32));
    }

    // ---- SHA-1 ----

    /** SHA1C Qd, Sn, Vm.4S (choose), SHA1P (parity), SHA1M (majority): four rounds of the hash update. */
    public static void sha1c(Cpu c, int w) {
        sha1Hash(c, w, 0);
    }

    public static void sha1p(Cpu c, int w) {
        sha1Hash(c, w, 1);
    }

    public static void sha1m(Cpu c, int w) {
        sha1Hash(c, w, 2);
    }

    private static void sha1Hash(Cpu c, int w, int kind) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        int x0 = s(c, d, 0), x1 = s(c, d, 1), x2 = s(c, d, 2), x3 = s(c, d, 3);
        int y = s(c, n, 0);
        int w0 = s(c, m, 0), w1 = s(c, m, 1), w2 = s(c, m, 2), w3 = s(c, m, 3);
        for (int e = 0; e < 4; e++) {
            int t = switch (kind) {
                case 0 -> (x1 & x2) | (~x1 & x3);
                case 1 -> x1 ^ x2 ^ x3;
                default -> (x1 & x2) | (x1 & x3) | (x2 & x3);
            };
            int we = e == 0 ? w0 : e == 1 ? w1 : e == 2 ? w2 : w3;
            y = y + Integer.rotateLeft(x0, 5) + t + we;
            x1 = Integer.rotateLeft(x1, 30);
            // <Y, X> = ROL(Y:X, 32) on the 160-bit value
            int ny = x3;
            x3 = x2;
            x2 = x1;
            x1 = x0;
            x0 = y;
            y = ny;
        }
        set4(c, d, x0, x1, x2, x3);
    }

    /** SHA1H Sd, Sn: fixed rotate. */
    public static void sha1h(Cpu c, int w) {
        c.setScalar(w & 31, Integer.rotateLeft(s(c, (w >>> 5) & 31, 0), 30) & 0xFFFFFFFFL, 32);
    }

    /** SHA1SU0 Vd.4S, Vn.4S, Vm.4S: schedule update 0. */
    public static void sha1su0(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        long lo = c.v[2 * d + 1] ^ c.v[2 * d] ^ c.v[2 * m];
        long hi = c.v[2 * n] ^ c.v[2 * d + 1] ^ c.v[2 * m + 1];
        c.setV(d, lo, hi);
    }

    /** SHA1SU1 Vd.4S, Vn.4S: schedule update 1. */
    public static void sha1su1(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31;
        int t0 = s(c, d, 0) ^ s(c, n, 1), t1 = s(c, d, 1) ^ s(c, n, 2);
        int t2 = s(c, d, 2) ^ s(c, n, 3), t3 = s(c, d, 3);
        int r0 = Integer.rotateLeft(t0, 1);
        set4(c, d, r0, Integer.rotateLeft(t1, 1), Integer.rotateLeft(t2, 1),
                Integer.rotateLeft(t3, 1) ^ Integer.rotateLeft(t0, 2));
    }

    // ---- SHA-256 ----

    /** SHA256H Qd, Qn, Vm.4S: hash update part 1 (result is the new a..d). */
    public static void sha256h(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        sha256Hash(c, d, d, n, m, true);
    }

    /** SHA256H2 Qd, Qn, Vm.4S: hash update part 2 (result is the new e..h). */
    public static void sha256h2(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        sha256Hash(c, d, n, d, m, false);
    }

    private static void sha256Hash(Cpu c, int dest, int xr, int yr, int m, boolean part1) {
        int x0 = s(c, xr, 0), x1 = s(c, xr, 1), x2 = s(c, xr, 2), x3 = s(c, xr, 3);
        int y0 = s(c, yr, 0), y1 = s(c, yr, 1), y2 = s(c, yr, 2), y3 = s(c, yr, 3);
        for (int e = 0; e < 4; e++) {
            int chs = (y0 & y1) | (~y0 & y2);
            int maj = (x0 & x1) | (x0 & x2) | (x1 & x2);
            int sigma1 = Integer.rotateRight(y0, 6) ^ Integer.rotateRight(y0, 11) ^ Integer.rotateRight(y0, 25);
            int sigma0 = Integer.rotateRight(x0, 2) ^ Integer.rotateRight(x0, 13) ^ Integer.rotateRight(x0, 22);
            int t = y3 + sigma1 + chs + s(c, m, e);
            x3 = t + x3;
            y3 = t + sigma0 + maj;
            // <Y, X> = ROL(Y:X, 32) on the 256-bit value
            int nx0 = y3, ny0 = x3;
            y3 = y2; y2 = y1; y1 = y0; y0 = ny0;
            x3 = x2; x2 = x1; x1 = x0; x0 = nx0;
        }
        if (part1) {
            set4(c, dest, x0, x1, x2, x3);
        } else {
            set4(c, dest, y0, y1, y2, y3);
        }
    }

    /** SHA256SU0 Vd.4S, Vn.4S: schedule update 0. */
    public static void sha256su0(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31;
        int t0 = s(c, d, 1), t1 = s(c, d, 2), t2 = s(c, d, 3), t3 = s(c, n, 0);
        set4(c, d, s(c, d, 0) + sigma0(t0), s(c, d, 1) + sigma0(t1), s(c, d, 2) + sigma0(t2), s(c, d, 3) + sigma0(t3));
    }

    private static int sigma0(int x) {
        return Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
    }

    private static int sigma1(int x) {
        return Integer.rotateRight(x, 17) ^ Integer.rotateRight(x, 19) ^ (x >>> 10);
    }

    /** SHA256SU1 Vd.4S, Vn.4S, Vm.4S: schedule update 1. */
    public static void sha256su1(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        // T0 = Vm<31:0> : Vn<127:32>
        int t00 = s(c, n, 1), t01 = s(c, n, 2), t02 = s(c, n, 3), t03 = s(c, m, 0);
        int r0 = sigma1(s(c, m, 2)) + s(c, d, 0) + t00;
        int r1 = sigma1(s(c, m, 3)) + s(c, d, 1) + t01;
        int r2 = sigma1(r0) + s(c, d, 2) + t02;
        int r3 = sigma1(r1) + s(c, d, 3) + t03;
        set4(c, d, r0, r1, r2, r3);
    }

    // ---- SHA-512 ----

    private static long bigSigma1(long x) {
        return Long.rotateRight(x, 14) ^ Long.rotateRight(x, 18) ^ Long.rotateRight(x, 41);
    }

    private static long bigSigma0(long x) {
        return Long.rotateRight(x, 28) ^ Long.rotateRight(x, 34) ^ Long.rotateRight(x, 39);
    }

    /** SHA512H Qd, Qn, Vm.2D: hash update part 1. */
    public static void sha512h(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        long xlo = c.v[2 * n], xhi = c.v[2 * n + 1];
        long ylo = c.v[2 * m], yhi = c.v[2 * m + 1];
        long wlo = c.v[2 * d], whi = c.v[2 * d + 1];
        long hi = ((yhi & xlo) ^ (~yhi & xhi)) + bigSigma1(yhi) + whi;
        long tmp = hi + ylo;
        long lo = ((tmp & yhi) ^ (~tmp & xlo)) + bigSigma1(tmp) + wlo;
        c.setV(d, lo, hi);
    }

    /** SHA512H2 Qd, Qn, Vm.2D: hash update part 2. */
    public static void sha512h2(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        long xlo = c.v[2 * n];
        long ylo = c.v[2 * m], yhi = c.v[2 * m + 1];
        long wlo = c.v[2 * d], whi = c.v[2 * d + 1];
        long hi = ((xlo & yhi) ^ (xlo & ylo) ^ (yhi & ylo)) + bigSigma0(ylo) + whi;
        long lo = ((hi & ylo) ^ (hi & yhi) ^ (yhi & ylo)) + bigSigma0(hi) + wlo;
        c.setV(d, lo, hi);
    }

    /** SHA512SU0 Vd.2D, Vn.2D: schedule update 0. */
    public static void sha512su0(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31;
        long xlo = c.v[2 * n];
        long wlo = c.v[2 * d], whi = c.v[2 * d + 1];
        long lo = wlo + (Long.rotateRight(whi, 1) ^ Long.rotateRight(whi, 8) ^ (whi >>> 7));
        long hi = whi + (Long.rotateRight(xlo, 1) ^ Long.rotateRight(xlo, 8) ^ (xlo >>> 7));
        c.setV(d, lo, hi);
    }

    /** SHA512SU1 Vd.2D, Vn.2D, Vm.2D: schedule update 1. */
    public static void sha512su1(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        long xlo = c.v[2 * n], xhi = c.v[2 * n + 1];
        long hi = c.v[2 * d + 1] + (Long.rotateRight(xhi, 19) ^ Long.rotateRight(xhi, 61) ^ (xhi >>> 6)) + c.v[2 * m + 1];
        long lo = c.v[2 * d] + (Long.rotateRight(xlo, 19) ^ Long.rotateRight(xlo, 61) ^ (xlo >>> 6)) + c.v[2 * m];
        c.setV(d, lo, hi);
    }
}
