package io.el2studio.sim.fp;

/**
 * The floating-point unit: the Arm ARM's FP pseudocode functions (shared/functions/float/*),
 * exact for every FPCR setting the simulator models.
 *
 * <p>Conventions, shared by every method:
 * <ul>
 * <li>Operands and results are raw bit patterns in the low {@code esize} bits of a {@code long}
 * ({@code esize} = 16 half, 32 single, 64 double); results have the bits above {@code esize} zero.
 * <li>{@code fpcr} is the FPCR value to use (normally {@code cpu.fpcr}); the bits consulted are
 * AHP (26), DN (25), FZ (24), RMode (23:22) and FZ16 (19). Callers that need a different
 * rounding pass an explicit {@code rounding} argument ({@link #TIEEVEN} .. {@link #ODD}).
 * <li>Exception flags are OR-ed into {@link FpStatus#flags} (FPSR bit positions); the caller ORs them
 * into {@code cpu.fpsr}. FP exception trapping is not implemented (trap enables are RAZ/WI).
 * <li>Operand order is the pseudocode's: e.g. {@link #mulAdd}(addend, op1, op2) computes
 * addend + op1*op2 and, for NaNs, checks the addend first (FPMulAdd / FPProcessNaNs3).
 * </ul>
 * Results never depend on Java floating-point arithmetic: values are unpacked to sign, exponent and
 * integer significand, computed exactly (128-bit products and sums for the fused operations, an
 * integer square root) and rounded once by {@code FPRound}, with tininess detected before rounding
 * as Arm does. Validated against Berkeley TestFloat (ARM specialisation) and QEMU vectors, see
 * the tests in {@code io.el2studio.sim.tests.fp}.
 */
public final class FPU {
    private FPU() {
    }

    // ---- FPCR fields (Arm ARM C5.2.8) ----
    public static final int FPCR_AHP = 1 << 26;
    public static final int FPCR_DN = 1 << 25;
    public static final int FPCR_FZ = 1 << 24;
    public static final int FPCR_RMODE_SHIFT = 22;
    public static final int FPCR_FZ16 = 1 << 19;

    // ---- FPRounding ----
    public static final int TIEEVEN = 0, POSINF = 1, NEGINF = 2, ZERO = 3, TIEAWAY = 4, ODD = 5;

    /** FPRoundingMode(fpcr): FPCR.RMode as one of TIEEVEN, POSINF, NEGINF, ZERO. */
    public static int rounding(int fpcr) {
        return (fpcr >>> FPCR_RMODE_SHIFT) & 3;
    }

    // ---- arithmetic ----

    /** FPAdd: a + b. */
    public static long add(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.add(esize, a, b, false, fpcr, st);
    }

    /** FPSub: a - b. */
    public static long sub(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.add(esize, a, b, true, fpcr, st);
    }

    /** FPMul: a * b. */
    public static long mul(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.mul(esize, a, b, false, fpcr, st);
    }

    /** FPMulX: a * b, but infinity * zero is 2.0 with the product's sign (FMULX). */
    public static long mulx(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.mul(esize, a, b, true, fpcr, st);
    }

    /** FPDiv: a / b. */
    public static long div(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.div(esize, a, b, fpcr, st);
    }

    /** FPSqrt. */
    public static long sqrt(int esize, long a, int fpcr, FpStatus st) {
        return FpArith.sqrt(esize, a, fpcr, st);
    }

    /**
     * FPMulAdd: addend + op1 * op2 with a single rounding. FMSUB/FNMADD/FNMSUB/FMLS negate operands
     * with {@link #neg} before calling this, as the pseudocode does (so a NaN operand's sign flips).
     */
    public static long mulAdd(int esize, long addend, long op1, long op2, int fpcr, FpStatus st) {
        return FpArith.mulAdd(esize, addend, op1, op2, fpcr, st);
    }

    /** FPMax. */
    public static long max(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.minMax(esize, a, b, true, fpcr, st);
    }

    /** FPMin. */
    public static long min(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.minMax(esize, a, b, false, fpcr, st);
    }

    /** FPMaxNum (FMAXNM): a single quiet NaN operand loses against a number. */
    public static long maxNum(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.minMaxNum(esize, a, b, true, fpcr, st);
    }

    /** FPMinNum (FMINNM). */
    public static long minNum(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.minMaxNum(esize, a, b, false, fpcr, st);
    }

    /** FPAbs: clears the sign bit; never raises flags, NaNs are not processed. */
    public static long abs(int esize, long a) {
        return a & FpCore.mask(esize) & ~FpCore.signBit(esize);
    }

    /** FPNeg: flips the sign bit; never raises flags, NaNs are not processed. */
    public static long neg(int esize, long a) {
        return (a ^ FpCore.signBit(esize)) & FpCore.mask(esize);
    }

    // ---- comparisons ----

    /**
     * FPCompare (FCMP with signalNaNs false, FCMPE with true): NZCV in bits 31..28 as {@code cpu.nzcv}
     * holds it: 0110 equal, 1000 less, 0010 greater, 0011 unordered.
     */
    public static int compare(int esize, long a, long b, boolean signalNaNs, int fpcr, FpStatus st) {
        return FpArith.compare(esize, a, b, signalNaNs, fpcr, st);
    }

