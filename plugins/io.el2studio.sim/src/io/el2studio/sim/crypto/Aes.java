package io.el2studio.sim.crypto;

import io.el2studio.sim.cpu.Cpu;

/**
 * AESE, AESD, AESMC, AESIMC (Arm ARM C7.2, FEAT_AES). The 128-bit state is the AES state in FIPS-197
 * column-major order: byte i of the register is row i mod 4, column i / 4.
 */
public final class Aes {
    private Aes() {
    }

    static final int[] SBOX = new int[256];
    static final int[] INV_SBOX = new int[256];
    /** AESShiftRows: result byte i is operand byte SHIFT[i]. */
    private static final int[] SHIFT = {0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11};
    private static final int[] INV_SHIFT = {0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3};

    static {
        // The S-box is the multiplicative inverse in GF(2^8) followed by the FIPS-197 affine map.
        for (int x = 0; x < 256; x++) {
            int inv = 0;
            if (x != 0) {
                for (int y = 1; y < 256; y++) {
                    if (gmul(x, y) == 1) {
                        inv = y;
                        break;
                    }
                }
            }
            int s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
            SBOX[x] = s;
            INV_SBOX[s] = x;
        }
    }

    private static int rotl8(int x, int n) {
        return ((x << n) | (x >>> (8 - n))) & 0xFF;
    }

    /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
    static int gmul(int a, int b) {
        int p = 0;
        for (int i = 0; i < 8; i++) {
            if ((b & 1) != 0) {
                p ^= a;
            }
            boolean hi = (a & 0x80) != 0;
            a = (a << 1) & 0xFF;
            if (hi) {
                a ^= 0x1B;
            }
            b >>>= 1;
        }
        return p;
    }

    private static int byteOf(long lo, long hi, int i) {
        return (int) ((i < 8 ? lo >>> (8 * i) : hi >>> (8 * (i - 8))) & 0xFF);
    }

    /** AESE Vd.16B, Vn.16B: AddRoundKey, ShiftRows, SubBytes. */
    public static void aese(Cpu c, int w) {
        subShift(c, w, SHIFT, SBOX);
    }

    /** AESD Vd.16B, Vn.16B: AddRoundKey, InvShiftRows, InvSubBytes. */
    public static void aesd(Cpu c, int w) {
        subShift(c, w, INV_SHIFT, INV_SBOX);
    }

    private static void subShift(Cpu c, int w, int[] shift, int[] sbox) {
        int d = w & 31, n = (w >>> 5) & 31;
        long lo = c.v[2 * d] ^ c.v[2 * n];
        long hi = c.v[2 * d + 1] ^ c.v[2 * n + 1];
        long rlo = 0, rhi = 0;
        for (int i = 0; i < 16; i++) {
            long b = sbox[byteOf(lo, hi, shift[i])];
            if (i < 8) {
                rlo |= b << (8 * i);
            } else {
                rhi |= b << (8 * (i - 8));
            }
        }
        c.setV(d, rlo, rhi);
    }

    /** AESMC Vd.16B, Vn.16B: MixColumns. */
    public static void aesmc(Cpu c, int w) {
        mix(c, w, 2, 3, 1, 1);
    }

    /** AESIMC Vd.16B, Vn.16B: InvMixColumns. */
    public static void aesimc(Cpu c, int w) {
        mix(c, w, 14, 11, 13, 9);
    }

    private static int mixByte(int x0, int x1, int x2, int x3, int m0, int m1, int m2, int m3) {
        return gmul(x0, m0) ^ gmul(x1, m1) ^ gmul(x2, m2) ^ gmul(x3, m3);
    }

    private static void mix(Cpu c, int w, int m0, int m1, int m2, int m3) {
        int d = w & 31, n = (w >>> 5) & 31;
        long lo = c.v[2 * n], hi = c.v[2 * n + 1];
        long rlo = 0, rhi = 0;
        for (int col = 0; col < 4; col++) {
            int a0 = byteOf(lo, hi, 4 * col), a1 = byteOf(lo, hi, 4 * col + 1);
            int a2 = byteOf(lo, hi, 4 * col + 2), a3 = byteOf(lo, hi, 4 * col + 3);
            // out[r] = m0*a[r] ^ m1*a[r+1] ^ m2*a[r+2] ^ m3*a[r+3] (indices mod 4), FIPS-197 5.1.3 / 5.3.3
            long word = mixByte(a0, a1, a2, a3, m0, m1, m2, m3)
                    | (long) mixByte(a1, a2, a3, a0, m0, m1, m2, m3) << 8
                    | (long) mixByte(a2, a3, a0, a1, m0, m1, m2, m3) << 16
                    | (long) mixByte(a3, a0, a1, a2, m0, m1, m2, m3) << 24;
            if (col < 2) {
                rlo |= word << (32 * col);
            } else {
                rhi |= word << (32 * (col - 2));
            }
        }
        c.setV(d, rlo, rhi);
    }
}
