package io.el2studio.sim.simd.fp;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.fp.FPU;
import io.el2studio.sim.fp.FpAccess;
import io.el2studio.sim.fp.FpStatus;

/**
 * FEAT_BF16 in Advanced SIMD: BFCVTN/BFCVTN2, BFDOT (vector and by element), BFMMLA and
 * BFMLALB/BFMLALT (vector and by element), as in the Arm ARM pseudocode without FEAT_EBF16.
 *
 * <p>BFDOT and BFMMLA use BFDotAdd, which ignores FPCR: denormal inputs and results are flushed to
 * zero, NaNs give the default NaN, additions round to odd (overflow gives infinity) and no exception
 * flag is raised. A BF16 product is exact in single precision (8 x 8 significand bits), so BFMul is
 * FPMul with FZ and DN; the round-to-odd additions are FPAdd rounding towards zero, with the result's
 * lowest bit set when inexact (the definition of round to odd) and infinity on overflow.
 * BFMLALB/T is the ordinary FPMulAdd on BF16 values widened to single precision, with FPCR.
 */
public final class Bf16Exec {
    private Bf16Exec() {
    }

    private static final int BF_FPCR = FPU.FPCR_DN | FPU.FPCR_FZ;

    /**
     * FPConvertBF: a single-precision value rounded to BFloat16 with FPCR (FZ, DN, rounding mode),
     * raising IDC, IOC, OFC, UFC, IXC as FPRoundBF does. BFloat16 has the exponent range of single
     * precision, so rounding the bit pattern at bit 16 (the magnitude, by the rounding mode) is
     * correct for normals and denormals alike; a carry into the exponent gives infinity (overflow).
     * For BFCVT (scalar) too.
     */
    public static long convert(long single, int fpcr, FpStatus st) {
        int x = (int) single;
        boolean neg = x < 0;
        int exp = (x >>> 23) & 0xFF, frac = x & 0x7FFFFF;
        if (exp == 0xFF && frac != 0) {
            if ((frac & 0x400000) == 0) {
                st.raise(FpStatus.IOC);
            }
            return (fpcr & FPU.FPCR_DN) != 0 ? 0x7FC0 : ((x | 0x400000) >>> 16) & 0xFFFF;
        }
        if (exp == 0 && frac != 0 && (fpcr & FPU.FPCR_FZ) != 0) {
            st.raise(FpStatus.IDC);
            return neg ? 0x8000 : 0;
        }
        if (exp == 0xFF || (x & 0x7FFFFFFF) == 0) {
            return (x >>> 16) & 0xFFFF;
        }
        int mag = x & 0x7FFFFFFF;
        int low = mag & 0xFFFF, r = mag >>> 16;
        boolean up = switch (FPU.rounding(fpcr)) {
            case FPU.TIEEVEN -> low > 0x8000 || (low == 0x8000 && (r & 1) != 0);
            case FPU.POSINF -> low != 0 && !neg;
            case FPU.NEGINF -> low != 0 && neg;
            default -> false;
        };
        r += up ? 1 : 0;
        if (low != 0) {
            // Tininess is detected before rounding (Arm): a denormal input that is inexact underflows.
            st.raise(exp == 0 ? FpStatus.UFC | FpStatus.IXC : FpStatus.IXC);
        }
        if ((r >>> 7) == 0xFF) {
            st.raise(FpStatus.OFC | FpStatus.IXC);
        }
        return (neg ? 0x8000 : 0) | r;
    }

    /** BFMul: exact product of two BF16 values as single precision, FZ and DN, no flags. */
    private static long mul(long a, long b) {
        return FPU.mul(32, a << 16, b << 16, BF_FPCR, new FpStatus());
    }

    /** BFAdd: single-precision addition rounded to odd, FZ and DN, no flags. */
    private static long add(long a, long b) {
        FpStatus s = new FpStatus();
        long r = FPU.add(32, a, b, BF_FPCR | FPU.ZERO << FPU.FPCR_RMODE_SHIFT, s);
        if ((s.flags & FpStatus.OFC) != 0) {
            return (r & 0x8000_0000L) | 0x7F80_0000L;
        }
        if ((s.flags & FpStatus.IXC) != 0 && (r & 0x7FFF_FFFFL) != 0) {
            r |= 1;
        }
        return r;
    }

    /** BFDotAdd(addend, op1_a, op1_b, op2_a, op2_b). */
    static long dotAdd(long addend, long a1, long b1, long a2, long b2) {
        return add(addend, add(mul(a1, a2), mul(b1, b2)));
    }

    /**
     * BFCVT Hd, Sn (the scalar floating-point form, encoded in the FP data-processing group): offered
     * here so that both forms share {@link #convert}.
     */
    public static void bfcvtScalar(Cpu cpu, int w) {
        FpAccess.check(cpu);
        FpStatus st = new FpStatus();
        long r = convert(cpu.s((w >>> 5) & 31) & 0xFFFF_FFFFL, cpu.fpcr, st);
        cpu.fpsr |= st.flags;
        cpu.setScalar(w & 31, r, 16);
    }

