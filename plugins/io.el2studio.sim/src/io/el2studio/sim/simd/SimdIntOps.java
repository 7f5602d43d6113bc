package io.el2studio.sim.simd;

import static io.el2studio.sim.simd.SimdIntLanes.QC;
import static io.el2studio.sim.simd.SimdIntLanes.mask;
import static io.el2studio.sim.simd.SimdIntLanes.rshrRoundS;
import static io.el2studio.sim.simd.SimdIntLanes.rshrRoundU;
import static io.el2studio.sim.simd.SimdIntLanes.satS;
import static io.el2studio.sim.simd.SimdIntLanes.satU;
import static io.el2studio.sim.simd.SimdIntLanes.satUU;
import static io.el2studio.sim.simd.SimdIntLanes.shlSat;
import static io.el2studio.sim.simd.SimdIntLanes.shr;
import static io.el2studio.sim.simd.SimdIntLanes.sx;

import io.el2studio.sim.cpu.Cpu;

/**
 * The per-lane operations of the Advanced SIMD integer instructions, named as the Arm ARM names
 * the instructions. Operands arrive as zero-extended element bits of {@code es} bits (the narrow
 * size for long and narrowing forms); results are truncated by the caller.
 */
public final class SimdIntOps {
    private SimdIntOps() {
    }

    // ---- arithmetic ----
    public static long add(Cpu c, long a, long b, long d, int es) { return a + b; }
    public static long sub(Cpu c, long a, long b, long d, int es) { return a - b; }
    public static long mul(Cpu c, long a, long b, long d, int es) { return a * b; }
    public static long mla(Cpu c, long a, long b, long d, int es) { return d + a * b; }
    public static long mls(Cpu c, long a, long b, long d, int es) { return d - a * b; }
    public static long pmul(Cpu c, long a, long b, long d, int es) { return SimdIntLanes.pmul(a, b, es); }

    public static long shadd(Cpu c, long a, long b, long d, int es) { return (sx(a, es) + sx(b, es)) >> 1; }
    public static long uhadd(Cpu c, long a, long b, long d, int es) { return (a + b) >>> 1; }
    public static long srhadd(Cpu c, long a, long b, long d, int es) { return (sx(a, es) + sx(b, es) + 1) >> 1; }
    public static long urhadd(Cpu c, long a, long b, long d, int es) { return (a + b + 1) >>> 1; }
    public static long shsub(Cpu c, long a, long b, long d, int es) { return (sx(a, es) - sx(b, es)) >> 1; }
    public static long uhsub(Cpu c, long a, long b, long d, int es) { return (a - b) >> 1; }

    public static long sqadd(Cpu c, long a, long b, long d, int es) {
        return SimdIntLanes.sqadd(c, sx(a, es), sx(b, es), es);
    }

    public static long uqadd(Cpu c, long a, long b, long d, int es) {
        if (es < 64) {
            return satU(c, a + b, es);
        }
        long r = a + b;
        if (Long.compareUnsigned(r, a) < 0) {
            c.fpsr |= QC;
            return -1L;
        }
        return r;
    }

    public static long sqsub(Cpu c, long a, long b, long d, int es) {
        return SimdIntLanes.sqsub(c, sx(a, es), sx(b, es), es);
    }

    public static long uqsub(Cpu c, long a, long b, long d, int es) {
        if (Long.compareUnsigned(a, b) < 0) {
            c.fpsr |= QC;
            return 0;
        }
        return a - b;
    }

    // ---- compare (all ones when true) ----
    public static long cmgt(Cpu c, long a, long b, long d, int es) { return sx(a, es) > sx(b, es) ? -1 : 0; }
    public static long cmge(Cpu c, long a, long b, long d, int es) { return sx(a, es) >= sx(b, es) ? -1 : 0; }
    public static long cmhi(Cpu c, long a, long b, long d, int es) { return Long.compareUnsigned(a, b) > 0 ? -1 : 0; }
    public static long cmhs(Cpu c, long a, long b, long d, int es) { return Long.compareUnsigned(a, b) >= 0 ? -1 : 0; }
    public static long cmeq(Cpu c, long a, long b, long d, int es) { return a == b ? -1 : 0; }
    public static long cmtst(Cpu c, long a, long b, long d, int es) { return (a & b) != 0 ? -1 : 0; }

