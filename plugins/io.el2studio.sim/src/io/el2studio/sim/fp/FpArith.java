package io.el2studio.sim.fp;

import static io.el2studio.sim.fp.FpCore.QNAN;
import static io.el2studio.sim.fp.FpCore.SNAN;

import java.math.BigInteger;

import io.el2studio.sim.fp.FpCore.Unpacked;

/**
 * FPAdd, FPSub, FPMul, FPMulX, FPDiv, FPSqrt, FPMulAdd, FPMax/FPMin(Num) and the comparisons of the
 * Arm ARM (shared/functions/float), on exact integer significands. Arithmetic unpacks with
 * FPCR.AHP cleared, as FPUnpack does.
 */
final class FpArith {
    private FpArith() {
    }

    private static final int SIG_TOP = 61;

    static long add(int n, long a, long b, boolean subtract, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        Unpacked y = FpCore.unpack(n, b, fpcr, st);
        if (x.isNaN() || y.isNaN()) {
            return FpCore.processNaNs(n, x, y, a, b, fpcr, st);
        }
        int rnd = FPU.rounding(fpcr);
        boolean s1 = x.sign;
        boolean s2 = y.sign ^ subtract;
        if (x.isInf() && y.isInf() && s1 != s2) {
            st.raise(FpStatus.IOC);
            return FpCore.defaultNaN(n);
        }
        if ((x.isInf() && !s1) || (y.isInf() && !s2)) {
            return FpCore.inf(n, false);
        }
        if ((x.isInf() && s1) || (y.isInf() && s2)) {
            return FpCore.inf(n, true);
        }
        if (x.isZero() && y.isZero()) {
            return s1 == s2 ? FpCore.zero(n, s1) : FpCore.exactZero(n, rnd);
        }
        if (x.isZero()) {
            return FpCore.round(n, s2, y.exp, y.sig, fpcr, rnd, st);
        }
        if (y.isZero()) {
            return FpCore.round(n, s1, x.exp, x.sig, fpcr, rnd, st);
        }
        // Align both significands to bit 61; the smaller operand's lost bits become a sticky bit.
        int sh1 = SIG_TOP - (63 - Long.numberOfLeadingZeros(x.sig));
        int sh2 = SIG_TOP - (63 - Long.numberOfLeadingZeros(y.sig));
        long m1 = x.sig << sh1, m2 = y.sig << sh2;
        int e1 = x.exp - sh1, e2 = y.exp - sh2;
        if (e1 < e2) {
            long tm = m1; m1 = m2; m2 = tm;
            int te = e1; e1 = e2; e2 = te;
            boolean ts = s1; s1 = s2; s2 = ts;
        }
        int d = e1 - e2;
        m2 = d >= 63 ? 1 : (m2 >>> d) | ((m2 & ((1L << d) - 1)) != 0 ? 1 : 0);
        long m;
        boolean sign = s1;
        if (s1 == s2) {
            m = m1 + m2;
        } else {
            m = m1 - m2;
            if (m == 0) {
                return FpCore.exactZero(n, rnd);
            }
            if (m < 0) {
                m = -m;
                sign = s2;
            }
        }
        return FpCore.round(n, sign, e1, m, fpcr, rnd, st);
    }

    static long mul(int n, long a, long b, boolean mulx, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        Unpacked y = FpCore.unpack(n, b, fpcr, st);
        if (x.isNaN() || y.isNaN()) {
            return FpCore.processNaNs(n, x, y, a, b, fpcr, st);
        }
        boolean sign = x.sign ^ y.sign;
        if ((x.isInf() && y.isZero()) || (x.isZero() && y.isInf())) {
            if (mulx) {
                return FpCore.constant(n, sign, 1, 1);
            }
            st.raise(FpStatus.IOC);
            return FpCore.defaultNaN(n);
        }
        if (x.isInf() || y.isInf()) {
            return FpCore.inf(n, sign);
        }
        if (x.isZero() || y.isZero()) {
            return FpCore.zero(n, sign);
        }
        long lo = x.sig * y.sig;
        long hi = Math.multiplyHigh(x.sig, y.sig);
        return FpCore.roundWide(n, sign, x.exp + y.exp, hi, lo, fpcr, FPU.rounding(fpcr), st);
    }

