package io.el2studio.sim.simd.fp;

import io.el2studio.sim.fp.FPU;
import io.el2studio.sim.fp.FpStatus;

/**
 * The per-element operation of the AdvSIMD floating-point "three same" instructions (and of the
 * by-element, across-lanes and pairwise forms that reuse it), as in the Arm ARM pseudocode of each
 * instruction. {@code d} is the destination element before the instruction (FMLA, FMLS accumulate).
 */
public enum FpBinary {
    FMAXNM, FMLA, FADD, FMULX, FCMEQ, FMAX, FRECPS, FMINNM, FMLS, FSUB, FMIN, FRSQRTS,
    FMAXNMP, FADDP, FMUL, FCMGE, FACGE, FMAXP, FDIV, FMINNMP, FABD, FCMGT, FACGT, FMINP;

    /** The pairwise forms operate on adjacent element pairs of the concatenation Vm:Vn. */
    boolean pairwise() {
        return this == FMAXNMP || this == FADDP || this == FMAXP || this == FMINNMP || this == FMINP;
    }

    long apply(int esize, long a, long b, long d, int fpcr, FpStatus st) {
        return switch (this) {
            case FMAXNM, FMAXNMP -> FPU.maxNum(esize, a, b, fpcr, st);
            case FMINNM, FMINNMP -> FPU.minNum(esize, a, b, fpcr, st);
            case FMAX, FMAXP -> FPU.max(esize, a, b, fpcr, st);
            case FMIN, FMINP -> FPU.min(esize, a, b, fpcr, st);
            case FADD, FADDP -> FPU.add(esize, a, b, fpcr, st);
            case FSUB -> FPU.sub(esize, a, b, fpcr, st);
            case FMUL -> FPU.mul(esize, a, b, fpcr, st);
            case FMULX -> FPU.mulx(esize, a, b, fpcr, st);
            case FDIV -> FPU.div(esize, a, b, fpcr, st);
            case FABD -> FPU.abs(esize, FPU.sub(esize, a, b, fpcr, st));
            // FMLS negates the first multiplicand before the fused multiply-add (so a NaN's sign flips).
            case FMLA -> FPU.mulAdd(esize, d, a, b, fpcr, st);
            case FMLS -> FPU.mulAdd(esize, d, FPU.neg(esize, a), b, fpcr, st);
            case FRECPS -> FPU.recipStepFused(esize, a, b, fpcr, st);
            case FRSQRTS -> FPU.rsqrtStepFused(esize, a, b, fpcr, st);
            case FCMEQ -> ones(esize, FPU.compareEq(esize, a, b, fpcr, st));
            case FCMGE -> ones(esize, FPU.compareGe(esize, a, b, fpcr, st));
            case FCMGT -> ones(esize, FPU.compareGt(esize, a, b, fpcr, st));
            case FACGE -> ones(esize, FPU.compareGe(esize, FPU.abs(esize, a), FPU.abs(esize, b), fpcr, st));
            case FACGT -> ones(esize, FPU.compareGt(esize, FPU.abs(esize, a), FPU.abs(esize, b), fpcr, st));
        };
    }

    static long ones(int esize, boolean test) {
        return test ? Lanes.mask(esize) : 0;
    }
}
