package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.simd.fp.Bf16Exec;
import io.el2studio.sim.simd.fp.FpBinary;
import io.el2studio.sim.simd.fp.FpUnary;
import io.el2studio.sim.simd.fp.SimdFpExec;

/**
 * Advanced SIMD floating point: three same (and its FP16 form), two-register miscellaneous (and its
 * FP16 form), vector and scalar (Arm ARM C4.1.95, "Data processing -- Scalar FP and Advanced SIMD").
 * The other AdvSIMD FP groups (across lanes, pairwise, by element, fixed-point conversions, FHM,
 * FCMA, BF16) are in {@link SimdFpRows2}. These rows come before the integer AdvSIMD rows of
 * {@link SimdRows} in the table, so each one fixes every opcode bit of its instruction.
 *
 * <p>Operand formats follow GNU objdump 2.40: {@code fadd v0.4s, v1.4s, v2.4s},
 * {@code fcmeq s0, s1, #0.0}, {@code fcvtn2 v0.8h, v1.4s}.
 */
final class SimdFpRows {
    private SimdFpRows() {
    }

    /**
     * One line of the "three same" FP opcode table: U, a (size&lt;1&gt;), opcode&lt;2:0&gt; (the
     * opcode is 11xxx in the single/double form and 00xxx in the FP16 form), and whether the
     * scalar form is allocated.
     */
    private record Same(String mnemonic, int u, int a, int op, boolean scalar, FpBinary f) {
    }

    private static final Same[] THREE_SAME = {
        new Same("fmaxnm", 0, 0, 0b000, false, FpBinary.FMAXNM),
        new Same("fmla", 0, 0, 0b001, false, FpBinary.FMLA),
        new Same("fadd", 0, 0, 0b010, false, FpBinary.FADD),
        new Same("fmulx", 0, 0, 0b011, true, FpBinary.FMULX),
        new Same("fcmeq", 0, 0, 0b100, true, FpBinary.FCMEQ),
        new Same("fmax", 0, 0, 0b110, false, FpBinary.FMAX),
        new Same("frecps", 0, 0, 0b111, true, FpBinary.FRECPS),
        new Same("fminnm", 0, 1, 0b000, false, FpBinary.FMINNM),
        new Same("fmls", 0, 1, 0b001, false, FpBinary.FMLS),
        new Same("fsub", 0, 1, 0b010, false, FpBinary.FSUB),
        new Same("fmin", 0, 1, 0b110, false, FpBinary.FMIN),
        new Same("frsqrts", 0, 1, 0b111, true, FpBinary.FRSQRTS),
        new Same("fmaxnmp", 1, 0, 0b000, false, FpBinary.FMAXNMP),
        new Same("faddp", 1, 0, 0b010, false, FpBinary.FADDP),
        new Same("fmul", 1, 0, 0b011, false, FpBinary.FMUL),
        new Same("fcmge", 1, 0, 0b100, true, FpBinary.FCMGE),
        new Same("facge", 1, 0, 0b101, true, FpBinary.FACGE),
        new Same("fmaxp", 1, 0, 0b110, false, FpBinary.FMAXP),
        new Same("fdiv", 1, 0, 0b111, false, FpBinary.FDIV),
        new Same("fminnmp", 1, 1, 0b000, false, FpBinary.FMINNMP),
        new Same("fabd", 1, 1, 0b010, true, FpBinary.FABD),
        new Same("fcmgt", 1, 1, 0b100, true, FpBinary.FCMGT),
        new Same("facgt", 1, 1, 0b101, true, FpBinary.FACGT),
        new Same("fminp", 1, 1, 0b110, false, FpBinary.FMINP),
    };

    /**
     * One line of the two-register miscellaneous FP opcode table (U, a = size&lt;1&gt;, opcode), with
     * the forms that are allocated: vector single/double, vector FP16, scalar single/double, scalar FP16.
     */
    private record Misc(String mnemonic, int u, int a, int op, boolean vec, boolean vec16, boolean sc, boolean sc16,
            FpUnary f) {
    }

