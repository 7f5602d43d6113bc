package io.el2studio.sim.crypto;

import io.el2studio.sim.cpu.Cpu;

/**
 * SM3 and SM4 (Chinese national standards GB/T 32905 and GB/T 32907) acceleration instructions,
 * Arm ARM C7.2, FEAT_SM3 and FEAT_SM4, and the SHA-3 helpers EOR3, BCAX, RAX1, XAR (FEAT_SHA3).
 */
public final class Sm {
    private Sm() {
    }

    /** The SM4 S-box (GB/T 32907-2016, table 1). */
    private static final byte[] SM4_SBOX = hex(
            "d690e9fecce13db716b614c228fb2c052b679a762abe04c3aa441326498606999c4250f491ef987a33540b43edcfac62"
            + "e4b31ca9c908e89580df94fa758f3fa64707a7fcf37317ba83593c19e6854fa8686b81b27164da8bf8eb0f4b70569d35"
            + "1e240e5e6358d1a225227c3b01217887d40046579fd327524c3602e7a0c4c89eeabf8ad240c738b5a3f7f2cef96115a1"
            + "e0ae5da49b341a55ad933230f58cb1e31df6e22e8266ca60c02923ab0d534e6fd5db3745defd8e2f03ff6a726d6c5b51"
            + "8d1baf92bbddbc7f11d95c411f105ad80ac13188a5cd7bbd2d74d012b8e5b4b08969974a0c96777e65b9f109c56ec684"
            + "18f07dec3adc4d2079ee5f3ed7cb3948");

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static int s(Cpu c, int r, int e) {
        return (int) (c.v[2 * r + (e >> 1)] >>> (32 * (e & 1)));
    }

    private static void set4(Cpu c, int r, int s0, int s1, int s2, int s3) {
        c.setV(r, (s0 & 0xFFFFFFFFL) | ((long) s1 << 32), (s2 & 0xFFFFFFFFL) | ((long) s3 << 32));
    }

    private static int rol(int x, int n) {
        return Integer.rotateLeft(x, n);
    }

    // ---- SHA-3 ----

    /** EOR3 Vd.16B, Vn.16B, Vm.16B, Va.16B. */
    public static void eor3(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, a = (w >>> 10) & 31, m = (w >>> 16) & 31;
        c.setV(d, c.v[2 * n] ^ c.v[2 * m] ^ c.v[2 * a], c.v[2 * n + 1] ^ c.v[2 * m + 1] ^ c.v[2 * a + 1]);
    }

    /** BCAX Vd.16B, Vn.16B, Vm.16B, Va.16B: Vn EOR (Vm AND NOT Va). */
    public static void bcax(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, a = (w >>> 10) & 31, m = (w >>> 16) & 31;
        c.setV(d, c.v[2 * n] ^ (c.v[2 * m] & ~c.v[2 * a]), c.v[2 * n + 1] ^ (c.v[2 * m + 1] & ~c.v[2 * a + 1]));
    }

    /** RAX1 Vd.2D, Vn.2D, Vm.2D: Vn EOR ROL(Vm, 1). */
    public static void rax1(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        c.setV(d, c.v[2 * n] ^ Long.rotateLeft(c.v[2 * m], 1), c.v[2 * n + 1] ^ Long.rotateLeft(c.v[2 * m + 1], 1));
    }

    /** XAR Vd.2D, Vn.2D, Vm.2D, #imm6: ROR(Vn EOR Vm, imm6). */
    public static void xar(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31, imm = (w >>> 10) & 63;
        c.setV(d, Long.rotateRight(c.v[2 * n] ^ c.v[2 * m], imm), Long.rotateRight(c.v[2 * n + 1] ^ c.v[2 * m + 1], imm));
    }

    // ---- SM3 ----

    /** SM3SS1 Vd.4S, Vn.4S, Vm.4S, Va.4S. */
    public static void sm3ss1(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, a = (w >>> 10) & 31, m = (w >>> 16) & 31;
        int r = rol(rol(s(c, n, 3), 12) + s(c, m, 3) + s(c, a, 3), 7);
        set4(c, d, 0, 0, 0, r);
    }

    /** SM3TT1A / SM3TT1B Vd.4S, Vn.4S, Vm.S[imm2]. */
    public static void sm3tt1a(Cpu c, int w) {
        sm3tt1(c, w, false);
    }

    public static void sm3tt1b(Cpu c, int w) {
        sm3tt1(c, w, true);
    }