    static long div(int n, long a, long b, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        Unpacked y = FpCore.unpack(n, b, fpcr, st);
        if (x.isNaN() || y.isNaN()) {
            return FpCore.processNaNs(n, x, y, a, b, fpcr, st);
        }
        boolean sign = x.sign ^ y.sign;
        if ((x.isInf() && y.isInf()) || (x.isZero() && y.isZero())) {
            st.raise(FpStatus.IOC);
            return FpCore.defaultNaN(n);
        }
        if (x.isInf() || y.isZero()) {
            if (!x.isInf()) {
                st.raise(FpStatus.DZC);
            }
            return FpCore.inf(n, sign);
        }
        if (x.isZero() || y.isInf()) {
            return FpCore.zero(n, sign);
        }
        // Long division of significands normalized to bit 52: one integer digit, then 7 digits of 8 bits.
        int sh1 = 52 - (63 - Long.numberOfLeadingZeros(x.sig));
        int sh2 = 52 - (63 - Long.numberOfLeadingZeros(y.sig));
        long m1 = x.sig << sh1, m2 = y.sig << sh2;
        long q = m1 / m2;
        long r = m1 % m2;
        for (int i = 0; i < 7; i++) {
            r <<= 8;
            q = (q << 8) | (r / m2);
            r %= m2;
        }
        q |= r != 0 ? 1 : 0;
        int exp = (x.exp - sh1) - (y.exp - sh2) - 56;
        return FpCore.round(n, sign, exp, q, fpcr, FPU.rounding(fpcr), st);
    }

    static long sqrt(int n, long a, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        if (x.isNaN()) {
            return FpCore.processNaN(n, x.type, a, fpcr, st);
        }
        if (x.isZero()) {
            return FpCore.zero(n, x.sign);
        }
        if (x.isInf() && !x.sign) {
            return FpCore.inf(n, false);
        }
        if (x.sign) {
            st.raise(FpStatus.IOC);
            return FpCore.defaultNaN(n);
        }
        long m = x.sig;
        int e = x.exp;
        if ((e & 1) != 0) {
            m <<= 1;
            e--;
        }
        int top = 63 - Long.numberOfLeadingZeros(m);
        long root;
        boolean exact;
        int k; // the radicand is m * 2^(2k)
        if (n != 64) {
            k = (61 - top) / 2;
            long rad = m << (2 * k);
            root = (long) Math.sqrt((double) rad);
            while (root * root > rad) {
                root--;
            }
            while ((root + 1) * (root + 1) <= rad) {
                root++;
            }
            exact = root * root == rad;
        } else {
            k = (121 - top) / 2;
            BigInteger rad = BigInteger.valueOf(m).shiftLeft(2 * k);
            BigInteger[] rr = rad.sqrtAndRemainder();
            root = rr[0].longValueExact();
            exact = rr[1].signum() == 0;
        }
        return FpCore.round(n, false, e / 2 - k, root | (exact ? 0 : 1), fpcr, FPU.rounding(fpcr), st);
    }

    static long mulAdd(int n, long addend, long op1, long op2, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked ua = FpCore.unpack(n, addend, fpcr, st);
        Unpacked u1 = FpCore.unpack(n, op1, fpcr, st);
        Unpacked u2 = FpCore.unpack(n, op2, fpcr, st);
        int rnd = FPU.rounding(fpcr);
        boolean invalidProduct = (u1.isInf() && u2.isZero()) || (u1.isZero() && u2.isInf());
        if (ua.isNaN() || u1.isNaN() || u2.isNaN()) {
            long r = FpCore.processNaNs3(n, ua, u1, u2, addend, op1, op2, fpcr, st);
            // A quiet NaN addend does not hide an invalid product (FPMulAdd).
            if (ua.type == QNAN && invalidProduct) {
                st.raise(FpStatus.IOC);
                return FpCore.defaultNaN(n);
            }
            return r;
        }
        boolean signP = u1.sign ^ u2.sign;
        boolean infP = u1.isInf() || u2.isInf();
        boolean zeroP = u1.isZero() || u2.isZero();
        if (invalidProduct || (ua.isInf() && infP && ua.sign != signP)) {
            st.raise(FpStatus.IOC);
            return FpCore.defaultNaN(n);
        }
        if ((ua.isInf() && !ua.sign) || (infP && !signP)) {
            return FpCore.inf(n, false);
        }
        if ((ua.isInf() && ua.sign) || (infP && signP)) {
            return FpCore.inf(n, true);
        }
        if (ua.isZero() && zeroP && ua.sign == signP) {
            return FpCore.zero(n, ua.sign);
        }
        return FpCore.fused(n, ua.sign, ua.exp, ua.isZero() ? 0 : ua.sig, signP, u1.exp, zeroP ? 0 : u1.sig,
                u2.exp, zeroP ? 0 : u2.sig, 0, fpcr, rnd, st);
    }

