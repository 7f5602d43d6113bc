package io.el2studio.sim.cpu.dp;

import io.el2studio.sim.cpu.Cpu;

/**
 * Shared integer arithmetic of the data-processing instructions: AddWithCarry with its NZCV
 * (Arm ARM J1, shared/functions/integer/AddWithCarry), ShiftReg, ExtendReg and DecodeBitMasks.
 * Everything is straight-line shifts on primitives: no allocation on the execute path.
 */
public final class Alu {
    private Alu() {
    }

    static final long M32 = 0xFFFF_FFFFL;

    /** AddWithCarry(x, y, carry) on 64 bits; writes PSTATE.NZCV and returns the sum. */
    static long adds64(Cpu c, long x, long y, int carry) {
        long r = x + y + carry;
        // Carry out of bit 63 is the majority of x<63>, y<63> and the carry into bit 63.
        long cout = (x & y) | ((x | y) & ~r);
        long ovf = (x ^ r) & (y ^ r);
        c.nzcv = (int) ((r >>> 32) & 0x8000_0000L) | (r == 0 ? 0x4000_0000 : 0)
                | (int) ((cout >>> 63) << 29) | (int) ((ovf >>> 63) << 28);
        return r;
    }

    /** AddWithCarry(x, y, carry) on 32 bits; writes PSTATE.NZCV and returns the sum zero-extended. */
    static long adds32(Cpu c, long x, long y, int carry) {
        long wide = (x & M32) + (y & M32) + carry;
        int r = (int) wide;
        int ovf = ((int) x ^ r) & ((int) y ^ r);
        c.nzcv = (r & 0x8000_0000) | (r == 0 ? 0x4000_0000 : 0) | (int) ((wide >>> 32) << 29) | ((ovf >>> 31) << 28);
        return r & M32;
    }

    /** NZCV of a logical operation (ANDS, BICS): N and Z from the result, C = V = 0. */
    static void logicFlags64(Cpu c, long r) {
        c.nzcv = (int) ((r >>> 32) & 0x8000_0000L) | (r == 0 ? 0x4000_0000 : 0);
    }

    static void logicFlags32(Cpu c, long r) {
        int v = (int) r;
        c.nzcv = (v & 0x8000_0000) | (v == 0 ? 0x4000_0000 : 0);
    }

    /** ShiftReg on 64 bits: type LSL, LSR, ASR, ROR. */
    static long shift64(long v, int type, int amount) {
        switch (type) {
            case 0: return v << amount;
            case 1: return v >>> amount;
            case 2: return v >> amount;
            default: return Long.rotateRight(v, amount);
        }
    }

    /** ShiftReg on 32 bits (amount < 32); the result is zero-extended. */
    static long shift32(long v, int type, int amount) {
        int x = (int) v;
        switch (type) {
            case 0: return (x << amount) & M32;
            case 1: return (x >>> amount) & M32;
            case 2: return (x >> amount) & M32;
            default: return Integer.rotateRight(x, amount) & M32;
        }
    }

    /** ExtendReg: option UXTB..SXTX applied to {@code v}, then shifted left by {@code amount} (0..4). */
    static long extend(long v, int option, int amount) {
        long e;
        switch (option) {
            case 0: e = v & 0xFF; break;
            case 1: e = v & 0xFFFF; break;
            case 2: e = v & M32; break;
            case 4: e = (byte) v; break;
            case 5: e = (short) v; break;
            case 6: e = (int) v; break;
            default: e = v; break;
        }
        return e << amount;
    }

    /**
     * DecodeBitMasks(N, imms, immr, immediate = TRUE) of the Arm ARM (J1, aarch64/instrs/integer/bitmasks):
     * the wmask of a logical immediate replicated to 64 bits, or 0 for the reserved encodings
     * (element length < 2, or an all-ones element). 0 is never a valid bitmask immediate, so it is
     * unambiguous as "reserved".
     */
    public static long decodeBitMask(int n, int imms, int immr) {
        int combined = (n << 6) | (~imms & 0x3F);
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) {
            return 0;
        }
        int esize = 1 << len;
        int levels = esize - 1;
        int s = imms & levels;
        int r = immr & levels;
        if (s == levels) {
            return 0;
        }
        long welem = (1L << (s + 1)) - 1; // s + 1 < 64 here
        if (r != 0) {
            long emask = esize == 64 ? -1L : (1L << esize) - 1;
            welem = ((welem >>> r) | (welem << (esize - r))) & emask;
        }
        for (int i = esize; i < 64; i <<= 1) {
            welem |= welem << i;
        }
        return welem;
    }

    /** DecodeBitMasks of every N:immr:imms (bits 22..10 of the word), so execution is one load. */
    private static final long[] BITMASKS = new long[1 << 13];

    static {
        for (int i = 0; i < BITMASKS.length; i++) {
            BITMASKS[i] = decodeBitMask(i >>> 12, i & 0x3F, (i >>> 6) & 0x3F);
        }
    }

    /** The logical-immediate operand of a word (fields N:22, immr:21..16, imms:15..10), 0 when reserved. */
    public static long logicalImmediate(int w) {
        long m = BITMASKS[(w >>> 10) & 0x1FFF];
        return w < 0 ? m : m & M32;
    }
}