    private static void sm3tt1(Cpu c, int w, boolean majority) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31, i = (w >>> 12) & 3;
        int d0 = s(c, d, 0), d1 = s(c, d, 1), d2 = s(c, d, 2), d3 = s(c, d, 3);
        int ss2 = s(c, n, 3) ^ rol(d3, 12);
        int tt1 = majority ? (d3 & d1) | (d3 & d2) | (d1 & d2) : d1 ^ d3 ^ d2;
        tt1 = tt1 + d0 + ss2 + s(c, m, i);
        set4(c, d, d1, rol(d2, 9), d3, tt1);
    }

    /** SM3TT2A / SM3TT2B Vd.4S, Vn.4S, Vm.S[imm2]. */
    public static void sm3tt2a(Cpu c, int w) {
        sm3tt2(c, w, false);
    }

    public static void sm3tt2b(Cpu c, int w) {
        sm3tt2(c, w, true);
    }

    private static void sm3tt2(Cpu c, int w, boolean choose) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31, i = (w >>> 12) & 3;
        int d0 = s(c, d, 0), d1 = s(c, d, 1), d2 = s(c, d, 2), d3 = s(c, d, 3);
        int tt2 = choose ? (d3 & d2) | (~d3 & d1) : d1 ^ d3 ^ d2;
        tt2 = tt2 + d0 + s(c, n, 3) + s(c, m, i);
        set4(c, d, d1, rol(d2, 19), d3, tt2 ^ rol(tt2, 9) ^ rol(tt2, 17));
    }

    /** SM3PARTW1 Vd.4S, Vn.4S, Vm.4S. */
    public static void sm3partw1(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        int r0 = s(c, d, 0) ^ s(c, n, 0) ^ rol(s(c, m, 1), 15);
        int r1 = s(c, d, 1) ^ s(c, n, 1) ^ rol(s(c, m, 2), 15);
        int r2 = s(c, d, 2) ^ s(c, n, 2) ^ rol(s(c, m, 3), 15);
        r0 = p1(r0);
        r1 = p1(r1);
        r2 = p1(r2);
        int r3 = p1(s(c, d, 3) ^ s(c, n, 3) ^ rol(r0, 15));
        set4(c, d, r0, r1, r2, r3);
    }

    private static int p1(int x) {
        return x ^ rol(x, 15) ^ rol(x, 23);
    }

    /** SM3PARTW2 Vd.4S, Vn.4S, Vm.4S. */
    public static void sm3partw2(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        int t0 = s(c, n, 0) ^ rol(s(c, m, 0), 7), t1 = s(c, n, 1) ^ rol(s(c, m, 1), 7);
        int t2 = s(c, n, 2) ^ rol(s(c, m, 2), 7), t3 = s(c, n, 3) ^ rol(s(c, m, 3), 7);
        int tmp2 = rol(t0, 15);
        tmp2 = tmp2 ^ rol(tmp2, 15) ^ rol(tmp2, 23);
        set4(c, d, s(c, d, 0) ^ t0, s(c, d, 1) ^ t1, s(c, d, 2) ^ t2, s(c, d, 3) ^ t3 ^ tmp2);
    }

    // ---- SM4 ----

    private static int sbox4(int x) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (SM4_SBOX[(x >>> (8 * i)) & 0xFF] & 0xFF) << (8 * i);
        }
        return r;
    }

    /** SM4E Vd.4S, Vn.4S: four encryption rounds with the round keys in Vn. */
    public static void sm4e(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31;
        sm4Rounds(c, d, s(c, d, 0), s(c, d, 1), s(c, d, 2), s(c, d, 3), n, false);
    }

    /** SM4EKEY Vd.4S, Vn.4S, Vm.4S: four key-expansion rounds of Vn with the constants in Vm. */
    public static void sm4ekey(Cpu c, int w) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        sm4Rounds(c, d, s(c, n, 0), s(c, n, 1), s(c, n, 2), s(c, n, 3), m, true);
    }

    private static void sm4Rounds(Cpu c, int d, int t0, int t1, int t2, int t3, int keys, boolean keySchedule) {
        int k0 = s(c, keys, 0), k1 = s(c, keys, 1), k2 = s(c, keys, 2), k3 = s(c, keys, 3);
        for (int i = 0; i < 4; i++) {
            int k = i == 0 ? k0 : i == 1 ? k1 : i == 2 ? k2 : k3;
            int x = sbox4(t3 ^ t2 ^ t1 ^ k);
            x = keySchedule ? x ^ rol(x, 13) ^ rol(x, 23) : x ^ rol(x, 2) ^ rol(x, 10) ^ rol(x, 18) ^ rol(x, 24);
            x ^= t0;
            t0 = t1;
            t1 = t2;
            t2 = t3;
            t3 = x;
        }
        set4(c, d, t0, t1, t2, t3);
    }
}
