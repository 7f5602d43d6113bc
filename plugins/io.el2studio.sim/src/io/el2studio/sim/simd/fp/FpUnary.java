package io.el2studio.sim.simd.fp;

import io.el2studio.sim.fp.FPU;
import io.el2studio.sim.fp.FpStatus;

/**
 * The per-element operation of the AdvSIMD floating-point "two-register miscellaneous" instructions,
 * as in the Arm ARM pseudocode. Integer conversions produce and consume integers of the element size
 * (FCVTZS v0.4s gives 32-bit integers, FCVTZS h0, h1 a 16-bit one).
 */
public enum FpUnary {
    FCMGT_ZERO, FCMEQ_ZERO, FCMLT_ZERO, FCMGE_ZERO, FCMLE_ZERO, FABS, FNEG, FSQRT,
    FRINTN, FRINTM, FRINTP, FRINTZ, FRINTA, FRINTX, FRINTI,
    FRINT32Z, FRINT64Z, FRINT32X, FRINT64X,
    FCVTNS, FCVTMS, FCVTAS, FCVTPS, FCVTZS, FCVTNU, FCVTMU, FCVTAU, FCVTPU, FCVTZU,
    SCVTF, UCVTF, FRECPE, FRSQRTE, FRECPX;

    /** The compare-with-zero forms print a {@code #0.0} operand. */
    public boolean comparesWithZero() {
        return this == FCMGT_ZERO || this == FCMEQ_ZERO || this == FCMLT_ZERO || this == FCMGE_ZERO
                || this == FCMLE_ZERO;
    }

    long apply(int esize, long a, int fpcr, FpStatus st) {
        int rm = FPU.rounding(fpcr);
        return switch (this) {
            // FCMLE and FCMLT compare zero with the element: FPCompareGE(zero, element) (Arm ARM).
            case FCMGT_ZERO -> FpBinary.ones(esize, FPU.compareGt(esize, a, 0, fpcr, st));
            case FCMGE_ZERO -> FpBinary.ones(esize, FPU.compareGe(esize, a, 0, fpcr, st));
            case FCMEQ_ZERO -> FpBinary.ones(esize, FPU.compareEq(esize, a, 0, fpcr, st));
            case FCMLE_ZERO -> FpBinary.ones(esize, FPU.compareGe(esize, 0, a, fpcr, st));
            case FCMLT_ZERO -> FpBinary.ones(esize, FPU.compareGt(esize, 0, a, fpcr, st));
            case FABS -> FPU.abs(esize, a);
            case FNEG -> FPU.neg(esize, a);
            case FSQRT -> FPU.sqrt(esize, a, fpcr, st);
            case FRINTN -> FPU.roundInt(esize, a, FPU.TIEEVEN, false, fpcr, st);
            case FRINTM -> FPU.roundInt(esize, a, FPU.NEGINF, false, fpcr, st);
            case FRINTP -> FPU.roundInt(esize, a, FPU.POSINF, false, fpcr, st);
            case FRINTZ -> FPU.roundInt(esize, a, FPU.ZERO, false, fpcr, st);
            case FRINTA -> FPU.roundInt(esize, a, FPU.TIEAWAY, false, fpcr, st);
            case FRINTX -> FPU.roundInt(esize, a, rm, true, fpcr, st);
            case FRINTI -> FPU.roundInt(esize, a, rm, false, fpcr, st);
            case FRINT32Z -> FPU.roundIntN(esize, a, FPU.ZERO, 32, fpcr, st);
            case FRINT64Z -> FPU.roundIntN(esize, a, FPU.ZERO, 64, fpcr, st);
            case FRINT32X -> FPU.roundIntN(esize, a, rm, 32, fpcr, st);
            case FRINT64X -> FPU.roundIntN(esize, a, rm, 64, fpcr, st);
            case FCVTNS -> FpConvert.toFixed(esize, a, 0, false, FPU.TIEEVEN, fpcr, st);
            case FCVTMS -> FpConvert.toFixed(esize, a, 0, false, FPU.NEGINF, fpcr, st);
            case FCVTAS -> FpConvert.toFixed(esize, a, 0, false, FPU.TIEAWAY, fpcr, st);
            case FCVTPS -> FpConvert.toFixed(esize, a, 0, false, FPU.POSINF, fpcr, st);
            case FCVTZS -> FpConvert.toFixed(esize, a, 0, false, FPU.ZERO, fpcr, st);
            case FCVTNU -> FpConvert.toFixed(esize, a, 0, true, FPU.TIEEVEN, fpcr, st);
            case FCVTMU -> FpConvert.toFixed(esize, a, 0, true, FPU.NEGINF, fpcr, st);
            case FCVTAU -> FpConvert.toFixed(esize, a, 0, true, FPU.TIEAWAY, fpcr, st);
            case FCVTPU -> FpConvert.toFixed(esize, a, 0, true, FPU.POSINF, fpcr, st);
            case FCVTZU -> FpConvert.toFixed(esize, a, 0, true, FPU.ZERO, fpcr, st);
            case SCVTF -> FpConvert.fromFixed(esize, a, 0, false, rm, fpcr, st);
            case UCVTF -> FpConvert.fromFixed(esize, a, 0, true, rm, fpcr, st);
            case FRECPE -> FPU.recipEstimate(esize, a, fpcr, st);
            case FRSQRTE -> FPU.rsqrtEstimate(esize, a, fpcr, st);
            case FRECPX -> FPU.recpX(esize, a, fpcr, st);
        };
    }
}
