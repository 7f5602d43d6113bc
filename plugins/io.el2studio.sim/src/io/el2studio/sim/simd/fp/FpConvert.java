package io.el2studio.sim.simd.fp;

import io.el2studio.sim.fp.FPU;
import io.el2studio.sim.fp.FpStatus;

/**
 * Conversions between floating point and integers of the element size, including 16-bit integers,
 * which the AdvSIMD half-precision forms need and {@link FPU#toFixed}/{@link FPU#fromFixed} (32 and
 * 64-bit integers) do not offer; and the exact half to single widening that FMLAL uses.
 */
final class FpConvert {
    private FpConvert() {
    }

    /**
     * FPToFixed(op, fbits, unsigned, fpcr, rounding, esize). For 16 bits the value is first converted
     * to a 64-bit integer (exact: |half| * 2^16 &lt; 2^33, so that never saturates), then saturated to
     * 16 bits; as in the pseudocode, saturation raises IOC and suppresses IXC.
     */
    static long toFixed(int esize, long a, int fbits, boolean unsigned, int rounding, int fpcr, FpStatus st) {
        if (esize != 16) {
            return FPU.toFixed(esize, a, fbits, unsigned, esize, rounding, fpcr, st);
        }
        FpStatus lane = new FpStatus();
        long v = FPU.toFixed(16, a, fbits, unsigned, 64, rounding, fpcr, lane);
        // The 64-bit conversion already saturated below zero for unsigned (to 0) and gives an
        // unsigned 64-bit pattern (2^64 - 1 for +Inf), hence the unsigned compare.
        long lo = unsigned ? 0 : -0x8000L, hi = unsigned ? 0xFFFFL : 0x7FFFL;
        if (!unsigned && v < lo) {
            lane.flags = (lane.flags & ~FpStatus.IXC) | FpStatus.IOC;
            v = lo;
        } else if (unsigned ? Long.compareUnsigned(v, hi) > 0 : v > hi) {
            lane.flags = (lane.flags & ~FpStatus.IXC) | FpStatus.IOC;
            v = hi;
        }
        st.flags |= lane.flags;
        return v & 0xFFFF;
    }

    /** FixedToFP(value, fbits, unsigned, fpcr, rounding) for an esize-bit integer element. */
    static long fromFixed(int esize, long value, int fbits, boolean unsigned, int rounding, int fpcr, FpStatus st) {
        if (esize != 16) {
            return FPU.fromFixed(esize, value, esize, fbits, unsigned, rounding, fpcr, st);
        }
        long v = unsigned ? value & 0xFFFF : (short) value;
        return FPU.fromFixed(16, v, 64, fbits, unsigned, rounding, fpcr, st);
    }

    /**
     * A half-precision value as the single-precision value with the same meaning, NaNs keeping their
     * signalling/quiet kind and payload (the widening of FPConvertNaN without the quieting). FMLAL
     * then does FPMulAddH as a single-precision FPMulAdd: NaN priority, default NaN and the
     * infinity times zero check are the same. Denormals are flushed when FPCR.FZ16 is set, as
     * FPUnpack does for half-precision operands.
     */
    static long widenHalfBits(long h, int fpcr) {
        long sign = (h & 0x8000L) << 16;
        int exp = (int) ((h >>> 10) & 0x1F);
        long frac = h & 0x3FF;
        if (exp == 0x1F) {
            return sign | 0x7F80_0000L | frac << 13;
        }
        if (exp != 0) {
            return sign | (long) (exp - 15 + 127) << 23 | frac << 13;
        }
        if (frac == 0 || (fpcr & FPU.FPCR_FZ16) != 0) {
            return sign;
        }
        // Denormal: frac * 2^-24; normalise so that the leading one becomes the implicit bit.
        int shift = Long.numberOfLeadingZeros(frac) - 53; // leading one at bit 10 after the shift
        long m = (frac << shift) & 0x3FF;
        int e = 1 - shift - 15 + 127;
        return sign | (long) e << 23 | m << 13;
    }
}