    /** BFCVTN, BFCVTN2: four singles of Vn to BFloat16 in the lower (Q = 0) or upper (Q = 1) half of Vd. */
    public static void bfcvtn(Cpu cpu, int w) {
        FpAccess.check(cpu);
        long[] n = Lanes.read(cpu, (w >>> 5) & 31);
        FpStatus st = new FpStatus();
        long res = 0;
        for (int e = 0; e < 4; e++) {
            res |= convert(Lanes.elem(n, e, 32), cpu.fpcr, st) << (16 * e);
        }
        cpu.fpsr |= st.flags;
        int d = w & 31;
        if ((w & (1 << 30)) != 0) {
            cpu.setV(d, cpu.vlo(d), res);
        } else {
            cpu.setV(d, res, 0);
        }
    }

    /** BFDOT (vector): each single of Vd += the dot product of the matching BF16 pairs of Vn and Vm. */
    public static void bfdotVector(Cpu cpu, int w) {
        bfdot(cpu, w, -1, (w >>> 16) & 31);
    }

    /** BFDOT (by element): the pair is Vm.2H[index], index H:L, Vm = M:Rm. */
    public static void bfdotElement(Cpu cpu, int w) {
        bfdot(cpu, w, ((w >>> 11) & 1) << 1 | ((w >>> 21) & 1), (w >>> 16) & 31);
    }

    private static void bfdot(Cpu cpu, int w, int index, int m) {
        FpAccess.check(cpu);
        int elements = (w & (1 << 30)) != 0 ? 4 : 2;
        long[] n = Lanes.read(cpu, (w >>> 5) & 31), mv = Lanes.read(cpu, m), d = Lanes.read(cpu, w & 31);
        long[] r = new long[2];
        for (int e = 0; e < elements; e++) {
            int p = index < 0 ? e : index;
            long sum = dotAdd(Lanes.elem(d, e, 32), Lanes.elem(n, 2 * e, 16), Lanes.elem(n, 2 * e + 1, 16),
                    Lanes.elem(mv, 2 * p, 16), Lanes.elem(mv, 2 * p + 1, 16));
            Lanes.setElem(r, e, 32, sum);
        }
        Lanes.write(cpu, w & 31, r, elements * 32);
    }

    /** BFMMLA: Vd (2x2 singles) += Vn (2x4 BF16) * transpose(Vm (2x4 BF16)). */
    public static void bfmmla(Cpu cpu, int w) {
        FpAccess.check(cpu);
        long[] n = Lanes.read(cpu, (w >>> 5) & 31), m = Lanes.read(cpu, (w >>> 16) & 31), d = Lanes.read(cpu, w & 31);
        long[] r = new long[2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                long sum = Lanes.elem(d, 2 * i + j, 32);
                for (int k = 0; k < 2; k++) {
                    sum = dotAdd(sum, Lanes.elem(n, 4 * i + 2 * k, 16), Lanes.elem(n, 4 * i + 2 * k + 1, 16),
                            Lanes.elem(m, 4 * j + 2 * k, 16), Lanes.elem(m, 4 * j + 2 * k + 1, 16));
                }
                Lanes.setElem(r, 2 * i + j, 32, sum);
            }
        }
        Lanes.write(cpu, w & 31, r, 128);
    }

    /** BFMLALB/BFMLALT (vector): Vd.S[e] += Vn.H[2e + sel] * Vm.H[2e + sel], sel = Q (T). */
    public static void bfmlalVector(Cpu cpu, int w) {
        bfmlal(cpu, w, -1, (w >>> 16) & 31);
    }

    /** BFMLALB/BFMLALT (by element): Vm.H[index], index H:L:M, Vm = Rm (V0-V15). */
    public static void bfmlalElement(Cpu cpu, int w) {
        bfmlal(cpu, w, ((w >>> 11) & 1) << 2 | ((w >>> 21) & 1) << 1 | ((w >>> 20) & 1), (w >>> 16) & 15);
    }

    private static void bfmlal(Cpu cpu, int w, int index, int m) {
        FpAccess.check(cpu);
        int sel = (w >>> 30) & 1;
        long[] n = Lanes.read(cpu, (w >>> 5) & 31), mv = Lanes.read(cpu, m), d = Lanes.read(cpu, w & 31);
        long[] r = new long[2];
        FpStatus st = new FpStatus();
        for (int e = 0; e < 4; e++) {
            long a = Lanes.elem(n, 2 * e + sel, 16) << 16;
            long b = Lanes.elem(mv, index < 0 ? 2 * e + sel : index, 16) << 16;
            Lanes.setElem(r, e, 32, FPU.mulAdd(32, Lanes.elem(d, e, 32), a, b, cpu.fpcr, st));
        }
        cpu.fpsr |= st.flags;
        Lanes.write(cpu, w & 31, r, 128);
    }
}
