package io.el2studio.sim.fp;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.isa.Exec;

/**
 * Execution of the scalar floating-point instructions (Arm ARM C4.1.96, "Floating-point" rows of
 * "Data Processing -- Scalar Floating-Point and Advanced SIMD"). Handlers are built per operation
 * from small lambdas over {@link FPU}; the precision comes from the ftype field (bits 23:22:
 * 00 single, 01 double, 11 half). Results are written with {@code setScalar}, which zeroes the
 * rest of the vector register, and the exception flags accumulate in FPSR.
 */
public final class FpScalar {
    private FpScalar() {
    }

    /** An operation on one operand (FABS, FSQRT, FRINT*, ...). */
    @FunctionalInterface
    public interface Unary {
        long apply(int esize, long a, int fpcr, FpStatus st);
    }

    /** An operation on two operands (FADD, FMUL, ...). */
    @FunctionalInterface
    public interface Binary {
        long apply(int esize, long a, long b, int fpcr, FpStatus st);
    }

    /** FMADD and friends: addend, op1, op2. */
    @FunctionalInterface
    public interface Ternary {
        long apply(int esize, long a, long n, long m, int fpcr, FpStatus st);
    }

    /** Element size of the ftype field; ftype 10 never reaches a handler (the rows exclude it). */
    public static int esize(int w) {
        int t = (w >>> 22) & 3;
        return t == 0 ? 32 : t == 1 ? 64 : 16;
    }

    static long operand(Cpu cpu, int reg, int esize) {
        return cpu.v[2 * reg] & FpCore.mask(esize);
    }

    private static void finish(Cpu cpu, int d, long result, int esize, FpStatus st) {
        cpu.setScalar(d, result, esize);
        cpu.fpsr |= st.flags;
    }

