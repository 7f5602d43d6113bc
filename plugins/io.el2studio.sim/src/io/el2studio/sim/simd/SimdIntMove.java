package io.el2studio.sim.simd;

import static io.el2studio.sim.simd.SimdIntLanes.elem;
import static io.el2studio.sim.simd.SimdIntLanes.put;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.isa.Exec;

/**
 * Advanced SIMD copy, permute, extract, table lookup and modified immediate (Arm ARM C4.1.95):
 * the instructions that move elements rather than compute with them.
 */
public final class SimdIntMove {
    private SimdIntMove() {
    }

    /** Element size of the copy class: lowest set bit of imm5 (bits 20:16). */
    public static int copyEs(int w) {
        int imm5 = (w >>> 16) & 31;
        return 8 << Integer.numberOfTrailingZeros(imm5);
    }

    public static int copyIndex(int w) {
        int imm5 = (w >>> 16) & 31;
        return imm5 >>> (Integer.numberOfTrailingZeros(imm5) + 1);
    }

    private static void fill(Cpu c, int d, int q, long e, int es) {
        long word = 0;
        for (int i = 0; i < 64 / es; i++) {
            word = put(word, i, es, e);
        }
        c.setV(d, word, q == 1 ? word : 0);
    }

    /** DUP Vd.T, Vn.Ts[index]. */
    public static void dupElement(Cpu c, int w) {
        int es = copyEs(w);
        fill(c, w & 31, (w >>> 30) & 1, elem(c, (w >>> 5) & 31, copyIndex(w), es), es);
    }

    /** DUP Vd.T, Rn. */
    public static void dupGeneral(Cpu c, int w) {
        int es = copyEs(w);
        fill(c, w & 31, (w >>> 30) & 1, c.x((w >>> 5) & 31), es);
    }

    /** DUP (scalar) Vd, Vn.T[index]: the "mov" alias. */
    public static void dupScalar(Cpu c, int w) {
        int es = copyEs(w);
        c.setScalar(w & 31, elem(c, (w >>> 5) & 31, copyIndex(w), es), es);
    }

    /** INS Vd.Ts[index], Rn. */
    public static void insGeneral(Cpu c, int w) {
        int es = copyEs(w), i = copyIndex(w), d = w & 31;
        insert(c, d, i, es, c.x((w >>> 5) & 31));
    }

    /** INS Vd.Ts[index1], Vn.Ts[index2]. */
    public static void insElement(Cpu c, int w) {
        int es = copyEs(w), i = copyIndex(w), d = w & 31;
        int i2 = ((w >>> 11) & 15) >>> Integer.numberOfTrailingZeros(es / 8);
        insert(c, d, i, es, elem(c, (w >>> 5) & 31, i2, es));
    }

    private static void insert(Cpu c, int d, int i, int es, long value) {
        int bit = i * es;
        int k = 2 * d + (bit >= 64 ? 1 : 0);
        c.v[k] = put(c.v[k], i % (64 / es), es, value);
    }

    /** UMOV Wd/Xd, Vn.Ts[index]. */
    public static void umov(Cpu c, int w) {
        int es = copyEs(w);
        c.setX(w & 31, elem(c, (w >>> 5) & 31, copyIndex(w), es));
    }

    /** SMOV Wd/Xd, Vn.Ts[index]. */
    public static void smov(Cpu c, int w) {
        int es = copyEs(w);
        long v = SimdIntLanes.sx(elem(c, (w >>> 5) & 31, copyIndex(w), es), es);
        if (((w >>> 30) & 1) == 0) {
            c.setW(w & 31, v);
        } else {
            c.setX(w & 31, v);
        }
    }

    // ---- permute: op 1 = UZP1, 2 = TRN1, 3 = ZIP1, 5 = UZP2, 6 = TRN2, 7 = ZIP2 ----

    public static void permute(Cpu c, int w) {
        int es = 8 << ((w >>> 22) & 3), q = (w >>> 30) & 1, op = (w >>> 12) & 7;
        int n = (w >>> 5) & 31, m = (w >>> 16) & 31, d = w & 31;
        int lanes = (64 << q) / es, part = op >>> 2, half = 64 / es;
        long nlo = c.v[2 * n], nhi = c.v[2 * n + 1], mlo = c.v[2 * m], mhi = c.v[2 * m + 1];
        long rlo = 0, rhi = 0;
        for (int i = 0; i < lanes; i++) {
            long e;
            switch (op & 3) {
                case 1 -> { // UZP: even (odd) elements of the concatenation Vm:Vn
                    int k = 2 * i + part;
                    e = k < lanes ? elem(nlo, nhi, k, es) : elem(mlo, mhi, k - lanes, es);
                }
                case 2 -> { // TRN
                    int base = i & ~1;
                    e = (i & 1) == 0 ? elem(nlo, nhi, base + part, es) : elem(mlo, mhi, base + part, es);
                }
                default -> { // ZIP
                    int k = part * (lanes / 2) + (i >>> 1);
                    e = (i & 1) == 0 ? elem(nlo, nhi, k, es) : elem(mlo, mhi, k, es);
                }
            }
            if (i < half) {
                rlo = put(rlo, i, es, e);
            } else {
                rhi = put(rhi, i, es, e);
            }
        }
        c.setV(d, rlo, rhi);
    }

