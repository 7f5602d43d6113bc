package io.el2studio.sim.simd;

import io.el2studio.sim.cpu.Cpu;

/**
 * Lane arithmetic shared by the Advanced SIMD integer handlers: element access on the (lo, hi)
 * pair of a V register, sign extension and saturation. Saturation sets FPSR.QC (bit 27), the
 * cumulative saturation flag (Arm ARM C5.2.10, FPSR).
 */
public final class SimdIntLanes {
    private SimdIntLanes() {
    }

    public static final int QC = 1 << 27;

    /** Element {@code i} of size {@code es} bits of the 128-bit value (lo, hi), zero-extended. */
    public static long elem(long lo, long hi, int i, int es) {
        int bit = i * es;
        long word = bit < 64 ? lo : hi;
        if (es == 64) {
            return word;
        }
        return (word >>> (bit & 63)) & ((1L << es) - 1);
    }

    /** Element {@code i} of register V{@code r}. */
    public static long elem(Cpu c, int r, int i, int es) {
        return elem(c.v[2 * r], c.v[2 * r + 1], i, es);
    }

    /** Places {@code value} as element {@code i} into the half-word {@code word} (bits of the element's 64-bit half). */
    public static long put(long word, int i, int es, long value) {
        if (es == 64) {
            return value;
        }
        int sh = (i * es) & 63;
        long m = ((1L << es) - 1) << sh;
        return (word & ~m) | ((value << sh) & m);
    }

    public static long mask(int es) {
        return es == 64 ? -1L : (1L << es) - 1;
    }

    public static long sx(long v, int es) {
        return es == 64 ? v : (v << (64 - es)) >> (64 - es);
    }

    public static long smax(int es) {
        return es == 64 ? Long.MAX_VALUE : (1L << (es - 1)) - 1;
    }

    public static long smin(int es) {
        return es == 64 ? Long.MIN_VALUE : -(1L << (es - 1));
    }

    /** SignedSatQ for a value that is exact in a long and es < 64. */
    public static long satS(Cpu c, long v, int es) {
        long max = smax(es), min = smin(es);
        if (v > max) {
            c.fpsr |= QC;
            return max;
        }
        if (v < min) {
            c.fpsr |= QC;
            return min;
        }
        return v;
    }

    /** UnsignedSatQ for a signed value exact in a long and es < 64. */
    public static long satU(Cpu c, long v, int es) {
        if (v < 0) {
            c.fpsr |= QC;
            return 0;
        }
        if (es < 64 && v > mask(es)) {
            c.fpsr |= QC;
            return mask(es);
        }
        return v;
    }

    /** UnsignedSatQ of an unsigned 64-bit value to es bits. */
    public static long satUU(Cpu c, long v, int es) {
        if (es < 64 && Long.compareUnsigned(v, mask(es)) > 0) {
            c.fpsr |= QC;
            return mask(es);
        }
        return v;
    }

    /** Saturating signed addition of sign-extended operands. */
    public static long sqadd(Cpu c, long a, long b, int es) {
        if (es < 64) {
            return satS(c, a + b, es);
        }
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            c.fpsr |= QC;
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    public static long sqsub(Cpu c, long a, long b, int es) {
        if (es < 64) {
            return satS(c, a - b, es);
        }
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            c.fpsr |= QC;
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** Rounding arithmetic shift right of a signed value by s >= 1 (exact, no overflow). */
    public static long rshrRoundS(long v, int s) {
        if (s >= 64) {
            return 0;
        }
        return (v >> s) + ((v >>> (s - 1)) & 1);
    }

    /** Rounding logical shift right of an unsigned 64-bit value by s >= 1. */
    public static long rshrRoundU(long v, int s) {
        if (s > 64) {
            return 0;
        }
        if (s == 64) {
            return v >>> 63;
        }
        return (v >>> s) + ((v >>> (s - 1)) & 1);
    }

    public static long shr(long v, int s, boolean signed) {
        if (signed) {
            return s >= 64 ? v >> 63 : v >> s;
        }
        return s >= 64 ? 0 : v >>> s;
    }

    /**
     * Left shift with saturation of v (sign- or zero-extended to 64 bits) by 0 <= s; result
     * saturated to es bits, signed or unsigned. {@code srcSigned} tells how v was extended.
     */
    public static long shlSat(Cpu c, long v, int s, int es, boolean srcSigned, boolean dstSigned) {
        if (srcSigned && !dstSigned && v < 0) {
            c.fpsr |= QC;
            return 0;
        }
        if (v == 0) {
            return 0;
        }
        long max = dstSigned ? smax(es) : mask(es);
        if (s >= es) {
            c.fpsr |= QC;
            return srcSigned && v < 0 ? smin(es) : max;
        }
        long r = v << s;
        boolean over;
        if (srcSigned) {
            over = (r >> s) != v || (es < 64 && (r > max || (dstSigned && r < smin(es))));
            if (!dstSigned && es == 64) {
                // unsigned destination from a non-negative signed source: bits shifted out must be zero
                over = (r >>> s) != v;
            }
        } else {
            over = (r >>> s) != v || (es < 64 && Long.compareUnsigned(r, max) > 0);
        }
        if (over) {
            c.fpsr |= QC;
            return srcSigned && v < 0 ? smin(es) : max;
        }
        return r;
    }

    /** Carry-less (polynomial) multiplication of two values of at most 32 bits. */
    public static long pmul(long a, long b, int es) {
        long r = 0;
        for (int i = 0; i < es; i++) {
            if (((b >>> i) & 1) != 0) {
                r ^= a << i;
            }
        }
        return r;
    }
}
