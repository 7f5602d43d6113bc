package io.el2studio.sim.fp;

import io.el2studio.sim.fp.FpCore.Unpacked;

/**
 * FPRecipEstimate, FPRSqrtEstimate (with the RecipEstimate/RecipSqrtEstimate tables),
 * FPRecipStepFused, FPRSqrtStepFused and FPRecpX of the Arm ARM (shared/functions/float).
 */
final class FpEstimate {
    private FpEstimate() {
    }

    private static final int[] RECIP = new int[512];
    private static final int[] RSQRT = new int[512];

    static {
        for (int a = 256; a < 512; a++) {
            // RecipEstimate: a is in units of 1/512 rounded to odd, the result in units of 1/256.
            int a2 = a * 2 + 1;
            int b = (1 << 19) / a2;
            RECIP[a] = (b + 1) / 2;
        }
        for (int a = 128; a < 512; a++) {
            long a2 = a < 256 ? a * 2 + 1 : (((a >> 1) << 1) + 1) * 2;
            long b = 512;
            while (a2 * (b + 1) * (b + 1) < (1L << 28)) {
                b++;
            }
            RSQRT[a] = (int) ((b + 1) / 2);
        }
    }

    static int recipEstimateInt(int a) {
        return RECIP[a];
    }

    static int rsqrtEstimateInt(int a) {
        return RSQRT[a];
    }

    /** The operand's fraction as the 52-bit fraction field of a double, and its biased exponent. */
    private static long fraction52(int n, long a) {
        int f = FpCore.fracBits(n);
        return (a & ((1L << f) - 1)) << (52 - f);
    }

    private static int biasedExp(int n, long a) {
        return (int) ((a >>> FpCore.fracBits(n)) & ((1 << FpCore.expBits(n)) - 1));
    }

    static long recipEstimate(int n, long a, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked u = FpCore.unpack(n, a, fpcr, st);
        if (u.isNaN()) {
            return FpCore.processNaN(n, u.type, a, fpcr, st);
        }
        if (u.isInf()) {
            return FpCore.zero(n, u.sign);
        }
        if (u.isZero()) {
            st.raise(FpStatus.DZC);
            return FpCore.inf(n, u.sign);
        }
        int ex = u.exp + 63 - Long.numberOfLeadingZeros(u.sig); // 2^ex <= |value| < 2^(ex+1)
        int tiny = n == 16 ? -16 : n == 32 ? -128 : -1024;
        int huge = n == 16 ? 14 : n == 32 ? 126 : 1022;
        if (ex < tiny) {
            boolean overflowToInf = switch (FPU.rounding(fpcr)) {
                case FPU.TIEEVEN -> true;
                case FPU.POSINF -> !u.sign;
                case FPU.NEGINF -> u.sign;
                default -> false;
            };
            st.raise(FpStatus.OFC | FpStatus.IXC);
            return overflowToInf ? FpCore.inf(n, u.sign) : FpCore.maxNormal(n, u.sign);
        }
        if (FpCore.flushes(n, fpcr) && ex >= huge) {
            st.raise(FpStatus.UFC);
            return FpCore.zero(n, u.sign);
        }
        long fraction = fraction52(n, a);
        int exp = biasedExp(n, a);
        if (exp == 0) {
            if ((fraction >>> 51) == 0) {
                exp = -1;
                fraction = (fraction << 2) & ((1L << 52) - 1);
            } else {
                fraction = (fraction << 1) & ((1L << 52) - 1);
            }
        }
        int scaled = (int) (256 | (fraction >>> 44));
        int resultExp = (n == 16 ? 29 : n == 32 ? 253 : 2045) - exp;
        long estimate = RECIP[scaled];
        fraction = (estimate & 0xFF) << 44;
        if (resultExp == 0) {
            fraction = (1L << 51) | (fraction >>> 1);
        } else if (resultExp == -1) {
            fraction = (1L << 50) | (fraction >>> 2);
            resultExp = 0;
        }
        int f = FpCore.fracBits(n);
        return FpCore.zero(n, u.sign) | ((long) resultExp << f) | (fraction >>> (52 - f));
    }

    static long rsqrtEstimate(int n, long a, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked u = FpCore.unpack(n, a, fpcr, st);
        if (u.isNaN()) {
            return FpCore.processNaN(n, u.type, a, fpcr, st);
        }
        if (u.isZero()) {
            st.raise(FpStatus.DZC);
            return FpCore.inf(n, u.sign);
        }
        if (u.sign) {
            st.raise(FpStatus.IOC);
            return FpCore.defaultNaN(n);
        }
        if (u.isInf()) {
            return 0;
        }
        long fraction = fraction52(n, a);
        int exp = biasedExp(n, a);
        if (exp == 0) {
            while ((fraction >>> 51) == 0) {
                fraction <<= 1;
                exp--;
            }
            fraction = (fraction << 1) & ((1L << 52) - 1);
        }
        int scaled = (exp & 1) == 0 ? (int) (256 | (fraction >>> 44)) : (int) (128 | (fraction >>> 45));
        int resultExp = ((n == 16 ? 44 : n == 32 ? 380 : 3068) - exp) / 2;
        long estimate = RSQRT[scaled];
        int f = FpCore.fracBits(n);
        return ((long) resultExp << f) | ((estimate & 0xFF) << (f - 8));
    }

    /** FPRecipStepFused (2 - a*b) and FPRSqrtStepFused ((3 - a*b) / 2): op1 is negated first. */
    static long stepFused(int n, long a, long b, boolean rsqrt, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        long op1 = FPU.neg(n, a);
        Unpacked u1 = FpCore.unpack(n, op1, fpcr, st);
        Unpacked u2 = FpCore.unpack(n, b, fpcr, st);
        if (u1.isNaN() || u2.isNaN()) {
            return FpCore.processNaNs(n, u1, u2, op1, b, fpcr, st);
        }
        if ((u1.isInf() && u2.isZero()) || (u1.isZero() && u2.isInf())) {
            return rsqrt ? FpCore.constant(n, false, 3, -1) : FpCore.constant(n, false, 1, 1);
        }
        if (u1.isInf() || u2.isInf()) {
            return FpCore.inf(n, u1.sign ^ u2.sign);
        }
        boolean zeroP = u1.isZero() || u2.isZero();
        return FpCore.fused(n, false, rsqrt ? 0 : 1, rsqrt ? 3 : 1, u1.sign ^ u2.sign, u1.exp, zeroP ? 0 : u1.sig,
                u2.exp, zeroP ? 0 : u2.sig, rsqrt ? -1 : 0, fpcr, FPU.rounding(fpcr), st);
    }

    static long recpX(int n, long a, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked u = FpCore.unpack(n, a, fpcr, st);
        if (u.isNaN()) {
            return FpCore.processNaN(n, u.type, a, fpcr, st);
        }
        int f = FpCore.fracBits(n);
        int eb = FpCore.expBits(n);
        long exp = biasedExp(n, a);
        long maxExp = (1L << eb) - 2;
        long e = exp == 0 ? maxExp : ~exp & ((1L << eb) - 1);
        return FpCore.zero(n, u.sign) | (e << f);
    }
}
