package io.el2studio.sim.simd.fp;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.fp.FPU;
import io.el2studio.sim.fp.FpAccess;
import io.el2studio.sim.fp.FpStatus;
import io.el2studio.sim.isa.Exec;

/**
 * Execution of the Advanced SIMD floating-point instructions (rows in {@code isa.SimdFpRows} and
 * {@code isa.SimdFpRows2}). Every handler follows the Arm ARM pseudocode: elements are processed in
 * order with one {@link FpStatus}, so FPSR receives the OR of every element's exceptions, and the
 * result is written only after all elements are computed (operands may alias the destination).
 * Scalar forms write the element and clear the rest of the register, as V[d] = result does.
 */
public final class SimdFpExec {
    private SimdFpExec() {
    }

    private static int rd(int w) { return w & 31; }
    private static int rn(int w) { return (w >>> 5) & 31; }
    private static int rm(int w) { return (w >>> 16) & 31; }
    private static boolean q(int w) { return (w & (1 << 30)) != 0; }

    /** esize of the single/double forms (sz, bit 22) or 16 for the FP16 forms. */
    private static int esize(int w, boolean fp16) {
        return fp16 ? 16 : ((w >>> 22) & 1) != 0 ? 64 : 32;
    }

    private static void finish(Cpu cpu, FpStatus st) {
        cpu.fpsr |= st.flags;
    }

    // ---- three same (vector and scalar) ----

