package io.el2studio.sim.cpu.dp;

import static io.el2studio.sim.cpu.dp.Alu.M32;

import io.el2studio.sim.cpu.Cpu;

/**
 * Execution of the A64 "Data Processing -- Immediate" class (Arm ARM C4.1.86, op0 = 100x):
 * PC-relative addressing, add/subtract immediate, logical immediate, move wide, bitfield and
 * extract. Bit 31 (sf) selects the 64-bit form; 32-bit results are zero-extended into Xd.
 * The row guards (isa/DpImmRows) have already rejected the unallocated field values.
 */
public final class DpImm {
    private DpImm() {
    }

    // ---- PC-rel. addressing ----

    /** immhi:immlo, sign-extended from 21 bits. */
    public static long pcRelImm(int w) {
        return (long) (((w << 8) >> 13) << 2 | ((w >>> 29) & 3));
    }

    public static void adr(Cpu c, int w) {
        c.setX(w & 31, c.pc + pcRelImm(w));
    }

    public static void adrp(Cpu c, int w) {
        c.setX(w & 31, (c.pc & ~0xFFFL) + (pcRelImm(w) << 12));
    }

    // ---- Add/subtract (immediate) ----

    private static long addImm(int w) {
        long imm = (w >>> 10) & 0xFFF;
        return (w & (1 << 22)) != 0 ? imm << 12 : imm; // sh = 1: LSL #12
    }

    public static void add(Cpu c, int w) {
        long r = c.xsp((w >>> 5) & 31) + addImm(w);
        c.setXsp(w & 31, w < 0 ? r : r & M32);
    }

    public static void adds(Cpu c, int w) {
        long x = c.xsp((w >>> 5) & 31);
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, addImm(w), 0) : Alu.adds32(c, x, addImm(w), 0));
    }

    public static void sub(Cpu c, int w) {
        long r = c.xsp((w >>> 5) & 31) - addImm(w);
        c.setXsp(w & 31, w < 0 ? r : r & M32);
    }

    public static void subs(Cpu c, int w) {
        long x = c.xsp((w >>> 5) & 31);
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, ~addImm(w), 1) : Alu.adds32(c, x, ~addImm(w), 1));
    }

    // ---- Logical (immediate) ----

    public static void and(Cpu c, int w) {
        c.setXsp(w & 31, c.x((w >>> 5) & 31) & Alu.logicalImmediate(w));
    }

    public static void orr(Cpu c, int w) {
        long r = c.x((w >>> 5) & 31) | Alu.logicalImmediate(w);
        c.setXsp(w & 31, w < 0 ? r : r & M32);
    }

    public static void eor(Cpu c, int w) {
        long r = c.x((w >>> 5) & 31) ^ Alu.logicalImmediate(w);
        c.setXsp(w & 31, w < 0 ? r : r & M32);
    }

    public static void ands(Cpu c, int w) {
        long r = c.x((w >>> 5) & 31) & Alu.logicalImmediate(w);
        if (w < 0) {
            Alu.logicFlags64(c, r);
        } else {
            Alu.logicFlags32(c, r);
        }
        c.setX(w & 31, r);
    }

    // ---- Move wide (immediate) ----

    public static void movn(Cpu c, int w) {
        long r = ~((long) ((w >>> 5) & 0xFFFF) << (((w >>> 21) & 3) << 4));
        c.setX(w & 31, w < 0 ? r : r & M32);
    }

    public static void movz(Cpu c, int w) {
        c.setX(w & 31, (long) ((w >>> 5) & 0xFFFF) << (((w >>> 21) & 3) << 4));
    }

    public static void movk(Cpu c, int w) {
        int pos = ((w >>> 21) & 3) << 4;
        int d = w & 31;
        long r = (c.x(d) & ~(0xFFFFL << pos)) | ((long) ((w >>> 5) & 0xFFFF) << pos);
        c.setX(d, w < 0 ? r : r & M32);
    }

    // ---- Bitfield ----
    // With N == sf (enforced by the row guard) the element size is the register size, so
    // DecodeBitMasks reduces to the closed forms below (Arm ARM C6.2 SBFM/BFM/UBFM pseudocode).

    public static void sbfm(Cpu c, int w) {
        int immr = (w >>> 16) & 63, imms = (w >>> 10) & 63;
        long src = c.x((w >>> 5) & 31);
        long r;
        if (w < 0) {
            long field = (src << (63 - imms)) >> (63 - imms); // sign-extend from bit imms
            r = imms >= immr ? field >> immr : field << (64 - immr);
        } else {
            int f = ((int) src << (31 - imms)) >> (31 - imms);
            r = (imms >= immr ? f >> immr : f << (32 - immr)) & M32;
        }
        c.setX(w & 31, r);
    }

    public static void ubfm(Cpu c, int w) {
        int immr = (w >>> 16) & 63, imms = (w >>> 10) & 63;
        long src = c.x((w >>> 5) & 31);
        long r;
        if (w < 0) {
            long field = (src << (63 - imms)) >>> (63 - imms); // bits imms..0
            r = imms >= immr ? field >>> immr : field << (64 - immr);
        } else {
            int f = ((int) src << (31 - imms)) >>> (31 - imms);
            r = (imms >= immr ? f >>> immr : f << (32 - immr)) & M32;
        }
        c.setX(w & 31, r);
    }

    public static void bfm(Cpu c, int w) {
        int immr = (w >>> 16) & 63, imms = (w >>> 10) & 63;
        int d = w & 31;
        long src = c.x((w >>> 5) & 31);
        long dst = c.x(d);
        long r;
        if (imms >= immr) {
            // BFXIL: bits imms..immr of src to the bottom of dst.
            long mask = -1L >>> (63 - (imms - immr));
            r = (dst & ~mask) | ((src >>> immr) & mask);
        } else {
            // BFI: bits imms..0 of src to bit position (size - immr) of dst.
            int lsb = (w < 0 ? 64 : 32) - immr;
            long mask = (-1L >>> (63 - imms)) << lsb;
            r = (dst & ~mask) | ((src << lsb) & mask);
        }
        c.setX(d, w < 0 ? r : r & M32);
    }

    // ---- Extract ----

    public static void extr(Cpu c, int w) {
        int lsb = (w >>> 10) & 63;
        long hi = c.x((w >>> 5) & 31), lo = c.x((w >>> 16) & 31);
        long r;
        if (w < 0) {
            r = lsb == 0 ? lo : (lo >>> lsb) | (hi << (64 - lsb));
        } else {
            r = (((hi << 32) | (lo & M32)) >>> lsb) & M32;
        }
        c.setX(w & 31, r);
    }
}
