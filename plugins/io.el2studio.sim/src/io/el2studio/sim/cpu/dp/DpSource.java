package io.el2studio.sim.cpu.dp;

import static io.el2studio.sim.cpu.dp.Alu.M32;

import io.el2studio.sim.cpu.Cpu;

/**
 * Execution of "Data-processing (2 source)" and "Data-processing (1 source)" (Arm ARM C4.1.88):
 * divides, variable shifts, CRC32/CRC32C, and the bit/byte reversals and counts.
 */
public final class DpSource {
    private DpSource() {
    }

    // ---- 2 source ----

    /** Division by zero gives 0 and does not trap (Arm ARM C6.2 UDIV/SDIV). */
    public static void udiv(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31), m = c.x((w >>> 16) & 31);
        long r;
        if (w < 0) {
            r = m == 0 ? 0 : Long.divideUnsigned(n, m);
        } else {
            r = (m & M32) == 0 ? 0 : (n & M32) / (m & M32);
        }
        c.setX(w & 31, r);
    }

    /** Rounds toward zero; the one overflowing case (MIN / -1) wraps to MIN, as in Java. */
    public static void sdiv(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31), m = c.x((w >>> 16) & 31);
        long r;
        if (w < 0) {
            r = m == 0 ? 0 : n / m;
        } else {
            r = (int) m == 0 ? 0 : ((int) n / (int) m) & M32;
        }
        c.setX(w & 31, r);
    }

    /** LSLV, LSRV, ASRV, RORV: shift type in bits 11:10, amount = Rm MOD datasize. */
    public static void shiftv(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31), m = c.x((w >>> 16) & 31);
        int type = (w >>> 10) & 3;
        c.setX(w & 31, w < 0 ? Alu.shift64(n, type, (int) m & 63) : Alu.shift32(n, type, (int) m & 31));
    }

    // CRC32 uses the reflected polynomial 0x04C11DB7, CRC32C 0x1EDC6F41 (Arm ARM C6.2 CRC32*):
    // BitReverse(Poly32Mod2(...)) of the pseudocode is the usual LSB-first table-driven update,
    // without the initial and final inversion.
    private static final int[] CRC32_TABLE = table(0xEDB88320);
    private static final int[] CRC32C_TABLE = table(0x82F63B78);

    private static int[] table(int poly) {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (poly & -(crc & 1));
            }
            t[i] = crc;
        }
        return t;
    }

    /** CRC32{B,H,W,X} (bit 12 = 0) and CRC32C{B,H,W,X} (bit 12 = 1); size in bits 11:10. */
    public static void crc32(Cpu c, int w) {
        int[] t = (w & (1 << 12)) != 0 ? CRC32C_TABLE : CRC32_TABLE;
        int acc = (int) c.x((w >>> 5) & 31);
        long val = c.x((w >>> 16) & 31);
        int bytes = 1 << ((w >>> 10) & 3);
        for (int i = 0; i < bytes; i++) {
            acc = (acc >>> 8) ^ t[(acc ^ (int) val) & 0xFF];
            val >>>= 8;
        }
        c.setX(w & 31, acc & M32);
    }

    // ---- 1 source ----

    public static void rbit(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31);
        c.setX(w & 31, w < 0 ? Long.reverse(n) : Integer.reverse((int) n) & M32);
    }

    public static void rev16(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31);
        long r = ((n & 0x00FF00FF_00FF00FFL) << 8) | ((n >>> 8) & 0x00FF00FF_00FF00FFL);
        c.setX(w & 31, w < 0 ? r : r & M32);
    }

    /** REV32 of the 64-bit form: bytes reversed within each word. */
    public static void rev32(Cpu c, int w) {
        c.setX(w & 31, Long.rotateLeft(Long.reverseBytes(c.x((w >>> 5) & 31)), 32));
    }

    /** REV: the whole register, 32 or 64 bits. */
    public static void rev(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31);
        c.setX(w & 31, w < 0 ? Long.reverseBytes(n) : Integer.reverseBytes((int) n) & M32);
    }

    public static void clz(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31);
        c.setX(w & 31, w < 0 ? Long.numberOfLeadingZeros(n) : Integer.numberOfLeadingZeros((int) n));
    }

    /** CountLeadingSignBits(x) = CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>). */
    public static void cls(Cpu c, int w) {
        long n = c.x((w >>> 5) & 31);
        int r;
        if (w < 0) {
            r = Long.numberOfLeadingZeros((n ^ (n << 1)) >>> 1) - 1;
        } else {
            int x = (int) n;
            r = Integer.numberOfLeadingZeros((x ^ (x << 1)) >>> 1) - 1;
        }
        c.setX(w & 31, r);
    }
}
