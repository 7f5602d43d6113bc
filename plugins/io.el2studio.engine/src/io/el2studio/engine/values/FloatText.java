package io.el2studio.engine.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floating-point values as gdb 13 prints them: C's {@code %.Ng} with N = 9 for float, 17 for double and
 * 36 for IEEE binary128 long double (gdb's floatformat_printf_format: the digits needed to round-trip
 * the mantissa), so 1.1 prints as {@code 1.1000000000000001} and 0.5 as {@code 0.5}; infinities as
 * {@code inf}, NaNs as {@code nan(0xMANTISSA)} with the sign. Formatting works on the exact binary
 * value (BigDecimal), so no digit depends on Java's own float printing.
 */
public final class FloatText {
    private FloatText() {
    }

    /** The text of a little-endian IEEE value of 4, 8 or 16 bytes. */
    public static String format(byte[] b) {
        return switch (b.length) {
            case 4 -> formatBits(Value.le(b, 0, 4), 23, 8, 9);
            case 8 -> formatBits(Value.le(b, 0, 8), 52, 11, 17);
            case 16 -> formatQuad(b);
            default -> "<invalid float value>";
        };
    }

    private static String formatBits(long bits, int mantBits, int expBits, int digits) {
        boolean neg = (bits >>> (mantBits + expBits) & 1) != 0;
        long exp = bits >>> mantBits & ((1L << expBits) - 1);
        long mant = bits & ((1L << mantBits) - 1);
        BigInteger m = BigInteger.valueOf(mant);
        return text(neg, exp, m, mantBits, expBits, digits);
    }

    private static String formatQuad(byte[] b) {
        long lo = Value.le(b, 0, 8), hi = Value.le(b, 8, 8);
        boolean neg = hi < 0;
        long exp = hi >>> 48 & 0x7fff;
        BigInteger m = BigInteger.valueOf(hi & 0xffffffffffffL).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
        return text(neg, exp, m, 112, 15, 36);
    }