    private static final Misc[] TWO_MISC = {
        new Misc("fcmgt", 0, 1, 0b01100, true, true, true, true, FpUnary.FCMGT_ZERO),
        new Misc("fcmeq", 0, 1, 0b01101, true, true, true, true, FpUnary.FCMEQ_ZERO),
        new Misc("fcmlt", 0, 1, 0b01110, true, true, true, true, FpUnary.FCMLT_ZERO),
        new Misc("fabs", 0, 1, 0b01111, true, true, false, false, FpUnary.FABS),
        new Misc("fcmge", 1, 1, 0b01100, true, true, true, true, FpUnary.FCMGE_ZERO),
        new Misc("fcmle", 1, 1, 0b01101, true, true, true, true, FpUnary.FCMLE_ZERO),
        new Misc("fneg", 1, 1, 0b01111, true, true, false, false, FpUnary.FNEG),
        new Misc("frintn", 0, 0, 0b11000, true, true, false, false, FpUnary.FRINTN),
        new Misc("frintm", 0, 0, 0b11001, true, true, false, false, FpUnary.FRINTM),
        new Misc("fcvtns", 0, 0, 0b11010, true, true, true, true, FpUnary.FCVTNS),
        new Misc("fcvtms", 0, 0, 0b11011, true, true, true, true, FpUnary.FCVTMS),
        new Misc("fcvtas", 0, 0, 0b11100, true, true, true, true, FpUnary.FCVTAS),
        new Misc("scvtf", 0, 0, 0b11101, true, true, true, true, FpUnary.SCVTF),
        new Misc("frintp", 0, 1, 0b11000, true, true, false, false, FpUnary.FRINTP),
        new Misc("frintz", 0, 1, 0b11001, true, true, false, false, FpUnary.FRINTZ),
        new Misc("fcvtps", 0, 1, 0b11010, true, true, true, true, FpUnary.FCVTPS),
        new Misc("fcvtzs", 0, 1, 0b11011, true, true, true, true, FpUnary.FCVTZS),
        new Misc("frecpe", 0, 1, 0b11101, true, true, true, true, FpUnary.FRECPE),
        new Misc("frecpx", 0, 1, 0b11111, false, false, true, true, FpUnary.FRECPX),
        new Misc("frinta", 1, 0, 0b11000, true, true, false, false, FpUnary.FRINTA),
        new Misc("frintx", 1, 0, 0b11001, true, true, false, false, FpUnary.FRINTX),
        new Misc("fcvtnu", 1, 0, 0b11010, true, true, true, true, FpUnary.FCVTNU),
        new Misc("fcvtmu", 1, 0, 0b11011, true, true, true, true, FpUnary.FCVTMU),
        new Misc("fcvtau", 1, 0, 0b11100, true, true, true, true, FpUnary.FCVTAU),
        new Misc("ucvtf", 1, 0, 0b11101, true, true, true, true, FpUnary.UCVTF),
        new Misc("frinti", 1, 1, 0b11001, true, true, false, false, FpUnary.FRINTI),
        new Misc("fcvtpu", 1, 1, 0b11010, true, true, true, true, FpUnary.FCVTPU),
        new Misc("fcvtzu", 1, 1, 0b11011, true, true, true, true, FpUnary.FCVTZU),
        new Misc("frsqrte", 1, 1, 0b11101, true, true, true, true, FpUnary.FRSQRTE),
        new Misc("fsqrt", 1, 1, 0b11111, true, true, false, false, FpUnary.FSQRT),
    };

    static void addTo(List<Row> rows) {
        for (Same s : THREE_SAME) {
            addThreeSame(rows, s);
        }
        for (Misc m : TWO_MISC) {
            addTwoMisc(rows, m);
        }
        addNarrowWiden(rows);
        SimdFpRows2.addTo(rows);
    }

    // ---- three same ----

