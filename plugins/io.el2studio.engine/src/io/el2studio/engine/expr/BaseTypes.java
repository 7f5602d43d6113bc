package io.el2studio.engine.expr;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;

/** Base types of typed DWARF stack entries (DWARF 5, 2.5.1 and 5.1): size, signedness, float conversion. */
final class BaseTypes {
    private BaseTypes() {
    }

    static int size(Die t) {
        return (int) t.unsigned(Dw.AT_byte_size, 8);
    }

    static int encoding(Die t) {
        return (int) t.unsigned(Dw.AT_encoding, Dw.ATE_unsigned);
    }

    static boolean isFloat(Die t) {
        return t != null && encoding(t) == Dw.ATE_float && (size(t) == 4 || size(t) == 8);
    }

    static boolean isSigned(Die t) {
        int e = encoding(t);
        return e == Dw.ATE_signed || e == Dw.ATE_signed_char || e == Dw.ATE_float;
    }

    static long zeroExtend(long v, Die t) {
        int s = size(t);
        return s >= 8 ? v : v & ((1L << (8 * s)) - 1);
    }

    /** The value kept for a stack entry of type t: truncated to its size, sign-extended when signed. */
    static long normalize(long v, Die t) {
        int s = size(t);
        if (s >= 8) {
            return v;
        }
        int shift = 64 - 8 * s;
        return isSigned(t) && !isFloat(t) ? v << shift >> shift : v << shift >>> shift;
    }

    static double toDouble(long v, Die t) {
        return size(t) == 4 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
    }

    static long fromDouble(double d, Die t) {
        return size(t) == 4 ? Float.floatToRawIntBits((float) d) & 0xffff_ffffL : Double.doubleToRawLongBits(d);
    }

    /** DW_OP_convert (DWARF 5, 2.5.1.6): the value of type {@code from} as type {@code to}; null is the generic type. */
    static long convert(long v, Die from, Die to) {
        boolean ff = isFloat(from), tf = isFloat(to);
        if (ff && tf) {
            return fromDouble(toDouble(v, from), to);
        }
        if (ff) {
            double d = toDouble(v, from);
            return to != null && !isSigned(to) && d >= 0x1p63 ? (long) (d - 0x1p63) ^ Long.MIN_VALUE : (long) d;
        }
        if (tf) {
            boolean signed = from == null || isSigned(from);
            double d = signed ? (double) v : v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
            return fromDouble(d, to);
        }
        return v; // integral to integral: push() truncates and extends to the new type
    }
}
