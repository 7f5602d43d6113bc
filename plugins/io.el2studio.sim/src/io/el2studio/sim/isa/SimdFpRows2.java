package io.el2studio.sim.isa;

import static io.el2studio.sim.isa.SimdFpRows.arrH;
import static io.el2studio.sim.isa.SimdFpRows.arrSz;
import static io.el2studio.sim.isa.SimdFpRows.bit;
import static io.el2studio.sim.isa.SimdFpRows.bits;
import static io.el2studio.sim.isa.SimdFpRows.q;
import static io.el2studio.sim.isa.SimdFpRows.rd;
import static io.el2studio.sim.isa.SimdFpRows.rm;
import static io.el2studio.sim.isa.SimdFpRows.rn;
import static io.el2studio.sim.isa.SimdFpRows.sreg;
import static io.el2studio.sim.isa.SimdFpRows.sz;
import static io.el2studio.sim.isa.SimdFpRows.vreg;

import java.util.List;

import io.el2studio.sim.simd.fp.Bf16Exec;
import io.el2studio.sim.simd.fp.ComplexExec;
import io.el2studio.sim.simd.fp.FpBinary;
import io.el2studio.sim.simd.fp.SimdFpExec;

/**
 * Advanced SIMD floating point, second part (Arm ARM C4.1.95): across lanes, scalar pairwise,
 * vector and scalar x indexed element, shift by immediate (fixed-point conversions), FHM (FMLAL),
 * FCMA (FCMLA, FCADD), FMOV (vector, immediate) and BF16 (BFDOT, BFMMLA, BFMLALB/T).
 */
final class SimdFpRows2 {
    private SimdFpRows2() {
    }

    static void addTo(List<Row> rows) {
        addAcrossAndPairwise(rows);
        addIndexed(rows);
        addFixedPoint(rows);
        addFhm(rows);
        addFcmaAndBf16(rows);
        addFmovImmediate(rows);
    }

    // ---- FMOV (vector, immediate): the cmode = 1111 corner of "modified immediate" ----

    /** The abcdefgh immediate (bits 18:16 and 9:5) of a modified-immediate word. */
    static int imm8(int w) {
        return ((w >>> 16) & 7) << 5 | ((w >>> 5) & 31);
    }

    private static String fpImmText(int w) {
        return String.format("#%.18e", (double) Float.intBitsToFloat((int) SimdFpExec.vfpExpandImm(imm8(w), 32)));
    }