    /** EXT Vd.T, Vn.T, Vm.T, #index: bytes index.. of the concatenation Vm:Vn. */
    public static void ext(Cpu c, int w) {
        int q = (w >>> 30) & 1, pos = (w >>> 11) & 15, bytes = 8 << q;
        int n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        long nlo = c.v[2 * n], nhi = c.v[2 * n + 1], mlo = c.v[2 * m], mhi = c.v[2 * m + 1];
        long rlo = 0, rhi = 0;
        for (int i = 0; i < bytes; i++) {
            int k = pos + i;
            long b = k < bytes ? elem(nlo, nhi, k, 8) : elem(mlo, mhi, k - bytes, 8);
            if (i < 8) {
                rlo = put(rlo, i, 8, b);
            } else {
                rhi = put(rhi, i, 8, b);
            }
        }
        c.setV(w & 31, rlo, rhi);
    }

    /** TBL/TBX Vd.Ta, {Vn..Vn+len}.16B, Vm.Ta: out-of-range indices give 0 (TBL) or keep Vd (TBX). */
    public static void table(Cpu c, int w) {
        int q = (w >>> 30) & 1, len = ((w >>> 13) & 3) + 1, tbx = (w >>> 12) & 1;
        int n = (w >>> 5) & 31, m = (w >>> 16) & 31, d = w & 31, bytes = 8 << q;
        long mlo = c.v[2 * m], mhi = c.v[2 * m + 1], dlo = c.v[2 * d], dhi = c.v[2 * d + 1];
        long rlo = 0, rhi = 0;
        for (int i = 0; i < bytes; i++) {
            int idx = (int) elem(mlo, mhi, i, 8);
            long b;
            if (idx < 16 * len) {
                b = elem(c, (n + idx / 16) & 31, idx % 16, 8);
            } else {
                b = tbx == 1 ? elem(dlo, dhi, i, 8) : 0;
            }
            if (i < 8) {
                rlo = put(rlo, i, 8, b);
            } else {
                rhi = put(rhi, i, 8, b);
            }
        }
        c.setV(d, rlo, q == 1 ? rhi : 0);
    }

    // ---- modified immediate ----

    /** AdvSIMDExpandImm(op, cmode, imm8) (Arm ARM J1, shared/functions/vector). */
    public static long expandImm(int op, int cmode, int imm8) {
        long i = imm8 & 0xFFL;
        switch (cmode >>> 1) {
            case 0: return rep32(i);
            case 1: return rep32(i << 8);
            case 2: return rep32(i << 16);
            case 3: return rep32(i << 24);
            case 4: return rep16(i);
            case 5: return rep16(i << 8);
            case 6:
                return (cmode & 1) == 0 ? rep32((i << 8) | 0xFF) : rep32((i << 16) | 0xFFFF);
            default:
                if ((cmode & 1) == 0 && op == 0) {
                    return rep16(i | (i << 8)) ;
                }
                if ((cmode & 1) == 0) {
                    long r = 0;
                    for (int b = 0; b < 8; b++) {
                        if (((imm8 >>> b) & 1) != 0) {
                            r |= 0xFFL << (8 * b);
                        }
                    }
                    return r;
                }
                if (op == 0) {
                    // single-precision FMOV: a:NOT(b):bbbbb:c:d:e:f:g:h:Zeros(19)
                    long a = (i >>> 7) & 1, b = (i >>> 6) & 1;
                    long f = (a << 31) | ((b ^ 1) << 30) | ((b == 1 ? 0x1FL : 0) << 25) | ((i & 0x3F) << 19);
                    return rep32(f);
                }
                long a = (i >>> 7) & 1, b = (i >>> 6) & 1;
                return (a << 63) | ((b ^ 1) << 62) | ((b == 1 ? 0xFFL : 0) << 54) | ((i & 0x3F) << 48);
        }
    }

    private static long rep32(long v) {
        return (v & 0xFFFFFFFFL) | (v << 32);
    }

    private static long rep16(long v) {
        v &= 0xFFFF;
        return v | (v << 16) | (v << 32) | (v << 48);
    }

    static int imm8(int w) {
        return (((w >>> 16) & 7) << 5) | ((w >>> 5) & 31);
    }

    /** MOVI, MVNI, ORR, BIC (vector, immediate). */
    public static void modifiedImm(Cpu c, int w) {
        int q = (w >>> 30) & 1, op = (w >>> 29) & 1, cmode = (w >>> 12) & 15, d = w & 31;
        long imm = expandImm(op, cmode, imm8(w));
        boolean orrBic = (cmode & 1) == 1 && cmode < 12;
        long lo, hi;
        if (orrBic) {
            long dl = c.v[2 * d], dh = c.v[2 * d + 1];
            lo = op == 0 ? dl | imm : dl & ~imm;
            hi = op == 0 ? dh | imm : dh & ~imm;
        } else {
            boolean invert = op == 1 && cmode != 14 && cmode != 15;
            lo = invert ? ~imm : imm;
            hi = lo;
        }
        c.setV(d, lo, q == 1 ? hi : 0);
    }

    /** REV16/REV32/REV64: reverse the order of the elements within each container of {@code container} bits. */
    public static Exec rev(int container) {
        return (c, w) -> {
            int es = 8 << ((w >>> 22) & 3), n = (w >>> 5) & 31, per = container / es, q = (w >>> 30) & 1;
            long lo = c.v[2 * n], hi = c.v[2 * n + 1];
            long rlo = 0, rhi = 0;
            int lanes = (64 << q) / es, half = 64 / es;
            for (int i = 0; i < lanes; i++) {
                int src = (i / per) * per + (per - 1 - i % per);
                long e = elem(lo, hi, src, es);
                if (i < half) {
                    rlo = put(rlo, i, es, e);
                } else {
                    rhi = put(rhi, i, es, e);
                }
            }
            c.setV(w & 31, rlo, rhi);
        };
    }
}
