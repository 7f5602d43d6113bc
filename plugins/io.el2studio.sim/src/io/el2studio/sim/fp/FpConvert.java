package io.el2studio.sim.fp;

import io.el2studio.sim.fp.FpCore.Unpacked;

/**
 * FPConvert, FPRoundInt, FPRoundIntN, FPToFixed and FixedToFP of the Arm ARM
 * (shared/functions/float). Conversions between precisions use FPUnpackCV/FPRoundCV: FPCR.FZ16
 * does not apply and FPCR.AHP selects the alternative half-precision format.
 */
final class FpConvert {
    private FpConvert() {
    }

    static long convert(int from, int to, long a, int rounding, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_FZ16;
        Unpacked u = FpCore.unpack(from, a, fpcr, st);
        boolean altHp = to == 16 && (fpcr & FPU.FPCR_AHP) != 0;
        if (u.isNaN()) {
            long r;
            if (altHp) {
                r = FpCore.zero(to, u.sign);
            } else if ((fpcr & FPU.FPCR_DN) != 0) {
                r = FpCore.defaultNaN(to);
            } else {
                r = convertNaN(from, to, a);
            }
            if (u.type == FpCore.SNAN || altHp) {
                st.raise(FpStatus.IOC);
            }
            return r;
        }
        if (u.isInf()) {
            if (altHp) {
                st.raise(FpStatus.IOC);
                return FpCore.zero(to, u.sign) | 0x7FFF;
            }
            return FpCore.inf(to, u.sign);
        }
        if (u.isZero()) {
            return FpCore.zero(to, u.sign);
        }
        return FpCore.round(to, u.sign, u.exp, u.sig, fpcr, rounding, st);
    }

    /** FPConvertNaN: keeps the sign and the top of the payload, and returns a quiet NaN. */
    static long convertNaN(int from, int to, long a) {
        int ff = FpCore.fracBits(from) - 1;
        int tf = FpCore.fracBits(to) - 1;
        long payload = a & ((1L << ff) - 1);
        payload = tf >= ff ? payload << (tf - ff) : payload >>> (ff - tf);
        boolean sign = ((a >>> (from - 1)) & 1) != 0;
        return FpCore.inf(to, sign) | (1L << tf) | payload;
    }

    /** |value| = sig * 2^exp split at the binary point: integer part and the rounding decision. */
    private static long roundMagnitude(long sig, int exp, boolean neg, int rounding, boolean[] inexactOut) {
        long intPart;
        boolean inexact, gt, eq;
        if (exp >= 0) {
            return sig << exp; // callers ensure no overflow
        }
        int s = -exp;
        if (s >= 64) {
            intPart = 0;
            inexact = true;
            gt = eq = false;
        } else {
            intPart = sig >>> s;
            long rem = sig & ((1L << s) - 1);
            long half = 1L << (s - 1);
            inexact = rem != 0;
            gt = rem > half;
            eq = rem == half;
        }
        boolean up = switch (rounding) {
            case FPU.TIEEVEN -> gt || (eq && (intPart & 1) != 0);
            case FPU.POSINF -> inexact && !neg;
            case FPU.NEGINF -> inexact && neg;
            case FPU.TIEAWAY -> gt || eq;
            default -> false;
        };
        inexactOut[0] = inexact;
        return intPart + (up ? 1 : 0);
    }

    static long roundInt(int n, long a, int rounding, boolean exact, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked u = FpCore.unpack(n, a, fpcr, st);
        if (u.isNaN()) {
            return FpCore.processNaN(n, u.type, a, fpcr, st);
        }
        if (u.isInf()) {
            return FpCore.inf(n, u.sign);
        }
        if (u.isZero()) {
            return FpCore.zero(n, u.sign);
        }
        if (u.exp >= 0) {
            return a & FpCore.mask(n); // already an integer
        }
        boolean[] inexact = new boolean[1];
        long r = roundMagnitude(u.sig, u.exp, u.sign, rounding, inexact);
        long result = r == 0 ? FpCore.zero(n, u.sign) : FpCore.round(n, u.sign, 0, r, fpcr, FPU.ZERO, st);
        if (inexact[0] && exact) {
            st.raise(FpStatus.IXC);
        }
        return result;
    }

