package io.el2studio.sim.fp;

/**
 * The shared core of the FPU: formats, FPUnpack, FPRound, NaN processing and the exact wide
 * arithmetic used by the fused operations. Values are handled as sign, integer significand and
 * binary exponent (value = sig * 2^exp), never as Java doubles.
 */
final class FpCore {
    private FpCore() {
    }

    // FPType
    static final int ZERO = 0, NONZERO = 1, INF = 2, QNAN = 3, SNAN = 4;

    /** The result of FPUnpack: type, sign and, for NONZERO, value = sig * 2^exp (sig > 0). */
    static final class Unpacked {
        int type;
        boolean sign;
        int exp;
        long sig;

        boolean isNaN() {
            return type >= QNAN;
        }

        boolean isZero() {
            return type == ZERO;
        }

        boolean isInf() {
            return type == INF;
        }
    }

    static int fracBits(int n) {
        return n == 16 ? 10 : n == 32 ? 23 : 52;
    }

    static int expBits(int n) {
        return n == 16 ? 5 : n == 32 ? 8 : 11;
    }

    static int bias(int n) {
        return n == 16 ? 15 : n == 32 ? 127 : 1023;
    }

    static long mask(int n) {
        return n == 64 ? -1L : (1L << n) - 1;
    }

    static long signBit(int n) {
        return 1L << (n - 1);
    }

    static long zero(int n, boolean sign) {
        return sign ? signBit(n) : 0;
    }

    static long inf(int n, boolean sign) {
        return zero(n, sign) | (((1L << expBits(n)) - 1) << fracBits(n));
    }

    static long maxNormal(int n, boolean sign) {
        return zero(n, sign) | (((1L << expBits(n)) - 2) << fracBits(n)) | ((1L << fracBits(n)) - 1);
    }

    static long defaultNaN(int n) {
        return n == 16 ? 0x7E00L : n == 32 ? 0x7FC0_0000L : 0x7FF8_0000_0000_0000L;
    }

    /** FPTwo, FPOnePointFive and friends: sig * 2^exp for a small exact constant. */
    static long constant(int n, boolean sign, long sig, int exp) {
        int top = 63 - Long.numberOfLeadingZeros(sig);
        int f = fracBits(n);
        long biased = exp + top + bias(n);
        return zero(n, sign) | (biased << f) | ((sig << (f - top)) & ((1L << f) - 1));
    }

    static boolean flushes(int n, int fpcr) {
        return n == 16 ? (fpcr & FPU.FPCR_FZ16) != 0 : (fpcr & FPU.FPCR_FZ) != 0;
    }

    /**
     * FPUnpackBase with the given FPCR: callers pass FPCR with AHP cleared for FPUnpack and with FZ16
     * cleared for FPUnpackCV. A flushed single/double denormal raises IDC; FZ16 flushes silently.
     */
    static Unpacked unpack(int n, long bits, int fpcr, FpStatus st) {
        Unpacked u = new Unpacked();
        int f = fracBits(n);
        int eb = expBits(n);
        long frac = bits & ((1L << f) - 1);
        int e = (int) ((bits >>> f) & ((1 << eb) - 1));
        u.sign = ((bits >>> (n - 1)) & 1) != 0;
        if (e == 0) {
            if (frac == 0) {
                u.type = ZERO;
            } else if (flushes(n, fpcr)) {
                u.type = ZERO;
                if (n != 16) {
                    st.raise(FpStatus.IDC);
                }
            } else {
                u.type = NONZERO;
                u.sig = frac;
                u.exp = 1 - bias(n) - f;
            }
        } else if (e == (1 << eb) - 1 && !(n == 16 && (fpcr & FPU.FPCR_AHP) != 0)) {
            u.type = frac == 0 ? INF : (frac >>> (f - 1)) != 0 ? QNAN : SNAN;
        } else {
            u.type = NONZERO;
            u.sig = frac | (1L << f);
            u.exp = e - bias(n) - f;
        }
        return u;
    }

    /** FPProcessNaN: quiets a signalling NaN (IOC); FPCR.DN replaces it by the default NaN. */
    static long processNaN(int n, int type, long op, int fpcr, FpStatus st) {
        long r = op & mask(n);
        if (type == SNAN) {
            st.raise(FpStatus.IOC);
            r |= 1L << (fracBits(n) - 1);
        }
        return (fpcr & FPU.FPCR_DN) != 0 ? defaultNaN(n) : r;
    }