    private static void addFmovImmediate(List<Row> rows) {
        rows.add(new Row("FMOV_vec_imm_s", "0 Q:1 0 0111100000 a:1 b:1 c:1 1111 0 1 d:1 e:1 f:1 g:1 h:1 Rd:5")
                .exec(SimdFpExec.fmovImmediate(32))
                .dis((w, pc) -> "fmov " + vreg(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + fpImmText(w)));
        rows.add(new Row("FMOV_vec_imm_d", "0 1 1 0111100000 a:1 b:1 c:1 1111 0 1 d:1 e:1 f:1 g:1 h:1 Rd:5")
                .exec(SimdFpExec.fmovImmediate(64))
                .dis((w, pc) -> "fmov " + vreg(rd(w), "2d") + ", " + fpImmText(w)));
        rows.add(new Row("FMOV_vec_imm_h", "0 Q:1 0 0111100000 a:1 b:1 c:1 1111 1 1 d:1 e:1 f:1 g:1 h:1 Rd:5")
                .needs(Feature.FP16)
                .exec(SimdFpExec.fmovImmediate(16))
                .dis((w, pc) -> "fmov " + vreg(rd(w), q(w) == 1 ? "8h" : "4h") + ", " + fpImmText(w)));
    }

    // ---- across lanes (FMAXNMV ...) and scalar pairwise (FADDP ...) ----

    private static void addAcrossAndPairwise(List<Row> rows) {
        across(rows, "fmaxnmv", 0, 0b01100, FpBinary.FMAXNM);
        across(rows, "fmaxv", 0, 0b01111, FpBinary.FMAX);
        across(rows, "fminnmv", 1, 0b01100, FpBinary.FMINNM);
        across(rows, "fminv", 1, 0b01111, FpBinary.FMIN);
        pairwise(rows, "fmaxnmp", 0, 0b01100, FpBinary.FMAXNM);
        pairwise(rows, "faddp", 0, 0b01101, FpBinary.FADD);
        pairwise(rows, "fmaxp", 0, 0b01111, FpBinary.FMAX);
        pairwise(rows, "fminnmp", 1, 0b01100, FpBinary.FMINNM);
        pairwise(rows, "fminp", 1, 0b01111, FpBinary.FMIN);
    }

    private static void across(List<Row> rows, String mn, int a, int op, FpBinary f) {
        String name = mn.toUpperCase();
        // Single precision needs Q = 1 (4S); sz = 1 is unallocated (no 2D reduction).
        rows.add(new Row(name, "0 1 1 01110 " + bit(a) + " 0 11000 " + bits(op, 5) + " 10 Rn:5 Rd:5")
                .exec(SimdFpExec.across(f, false))
                .dis((w, pc) -> mn + " s" + rd(w) + ", " + vreg(rn(w), "4s")));
        rows.add(new Row(name + "_fp16", "0 Q:1 0 01110 " + bit(a) + " 0 11000 " + bits(op, 5) + " 10 Rn:5 Rd:5")
                .needs(Feature.FP16)
                .exec(SimdFpExec.across(f, true))
                .dis((w, pc) -> mn + " h" + rd(w) + ", " + vreg(rn(w), arrH(w))));
    }

    private static void pairwise(List<Row> rows, String mn, int a, int op, FpBinary f) {
        String name = mn.toUpperCase();
        rows.add(new Row(name + "_scalar", "01 1 11110 " + bit(a) + " sz:1 11000 " + bits(op, 5) + " 10 Rn:5 Rd:5")
                .exec(SimdFpExec.pairScalar(f, false))
                .dis((w, pc) -> mn + " " + sreg(rd(w), sz(w)) + ", " + vreg(rn(w), sz(w) == 1 ? "2d" : "2s")));
        rows.add(new Row(name + "_scalar_fp16", "01 0 11110 " + bit(a) + " 0 11000 " + bits(op, 5) + " 10 Rn:5 Rd:5")
                .needs(Feature.FP16)
                .exec(SimdFpExec.pairScalar(f, true))
                .dis((w, pc) -> mn + " h" + rd(w) + ", " + vreg(rn(w), "2h")));
    }

    // ---- vector and scalar x indexed element ----

    private static void addIndexed(List<Row> rows) {
        indexed(rows, "fmla", 0, 0b0001, FpBinary.FMLA);
        indexed(rows, "fmls", 0, 0b0101, FpBinary.FMLS);
        indexed(rows, "fmul", 0, 0b1001, FpBinary.FMUL);
        indexed(rows, "fmulx", 1, 0b1001, FpBinary.FMULX);
    }

    /** Element operand of a single/double by-element form: Vm is M:Rm, index H:L (S) or H (D). */
    private static String elemSd(int w) {
        int m = (w >>> 16) & 31, h = (w >>> 11) & 1, l = (w >>> 21) & 1;
        return sz(w) == 1 ? vreg(m, "d[" + h + "]") : vreg(m, "s[" + (h << 1 | l) + "]");
    }

    /** Element operand of a half-precision by-element form: Vm is Rm (V0-V15), index H:L:M. */
    static String elemH(int w) {
        int m = (w >>> 16) & 15, idx = ((w >>> 11) & 1) << 2 | ((w >>> 21) & 1) << 1 | ((w >>> 20) & 1);
        return vreg(m, "h[" + idx + "]");
    }

    private static void indexed(List<Row> rows, String mn, int u, int op, FpBinary f) {
        String name = mn.toUpperCase();
        String o = bits(op, 4), uu = bit(u);
        rows.add(new Row(name + "_elem_vec", "0 Q:1 " + uu + " 01111 1 sz:1 L:1 M:1 Rm:4 " + o + " H:1 0 Rn:5 Rd:5")
                .when(w -> sz(w) == 0 || (((w >>> 21) & 1) == 0 && q(w) == 1))
                .exec(SimdFpExec.indexed(f, false, false))
                .dis((w, pc) -> mn + " " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w)) + ", " + elemSd(w)));
        rows.add(new Row(name + "_elem_vec_fp16", "0 Q:1 " + uu + " 01111 00 L:1 M:1 Rm:4 " + o + " H:1 0 Rn:5 Rd:5")
                .needs(Feature.FP16)
                .exec(SimdFpExec.indexed(f, true, false))
                .dis((w, pc) -> mn + " " + vreg(rd(w), arrH(w)) + ", " + vreg(rn(w), arrH(w)) + ", " + elemH(w)));
        rows.add(new Row(name + "_elem_scalar", "01 " + uu + " 11111 1 sz:1 L:1 M:1 Rm:4 " + o + " H:1 0 Rn:5 Rd:5")
                .when(w -> sz(w) == 0 || ((w >>> 21) & 1) == 0)
                .exec(SimdFpExec.indexed(f, false, true))
                .dis((w, pc) -> mn + " " + sreg(rd(w), sz(w)) + ", " + sreg(rn(w), sz(w)) + ", " + elemSd(w)));
        rows.add(new Row(name + "_elem_scalar_fp16", "01 " + uu + " 11111 00 L:1 M:1 Rm:4 " + o + " H:1 0 Rn:5 Rd:5")
                .needs(Feature.FP16)
                .exec(SimdFpExec.indexed(f, true, true))
                .dis((w, pc) -> mn + " h" + rd(w) + ", h" + rn(w) + ", " + elemH(w)));
    }

    // ---- shift by immediate: fixed-point conversions ----

    private static void addFixedPoint(List<Row> rows) {
        fixed(rows, "scvtf", 0, 0b11100);
        fixed(rows, "ucvtf", 1, 0b11100);
        fixed(rows, "fcvtzs", 0, 0b11111);
        fixed(rows, "fcvtzu", 1, 0b11111);
    }

    /** Element size of a fixed-point conversion from immh: 001x = H, 01xx = S, 1xxx = D. */
    static int fixedEsize(int w) {
        int immh = (w >>> 19) & 15;
        return immh >= 8 ? 64 : immh >= 4 ? 32 : 16;
    }

    /** #fbits = 2 * esize - immh:immb. */
    static int fbits(int w) {
        return 2 * fixedEsize(w) - ((w >>> 16) & 127);
    }

    private static String fixedArr(int w) {
        return switch (fixedEsize(w)) {
            case 16 -> q(w) == 1 ? "8h" : "4h";
            case 32 -> q(w) == 1 ? "4s" : "2s";
            default -> "2d";
        };
    }

    private static void fixed(List<Row> rows, String mn, int u, int op) {
        String name = mn.toUpperCase();
        String tail = " immb:3 " + bits(op, 5) + " 1 Rn:5 Rd:5";
        rows.add(new Row(name + "_fix_vec", "0 Q:1 " + bit(u) + " 011110 immh:4" + tail)
                .when(w -> fixedEsize(w) > 16 && !(fixedEsize(w) == 64 && q(w) == 0))
                .exec(SimdFpExec.fixedPoint(op == 0b11100, u == 1, false))
                .dis((w, pc) -> mn + " " + vreg(rd(w), fixedArr(w)) + ", " + vreg(rn(w), fixedArr(w)) + ", #" + fbits(w)));
        rows.add(new Row(name + "_fix_vec_fp16", "0 Q:1 " + bit(u) + " 011110 001 ih:1" + tail)
                .needs(Feature.FP16)
                .exec(SimdFpExec.fixedPoint(op == 0b11100, u == 1, false))
                .dis((w, pc) -> mn + " " + vreg(rd(w), fixedArr(w)) + ", " + vreg(rn(w), fixedArr(w)) + ", #" + fbits(w)));
        // immh = 0000 is another group, 0001 (8-bit elements) is unallocated; 001x is FP16 below.
        rows.add(new Row(name + "_fix_scalar", "01 " + bit(u) + " 111110 immh:4" + tail)
                .when(w -> fixedEsize(w) > 16)
                .exec(SimdFpExec.fixedPoint(op == 0b11100, u == 1, true))
                .dis((w, pc) -> {
                    String r = fixedEsize(w) == 64 ? "d" : "s";
                    return mn + " " + r + rd(w) + ", " + r + rn(w) + ", #" + fbits(w);
                }));
        rows.add(new Row(name + "_fix_scalar_fp16", "01 " + bit(u) + " 111110 001 ih:1" + tail)
                .needs(Feature.FP16)
                .exec(SimdFpExec.fixedPoint(op == 0b11100, u == 1, true))
                .dis((w, pc) -> mn + " h" + rd(w) + ", h" + rn(w) + ", #" + fbits(w)));
    }

    // ---- FHM: FMLAL, FMLAL2, FMLSL, FMLSL2 (FEAT_FHM) ----

    private static void addFhm(List<Row> rows) {
        fhm(rows, "fmlal", "0 Q:1 0 01110 0 0 1 Rm:5 11101 1 Rn:5 Rd:5", "0 Q:1 0 01111 10 L:1 M:1 Rm:4 0000 H:1 0 Rn:5 Rd:5",
                false, false);
        fhm(rows, "fmlsl", "0 Q:1 0 01110 1 0 1 Rm:5 11101 1 Rn:5 Rd:5", "0 Q:1 0 01111 10 L:1 M:1 Rm:4 0100 H:1 0 Rn:5 Rd:5",
                true, false);
        fhm(rows, "fmlal2", "0 Q:1 1 01110 0 0 1 Rm:5 11001 1 Rn:5 Rd:5", "0 Q:1 1 01111 10 L:1 M:1 Rm:4 1000 H:1 0 Rn:5 Rd:5",
                false, true);
        fhm(rows, "fmlsl2", "0 Q:1 1 01110 1 0 1 Rm:5 11001 1 Rn:5 Rd:5", "0 Q:1 1 01111 10 L:1 M:1 Rm:4 1100 H:1 0 Rn:5 Rd:5",
                true, true);
    }

    private static void fhm(List<Row> rows, String mn, String vec, String elem, boolean sub, boolean upper) {
        String name = mn.toUpperCase();
        rows.add(new Row(name + "_vec", vec).needs(Feature.FHM)
                .exec(SimdFpExec.fmlal(sub, upper, false))
                .dis((w, pc) -> mn + " " + vreg(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + vreg(rn(w), q(w) == 1 ? "4h" : "2h")
                        + ", " + vreg(rm(w), q(w) == 1 ? "4h" : "2h")));
        rows.add(new Row(name + "_elem", elem).needs(Feature.FHM)
                .exec(SimdFpExec.fmlal(sub, upper, true))
                .dis((w, pc) -> mn + " " + vreg(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + vreg(rn(w), q(w) == 1 ? "4h" : "2h")
                        + ", " + elemH(w)));
    }

    // ---- FCMA (FCMLA, FCADD) and BF16 (BFDOT, BFMMLA, BFMLALB/T) ----

    private static String arrHs(int w) {
        return switch ((w >>> 22) & 3) {
            case 1 -> q(w) == 1 ? "8h" : "4h";
            case 2 -> q(w) == 1 ? "4s" : "2s";
            default -> "2d";
        };
    }

    private static void addFcmaAndBf16(List<Row> rows) {
        // FCMLA (vector): size 01 (H), 10 (S), 11 (D, Q = 1 only).
        rows.add(new Row("FCMLA_vec", "0 Q:1 1 01110 size:2 0 Rm:5 110 rot:2 1 Rn:5 Rd:5")
                .when(w -> ((w >>> 22) & 3) != 0 && !(((w >>> 22) & 3) == 3 && q(w) == 0)).needs(Feature.FCMA)
                .exec(ComplexExec::fcmlaVector)
                .dis((w, pc) -> "fcmla " + vreg(rd(w), arrHs(w)) + ", " + vreg(rn(w), arrHs(w)) + ", "
                        + vreg(rm(w), arrHs(w)) + ", #" + 90 * ((w >>> 11) & 3)));
        rows.add(new Row("FCADD_vec", "0 Q:1 1 01110 size:2 0 Rm:5 111 rot:1 0 1 Rn:5 Rd:5")
                .when(w -> ((w >>> 22) & 3) != 0 && !(((w >>> 22) & 3) == 3 && q(w) == 0)).needs(Feature.FCMA)
                .exec(ComplexExec::fcadd)
                .dis((w, pc) -> "fcadd " + vreg(rd(w), arrHs(w)) + ", " + vreg(rn(w), arrHs(w)) + ", "
                        + vreg(rm(w), arrHs(w)) + ", #" + (((w >>> 12) & 1) == 0 ? 90 : 270)));
        // FCMLA (by element): size 01 (H, index H:L), 10 (S, index H, L = 0, Q = 1 only).
        rows.add(new Row("FCMLA_elem", "0 Q:1 1 01111 size:2 L:1 M:1 Rm:4 0 rot:2 1 H:1 0 Rn:5 Rd:5")
                .when(w -> {
                    int size = (w >>> 22) & 3;
                    // Half precision with Q = 0 has only elements 0 and 1 (H = 0).
                    return size == 1 && !(((w >>> 11) & 1) == 1 && q(w) == 0)
                            || size == 2 && ((w >>> 21) & 1) == 0 && q(w) == 1;
                }).needs(Feature.FCMA)
                .exec(ComplexExec::fcmlaElement)
                .dis((w, pc) -> {
                    int size = (w >>> 22) & 3, h = (w >>> 11) & 1, l = (w >>> 21) & 1;
                    String e = size == 1 ? vreg((w >>> 16) & 31, "h[" + (h << 1 | l) + "]") : vreg((w >>> 16) & 31, "s[" + h + "]");
                    return "fcmla " + vreg(rd(w), arrHs(w)) + ", " + vreg(rn(w), arrHs(w)) + ", " + e + ", #"
                            + 90 * ((w >>> 13) & 3);
                }));
        rows.add(new Row("BFDOT_vec", "0 Q:1 1 01110 01 0 Rm:5 111111 Rn:5 Rd:5").needs(Feature.BF16)
                .exec(Bf16Exec::bfdotVector)
                .dis((w, pc) -> "bfdot " + vreg(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + vreg(rn(w), q(w) == 1 ? "8h" : "4h")
                        + ", " + vreg(rm(w), q(w) == 1 ? "8h" : "4h")));
        rows.add(new Row("BFMMLA", "0 1 1 01110 01 0 Rm:5 111011 Rn:5 Rd:5").needs(Feature.BF16)
                .exec(Bf16Exec::bfmmla)
                .dis((w, pc) -> "bfmmla " + vreg(rd(w), "4s") + ", " + vreg(rn(w), "8h") + ", " + vreg(rm(w), "8h")));
        rows.add(new Row("BFMLAL_vec", "0 Q:1 1 01110 11 0 Rm:5 111111 Rn:5 Rd:5").needs(Feature.BF16)
                .exec(Bf16Exec::bfmlalVector)
                .dis((w, pc) -> (q(w) == 1 ? "bfmlalt " : "bfmlalb ") + vreg(rd(w), "4s") + ", " + vreg(rn(w), "8h") + ", "
                        + vreg(rm(w), "8h")));
        rows.add(new Row("BFDOT_elem", "0 Q:1 0 01111 01 L:1 M:1 Rm:4 1111 H:1 0 Rn:5 Rd:5").needs(Feature.BF16)
                .exec(Bf16Exec::bfdotElement)
                .dis((w, pc) -> "bfdot " + vreg(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + vreg(rn(w), q(w) == 1 ? "8h" : "4h")
                        + ", " + vreg((w >>> 16) & 31, "2h[" + (((w >>> 11) & 1) << 1 | ((w >>> 21) & 1)) + "]")));
        rows.add(new Row("BFMLAL_elem", "0 Q:1 0 01111 11 L:1 M:1 Rm:4 1111 H:1 0 Rn:5 Rd:5").needs(Feature.BF16)
                .exec(Bf16Exec::bfmlalElement)
                .dis((w, pc) -> (q(w) == 1 ? "bfmlalt " : "bfmlalb ") + vreg(rd(w), "4s") + ", " + vreg(rn(w), "8h") + ", "
                        + elemH(w)));
    }
}