    public static Exec threeSame(FpBinary op, boolean fp16, boolean scalar) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int esize = esize(w, fp16);
            int datasize = scalar ? esize : q(w) ? 128 : 64;
            int elements = datasize / esize;
            long[] n = Lanes.read(cpu, rn(w)), m = Lanes.read(cpu, rm(w)), d = Lanes.read(cpu, rd(w));
            long[] r = new long[2];
            FpStatus st = new FpStatus();
            int fpcr = cpu.fpcr;
            for (int e = 0; e < elements; e++) {
                long a, b;
                if (op.pairwise()) {
                    // concat = operand2:operand1; element1 = Elem[concat, 2e], element2 = Elem[concat, 2e+1].
                    int i = 2 * e;
                    long[] src = i < elements ? n : m;
                    int k = i < elements ? i : i - elements;
                    a = Lanes.elem(src, k, esize);
                    b = Lanes.elem(src, k + 1, esize);
                } else {
                    a = Lanes.elem(n, e, esize);
                    b = Lanes.elem(m, e, esize);
                }
                Lanes.setElem(r, e, esize, op.apply(esize, a, b, Lanes.elem(d, e, esize), fpcr, st));
            }
            finish(cpu, st);
            if (scalar) {
                cpu.setScalar(rd(w), r[0], esize);
            } else {
                Lanes.write(cpu, rd(w), r, datasize);
            }
        };
    }

    // ---- two-register miscellaneous ----

    public static Exec twoMisc(FpUnary op, boolean fp16, boolean scalar) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int esize = esize(w, fp16);
            int datasize = scalar ? esize : q(w) ? 128 : 64;
            int elements = datasize / esize;
            long[] n = Lanes.read(cpu, rn(w));
            long[] r = new long[2];
            FpStatus st = new FpStatus();
            int fpcr = cpu.fpcr;
            for (int e = 0; e < elements; e++) {
                Lanes.setElem(r, e, esize, op.apply(esize, Lanes.elem(n, e, esize), fpcr, st));
            }
            finish(cpu, st);
            if (scalar) {
                cpu.setScalar(rd(w), r[0], esize);
            } else {
                Lanes.write(cpu, rd(w), r, datasize);
            }
        };
    }

    /**
     * FCVTN, FCVTN2: each element of Vn narrowed to half its size with FPCR rounding, into the lower
     * (FCVTN, upper half cleared) or upper (FCVTN2, lower half kept) 64 bits of Vd.
     */
    public static void fcvtn(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int esize = ((w >>> 22) & 1) != 0 ? 32 : 16;
        narrow(cpu, w, esize, FPU.rounding(cpu.fpcr));
    }

    /** FCVTXN, FCVTXN2: double to single with round to odd. */
    public static void fcvtxnVec(Cpu cpu, int w) {
        FpAccess.check(cpu);
        narrow(cpu, w, 32, FPU.ODD);
    }

    private static void narrow(Cpu cpu, int w, int esize, int rounding) {
        long[] n = Lanes.read(cpu, rn(w));
        FpStatus st = new FpStatus();
        long res = 0;
        int elements = 64 / esize;
        for (int e = 0; e < elements; e++) {
            long x = FPU.convert(2 * esize, esize, Lanes.elem(n, e, 2 * esize), rounding, cpu.fpcr, st);
            res |= (x & Lanes.mask(esize)) << (e * esize);
        }
        finish(cpu, st);
        // Vpart[d, part] = result: part 1 keeps the lower 64 bits of Vd.
        if (q(w)) {
            cpu.setV(rd(w), cpu.vlo(rd(w)), res);
        } else {
            cpu.setV(rd(w), res, 0);
        }
    }

    /** FCVTXN Sd, Dn. */
    public static void fcvtxnScalar(Cpu cpu, int w) {
        FpAccess.check(cpu);
        FpStatus st = new FpStatus();
        long x = FPU.convert(64, 32, cpu.d(rn(w)), FPU.ODD, cpu.fpcr, st);
        finish(cpu, st);
        cpu.setScalar(rd(w), x, 32);
    }

    /** FCVTL, FCVTL2: the lower (FCVTL) or upper (FCVTL2) 64 bits of Vn widened to twice the size. */
    public static void fcvtl(Cpu cpu, int w) {
        FpAccess.check(cpu);
        int esize = ((w >>> 22) & 1) != 0 ? 64 : 32;
        long src = q(w) ? cpu.vhi(rn(w)) : cpu.vlo(rn(w));
        int half = esize / 2;
        long[] r = new long[2];
        FpStatus st = new FpStatus();
        for (int e = 0; e < 128 / esize; e++) {
            long x = (src >>> (e * half)) & Lanes.mask(half);
            Lanes.setElem(r, e, esize, FPU.convert(half, esize, x, FPU.rounding(cpu.fpcr), cpu.fpcr, st));
        }
        finish(cpu, st);
        Lanes.write(cpu, rd(w), r, 128);
    }

    /** URECPE: UnsignedRecipEstimate on 32-bit elements (no FP exceptions). */
    public static void urecpe(Cpu cpu, int w) {
        FpAccess.check(cpu);
        unsignedEstimate(cpu, w, false);
    }

    /** URSQRTE: UnsignedRSqrtEstimate on 32-bit elements. */
    public static void ursqrte(Cpu cpu, int w) {
        FpAccess.check(cpu);
        unsignedEstimate(cpu, w, true);
    }

    private static void unsignedEstimate(Cpu cpu, int w, boolean sqrt) {
        int datasize = q(w) ? 128 : 64;
        long[] n = Lanes.read(cpu, rn(w));
        long[] r = new long[2];
        for (int e = 0; e < datasize / 32; e++) {
            long x = Lanes.elem(n, e, 32);
            long res;
            if (!sqrt) {
                // Operands below 0x80000000 (less than 0.5) give 0xFFFFFFFF.
                res = (x & 0x8000_0000L) == 0 ? 0xFFFF_FFFFL : (long) (FPU.recipEstimateInt((int) (x >>> 23)) & 0x1FF) << 23;
            } else {
                // Operands below 0x40000000 (less than 0.25) give 0xFFFFFFFF.
                res = (x & 0xC000_0000L) == 0 ? 0xFFFF_FFFFL : (long) (FPU.rsqrtEstimateInt((int) (x >>> 23)) & 0x1FF) << 23;
            }
            Lanes.setElem(r, e, 32, res);
        }
        Lanes.write(cpu, rd(w), r, datasize);
    }

    // ---- across lanes and scalar pairwise ----

    /** FMAXNMV, FMAXV, FMINNMV, FMINV: Reduce() halves the vector recursively, lower half first. */
    public static Exec across(FpBinary op, boolean fp16) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int esize = fp16 ? 16 : 32;
            int elements = (q(w) ? 128 : 64) / esize;
            long[] n = Lanes.read(cpu, rn(w));
            FpStatus st = new FpStatus();
            long res = reduce(op, n, 0, elements, esize, cpu.fpcr, st);
            finish(cpu, st);
            cpu.setScalar(rd(w), res, esize);
        };
    }

    private static long reduce(FpBinary op, long[] v, int first, int count, int esize, int fpcr, FpStatus st) {
        if (count == 1) {
            return Lanes.elem(v, first, esize);
        }
        int half = count / 2;
        long lo = reduce(op, v, first, half, esize, fpcr, st);
        long hi = reduce(op, v, first + half, half, esize, fpcr, st);
        return op.apply(esize, lo, hi, 0, fpcr, st);
    }

    /** FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP (scalar): the two elements of Vn. */
    public static Exec pairScalar(FpBinary op, boolean fp16) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int esize = esize(w, fp16);
            long[] n = Lanes.read(cpu, rn(w));
            FpStatus st = new FpStatus();
            long res = op.apply(esize, Lanes.elem(n, 0, esize), Lanes.elem(n, 1, esize), 0, cpu.fpcr, st);
            finish(cpu, st);
            cpu.setScalar(rd(w), res, esize);
        };
    }

    // ---- by element ----

    /**
     * FMLA, FMLS, FMUL, FMULX by element. Half precision: Vm is Rm&lt;3:0&gt;, index H:L:M; single:
     * Vm is M:Rm, index H:L; double: index H.
     */
    public static Exec indexed(FpBinary op, boolean fp16, boolean scalar) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int esize = esize(w, fp16);
            int h = (w >>> 11) & 1, l = (w >>> 21) & 1, mbit = (w >>> 20) & 1;
            int m, index;
            if (esize == 16) {
                m = (w >>> 16) & 15;
                index = h << 2 | l << 1 | mbit;
            } else {
                m = rm(w);
                index = esize == 32 ? h << 1 | l : h;
            }
            int datasize = scalar ? esize : q(w) ? 128 : 64;
            int elements = datasize / esize;
            long[] n = Lanes.read(cpu, rn(w)), d = Lanes.read(cpu, rd(w));
            long b = Lanes.elem(Lanes.read(cpu, m), index, esize);
            long[] r = new long[2];
            FpStatus st = new FpStatus();
            for (int e = 0; e < elements; e++) {
                Lanes.setElem(r, e, esize, op.apply(esize, Lanes.elem(n, e, esize), b, Lanes.elem(d, e, esize), cpu.fpcr, st));
            }
            finish(cpu, st);
            if (scalar) {
                cpu.setScalar(rd(w), r[0], esize);
            } else {
                Lanes.write(cpu, rd(w), r, datasize);
            }
        };
    }

    // ---- shift by immediate: fixed-point conversions ----

    /**
     * SCVTF, UCVTF ({@code toFp}), FCVTZS, FCVTZU with #fbits; esize from immh, fbits = 2 * esize -
     * immh:immb. FP to fixed point always rounds towards zero; fixed point to FP uses FPCR.
     */
    public static Exec fixedPoint(boolean toFp, boolean unsigned, boolean scalar) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int immh = (w >>> 19) & 15;
            int esize = immh >= 8 ? 64 : immh >= 4 ? 32 : 16;
            int fbits = 2 * esize - ((w >>> 16) & 127);
            int datasize = scalar ? esize : q(w) ? 128 : 64;
            long[] n = Lanes.read(cpu, rn(w));
            long[] r = new long[2];
            FpStatus st = new FpStatus();
            int fpcr = cpu.fpcr;
            for (int e = 0; e < datasize / esize; e++) {
                long x = Lanes.elem(n, e, esize);
                long y = toFp ? FpConvert.fromFixed(esize, x, fbits, unsigned, FPU.rounding(fpcr), fpcr, st)
                        : FpConvert.toFixed(esize, x, fbits, unsigned, FPU.ZERO, fpcr, st);
                Lanes.setElem(r, e, esize, y);
            }
            finish(cpu, st);
            if (scalar) {
                cpu.setScalar(rd(w), r[0], esize);
            } else {
                Lanes.write(cpu, rd(w), r, datasize);
            }
        };
    }

    // ---- FHM: FMLAL, FMLAL2, FMLSL, FMLSL2 ----

    /**
     * FMLAL{2}/FMLSL{2}: Vd.S[e] += (-)Vn.H[e + part * elements] * Vm.H[...] fused (FPMulAddH). The
     * half-precision operands come from the lower (FMLAL) or upper (FMLAL2) half of the
     * datasize/2-bit Vpart; the by-element form takes Vm (V0-V15) element H:L:M.
     */
    public static Exec fmlal(boolean sub, boolean upper, boolean byElement) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int datasize = q(w) ? 128 : 64;
            int elements = datasize / 32;
            int base = upper ? elements : 0;
            long[] n = Lanes.read(cpu, rn(w)), d = Lanes.read(cpu, rd(w));
            long[] mv;
            int index = -1;
            if (byElement) {
                mv = Lanes.read(cpu, (w >>> 16) & 15);
                index = ((w >>> 11) & 1) << 2 | ((w >>> 21) & 1) << 1 | ((w >>> 20) & 1);
            } else {
                mv = Lanes.read(cpu, rm(w));
            }
            int fpcr = cpu.fpcr;
            long[] r = new long[2];
            FpStatus st = new FpStatus();
            for (int e = 0; e < elements; e++) {
                long a = Lanes.elem(n, base + e, 16);
                long b = Lanes.elem(mv, byElement ? index : base + e, 16);
                if (sub) {
                    a ^= 0x8000;
                }
                long res = FPU.mulAdd(32, Lanes.elem(d, e, 32), FpConvert.widenHalfBits(a, fpcr),
                        FpConvert.widenHalfBits(b, fpcr), fpcr, st);
                Lanes.setElem(r, e, 32, res);
            }
            finish(cpu, st);
            Lanes.write(cpu, rd(w), r, datasize);
        };
    }

    // ---- FMOV (vector, immediate) ----

    /**
     * VFPExpandImm: imm8 = a:b:c:d:e:f:g:h as an N-bit value with sign a, exponent NOT(b):b...b:c:d
     * and fraction e:f:g:h:0...0 (Arm ARM, shared/functions/float/vfpexpandimm).
     */
    public static long vfpExpandImm(int imm8, int n) {
        long a = (imm8 >>> 7) & 1, b = (imm8 >>> 6) & 1, cd = (imm8 >>> 4) & 3, efgh = imm8 & 15;
        return switch (n) {
            case 16 -> a << 15 | (b ^ 1) << 14 | (b == 1 ? 3L : 0) << 12 | cd << 10 | efgh << 6;
            case 32 -> a << 31 | (b ^ 1) << 30 | (b == 1 ? 0x1FL : 0) << 25 | cd << 23 | efgh << 19;
            default -> a << 63 | (b ^ 1) << 62 | (b == 1 ? 0xFFL : 0) << 54 | cd << 52 | efgh << 48;
        };
    }

    /** FMOV Vd.T, #imm: the expanded immediate in every element (Q = 0 clears the upper half). */
    public static Exec fmovImmediate(int esize) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int imm8 = ((w >>> 16) & 7) << 5 | ((w >>> 5) & 31);
            long e = vfpExpandImm(imm8, esize);
            long x = esize == 64 ? e : esize == 32 ? e | e << 32 : e | e << 16 | e << 32 | e << 48;
            cpu.setV(rd(w), x, q(w) ? x : 0);
        };
    }
}