    // ---- shift by register: the shift is the signed bottom byte of b ----
    public static long sshl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, true, false, false); }
    public static long ushl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, false, false, false); }
    public static long srshl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, true, true, false); }
    public static long urshl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, false, true, false); }
    public static long sqshl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, true, false, true); }
    public static long uqshl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, false, false, true); }
    public static long sqrshl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, true, true, true); }
    public static long uqrshl(Cpu c, long a, long b, long d, int es) { return shl(c, a, b, es, false, true, true); }

    private static long shl(Cpu c, long a, long b, int es, boolean signed, boolean round, boolean sat) {
        int s = (byte) b;
        long v = signed ? sx(a, es) : a;
        if (s >= 0) {
            if (sat) {
                return shlSat(c, v, s, es, signed, signed);
            }
            return s >= 64 ? 0 : v << s;
        }
        s = -s;
        if (round) {
            return signed ? rshrRoundS(v, s) : rshrRoundU(v, s);
        }
        return shr(v, s, signed);
    }

    // ---- max, min, absolute difference ----
    public static long smax(Cpu c, long a, long b, long d, int es) { return sx(a, es) >= sx(b, es) ? a : b; }
    public static long umax(Cpu c, long a, long b, long d, int es) { return Long.compareUnsigned(a, b) >= 0 ? a : b; }
    public static long smin(Cpu c, long a, long b, long d, int es) { return sx(a, es) <= sx(b, es) ? a : b; }
    public static long umin(Cpu c, long a, long b, long d, int es) { return Long.compareUnsigned(a, b) <= 0 ? a : b; }
    public static long sabd(Cpu c, long a, long b, long d, int es) { return Math.abs(sx(a, es) - sx(b, es)); }
    public static long uabd(Cpu c, long a, long b, long d, int es) { return Math.abs(a - b); }
    public static long saba(Cpu c, long a, long b, long d, int es) { return d + Math.abs(sx(a, es) - sx(b, es)); }
    public static long uaba(Cpu c, long a, long b, long d, int es) { return d + Math.abs(a - b); }

    // ---- doubling multiply high ----
    public static long sqdmulh(Cpu c, long a, long b, long d, int es) {
        return satS(c, (sx(a, es) * sx(b, es)) >> (es - 1), es);
    }

    public static long sqrdmulh(Cpu c, long a, long b, long d, int es) {
        return satS(c, (sx(a, es) * sx(b, es) + (1L << (es - 2))) >> (es - 1), es);
    }

    /** SQRDMLAH (FEAT_RDM): (2*d*2^es + 2*a*b + round) >> es, saturated. */
    public static long sqrdmlah(Cpu c, long a, long b, long d, int es) {
        return rdm(c, a, b, d, es, false);
    }

    public static long sqrdmlsh(Cpu c, long a, long b, long d, int es) {
        return rdm(c, a, b, d, es, true);
    }

    private static long rdm(Cpu c, long a, long b, long d, int es, boolean sub) {
        // (d << es) + 2ab + 2^(es-1), shifted right by es: halved to stay within 64 bits for es = 32
        long p = sx(a, es) * sx(b, es);
        if (sub) {
            p = -p;
        }
        long acc = (sx(d, es) << (es - 1)) + p + (1L << (es - 2));
        return satS(c, acc >> (es - 1), es);
    }

    // ---- logical (on 64-bit lanes) ----
    public static long and(Cpu c, long a, long b, long d, int es) { return a & b; }
    public static long bic(Cpu c, long a, long b, long d, int es) { return a & ~b; }
    public static long orr(Cpu c, long a, long b, long d, int es) { return a | b; }
    public static long orn(Cpu c, long a, long b, long d, int es) { return a | ~b; }
    public static long eor(Cpu c, long a, long b, long d, int es) { return a ^ b; }
    public static long bsl(Cpu c, long a, long b, long d, int es) { return (d & a) | (~d & b); }
    public static long bit(Cpu c, long a, long b, long d, int es) { return (b & a) | (~b & d); }
    public static long bif(Cpu c, long a, long b, long d, int es) { return (~b & a) | (b & d); }

    // ---- two-register miscellaneous ----
    public static long rev64(Cpu c, long a, long d, int es) { return a; }
    public static long cls(Cpu c, long a, long d, int es) {
        long v = sx(a, es);
        return Long.numberOfLeadingZeros(v < 0 ? ~v : v) - (64 - es) - 1;
    }
    public static long clz(Cpu c, long a, long d, int es) {
        return a == 0 ? es : Long.numberOfLeadingZeros(a) - (64 - es);
    }
    public static long cnt(Cpu c, long a, long d, int es) { return Long.bitCount(a); }
    public static long not(Cpu c, long a, long d, int es) { return ~a; }
    public static long rbit(Cpu c, long a, long d, int es) { return Long.reverse(a) >>> (64 - es); }
    public static long abs(Cpu c, long a, long d, int es) { return Math.abs(sx(a, es)); }
    public static long neg(Cpu c, long a, long d, int es) { return -a; }

    public static long sqabs(Cpu c, long a, long d, int es) {
        long v = sx(a, es);
        if (v == SimdIntLanes.smin(es)) {
            c.fpsr |= QC;
            return SimdIntLanes.smax(es);
        }
        return Math.abs(v);
    }

    public static long sqneg(Cpu c, long a, long d, int es) {
        long v = sx(a, es);
        if (v == SimdIntLanes.smin(es)) {
            c.fpsr |= QC;
            return SimdIntLanes.smax(es);
        }
        return -v;
    }

    /** SUQADD: signed accumulator d plus unsigned a, signed saturation. */
    public static long suqadd(Cpu c, long a, long d, int es) {
        long sd = sx(d, es);
        if (es < 64) {
            return satS(c, sd + a, es);
        }
        long limit = Long.MAX_VALUE - sd;
        if (Long.compareUnsigned(a, limit) > 0) {
            c.fpsr |= QC;
            return Long.MAX_VALUE;
        }
        return sd + a;
    }

    /** USQADD: unsigned accumulator d plus signed a, unsigned saturation. */
    public static long usqadd(Cpu c, long a, long d, int es) {
        long sa = sx(a, es);
        if (es < 64) {
            return satU(c, d + sa, es);
        }
        if (sa >= 0) {
            long r = d + sa;
            if (Long.compareUnsigned(r, d) < 0) {
                c.fpsr |= QC;
                return -1L;
            }
            return r;
        }
        if (Long.compareUnsigned(d, -sa) < 0) {
            c.fpsr |= QC;
            return 0;
        }
        return d + sa;
    }

    public static long cmgt0(Cpu c, long a, long d, int es) { return sx(a, es) > 0 ? -1 : 0; }
    public static long cmge0(Cpu c, long a, long d, int es) { return sx(a, es) >= 0 ? -1 : 0; }
    public static long cmeq0(Cpu c, long a, long d, int es) { return a == 0 ? -1 : 0; }
    public static long cmle0(Cpu c, long a, long d, int es) { return sx(a, es) <= 0 ? -1 : 0; }
    public static long cmlt0(Cpu c, long a, long d, int es) { return sx(a, es) < 0 ? -1 : 0; }

    // ---- narrowing: a is the wide lane (2*es bits), es the narrow size ----
    public static long xtn(Cpu c, long a, long d, int es) { return a; }
    public static long sqxtn(Cpu c, long a, long d, int es) { return satS(c, sx(a, 2 * es), es); }
    public static long uqxtn(Cpu c, long a, long d, int es) { return satUU(c, a, es); }
    public static long sqxtun(Cpu c, long a, long d, int es) { return satU(c, sx(a, 2 * es), es); }

    // ---- pairwise long: a, b narrow lanes, d the old wide lane ----
    public static long saddlp(Cpu c, long a, long b, long d, int es) { return sx(a, es) + sx(b, es); }
    public static long uaddlp(Cpu c, long a, long b, long d, int es) { return a + b; }
    public static long sadalp(Cpu c, long a, long b, long d, int es) { return d + sx(a, es) + sx(b, es); }
    public static long uadalp(Cpu c, long a, long b, long d, int es) { return d + a + b; }

    // ---- three different, es = narrow size ----
    public static long saddl(Cpu c, long a, long b, long d, int es) { return sx(a, es) + sx(b, es); }
    public static long uaddl(Cpu c, long a, long b, long d, int es) { return a + b; }
    public static long ssubl(Cpu c, long a, long b, long d, int es) { return sx(a, es) - sx(b, es); }
    public static long usubl(Cpu c, long a, long b, long d, int es) { return a - b; }
    public static long saddw(Cpu c, long a, long b, long d, int es) { return a + sx(b, es); }
    public static long uaddw(Cpu c, long a, long b, long d, int es) { return a + b; }
    public static long ssubw(Cpu c, long a, long b, long d, int es) { return a - sx(b, es); }
    public static long usubw(Cpu c, long a, long b, long d, int es) { return a - b; }
    public static long sabal(Cpu c, long a, long b, long d, int es) { return d + Math.abs(sx(a, es) - sx(b, es)); }
    public static long uabal(Cpu c, long a, long b, long d, int es) { return d + Math.abs(a - b); }
    public static long sabdl(Cpu c, long a, long b, long d, int es) { return Math.abs(sx(a, es) - sx(b, es)); }
    public static long uabdl(Cpu c, long a, long b, long d, int es) { return Math.abs(a - b); }
    public static long smlal(Cpu c, long a, long b, long d, int es) { return d + sx(a, es) * sx(b, es); }
    public static long umlal(Cpu c, long a, long b, long d, int es) { return d + a * b; }
    public static long smlsl(Cpu c, long a, long b, long d, int es) { return d - sx(a, es) * sx(b, es); }
    public static long umlsl(Cpu c, long a, long b, long d, int es) { return d - a * b; }
    public static long smull(Cpu c, long a, long b, long d, int es) { return sx(a, es) * sx(b, es); }
    public static long umull(Cpu c, long a, long b, long d, int es) { return a * b; }
    public static long pmull(Cpu c, long a, long b, long d, int es) { return SimdIntLanes.pmul(a, b, es); }

    public static long sqdmull(Cpu c, long a, long b, long d, int es) {
        long p = sx(a, es) * sx(b, es);
        if (es == 32) {
            if (p == 1L << 62) {
                c.fpsr |= QC;
                return Long.MAX_VALUE;
            }
            return 2 * p;
        }
        return satS(c, 2 * p, 2 * es);
    }

    public static long sqdmlal(Cpu c, long a, long b, long d, int es) {
        return SimdIntLanes.sqadd(c, sx(d, 2 * es), sqdmull(c, a, b, 0, es), 2 * es);
    }

    public static long sqdmlsl(Cpu c, long a, long b, long d, int es) {
        return SimdIntLanes.sqsub(c, sx(d, 2 * es), sqdmull(c, a, b, 0, es), 2 * es);
    }

    // narrow high: a, b wide lanes
    public static long addhn(Cpu c, long a, long b, long d, int es) { return (a + b) >>> es; }
    public static long raddhn(Cpu c, long a, long b, long d, int es) { return (a + b + (1L << (es - 1))) >>> es; }
    public static long subhn(Cpu c, long a, long b, long d, int es) { return (a - b) >>> es; }
    public static long rsubhn(Cpu c, long a, long b, long d, int es) { return (a - b + (1L << (es - 1))) >>> es; }

    // ---- across lanes (accumulator already extended) ----
    public static long addv(Cpu c, long acc, long e, long d, int es) { return acc + e; }
    public static long maxS(Cpu c, long acc, long e, long d, int es) { return Math.max(acc, e); }
    public static long minS(Cpu c, long acc, long e, long d, int es) { return Math.min(acc, e); }
    public static long maxU(Cpu c, long acc, long e, long d, int es) { return Math.max(acc, e); }
    public static long minU(Cpu c, long acc, long e, long d, int es) { return Math.min(acc, e); }

    // ---- shift by immediate ----
    public static long sshr(Cpu c, long a, long d, int s, int es) { return shr(sx(a, es), s, true); }
    public static long ushr(Cpu c, long a, long d, int s, int es) { return shr(a, s, false); }
    public static long ssra(Cpu c, long a, long d, int s, int es) { return d + shr(sx(a, es), s, true); }
    public static long usra(Cpu c, long a, long d, int s, int es) { return d + shr(a, s, false); }
    public static long srshr(Cpu c, long a, long d, int s, int es) { return rshrRoundS(sx(a, es), s); }
    public static long urshr(Cpu c, long a, long d, int s, int es) { return rshrRoundU(a, s); }
    public static long srsra(Cpu c, long a, long d, int s, int es) { return d + rshrRoundS(sx(a, es), s); }
    public static long ursra(Cpu c, long a, long d, int s, int es) { return d + rshrRoundU(a, s); }

    public static long sri(Cpu c, long a, long d, int s, int es) {
        long m = s >= 64 ? 0 : mask(es) >>> s;
        return (d & ~m) | (shr(a, s, false) & m);
    }

    public static long shl(Cpu c, long a, long d, int s, int es) { return a << s; }

    public static long sli(Cpu c, long a, long d, int s, int es) {
        long m = mask(es) << s;
        return (d & ~m) | ((a << s) & m);
    }

    public static long sqshlImm(Cpu c, long a, long d, int s, int es) { return shlSat(c, sx(a, es), s, es, true, true); }
    public static long uqshlImm(Cpu c, long a, long d, int s, int es) { return shlSat(c, a, s, es, false, false); }
    public static long sqshluImm(Cpu c, long a, long d, int s, int es) { return shlSat(c, sx(a, es), s, es, true, false); }

    // narrowing shifts: a is the wide lane (2*es bits)
    public static long shrn(Cpu c, long a, long d, int s, int es) { return a >>> s; }
    public static long rshrn(Cpu c, long a, long d, int s, int es) { return rshrRoundU(a, s); }
    public static long sqshrn(Cpu c, long a, long d, int s, int es) { return satS(c, sx(a, 2 * es) >> s, es); }
    public static long sqrshrn(Cpu c, long a, long d, int s, int es) { return satS(c, rshrRoundS(sx(a, 2 * es), s), es); }
    public static long uqshrn(Cpu c, long a, long d, int s, int es) { return satUU(c, a >>> s, es); }
    public static long uqrshrn(Cpu c, long a, long d, int s, int es) { return satUU(c, rshrRoundU(a, s), es); }
    public static long sqshrun(Cpu c, long a, long d, int s, int es) { return satU(c, sx(a, 2 * es) >> s, es); }
    public static long sqrshrun(Cpu c, long a, long d, int s, int es) { return satU(c, rshrRoundS(sx(a, 2 * es), s), es); }
}
