package io.el2studio.sim.cpu.dp;

import static io.el2studio.sim.cpu.dp.Alu.M32;

import io.el2studio.sim.cpu.Cpu;

/**
 * Execution of the A64 "Data Processing -- Register" class (Arm ARM C4.1.88, op0 = x101):
 * logical and add/subtract (shifted and extended register), add/subtract with carry, conditional
 * compare, conditional select and the 3-source multiplies. The 1- and 2-source groups are in
 * {@link DpSource}. Bit 31 (sf) selects the 64-bit form; 32-bit results are zero-extended.
 */
public final class DpReg {
    private DpReg() {
    }

    // ---- Logical (shifted register) ----

    /** The shifted second operand: Rm shifted by shift (23:22) and imm6 (15:10). */
    private static long op2(Cpu c, int w) {
        long m = c.x((w >>> 16) & 31);
        int type = (w >>> 22) & 3, amount = (w >>> 10) & 63;
        return w < 0 ? Alu.shift64(m, type, amount) : Alu.shift32(m, type, amount);
    }

    private static void setResult(Cpu c, int w, long r) {
        c.setX(w & 31, w < 0 ? r : r & M32);
    }

    public static void and(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) & op2(c, w));
    }

    public static void bic(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) & ~op2(c, w));
    }

    public static void orr(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) | op2(c, w));
    }

    public static void orn(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) | ~op2(c, w));
    }

    public static void eor(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) ^ op2(c, w));
    }

    public static void eon(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) ^ ~op2(c, w));
    }

    public static void ands(Cpu c, int w) {
        long r = c.x((w >>> 5) & 31) & op2(c, w);
        logicFlags(c, w, r);
        c.setX(w & 31, r);
    }

    public static void bics(Cpu c, int w) {
        long r = c.x((w >>> 5) & 31) & ~op2(c, w);
        if (w >= 0) {
            r &= M32;
        }
        logicFlags(c, w, r);
        c.setX(w & 31, r);
    }

    private static void logicFlags(Cpu c, int w, long r) {
        if (w < 0) {
            Alu.logicFlags64(c, r);
        } else {
            Alu.logicFlags32(c, r);
        }
    }

    // ---- Add/subtract (shifted register) ----

    public static void addShifted(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) + op2(c, w));
    }

    public static void addsShifted(Cpu c, int w) {
        long x = c.x((w >>> 5) & 31), y = op2(c, w);
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, y, 0) : Alu.adds32(c, x, y, 0));
    }

    public static void subShifted(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) - op2(c, w));
    }

    public static void subsShifted(Cpu c, int w) {
        long x = c.x((w >>> 5) & 31), y = ~op2(c, w);
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, y, 1) : Alu.adds32(c, x, y, 1));
    }

    // ---- Add/subtract (extended register): Rn and (non-flag-setting) Rd may be SP ----

    private static long extended(Cpu c, int w) {
        return Alu.extend(c.x((w >>> 16) & 31), (w >>> 13) & 7, (w >>> 10) & 7);
    }

    public static void addExtended(Cpu c, int w) {
        long r = c.xsp((w >>> 5) & 31) + extended(c, w);
        c.setXsp(w & 31, w < 0 ? r : r & M32);
    }

    public static void addsExtended(Cpu c, int w) {
        long x = c.xsp((w >>> 5) & 31), y = extended(c, w);
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, y, 0) : Alu.adds32(c, x, y, 0));
    }

    public static void subExtended(Cpu c, int w) {
        long r = c.xsp((w >>> 5) & 31) - extended(c, w);
        c.setXsp(w & 31, w < 0 ? r : r & M32);
    }

    public static void subsExtended(Cpu c, int w) {
        long x = c.xsp((w >>> 5) & 31), y = ~extended(c, w);
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, y, 1) : Alu.adds32(c, x, y, 1));
    }

    // ---- Add/subtract (with carry) ----

    public static void adc(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) + c.x((w >>> 16) & 31) + ((c.nzcv >>> 29) & 1));
    }

    public static void adcs(Cpu c, int w) {
        long x = c.x((w >>> 5) & 31), y = c.x((w >>> 16) & 31);
        int carry = (c.nzcv >>> 29) & 1;
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, y, carry) : Alu.adds32(c, x, y, carry));
    }

    public static void sbc(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 5) & 31) + ~c.x((w >>> 16) & 31) + ((c.nzcv >>> 29) & 1));
    }

    public static void sbcs(Cpu c, int w) {
        long x = c.x((w >>> 5) & 31), y = ~c.x((w >>> 16) & 31);
        int carry = (c.nzcv >>> 29) & 1;
        c.setX(w & 31, w < 0 ? Alu.adds64(c, x, y, carry) : Alu.adds32(c, x, y, carry));
    }

    // ---- Rotate right into flags, evaluate into flags (FEAT_FlagM) ----

    /** RMIF: the bits of ROR(Xn, imm6) selected by mask<3:0> replace N, Z, C, V. */
    public static void rmif(Cpu c, int w) {
        int bits = (int) (Long.rotateRight(c.x((w >>> 5) & 31), (w >>> 15) & 63) & 15) << 28;
        int mask = (w & 15) << 28;
        c.nzcv = (c.nzcv & ~mask) | (bits & mask);
    }

    /** SETF8/SETF16: N = bit msb, Z = bits msb..0 are zero, V = bit msb+1 EOR bit msb; C unchanged. */
    public static void setf(Cpu c, int w) {
        int msb = (w & (1 << 14)) != 0 ? 15 : 7;
        long v = c.x((w >>> 5) & 31);
        int n = (int) (v >>> msb) & 1;
        int z = (v & ((1L << (msb + 1)) - 1)) == 0 ? 1 : 0;
        int ov = ((int) (v >>> (msb + 1)) & 1) ^ n;
        c.nzcv = (n << 31) | (z << 30) | (c.nzcv & 0x2000_0000) | (ov << 28);
    }

    // ---- Conditional compare: bit 11 selects imm5 (20:16) instead of Rm ----

    private static long ccmpOperand(Cpu c, int w) {
        return (w & (1 << 11)) != 0 ? (w >>> 16) & 31 : c.x((w >>> 16) & 31);
    }

    public static void ccmn(Cpu c, int w) {
        if (c.conditionHolds((w >>> 12) & 15)) {
            long x = c.x((w >>> 5) & 31), y = ccmpOperand(c, w);
            if (w < 0) {
                Alu.adds64(c, x, y, 0);
            } else {
                Alu.adds32(c, x, y, 0);
            }
        } else {
            c.nzcv = (w & 15) << 28;
        }
    }

    public static void ccmp(Cpu c, int w) {
        if (c.conditionHolds((w >>> 12) & 15)) {
            long x = c.x((w >>> 5) & 31), y = ~ccmpOperand(c, w);
            if (w < 0) {
                Alu.adds64(c, x, y, 1);
            } else {
                Alu.adds32(c, x, y, 1);
            }
        } else {
            c.nzcv = (w & 15) << 28;
        }
    }

    // ---- Conditional select ----

    public static void csel(Cpu c, int w) {
        setResult(c, w, c.conditionHolds((w >>> 12) & 15) ? c.x((w >>> 5) & 31) : c.x((w >>> 16) & 31));
    }

    public static void csinc(Cpu c, int w) {
        setResult(c, w, c.conditionHolds((w >>> 12) & 15) ? c.x((w >>> 5) & 31) : c.x((w >>> 16) & 31) + 1);
    }

    public static void csinv(Cpu c, int w) {
        setResult(c, w, c.conditionHolds((w >>> 12) & 15) ? c.x((w >>> 5) & 31) : ~c.x((w >>> 16) & 31));
    }

    public static void csneg(Cpu c, int w) {
        setResult(c, w, c.conditionHolds((w >>> 12) & 15) ? c.x((w >>> 5) & 31) : -c.x((w >>> 16) & 31));
    }

    // ---- Data-processing (3 source) ----

    public static void madd(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 10) & 31) + c.x((w >>> 5) & 31) * c.x((w >>> 16) & 31));
    }

    public static void msub(Cpu c, int w) {
        setResult(c, w, c.x((w >>> 10) & 31) - c.x((w >>> 5) & 31) * c.x((w >>> 16) & 31));
    }

    public static void smaddl(Cpu c, int w) {
        c.setX(w & 31, c.x((w >>> 10) & 31) + (long) (int) c.x((w >>> 5) & 31) * (int) c.x((w >>> 16) & 31));
    }

    public static void smsubl(Cpu c, int w) {
        c.setX(w & 31, c.x((w >>> 10) & 31) - (long) (int) c.x((w >>> 5) & 31) * (int) c.x((w >>> 16) & 31));
    }

    public static void umaddl(Cpu c, int w) {
        c.setX(w & 31, c.x((w >>> 10) & 31) + (c.x((w >>> 5) & 31) & M32) * (c.x((w >>> 16) & 31) & M32));
    }

    public static void umsubl(Cpu c, int w) {
        c.setX(w & 31, c.x((w >>> 10) & 31) - (c.x((w >>> 5) & 31) & M32) * (c.x((w >>> 16) & 31) & M32));
    }

    public static void smulh(Cpu c, int w) {
        c.setX(w & 31, Math.multiplyHigh(c.x((w >>> 5) & 31), c.x((w >>> 16) & 31)));
    }

    public static void umulh(Cpu c, int w) {
        c.setX(w & 31, Math.unsignedMultiplyHigh(c.x((w >>> 5) & 31), c.x((w >>> 16) & 31)));
    }
}