    public static Exec unary(Unary op) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int n = esize(w);
            FpStatus st = new FpStatus();
            long r = op.apply(n, operand(cpu, (w >>> 5) & 31, n), cpu.fpcr, st);
            finish(cpu, w & 31, r, n, st);
        };
    }

    public static Exec binary(Binary op) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int n = esize(w);
            FpStatus st = new FpStatus();
            long r = op.apply(n, operand(cpu, (w >>> 5) & 31, n), operand(cpu, (w >>> 16) & 31, n), cpu.fpcr, st);
            finish(cpu, w & 31, r, n, st);
        };
    }

    public static Exec ternary(Ternary op) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int n = esize(w);
            FpStatus st = new FpStatus();
            long r = op.apply(n, operand(cpu, (w >>> 10) & 31, n), operand(cpu, (w >>> 5) & 31, n),
                    operand(cpu, (w >>> 16) & 31, n), cpu.fpcr, st);
            finish(cpu, w & 31, r, n, st);
        };
    }

    /** FCVT: from the ftype precision to the one of opc (bits 16:15: 00 single, 01 double, 11 half). */
    public static void fcvt(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int from = esize(w);
        int opc = (w >>> 15) & 3;
        int to = opc == 0 ? 32 : opc == 1 ? 64 : 16;
        FpStatus st = new FpStatus();
        long r = FPU.convert(from, to, operand(cpu, (w >>> 5) & 31, from), FPU.rounding(cpu.fpcr), cpu.fpcr, st);
        finish(cpu, w & 31, r, to, st);
    }

    /** FCMP, FCMPE (opcode2 bit 4), against Vm or, with opcode2 bit 3, against +0.0. */
    public static void fcmp(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int n = esize(w);
        long b = (w & 8) != 0 ? 0 : operand(cpu, (w >>> 16) & 31, n);
        FpStatus st = new FpStatus();
        int nzcv = FPU.compare(n, operand(cpu, (w >>> 5) & 31, n), b, (w & 16) != 0, cpu.fpcr, st);
        cpu.nzcv = nzcv;
        cpu.fpsr |= st.flags;
    }

    /** FCCMP, FCCMPE (op = bit 4): compare when the condition holds, else NZCV = #nzcv. */
    public static void fccmp(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int n = esize(w);
        if (cpu.conditionHolds((w >>> 12) & 15)) {
            FpStatus st = new FpStatus();
            cpu.nzcv = FPU.compare(n, operand(cpu, (w >>> 5) & 31, n), operand(cpu, (w >>> 16) & 31, n),
                    (w & 16) != 0, cpu.fpcr, st);
            cpu.fpsr |= st.flags;
        } else {
            cpu.nzcv = (w & 15) << 28;
        }
    }

    public static void fcsel(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int n = esize(w);
        int src = cpu.conditionHolds((w >>> 12) & 15) ? (w >>> 5) & 31 : (w >>> 16) & 31;
        cpu.setScalar(w & 31, operand(cpu, src, n), n);
    }

    /** FMOV (scalar, immediate): VFPExpandImm of imm8 (bits 20:13). */
    public static void fmovImm(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int n = esize(w);
        cpu.setScalar(w & 31, expandImm(n, (w >>> 13) & 0xFF), n);
    }

    /** VFPExpandImm: sign a, exponent NOT(b):Replicate(b, E-3):cd, fraction efgh:Zeros. */
    public static long expandImm(int n, int imm8) {
        int e = FpCore.expBits(n);
        int f = FpCore.fracBits(n);
        long sign = (imm8 >>> 7) & 1;
        long b = (imm8 >>> 6) & 1;
        long exp = ((b ^ 1) << (e - 1)) | ((b == 1 ? (1L << (e - 3)) - 1 : 0) << 2) | ((imm8 >>> 4) & 3);
        long frac = (long) (imm8 & 15) << (f - 4);
        return (sign << (n - 1)) | (exp << f) | frac;
    }

    // ---- conversions between floating point and integer / fixed point ----

    /** Rounding argument meaning "use FPCR.RMode". */
    public static final int FPCR_ROUNDING = -1;

    /**
     * FCVT[NPMZA][SU] (fixed = false) and FCVTZ[SU] (fixed point: fbits = 64 - scale, bits 15:10):
     * FP in Vn to a W or X register (sf = bit 31).
     */
    public static Exec toInt(int rounding, boolean unsigned, boolean fixed) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int n = esize(w);
            int fbits = fixed ? 64 - ((w >>> 10) & 63) : 0;
            boolean sf = w < 0;
            FpStatus st = new FpStatus();
            int rnd = rounding == FPCR_ROUNDING ? FPU.rounding(cpu.fpcr) : rounding;
            long r = FPU.toFixed(n, operand(cpu, (w >>> 5) & 31, n), fbits, unsigned, sf ? 64 : 32, rnd, cpu.fpcr, st);
            if (sf) {
                cpu.setX(w & 31, r);
            } else {
                cpu.setW(w & 31, r);
            }
            cpu.fpsr |= st.flags;
        };
    }

    /** SCVTF, UCVTF (integer, or fixed point with fbits = 64 - scale): W/X register to FP in Vd. */
    public static Exec fromInt(boolean unsigned, boolean fixed) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int n = esize(w);
            int fbits = fixed ? 64 - ((w >>> 10) & 63) : 0;
            boolean sf = w < 0;
            long v = sf ? cpu.x((w >>> 5) & 31) : cpu.w((w >>> 5) & 31);
            FpStatus st = new FpStatus();
            long r = FPU.fromFixed(n, v, sf ? 64 : 32, fbits, unsigned, FPU.rounding(cpu.fpcr), cpu.fpcr, st);
            finish(cpu, w & 31, r, n, st);
        };
    }

    /** FMOV (general) to a general register: Wd/Xd = Hn, Sn or Dn zero-extended. */
    public static void fmovToGeneral(Cpu cpu, int w) {
        FpAccess.check(cpu);
        long r = operand(cpu, (w >>> 5) & 31, esize(w));
        if (w < 0) {
            cpu.setX(w & 31, r);
        } else {
            cpu.setW(w & 31, r);
        }
    }

    /** FMOV (general) from a general register: Hd, Sd or Dd = low bits of Wn/Xn. */
    public static void fmovFromGeneral(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int n = esize(w);
        cpu.setScalar(w & 31, cpu.x((w >>> 5) & 31), n);
    }

    /** FMOV Xd, Vn.D[1]. */
    public static void fmovToGeneralTop(Cpu cpu, int w) {
        FpAccess.check(cpu);
        cpu.setX(w & 31, cpu.vhi((w >>> 5) & 31));
    }

    /** FMOV Vd.D[1], Xn: writes the top half only; D[0] is unchanged. */
    public static void fmovFromGeneralTop(Cpu cpu, int w) {
        FpAccess.check(cpu);
        cpu.v[2 * (w & 31) + 1] = cpu.x((w >>> 5) & 31);
    }

    /** FJCVTZS Wd, Dn (FEAT_JSCVT): NZCV = 0Z00. */
    public static void fjcvtzs(Cpu cpu, int w) {
        FpAccess.check(cpu);
        FpStatus st = new FpStatus();
        long r = FPU.toInt32JS(operand(cpu, (w >>> 5) & 31, 64), cpu.fpcr, st);
        cpu.setW(w & 31, r);
        cpu.nzcv = (r >>> 32) != 0 ? 0x4000_0000 : 0;
        cpu.fpsr |= st.flags;
    }
}
