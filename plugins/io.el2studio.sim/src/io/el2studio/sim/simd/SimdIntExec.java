package io.el2studio.sim.simd;

import static io.el2studio.sim.simd.SimdIntLanes.elem;
import static io.el2studio.sim.simd.SimdIntLanes.mask;
import static io.el2studio.sim.simd.SimdIntLanes.put;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.isa.Exec;

/**
 * Element loops of the Advanced SIMD integer encoding classes (Arm ARM C4.1.95): each factory takes
 * the per-lane operation and returns the handler of one row. Lanes are read from both source
 * registers before the destination is written, so Vd may equal Vn or Vm.
 */
public final class SimdIntExec {
    private SimdIntExec() {
    }

    /** A lane operation: a, b and the old destination lane d are zero-extended element bits. */
    @FunctionalInterface
    public interface Op3 {
        long apply(Cpu c, long a, long b, long d, int es);
    }

    /** A one-operand lane operation (d is the old destination lane, for accumulating forms). */
    @FunctionalInterface
    public interface Op1 {
        long apply(Cpu c, long a, long d, int es);
    }

    /** A shift-by-immediate lane operation. */
    @FunctionalInterface
    public interface OpSh {
        long apply(Cpu c, long a, long d, int shift, int es);
    }

    static int rd(int w) { return w & 31; }
    static int rn(int w) { return (w >>> 5) & 31; }
    static int rm(int w) { return (w >>> 16) & 31; }
    static int q(int w) { return (w >>> 30) & 1; }
    static int size(int w) { return (w >>> 22) & 3; }

    // ---- three same ----

    public static Exec same(Op3 op) {
        return (c, w) -> same(c, w, op, 8 << size(w));
    }

    /** Three same with a fixed element size (the logical operations work on 64-bit lanes). */
    public static Exec sameEs(Op3 op, int es) {
        return (c, w) -> same(c, w, op, es);
    }

    static void same(Cpu c, int w, Op3 op, int es) {
        int n = rn(w), m = rm(w), d = rd(w), lanes = (64 << q(w)) / es;
        long nlo = c.v[2 * n], nhi = c.v[2 * n + 1], mlo = c.v[2 * m], mhi = c.v[2 * m + 1];
        long dlo = c.v[2 * d], dhi = c.v[2 * d + 1];
        long rlo = 0, rhi = 0;
        int half = 64 / es;
        for (int i = 0; i < lanes; i++) {
            long r = op.apply(c, elem(nlo, nhi, i, es), elem(mlo, mhi, i, es), elem(dlo, dhi, i, es), es);
            if (i < half) {
                rlo = put(rlo, i, es, r);
            } else {
                rhi = put(rhi, i, es, r);
            }
        }
        c.setV(d, rlo, rhi);
    }