    /**
     * The order key of a non-NaN unpacked operand: flushed denormals and both zeros are 0, otherwise
     * the sign-magnitude bits as a signed number, so keys compare as the values do.
     */
    private static long key(int n, Unpacked u, long bits) {
        if (u.isZero()) {
            return 0;
        }
        long mag = bits & FpCore.mask(n) & ~FpCore.signBit(n);
        return u.sign ? -mag : mag;
    }

    static long minMax(int n, long a, long b, boolean max, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        Unpacked y = FpCore.unpack(n, b, fpcr, st);
        if (x.isNaN() || y.isNaN()) {
            return FpCore.processNaNs(n, x, y, a, b, fpcr, st);
        }
        long k1 = key(n, x, a), k2 = key(n, y, b);
        boolean first = max ? k1 > k2 : k1 < k2;
        Unpacked u = first ? x : y;
        long bits = first ? a : b;
        if (u.isInf()) {
            return FpCore.inf(n, u.sign);
        }
        if (u.isZero()) {
            // Use the most positive (max) or most negative (min) sign.
            return FpCore.zero(n, max ? x.sign && y.sign : x.sign || y.sign);
        }
        return bits & FpCore.mask(n);
    }

    static long minMaxNum(int n, long a, long b, boolean max, int fpcr, FpStatus st) {
        int f = fpcr & ~FPU.FPCR_AHP;
        int t1 = FpCore.unpack(n, a, f, st).type;
        int t2 = FpCore.unpack(n, b, f, st).type;
        // A single quiet NaN is treated as the infinity that loses: -inf for max, +inf for min.
        if (t1 == QNAN && t2 != QNAN) {
            a = FpCore.inf(n, max);
        } else if (t1 != QNAN && t2 == QNAN) {
            b = FpCore.inf(n, max);
        }
        return minMax(n, a, b, max, fpcr, st);
    }

    static int compare(int n, long a, long b, boolean signalNaNs, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        Unpacked y = FpCore.unpack(n, b, fpcr, st);
        if (x.isNaN() || y.isNaN()) {
            if (x.type == SNAN || y.type == SNAN || signalNaNs) {
                st.raise(FpStatus.IOC);
            }
            return 0x3000_0000;
        }
        long k1 = key(n, x, a), k2 = key(n, y, b);
        return k1 == k2 ? 0x6000_0000 : k1 < k2 ? 0x8000_0000 : 0x2000_0000;
    }

    static boolean compareEq(int n, long a, long b, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        Unpacked y = FpCore.unpack(n, b, fpcr, st);
        if (x.isNaN() || y.isNaN()) {
            if (x.type == SNAN || y.type == SNAN) {
                st.raise(FpStatus.IOC);
            }
            return false;
        }
        return key(n, x, a) == key(n, y, b);
    }

    static boolean compareOrdered(int n, long a, long b, boolean strict, int fpcr, FpStatus st) {
        fpcr &= ~FPU.FPCR_AHP;
        Unpacked x = FpCore.unpack(n, a, fpcr, st);
        Unpacked y = FpCore.unpack(n, b, fpcr, st);
        if (x.isNaN() || y.isNaN()) {
            st.raise(FpStatus.IOC);
            return false;
        }
        long k1 = key(n, x, a), k2 = key(n, y, b);
        return strict ? k1 > k2 : k1 >= k2;
    }
}