    private static void addThreeSame(List<Row> rows, Same s) {
        String name = s.mnemonic().toUpperCase();
        String u = bit(s.u()), a = bit(s.a()), op = bits(s.op(), 3);
        rows.add(new Row(name + "_vec", "0 Q:1 " + u + " 01110 " + a + " sz:1 1 Rm:5 11" + op + " 1 Rn:5 Rd:5")
                .when(w -> !(sz(w) == 1 && q(w) == 0))
                .exec(SimdFpExec.threeSame(s.f(), false, false))
                .dis((w, pc) -> s.mnemonic() + " " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w)) + ", "
                        + vreg(rm(w), arrSz(w))));
        rows.add(new Row(name + "_vec_fp16", "0 Q:1 " + u + " 01110 " + a + " 10 Rm:5 00" + op + " 1 Rn:5 Rd:5")
                .needs(Feature.FP16)
                .exec(SimdFpExec.threeSame(s.f(), true, false))
                .dis((w, pc) -> s.mnemonic() + " " + vreg(rd(w), arrH(w)) + ", " + vreg(rn(w), arrH(w)) + ", "
                        + vreg(rm(w), arrH(w))));
        if (s.scalar()) {
            rows.add(new Row(name + "_scalar", "01 " + u + " 11110 " + a + " sz:1 1 Rm:5 11" + op + " 1 Rn:5 Rd:5")
                    .exec(SimdFpExec.threeSame(s.f(), false, true))
                    .dis((w, pc) -> s.mnemonic() + " " + sreg(rd(w), sz(w)) + ", " + sreg(rn(w), sz(w)) + ", "
                            + sreg(rm(w), sz(w))));
            rows.add(new Row(name + "_scalar_fp16", "01 " + u + " 11110 " + a + " 10 Rm:5 00" + op + " 1 Rn:5 Rd:5")
                    .needs(Feature.FP16)
                    .exec(SimdFpExec.threeSame(s.f(), true, true))
                    .dis((w, pc) -> s.mnemonic() + " h" + rd(w) + ", h" + rn(w) + ", h" + rm(w)));
        }
    }

    // ---- two-register miscellaneous ----

    private static void addTwoMisc(List<Row> rows, Misc m) {
        String zero = m.f().comparesWithZero() ? ", #0.0" : "";
        String name = m.mnemonic().toUpperCase() + (zero.isEmpty() ? "" : "_zero");
        String u = bit(m.u()), a = bit(m.a()), op = bits(m.op(), 5);
        if (m.vec()) {
            rows.add(new Row(name + "_vec", "0 Q:1 " + u + " 01110 " + a + " sz:1 10000 " + op + " 10 Rn:5 Rd:5")
                    .when(w -> !(sz(w) == 1 && q(w) == 0))
                    .exec(SimdFpExec.twoMisc(m.f(), false, false))
                    .dis((w, pc) -> m.mnemonic() + " " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w)) + zero));
        }
        if (m.vec16()) {
            rows.add(new Row(name + "_vec_fp16", "0 Q:1 " + u + " 01110 " + a + " 111100 " + op + " 10 Rn:5 Rd:5")
                    .needs(Feature.FP16)
                    .exec(SimdFpExec.twoMisc(m.f(), true, false))
                    .dis((w, pc) -> m.mnemonic() + " " + vreg(rd(w), arrH(w)) + ", " + vreg(rn(w), arrH(w)) + zero));
        }
        if (m.sc()) {
            rows.add(new Row(name + "_scalar", "01 " + u + " 11110 " + a + " sz:1 10000 " + op + " 10 Rn:5 Rd:5")
                    .exec(SimdFpExec.twoMisc(m.f(), false, true))
                    .dis((w, pc) -> m.mnemonic() + " " + sreg(rd(w), sz(w)) + ", " + sreg(rn(w), sz(w)) + zero));
        }
        if (m.sc16()) {
            rows.add(new Row(name + "_scalar_fp16", "01 " + u + " 11110 " + a + " 111100 " + op + " 10 Rn:5 Rd:5")
                    .needs(Feature.FP16)
                    .exec(SimdFpExec.twoMisc(m.f(), true, true))
                    .dis((w, pc) -> m.mnemonic() + " h" + rd(w) + ", h" + rn(w) + zero));
        }
    }

    /** FCVTN/FCVTXN (narrow), FCVTL (widen), URECPE/URSQRTE and BFCVTN: the odd ones of the group. */
    private static void addNarrowWiden(List<Row> rows) {
        rows.add(new Row("FCVTN_vec", "0 Q:1 0 01110 0 sz:1 10000 10110 10 Rn:5 Rd:5")
                .exec(SimdFpExec::fcvtn)
                .dis((w, pc) -> (q(w) == 1 ? "fcvtn2 " : "fcvtn ")
                        + vreg(rd(w), sz(w) == 1 ? (q(w) == 1 ? "4s" : "2s") : (q(w) == 1 ? "8h" : "4h")) + ", "
                        + vreg(rn(w), sz(w) == 1 ? "2d" : "4s")));
        rows.add(new Row("FCVTL_vec", "0 Q:1 0 01110 0 sz:1 10000 10111 10 Rn:5 Rd:5")
                .exec(SimdFpExec::fcvtl)
                .dis((w, pc) -> (q(w) == 1 ? "fcvtl2 " : "fcvtl ") + vreg(rd(w), sz(w) == 1 ? "2d" : "4s") + ", "
                        + vreg(rn(w), sz(w) == 1 ? (q(w) == 1 ? "4s" : "2s") : (q(w) == 1 ? "8h" : "4h"))));
        rows.add(new Row("FCVTXN_vec", "0 Q:1 1 01110 0 1 10000 10110 10 Rn:5 Rd:5")
                .exec(SimdFpExec::fcvtxnVec)
                .dis((w, pc) -> (q(w) == 1 ? "fcvtxn2 " : "fcvtxn ") + vreg(rd(w), q(w) == 1 ? "4s" : "2s") + ", "
                        + vreg(rn(w), "2d")));
        rows.add(new Row("FCVTXN_scalar", "01 1 11110 0 1 10000 10110 10 Rn:5 Rd:5")
                .exec(SimdFpExec::fcvtxnScalar)
                .dis((w, pc) -> "fcvtxn s" + rd(w) + ", d" + rn(w)));
        rows.add(new Row("URECPE", "0 Q:1 0 01110 1 0 10000 11100 10 Rn:5 Rd:5")
                .exec(SimdFpExec::urecpe)
                .dis((w, pc) -> "urecpe " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w))));
        rows.add(new Row("URSQRTE", "0 Q:1 1 01110 1 0 10000 11100 10 Rn:5 Rd:5")
                .exec(SimdFpExec::ursqrte)
                .dis((w, pc) -> "ursqrte " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w))));
        rows.add(new Row("BFCVTN_vec", "0 Q:1 0 01110 1 0 10000 10110 10 Rn:5 Rd:5")
                .needs(Feature.BF16)
                .exec(Bf16Exec::bfcvtn)
                .dis((w, pc) -> (q(w) == 1 ? "bfcvtn2 " : "bfcvtn ") + vreg(rd(w), q(w) == 1 ? "8h" : "4h") + ", "
                        + vreg(rn(w), "4s")));
        rows.add(new Row("FRINT32Z_vec", "0 Q:1 0 01110 0 sz:1 10000 11110 10 Rn:5 Rd:5")
                .when(w -> !(sz(w) == 1 && q(w) == 0)).needs(Feature.FRINTTS)
                .exec(SimdFpExec.twoMisc(FpUnary.FRINT32Z, false, false))
                .dis((w, pc) -> "frint32z " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w))));
        rows.add(new Row("FRINT64Z_vec", "0 Q:1 0 01110 0 sz:1 10000 11111 10 Rn:5 Rd:5")
                .when(w -> !(sz(w) == 1 && q(w) == 0)).needs(Feature.FRINTTS)
                .exec(SimdFpExec.twoMisc(FpUnary.FRINT64Z, false, false))
                .dis((w, pc) -> "frint64z " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w))));
        rows.add(new Row("FRINT32X_vec", "0 Q:1 1 01110 0 sz:1 10000 11110 10 Rn:5 Rd:5")
                .when(w -> !(sz(w) == 1 && q(w) == 0)).needs(Feature.FRINTTS)
                .exec(SimdFpExec.twoMisc(FpUnary.FRINT32X, false, false))
                .dis((w, pc) -> "frint32x " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w))));
        rows.add(new Row("FRINT64X_vec", "0 Q:1 1 01110 0 sz:1 10000 11111 10 Rn:5 Rd:5")
                .when(w -> !(sz(w) == 1 && q(w) == 0)).needs(Feature.FRINTTS)
                .exec(SimdFpExec.twoMisc(FpUnary.FRINT64X, false, false))
                .dis((w, pc) -> "frint64x " + vreg(rd(w), arrSz(w)) + ", " + vreg(rn(w), arrSz(w))));
    }

    // ---- field helpers and operand text, shared with SimdFpRows2 ----

    static String bit(int b) {
        return b == 0 ? "0" : "1";
    }

    static String bits(int v, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = n - 1; i >= 0; i--) {
            sb.append((v >>> i) & 1);
        }
        return sb.toString();
    }

    static int rd(int w) { return w & 31; }
    static int rn(int w) { return (w >>> 5) & 31; }
    static int rm(int w) { return (w >>> 16) & 31; }
    static int q(int w) { return (w >>> 30) & 1; }
    static int sz(int w) { return (w >>> 22) & 1; }

    /** Arrangement of a single/double vector: 2s, 4s or 2d. */
    static String arrSz(int w) {
        return sz(w) == 1 ? "2d" : (q(w) == 1 ? "4s" : "2s");
    }

    /** Arrangement of a half-precision vector: 4h or 8h. */
    static String arrH(int w) {
        return q(w) == 1 ? "8h" : "4h";
    }

    static String vreg(int n, String arr) {
        return "v" + n + "." + arr;
    }

    /** s or d scalar register by sz. */
    static String sreg(int n, int sz) {
        return (sz == 1 ? "d" : "s") + n;
    }
}