    /** FPCompareEQ (FCMEQ): quiet, IOC only for a signalling NaN. */
    public static boolean compareEq(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.compareEq(esize, a, b, fpcr, st);
    }

    /** FPCompareGE (FCMGE, FACGE on absolute values): IOC for any NaN. */
    public static boolean compareGe(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.compareOrdered(esize, a, b, false, fpcr, st);
    }

    /** FPCompareGT (FCMGT, FACGT): IOC for any NaN. */
    public static boolean compareGt(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpArith.compareOrdered(esize, a, b, true, fpcr, st);
    }

    // ---- conversions ----

    /**
     * FPConvert from {@code fromSize} to {@code toSize} bits (FCVT, FCVTN, FCVTL; FCVTXN with
     * {@link #ODD}). FPCR.AHP selects the alternative half-precision format on either side;
     * FPCR.FZ16 does not apply to conversions.
     */
    public static long convert(int fromSize, int toSize, long a, int rounding, int fpcr, FpStatus st) {
        return FpConvert.convert(fromSize, toSize, a, rounding, fpcr, st);
    }

    /** FPRoundInt (FRINTN/A/P/M/Z/I with exact false; FRINTX with exact true raises IXC). */
    public static long roundInt(int esize, long a, int rounding, boolean exact, int fpcr, FpStatus st) {
        return FpConvert.roundInt(esize, a, rounding, exact, fpcr, st);
    }

    /** FPRoundIntN (FRINT32Z/32X/64Z/64X, FEAT_FRINTTS): out-of-range and NaN give -2^(intSize-1), IOC. */
    public static long roundIntN(int esize, long a, int rounding, int intSize, int fpcr, FpStatus st) {
        return FpConvert.roundIntN(esize, a, rounding, intSize, fpcr, st);
    }

    /**
     * FPToFixed: a * 2^fbits rounded to an {@code intSize}-bit (32 or 64) signed or unsigned integer,
     * saturating with IOC; NaN gives 0 with IOC; IXC when inexact and not saturated. The result is the
     * intSize-bit pattern, zero-extended (fbits = 0 for the plain integer conversions).
     */
    public static long toFixed(int esize, long a, int fbits, boolean unsigned, int intSize, int rounding, int fpcr,
            FpStatus st) {
        return FpConvert.toFixed(esize, a, fbits, unsigned, intSize, rounding, fpcr, st);
    }

    /**
     * FixedToFP: the low {@code intSize} bits of {@code value} as a signed or unsigned integer, divided
     * by 2^fbits, rounded to esize bits (SCVTF, UCVTF).
     */
    public static long fromFixed(int esize, long value, int intSize, int fbits, boolean unsigned, int rounding,
            int fpcr, FpStatus st) {
        return FpConvert.fromFixed(esize, value, intSize, fbits, unsigned, rounding, fpcr, st);
    }

    /**
     * FPToFixedJS (FJCVTZS): the double {@code a} rounded towards zero, modulo 2^32, in bits 31:0,
     * and the instruction's Z flag in bit 32.
     */
    public static long toInt32JS(long a, int fpcr, FpStatus st) {
        return FpConvert.toInt32JS(a, fpcr, st);
    }

    // ---- estimates and Newton-Raphson steps ----

    /** FPRecipEstimate (FRECPE). */
    public static long recipEstimate(int esize, long a, int fpcr, FpStatus st) {
        return FpEstimate.recipEstimate(esize, a, fpcr, st);
    }

    /** FPRSqrtEstimate (FRSQRTE). */
    public static long rsqrtEstimate(int esize, long a, int fpcr, FpStatus st) {
        return FpEstimate.rsqrtEstimate(esize, a, fpcr, st);
    }

    /** FPRecipStepFused (FRECPS): 2.0 - a * b, fused. */
    public static long recipStepFused(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpEstimate.stepFused(esize, a, b, false, fpcr, st);
    }

    /** FPRSqrtStepFused (FRSQRTS): (3.0 - a * b) / 2, fused. */
    public static long rsqrtStepFused(int esize, long a, long b, int fpcr, FpStatus st) {
        return FpEstimate.stepFused(esize, a, b, true, fpcr, st);
    }

    /** FPRecpX (FRECPX). */
    public static long recpX(int esize, long a, int fpcr, FpStatus st) {
        return FpEstimate.recpX(esize, a, fpcr, st);
    }

    /** RecipEstimate: a in 256..511 (0.5 <= a/512 < 1) to the 9-bit estimate 256..511 (URECPE too). */
    public static int recipEstimateInt(int a) {
        return FpEstimate.recipEstimateInt(a);
    }

    /** RecipSqrtEstimate: a in 128..511 (0.25 <= a/512 < 1) to the 9-bit estimate 256..511 (URSQRTE too). */
    public static int rsqrtEstimateInt(int a) {
        return FpEstimate.rsqrtEstimateInt(a);
    }

    // ---- constants ----

    /** FPDefaultNaN. */
    public static long defaultNaN(int esize) {
        return FpCore.defaultNaN(esize);
    }

    /** True when the bits are a NaN of that size (FPCR-independent; alternative half precision aside). */
    public static boolean isNaN(int esize, long a) {
        return (a & FpCore.mask(esize) & ~FpCore.signBit(esize)) > FpCore.inf(esize, false);
    }
}