    static long roundIntN(int n, long a, int rounding, int intSize, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked u = FpCore.unpack(n, a, fpcr, st);
        long minInt = FpCore.constant(n, true, 1, intSize - 1);
        if (u.isNaN() || u.isInf()) {
            st.raise(FpStatus.IOC);
            return minInt;
        }
        if (u.isZero()) {
            return FpCore.zero(n, u.sign);
        }
        int top = u.exp + 63 - Long.numberOfLeadingZeros(u.sig);
        if (top >= intSize) {
            // |value| >= 2^intSize: only -2^(intSize-1) fits, and that has top == intSize - 1
            st.raise(FpStatus.IOC);
            return minInt;
        }
        boolean[] inexact = new boolean[1];
        long r = roundMagnitude(u.sig, u.exp, u.sign, rounding, inexact);
        long limit = 1L << (intSize - 1); // |int| <= limit - 1, or == limit when negative
        if (Long.compareUnsigned(r, limit) > 0 || (r == limit && !u.sign)) {
            st.raise(FpStatus.IOC);
            return minInt;
        }
        long result = r == 0 ? FpCore.zero(n, u.sign) : FpCore.round(n, u.sign, 0, r, fpcr, FPU.ZERO, st);
        if (inexact[0]) {
            st.raise(FpStatus.IXC);
        }
        return result;
    }

    static long toFixed(int n, long a, int fbits, boolean unsigned, int m, int rounding, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked u = FpCore.unpack(n, a, fpcr, st);
        long mMask = m == 64 ? -1L : (1L << m) - 1;
        if (u.isNaN()) {
            st.raise(FpStatus.IOC);
            return 0;
        }
        if (u.isZero()) {
            return 0;
        }
        // saturation bounds, as unsigned magnitudes
        long maxPos = unsigned ? mMask : (1L << (m - 1)) - 1;
        long maxNeg = unsigned ? 0 : 1L << (m - 1);
        long bound = u.sign ? maxNeg : maxPos;
        boolean overflow;
        long mag = 0;
        boolean[] inexact = new boolean[1];
        if (u.isInf()) {
            overflow = true;
        } else {
            int e = u.exp + fbits;
            int top = e + 63 - Long.numberOfLeadingZeros(u.sig);
            if (top >= 64) {
                overflow = true;
            } else {
                mag = roundMagnitude(u.sig, e, u.sign, rounding, inexact);
                overflow = Long.compareUnsigned(mag, bound) > 0;
            }
        }
        if (overflow) {
            st.raise(FpStatus.IOC);
            return (u.sign ? -bound : bound) & mMask;
        }
        if (inexact[0]) {
            st.raise(FpStatus.IXC);
        }
        return (u.sign ? -mag : mag) & mMask;
    }

    static long fromFixed(int n, long value, int m, int fbits, boolean unsigned, int rounding, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        long v = m == 64 ? value : unsigned ? value & ((1L << m) - 1) : (value << (64 - m)) >> (64 - m);
        if (v == 0) {
            return 0;
        }
        boolean neg = !unsigned && v < 0;
        long mag = neg ? -v : v;
        int exp = -fbits;
        if (mag < 0) { // 2^63 and above, as an unsigned magnitude: keep the dropped bit as sticky
            mag = (mag >>> 1) | (mag & 1);
            exp++;
        }
        return FpCore.round(n, neg, exp, mag, fpcr, rounding, st);
    }

    /**
     * FPToFixedJS (FJCVTZS, FEAT_JSCVT): a double rounded towards zero, modulo 2^32. Returns the
     * 32-bit result with the Z flag of the instruction in bit 32 (set when the conversion was exact
     * and in range, and the operand was not -0.0 or a flushed positive denormal).
     */
    static long toInt32JS(long a, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked u = FpCore.unpack(64, a, fpcr, st);
        boolean z = true;
        if (u.isNaN()) {
            st.raise(FpStatus.IOC);
            z = false;
        }
        long result = 0;
        boolean inexact = false, overflow = false;
        if (u.isInf()) {
            overflow = true;
        } else if (u.type == FpCore.NONZERO) {
            int top = u.exp + 63 - Long.numberOfLeadingZeros(u.sig);
            long low; // the magnitude of the truncated integer, modulo 2^64
            if (u.exp >= 0) {
                low = u.exp >= 64 ? 0 : u.sig << u.exp;
                overflow = top >= 31 && !(u.sign && top == 31 && u.sig == Long.lowestOneBit(u.sig));
            } else {
                int s = -u.exp;
                low = s >= 64 ? 0 : u.sig >>> s;
                inexact = s >= 64 || (u.sig & ((1L << s) - 1)) != 0;
                overflow = top >= 31 && !(u.sign && low == 1L << 31);
            }
            result = (u.sign ? -low : low) & 0xFFFF_FFFFL;
        }
        if (overflow) {
            st.raise(FpStatus.IOC);
            z = false;
        } else if (inexact) {
            st.raise(FpStatus.IXC);
            z = false;
        } else if (u.isZero() && (u.sign || (a & ((1L << 52) - 1)) != 0)) {
            z = false;
        }
        return result | (z ? 1L << 32 : 0);
    }
}