    private static String text(boolean neg, long exp, BigInteger mant, int mantBits, int expBits, int digits) {
        long maxExp = (1L << expBits) - 1;
        String sign = neg ? "-" : "";
        if (exp == maxExp) {
            return mant.signum() == 0 ? sign + "inf" : sign + "nan(0x" + mant.toString(16) + ")";
        }
        if (exp == 0 && mant.signum() == 0) {
            return sign + "0";
        }
        BigInteger full = exp == 0 ? mant : mant.setBit(mantBits);
        long e2 = (exp == 0 ? 1 : exp) - ((1L << (expBits - 1)) - 1) - mantBits;
        BigDecimal exact = e2 >= 0 ? new BigDecimal(full.shiftLeft((int) e2))
                : new BigDecimal(full).multiply(BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow((int) -e2))));
        return sign + g(exact, digits);
    }

    /** C's %.{digits}g of a positive exact value. */
    static String g(BigDecimal v, int digits) {
        BigDecimal r = v.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int x = r.precision() - r.scale() - 1; // the decimal exponent of the rounded value
        if (x < digits && x >= -4) {
            String s = r.setScale(Math.max(0, digits - 1 - x), RoundingMode.HALF_EVEN).toPlainString();
            return stripZeros(s);
        }
        String d = r.unscaledValue().abs().toString();
        String mant = d.length() > 1 ? d.charAt(0) + "." + d.substring(1) : d;
        mant = stripZeros(mant);
        return mant + "e" + (x < 0 ? "-" : "+") + (Math.abs(x) < 10 ? "0" : "") + Math.abs(x);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** The exact value of a finite little-endian IEEE float of 4, 8 or 16 bytes; null for inf and NaN. */
    public static BigDecimal exact(byte[] b) {
        long lo = Value.le(b, 0, Math.min(8, b.length));
        boolean neg;
        long exp, bias;
        int mantBits;
        BigInteger m;
        switch (b.length) {
            case 4 -> {
                neg = (lo >>> 31 & 1) != 0;
                exp = lo >>> 23 & 0xff;
                m = BigInteger.valueOf(lo & 0x7fffff);
                mantBits = 23;
                bias = 127;
            }
            case 8 -> {
                neg = lo < 0;
                exp = lo >>> 52 & 0x7ff;
                m = BigInteger.valueOf(lo & 0xfffffffffffffL);
                mantBits = 52;
                bias = 1023;
            }
            case 16 -> {
                long hi = Value.le(b, 8, 8);
                neg = hi < 0;
                exp = hi >>> 48 & 0x7fff;
                m = BigInteger.valueOf(hi & 0xffffffffffffL).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
                mantBits = 112;
                bias = 16383;
            }
            default -> {
                return null;
            }
        }
        if (exp == (bias << 1) + 1) {
            return null;
        }
        if (exp == 0 && m.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigInteger full = exp == 0 ? m : m.setBit(mantBits);
        long e2 = (exp == 0 ? 1 : exp) - bias - mantBits;
        BigDecimal v = e2 >= 0 ? new BigDecimal(full.shiftLeft((int) e2))
                : new BigDecimal(full).divide(new BigDecimal(BigInteger.TWO.pow((int) -e2)));
        return neg ? v.negate() : v;
    }

    /** {@code v} rounded to the nearest binary128 (ties to even), little-endian. */
    public static byte[] quadOf(BigDecimal v) {
        if (v.signum() == 0) {
            return new byte[16];
        }
        boolean neg = v.signum() < 0;
        BigDecimal a = v.abs();
        // binary exponent e with 2^e <= a < 2^(e+1)
        long e = a.unscaledValue().bitLength() - 1 - (long) Math.ceil(a.scale() * (Math.log(10) / Math.log(2)));
        while (pow2(e + 1).compareTo(a) <= 0) {
            e++;
        }
        while (pow2(e).compareTo(a) > 0) {
            e--;
        }
        byte[] out = new byte[16];
        if (e > 16383) {
            return quadBits(neg, 0x7fff, BigInteger.ZERO);
        }
        long shiftExp = Math.max(e, -16382); // subnormals keep the minimum exponent
        BigDecimal scaled = a.multiply(pow2(112 - shiftExp));
        BigInteger m = scaled.setScale(0, java.math.RoundingMode.HALF_EVEN).toBigIntegerExact();
        if (m.bitLength() > 113) {
            m = m.shiftRight(1);
            shiftExp++;
        }
        long biased = m.testBit(112) ? shiftExp + 16383 : 0;
        if (biased >= 0x7fff) {
            return quadBits(neg, 0x7fff, BigInteger.ZERO);
        }
        return biased == 0 && out.length == 16 ? quadBits(neg, 0, m) : quadBits(neg, biased, m.clearBit(112));
    }

    private static BigDecimal pow2(long e) {
        return e >= 0 ? new BigDecimal(BigInteger.TWO.pow((int) e)) : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow((int) -e)));
    }

    private static byte[] quadBits(boolean neg, long exp, BigInteger mant) {
        BigInteger all = mant.or(BigInteger.valueOf(exp).shiftLeft(112));
        if (neg) {
            all = all.setBit(127);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) all.shiftRight(8 * i).intValue();
        }
        return out;
    }

    /** A binary128 value as a double (rounded to nearest). */
    public static double quadToDouble(byte[] b) {
        long lo = Value.le(b, 0, 8), hi = Value.le(b, 8, 8);
        boolean neg = hi < 0;
        long exp = hi >>> 48 & 0x7fff;
        BigInteger m = BigInteger.valueOf(hi & 0xffffffffffffL).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
        if (exp == 0x7fff) {
            return m.signum() == 0 ? (neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.NaN;
        }
        if (exp == 0 && m.signum() == 0) {
            return neg ? -0.0 : 0.0;
        }
        BigInteger full = exp == 0 ? m : m.setBit(112);
        long e2 = (exp == 0 ? 1 : exp) - 16383 - 112;
        BigDecimal exact = e2 >= 0 ? new BigDecimal(full.shiftLeft((int) Math.min(e2, 20000)))
                : new BigDecimal(full).divide(new BigDecimal(BigInteger.TWO.pow((int) Math.min(-e2, 20000))));
        double d = exact.doubleValue();
        return neg ? -d : d;
    }

    /** A double as a little-endian binary128 (exact: every double is a binary128 value). */
    public static byte[] toQuad(double d) {
        long bits = Double.doubleToRawLongBits(d);
        long sign = bits >>> 63;
        long exp = bits >>> 52 & 0x7ff;
        long mant = bits & 0xfffffffffffffL;
        long qexp;
        if (exp == 0x7ff) {
            qexp = 0x7fff;
        } else if (exp == 0 && mant == 0) {
            qexp = 0;
        } else if (exp == 0) {
            // subnormal double: normalise it
            int shift = Long.numberOfLeadingZeros(mant) - 11;
            mant = mant << shift & 0xfffffffffffffL;
            qexp = 1 - 1023 - shift + 16383;
        } else {
            qexp = exp - 1023 + 16383;
        }
        // the 52 mantissa bits become the top of the 112
        long hi = sign << 63 | qexp << 48 | mant >>> 4;
        long lo = mant << 60;
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (lo >>> (8 * i));
            out[8 + i] = (byte) (hi >>> (8 * i));
        }
        return out;
    }
}