    /** FPProcessNaNs: signalling NaNs first, then quiet ones, each in operand order. At least one is a NaN. */
    static long processNaNs(int n, Unpacked u1, Unpacked u2, long op1, long op2, int fpcr, FpStatus st) {
        if (u1.type == SNAN) {
            return processNaN(n, SNAN, op1, fpcr, st);
        } else if (u2.type == SNAN) {
            return processNaN(n, SNAN, op2, fpcr, st);
        } else if (u1.type == QNAN) {
            return processNaN(n, QNAN, op1, fpcr, st);
        } else {
            return processNaN(n, QNAN, op2, fpcr, st);
        }
    }

    /** FPProcessNaNs3. */
    static long processNaNs3(int n, Unpacked u1, Unpacked u2, Unpacked u3, long op1, long op2, long op3,
            int fpcr, FpStatus st) {
        if (u1.type == SNAN) {
            return processNaN(n, SNAN, op1, fpcr, st);
        } else if (u2.type == SNAN) {
            return processNaN(n, SNAN, op2, fpcr, st);
        } else if (u3.type == SNAN) {
            return processNaN(n, SNAN, op3, fpcr, st);
        } else if (u1.type == QNAN) {
            return processNaN(n, QNAN, op1, fpcr, st);
        } else if (u2.type == QNAN) {
            return processNaN(n, QNAN, op2, fpcr, st);
        } else {
            return processNaN(n, QNAN, op3, fpcr, st);
        }
    }

    /** The exact zero result of a sum: -0 only when rounding towards minus infinity. */
    static long exactZero(int n, int rounding) {
        return zero(n, rounding == FPU.NEGINF);
    }

    /**
     * FPRound(op, fpcr, rounding) of the Arm ARM (shared/functions/float/fpround): value = sig * 2^exp,
     * sig > 0, where an inexact value has been made odd ("sticky" bit 0) with at least two spare
     * bits below the target precision. Tininess is detected before rounding, as Arm does. The FPCR
     * passed decides FZ/FZ16 and AHP; FPRound proper clears AHP, FPRoundCV clears FZ16.
     */
    static long round(int n, boolean neg, int exp, long sig, int fpcr, int rounding, FpStatus st) {
        int f = fracBits(n);
        int eb = expBits(n);
        int minExp = 1 - bias(n);
        int ex = exp + 63 - Long.numberOfLeadingZeros(sig);
        if (flushes(n, fpcr) && ex < minExp) {
            st.raise(FpStatus.UFC);
            return zero(n, neg);
        }
        int biased = Math.max(ex - minExp + 1, 0);
        int shift = (biased == 0 ? minExp : ex) - f - exp;
        long mant;
        boolean inexact, gtHalf, eqHalf;
        if (shift <= 0) {
            mant = sig << -shift;
            inexact = gtHalf = eqHalf = false;
        } else if (shift >= 64) {
            mant = 0;
            inexact = true;
            gtHalf = eqHalf = false;
        } else {
            mant = sig >>> shift;
            long rem = sig & ((1L << shift) - 1);
            long half = 1L << (shift - 1);
            inexact = rem != 0;
            gtHalf = rem > half;
            eqHalf = rem == half;
        }
        if (biased == 0 && inexact) {
            st.raise(FpStatus.UFC);
        }
        boolean up, overflowToInf;
        switch (rounding) {
            case FPU.TIEEVEN -> { up = gtHalf || (eqHalf && (mant & 1) != 0); overflowToInf = true; }
            case FPU.POSINF -> { up = inexact && !neg; overflowToInf = !neg; }
            case FPU.NEGINF -> { up = inexact && neg; overflowToInf = neg; }
            case FPU.TIEAWAY -> { up = gtHalf || eqHalf; overflowToInf = true; }
            default -> { up = false; overflowToInf = false; } // ZERO, ODD
        }
        if (up) {
            mant++;
            if (mant == 1L << f) {
                biased = 1;
            }
            if (mant == 1L << (f + 1)) {
                biased++;
                mant >>>= 1;
            }
        }
        if (inexact && rounding == FPU.ODD) {
            mant |= 1;
        }
        long result;
        if (n != 16 || (fpcr & FPU.FPCR_AHP) == 0) {
            if (biased >= (1 << eb) - 1) {
                result = overflowToInf ? inf(n, neg) : maxNormal(n, neg);
                st.raise(FpStatus.OFC);
                inexact = true;
            } else {
                result = zero(n, neg) | ((long) biased << f) | (mant & ((1L << f) - 1));
            }
        } else {
            // Alternative half precision has no infinity: out of range is IOC and the largest value.
            if (biased >= 1 << eb) {
                result = zero(n, neg) | 0x7FFF;
                st.raise(FpStatus.IOC);
                inexact = false;
            } else {
                result = zero(n, neg) | ((long) biased << f) | (mant & ((1L << f) - 1));
            }
        }
        if (inexact) {
            st.raise(FpStatus.IXC);
        }
        return result;
    }