    public static Exec scalarSame(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w), d = rd(w);
            long r = op.apply(c, elem(c, rn(w), 0, es), elem(c, rm(w), 0, es), elem(c, d, 0, es), es);
            c.setScalar(d, r, es);
        };
    }

    /** Pairwise: the concatenation Vm:Vn is reduced pair by pair (ADDP, SMAXP, ...). */
    public static Exec pairwise(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), m = rm(w), d = rd(w), lanes = (64 << q(w)) / es;
            long rlo = 0, rhi = 0;
            int half = 64 / es;
            for (int i = 0; i < lanes; i++) {
                int src = i < lanes / 2 ? n : m;
                int j = 2 * (i % (lanes / 2));
                long r = op.apply(c, elem(c, src, j, es), elem(c, src, j + 1, es), 0, es);
                if (i < half) {
                    rlo = put(rlo, i, es, r);
                } else {
                    rhi = put(rhi, i, es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    /** ADDP Dd, Vn.2D: the sum of the two doublewords. */
    public static void addpScalar(Cpu c, int w) {
        int n = rn(w);
        c.setScalar(rd(w), c.v[2 * n] + c.v[2 * n + 1], 64);
    }

    // ---- two-register miscellaneous ----

    public static Exec misc(Op1 op) {
        return (c, w) -> misc(c, w, op, 8 << size(w));
    }

    public static Exec miscEs(Op1 op, int es) {
        return (c, w) -> misc(c, w, op, es);
    }

    static void misc(Cpu c, int w, Op1 op, int es) {
        int n = rn(w), d = rd(w), lanes = (64 << q(w)) / es;
        long nlo = c.v[2 * n], nhi = c.v[2 * n + 1], dlo = c.v[2 * d], dhi = c.v[2 * d + 1];
        long rlo = 0, rhi = 0;
        int half = 64 / es;
        for (int i = 0; i < lanes; i++) {
            long r = op.apply(c, elem(nlo, nhi, i, es), elem(dlo, dhi, i, es), es);
            if (i < half) {
                rlo = put(rlo, i, es, r);
            } else {
                rhi = put(rhi, i, es, r);
            }
        }
        c.setV(d, rlo, rhi);
    }

    public static Exec scalarMisc(Op1 op) {
        return (c, w) -> {
            int es = 8 << size(w), d = rd(w);
            c.setScalar(d, op.apply(c, elem(c, rn(w), 0, es), elem(c, d, 0, es), es), es);
        };
    }

    /** Narrowing (XTN, SQXTN, ...): wide source lanes of 2*es bits, es = destination element size. */
    public static Exec narrow(Op1 op) {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), d = rd(w), lanes = 64 / es;
            long r = 0;
            for (int i = 0; i < lanes; i++) {
                r = put(r, i, es, op.apply(c, elem(c, n, i, 2 * es), 0, es));
            }
            writePart(c, d, q(w), r);
        };
    }

    public static Exec scalarNarrow(Op1 op) {
        return (c, w) -> {
            int es = 8 << size(w);
            c.setScalar(rd(w), op.apply(c, elem(c, rn(w), 0, 2 * es), 0, es), es);
        };
    }

    /** Writes a 64-bit narrow result to the lower half (Q = 0, upper zeroed) or upper half (Q = 1, the "2" form). */
    static void writePart(Cpu c, int d, int q, long r) {
        if (q == 0) {
            c.setV(d, r, 0);
        } else {
            c.v[2 * d + 1] = r;
        }
    }

    /** Pairwise long (SADDLP, SADALP, ...): op(a = even lane, b = odd lane, d = old wide lane), es = source size. */
    public static Exec pairLong(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), d = rd(w), lanes = (64 << q(w)) / (2 * es);
            long rlo = 0, rhi = 0;
            int half = 64 / (2 * es);
            for (int i = 0; i < lanes; i++) {
                long r = op.apply(c, elem(c, n, 2 * i, es), elem(c, n, 2 * i + 1, es), elem(c, d, i, 2 * es), es);
                if (i < half) {
                    rlo = put(rlo, i, 2 * es, r);
                } else {
                    rhi = put(rhi, i, 2 * es, r);
                }
            }
            c.setV(d, rlo, q(w) == 1 ? rhi : 0);
        };
    }

    /** SHLL: narrow lanes of the selected half shifted left by the element size. */
    public static Exec shll() {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), d = rd(w), base = q(w) * (64 / es), lanes = 64 / es;
            long rlo = 0, rhi = 0;
            int half = 64 / (2 * es);
            for (int i = 0; i < lanes; i++) {
                long r = elem(c, n, base + i, es) << es;
                if (i < half) {
                    rlo = put(rlo, i, 2 * es, r);
                } else {
                    rhi = put(rhi, i, 2 * es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    // ---- three different ----

    /** Long: narrow lanes of the selected halves of Vn and Vm, wide result (op gets d = old wide lane). */
    public static Exec longL(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), m = rm(w), d = rd(w), base = q(w) * (64 / es), lanes = 64 / es;
            long rlo = 0, rhi = 0;
            int half = 64 / (2 * es);
            for (int i = 0; i < lanes; i++) {
                long r = op.apply(c, elem(c, n, base + i, es), elem(c, m, base + i, es), elem(c, d, i, 2 * es), es);
                if (i < half) {
                    rlo = put(rlo, i, 2 * es, r);
                } else {
                    rhi = put(rhi, i, 2 * es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    /** Wide: wide lanes of Vn with narrow lanes of the selected half of Vm (SADDW, ...). */
    public static Exec longW(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), m = rm(w), d = rd(w), base = q(w) * (64 / es), lanes = 64 / es;
            long rlo = 0, rhi = 0;
            int half = 64 / (2 * es);
            for (int i = 0; i < lanes; i++) {
                long r = op.apply(c, elem(c, n, i, 2 * es), elem(c, m, base + i, es), 0, es);
                if (i < half) {
                    rlo = put(rlo, i, 2 * es, r);
                } else {
                    rhi = put(rhi, i, 2 * es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    /** Narrow high: wide lanes of Vn and Vm, narrow result in the lower or upper half (ADDHN, ...). */
    public static Exec longN(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), m = rm(w), d = rd(w), lanes = 64 / es;
            long r = 0;
            for (int i = 0; i < lanes; i++) {
                r = put(r, i, es, op.apply(c, elem(c, n, i, 2 * es), elem(c, m, i, 2 * es), 0, es));
            }
            writePart(c, d, q(w), r);
        };
    }

    /** Scalar three different (SQDMLAL Sd etc.): element 0, wide result. */
    public static Exec scalarLong(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w), d = rd(w);
            long r = op.apply(c, elem(c, rn(w), 0, es), elem(c, rm(w), 0, es), elem(c, d, 0, 2 * es), es);
            c.setScalar(d, r, 2 * es);
        };
    }

    /** PMULL2 Vd.1Q, Vn.2D, Vm.2D and PMULL Vd.1Q, Vn.1D, Vm.1D: 64x64 carry-less multiply (FEAT_PMULL). */
    public static void pmull64(Cpu c, int w) {
        int part = q(w);
        long a = c.v[2 * rn(w) + part], b = c.v[2 * rm(w) + part];
        long lo = 0, hi = 0;
        for (int i = 0; i < 64; i++) {
            if (((b >>> i) & 1) != 0) {
                lo ^= a << i;
                if (i > 0) {
                    hi ^= a >>> (64 - i);
                }
            }
        }
        c.setV(rd(w), lo, hi);
    }

    // ---- across lanes ----

    /** Across lanes reduction: acc starts with lane 0, op(acc, lane) for the others; wide = result size 2*es. */
    public static Exec across(Op3 op, boolean wide, boolean signed) {
        return (c, w) -> {
            int es = 8 << size(w), n = rn(w), lanes = (64 << q(w)) / es;
            long acc = elem(c, n, 0, es);
            if (signed) {
                acc = SimdIntLanes.sx(acc, es);
            }
            for (int i = 1; i < lanes; i++) {
                long e = elem(c, n, i, es);
                acc = op.apply(c, acc, signed ? SimdIntLanes.sx(e, es) : e, 0, es);
            }
            int res = wide ? 2 * es : es;
            c.setScalar(rd(w), acc & mask(res), res);
        };
    }

    // ---- shift by immediate ----

    /** Element size from immh (bits 22:19): the position of its highest set bit. */
    static int esOfImmh(int w) {
        int immh = (w >>> 19) & 0xF;
        return 8 << (31 - Integer.numberOfLeadingZeros(immh));
    }

    static int immhb(int w) {
        return (w >>> 16) & 0x7F;
    }

    /** Vector shift by immediate: shift = 2*es - immh:immb (right) or immh:immb - es (left). */
    public static Exec shiftImm(OpSh op, boolean right) {
        return (c, w) -> {
            int es = esOfImmh(w);
            int sh = right ? 2 * es - immhb(w) : immhb(w) - es;
            int n = rn(w), d = rd(w), lanes = (64 << q(w)) / es;
            long nlo = c.v[2 * n], nhi = c.v[2 * n + 1], dlo = c.v[2 * d], dhi = c.v[2 * d + 1];
            long rlo = 0, rhi = 0;
            int half = 64 / es;
            for (int i = 0; i < lanes; i++) {
                long r = op.apply(c, elem(nlo, nhi, i, es), elem(dlo, dhi, i, es), sh, es);
                if (i < half) {
                    rlo = put(rlo, i, es, r);
                } else {
                    rhi = put(rhi, i, es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    public static Exec scalarShiftImm(OpSh op, boolean right) {
        return (c, w) -> {
            int es = esOfImmh(w);
            int sh = right ? 2 * es - immhb(w) : immhb(w) - es;
            int d = rd(w);
            c.setScalar(d, op.apply(c, elem(c, rn(w), 0, es), elem(c, d, 0, es), sh, es), es);
        };
    }

    /** Narrowing shift right: wide source lanes (2*es), op gets the wide lane, result es bits. */
    public static Exec shiftNarrow(OpSh op) {
        return (c, w) -> {
            int es = esOfImmh(w), sh = 2 * es - immhb(w), n = rn(w), d = rd(w), lanes = 64 / es;
            long r = 0;
            for (int i = 0; i < lanes; i++) {
                r = put(r, i, es, op.apply(c, elem(c, n, i, 2 * es), 0, sh, es));
            }
            writePart(c, d, q(w), r);
        };
    }

    public static Exec scalarShiftNarrow(OpSh op) {
        return (c, w) -> {
            int es = esOfImmh(w), sh = 2 * es - immhb(w);
            c.setScalar(rd(w), op.apply(c, elem(c, rn(w), 0, 2 * es), 0, sh, es), es);
        };
    }

    /** SSHLL/USHLL: narrow lanes of the selected half, extended and shifted left into wide lanes. */
    public static Exec shiftLong(boolean signed) {
        return (c, w) -> {
            int es = esOfImmh(w), sh = immhb(w) - es, n = rn(w), d = rd(w), base = q(w) * (64 / es), lanes = 64 / es;
            long rlo = 0, rhi = 0;
            int half = 64 / (2 * es);
            for (int i = 0; i < lanes; i++) {
                long e = elem(c, n, base + i, es);
                long r = (signed ? SimdIntLanes.sx(e, es) : e) << sh;
                if (i < half) {
                    rlo = put(rlo, i, 2 * es, r);
                } else {
                    rhi = put(rhi, i, 2 * es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    // ---- vector x indexed element ----

    /** Index and register of the element operand: H:L:M and Rm<3:0> for halfwords, H:L and M:Rm for words. */
    static int elemIndex(int w, int es) {
        int h = (w >>> 11) & 1, l = (w >>> 21) & 1, m = (w >>> 20) & 1;
        return es == 16 ? (h << 2) | (l << 1) | m : es == 32 ? (h << 1) | l : h;
    }

    static int elemReg(int w, int es) {
        return es == 16 ? (w >>> 16) & 15 : (w >>> 16) & 31;
    }

    public static Exec byElem(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w);
            long b = elem(c, elemReg(w, es), elemIndex(w, es), es);
            int n = rn(w), d = rd(w), lanes = (64 << q(w)) / es;
            long nlo = c.v[2 * n], nhi = c.v[2 * n + 1], dlo = c.v[2 * d], dhi = c.v[2 * d + 1];
            long rlo = 0, rhi = 0;
            int half = 64 / es;
            for (int i = 0; i < lanes; i++) {
                long r = op.apply(c, elem(nlo, nhi, i, es), b, elem(dlo, dhi, i, es), es);
                if (i < half) {
                    rlo = put(rlo, i, es, r);
                } else {
                    rhi = put(rhi, i, es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    public static Exec byElemLong(Op3 op) {
        return (c, w) -> {
            int es = 8 << size(w);
            long b = elem(c, elemReg(w, es), elemIndex(w, es), es);
            int n = rn(w), d = rd(w), base = q(w) * (64 / es), lanes = 64 / es;
            long rlo = 0, rhi = 0;
            int half = 64 / (2 * es);
            for (int i = 0; i < lanes; i++) {
                long r = op.apply(c, elem(c, n, base + i, es), b, elem(c, d, i, 2 * es), es);
                if (i < half) {
                    rlo = put(rlo, i, 2 * es, r);
                } else {
                    rhi = put(rhi, i, 2 * es, r);
                }
            }
            c.setV(d, rlo, rhi);
        };
    }

    public static Exec scalarByElem(Op3 op, boolean isLong) {
        return (c, w) -> {
            int es = 8 << size(w), d = rd(w), res = isLong ? 2 * es : es;
            long b = elem(c, elemReg(w, es), elemIndex(w, es), es);
            c.setScalar(d, op.apply(c, elem(c, rn(w), 0, es), b, elem(c, d, 0, res), es), res);
        };
    }

    // ---- dot products and matrix multiply (FEAT_DotProd, FEAT_I8MM) ----

    /** Four-way byte dot product accumulated into a 32-bit lane. */
    public static long dot4(long a, long b, long d, boolean aSigned, boolean bSigned) {
        long sum = d;
        for (int i = 0; i < 4; i++) {
            long x = (a >>> (8 * i)) & 0xFF, y = (b >>> (8 * i)) & 0xFF;
            sum += (aSigned ? (byte) x : x) * (bSigned ? (byte) y : y);
        }
        return sum & 0xFFFFFFFFL;
    }

    /** SDOT/UDOT/SUDOT/USDOT (by element): each 32-bit lane of Vd += Vn.4B[i] . Vm.4B[H:L]. */
    public static void dotElem(Cpu c, int w, boolean aSigned, boolean bSigned) {
        int idx = (((w >>> 11) & 1) << 1) | ((w >>> 21) & 1);
        long b = elem(c, rm(w), idx, 32);
        int n = rn(w), d = rd(w), lanes = 2 << q(w);
        long rlo = 0, rhi = 0;
        for (int i = 0; i < lanes; i++) {
            long r = dot4(elem(c, n, i, 32), b, elem(c, d, i, 32), aSigned, bSigned);
            if (i < 2) {
                rlo = put(rlo, i, 32, r);
            } else {
                rhi = put(rhi, i, 32, r);
            }
        }
        c.setV(d, rlo, rhi);
    }

    /**
     * SMMLA/UMMLA/USMMLA: Vd (2x2 words) += Vn (2x8 bytes, row-major) x transpose(Vm (2x8 bytes)).
     */
    public static void mmla(Cpu c, int w, boolean aSigned, boolean bSigned) {
        int n = rn(w), m = rm(w), d = rd(w);
        long rlo = 0, rhi = 0;
        for (int i = 0; i < 2; i++) {
            long row = c.v[2 * n + i];
            for (int j = 0; j < 2; j++) {
                long col = c.v[2 * m + j];
                long acc = elem(c, d, 2 * i + j, 32);
                acc = dot4(row, col, acc, aSigned, bSigned);
                acc = dot4(row >>> 32, col >>> 32, acc, aSigned, bSigned);
                if (i == 0) {
                    rlo = put(rlo, j, 32, acc);
                } else {
                    rhi = put(rhi, j, 32, acc);
                }
            }
        }
        c.setV(d, rlo, rhi);
    }
}