    // ---- 128-bit helpers for the fused operations (hi:lo unsigned) ----

    static int top128(long hi, long lo) {
        return hi != 0 ? 127 - Long.numberOfLeadingZeros(hi) : 63 - Long.numberOfLeadingZeros(lo);
    }

    /**
     * Exact addend + product, scaled by 2^adj and rounded once: sA*mA*2^eA + sP*m1*m2*2^(e1+e2)
     * (FPMulAdd and the fused Newton-Raphson steps). mA == 0 or m1*m2 == 0 stand for exact zeros;
     * significands are below 2^53.
     */
    static long fused(int n, boolean sA, int eA, long mA, boolean sP, int e1, long m1, int e2, long m2, int adj,
            int fpcr, int rounding, FpStatus st) {
        boolean pZero = m1 == 0 || m2 == 0;
        if (pZero && mA == 0) {
            return exactZero(n, rounding);
        }
        if (pZero) {
            return round(n, sA, eA + adj, mA, fpcr, rounding, st);
        }
        long pLo = m1 * m2;
        long pHi = Math.multiplyHigh(m1, m2);
        int eP = e1 + e2;
        // normalize the product to bit 125
        int sh = 125 - top128(pHi, pLo);
        pHi = sh >= 64 ? pLo << (sh - 64) : (pHi << sh) | (sh == 0 ? 0 : pLo >>> (64 - sh));
        pLo = sh >= 64 ? 0 : pLo << sh;
        eP -= sh;
        if (mA == 0) {
            return roundWide(n, sP, eP + adj, pHi, pLo, fpcr, rounding, st);
        }
        int ta = 63 - Long.numberOfLeadingZeros(mA);
        int sa = 125 - ta; // >= 73
        long aHi = mA << (sa - 64);
        long aLo = 0;
        eA -= sa;
        int e;
        if (eP >= eA) {
            int d = eP - eA;
            long nh = shrHi(aHi, aLo, d);
            aLo = shrLoJam(aHi, aLo, d);
            aHi = nh;
            e = eP;
        } else {
            int d = eA - eP;
            long nh = shrHi(pHi, pLo, d);
            pLo = shrLoJam(pHi, pLo, d);
            pHi = nh;
            e = eA;
        }
        long rHi, rLo;
        boolean sign;
        if (sA == sP) {
            rLo = aLo + pLo;
            rHi = aHi + pHi + (Long.compareUnsigned(rLo, aLo) < 0 ? 1 : 0);
            sign = sA;
        } else {
            int c = Long.compareUnsigned(pHi, aHi);
            if (c == 0) {
                c = Long.compareUnsigned(pLo, aLo);
            }
            if (c == 0) {
                return exactZero(n, rounding);
            }
            if (c > 0) {
                rLo = pLo - aLo;
                rHi = pHi - aHi - (Long.compareUnsigned(pLo, aLo) < 0 ? 1 : 0);
                sign = sP;
            } else {
                rLo = aLo - pLo;
                rHi = aHi - pHi - (Long.compareUnsigned(aLo, pLo) < 0 ? 1 : 0);
                sign = sA;
            }
        }
        return roundWide(n, sign, e + adj, rHi, rLo, fpcr, rounding, st);
    }

    /** FPRound of the nonzero 128-bit value hi:lo * 2^exp. */
    static long roundWide(int n, boolean sign, int exp, long hi, long lo, int fpcr, int rounding, FpStatus st) {
        int top = top128(hi, lo);
        if (top <= 62) {
            return round(n, sign, exp, lo, fpcr, rounding, st);
        }
        int s = top - 61;
        return round(n, sign, exp + s, shrLoJam(hi, lo, s), fpcr, rounding, st);
    }

    /** High word of hi:lo >>> s. */
    static long shrHi(long hi, long lo, int s) {
        return s == 0 ? hi : s < 64 ? hi >>> s : 0;
    }

    /** Low word of hi:lo >>> s with every shifted-out one bit OR-ed into bit 0. */
    static long shrLoJam(long hi, long lo, int s) {
        if (s == 0) {
            return lo;
        }
        if (s < 64) {
            return (lo >>> s) | (hi << (64 - s)) | ((lo << (64 - s)) != 0 ? 1 : 0);
        }
        if (s < 128) {
            long r = s == 64 ? hi : hi >>> (s - 64);
            boolean sticky = lo != 0 || (s > 64 && (hi << (128 - s)) != 0);
            return r | (sticky ? 1 : 0);
        }
        return (hi | lo) != 0 ? 1 : 0;
    }
}
