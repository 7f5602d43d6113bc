package io.el2studio.sim.isa;

import static io.el2studio.sim.isa.DpText.condLast;
import static io.el2studio.sim.isa.DpText.r;

import java.util.List;
import java.util.Locale;

import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.fp.FPU;
import io.el2studio.sim.fp.FpScalar;

/**
 * op0 = x111, the scalar "Floating-point" encodings of "Data Processing -- Scalar Floating-Point and
 * Advanced SIMD" (Arm ARM C4.1.96): conversions to and from fixed point and integers, FMOV, the
 * 1-, 2- and 3-source data processing, compares, conditional compare and select.
 *
 * <p>ftype (bits 23:22) selects the precision: 00 single and 01 double (FEAT_FP), 11 half (FEAT_FP16,
 * so each half-precision form is its own row gated by {@link Feature#FP16}), 10 unallocated except
 * for FMOV to and from the top half of a vector register. FCVT between half and single/double is
 * Armv8.0 and needs only FP. FJCVTZS (FEAT_JSCVT) and FRINT32/64 (FEAT_FRINTTS) are implemented and
 * decode for profiles that have those features. BFCVT (FEAT_BF16) shares its conversion with the
 * AdvSIMD BFCVTN in {@code simd.fp.Bf16Exec}.
 *
 * <p>Disassembly is GNU objdump 2.40's: {@code fmov s0, #1.000000000000000000e+00},
 * {@code fccmp s1, s2, #0x0, eq // eq = none}, {@code fmov x2, v5.d[1]}.
 */
final class FpRows {
    private FpRows() {
    }

    static void addTo(List<Row> rows) {
        fixedPoint(rows);
        integer(rows);
        oneSource(rows);
        compare(rows);
        immediate(rows);
        conditionalCompare(rows);
        twoSource(rows);
        conditionalSelect(rows);
        threeSource(rows);
    }

    // ---- operand text ----

    /** Scalar FP register of the ftype precision: h, s or d. */
    static String v(int w, int reg) {
        return prefix(FpScalar.esize(w)) + (reg & 31);
    }

    static String prefix(int esize) {
        return esize == 16 ? "h" : esize == 32 ? "s" : "d";
    }

    private static int rd(int w) {
        return w & 31;
    }

    private static int rn(int w) {
        return (w >>> 5) & 31;
    }

    private static int rm(int w) {
        return (w >>> 16) & 31;
    }

    /** The FMOV immediate as objdump prints it (printf "%.18e" of the expanded value). */
    static String fpImm(int w) {
        long bits = FpScalar.expandImm(64, (w >>> 13) & 0xFF);
        return String.format(Locale.ROOT, "#%.18e", Double.longBitsToDouble(bits));
    }

    /**
     * Adds the single/double row (ftype = 0x, FEAT_FP) and the half-precision row (ftype = 11,
     * FEAT_FP16) of one instruction; {@code pattern} spells ftype as "TT".
     */
    private static void both(List<Row> rows, String name, String pattern, Guard guard, Exec exec, Disasm dis) {
        Row sd = new Row(name, pattern.replace("TT", "0x")).exec(exec).dis(dis).needs(Feature.FP);
        Row h = new Row(name + "_H", pattern.replace("TT", "11")).exec(exec).dis(dis).needs(Feature.FP16);
        if (guard != null) {
            sd.when(guard);
            h.when(guard);
        }
        rows.add(sd);
        rows.add(h);
    }

    // ---- Conversion between floating-point and fixed-point ----

    /** sf = 0 with scale < 32 (more than 32 fraction bits) is unallocated. */
    private static final Guard FIXED_SCALE = w -> w < 0 || ((w >>> 15) & 1) != 0;

    private static String fbits(int w) {
        return ", #" + (64 - ((w >>> 10) & 63));
    }

    private static void fixedPoint(List<Row> rows) {
        both(rows, "FCVTZS_fixed", "sf:1 0 0 11110 TT 0 11 000 scale:6 Rn:5 Rd:5", FIXED_SCALE,
                FpScalar.toInt(FPU.ZERO, false, true), (w, pc) -> "fcvtzs " + r(w < 0, rd(w)) + ", " + v(w, rn(w)) + fbits(w));
        both(rows, "FCVTZU_fixed", "sf:1 0 0 11110 TT 0 11 001 scale:6 Rn:5 Rd:5", FIXED_SCALE,
                FpScalar.toInt(FPU.ZERO, true, true), (w, pc) -> "fcvtzu " + r(w < 0, rd(w)) + ", " + v(w, rn(w)) + fbits(w));
        both(rows, "SCVTF_fixed", "sf:1 0 0 11110 TT 0 00 010 scale:6 Rn:5 Rd:5", FIXED_SCALE,
                FpScalar.fromInt(false, true), (w, pc) -> "scvtf " + v(w, rd(w)) + ", " + r(w < 0, rn(w)) + fbits(w));
        both(rows, "UCVTF_fixed", "sf:1 0 0 11110 TT 0 00 011 scale:6 Rn:5 Rd:5", FIXED_SCALE,
                FpScalar.fromInt(true, true), (w, pc) -> "ucvtf " + v(w, rd(w)) + ", " + r(w < 0, rn(w)) + fbits(w));
    }

    // ---- Conversion between floating-point and integer ----

    private static void integer(List<Row> rows) {
        String[] rmodes = {"n", "p", "m", "z"};
        int[] roundings = {FPU.TIEEVEN, FPU.POSINF, FPU.NEGINF, FPU.ZERO};
        for (int rm = 0; rm < 4; rm++) {
            String bits = ((rm >> 1) & 1) + "" + (rm & 1);
            String s = "fcvt" + rmodes[rm] + "s", u = "fcvt" + rmodes[rm] + "u";
            both(rows, s.toUpperCase(Locale.ROOT), "sf:1 0 0 11110 TT 1 " + bits + " 000 000000 Rn:5 Rd:5", null,
                    FpScalar.toInt(roundings[rm], false, false), (w, pc) -> s + " " + r(w < 0, rd(w)) + ", " + v(w, rn(w)));
            both(rows, u.toUpperCase(Locale.ROOT), "sf:1 0 0 11110 TT 1 " + bits + " 001 000000 Rn:5 Rd:5", null,
                    FpScalar.toInt(roundings[rm], true, false), (w, pc) -> u + " " + r(w < 0, rd(w)) + ", " + v(w, rn(w)));
        }
        both(rows, "FCVTAS", "sf:1 0 0 11110 TT 1 00 100 000000 Rn:5 Rd:5", null,
                FpScalar.toInt(FPU.TIEAWAY, false, false), (w, pc) -> "fcvtas " + r(w < 0, rd(w)) + ", " + v(w, rn(w)));
        both(rows, "FCVTAU", "sf:1 0 0 11110 TT 1 00 101 000000 Rn:5 Rd:5", null,
                FpScalar.toInt(FPU.TIEAWAY, true, false), (w, pc) -> "fcvtau " + r(w < 0, rd(w)) + ", " + v(w, rn(w)));
        both(rows, "SCVTF", "sf:1 0 0 11110 TT 1 00 010 000000 Rn:5 Rd:5", null,
                FpScalar.fromInt(false, false), (w, pc) -> "scvtf " + v(w, rd(w)) + ", " + r(w < 0, rn(w)));
        both(rows, "UCVTF", "sf:1 0 0 11110 TT 1 00 011 000000 Rn:5 Rd:5", null,
                FpScalar.fromInt(true, false), (w, pc) -> "ucvtf " + v(w, rd(w)) + ", " + r(w < 0, rn(w)));

        // FMOV (general): W<->S and X<->D only in matching sizes; H<->W/X is FEAT_FP16.
        Disasm toGen = (w, pc) -> "fmov " + r(w < 0, rd(w)) + ", " + v(w, rn(w));
        Disasm fromGen = (w, pc) -> "fmov " + v(w, rd(w)) + ", " + r(w < 0, rn(w));
        rows.add(new Row("FMOV_WS", "0 0 0 11110 00 1 00 110 000000 Rn:5 Rd:5").needs(Feature.FP)
                .exec(FpScalar::fmovToGeneral).dis(toGen));
        rows.add(new Row("FMOV_SW", "0 0 0 11110 00 1 00 111 000000 Rn:5 Rd:5").needs(Feature.FP)
                .exec(FpScalar::fmovFromGeneral).dis(fromGen));
        rows.add(new Row("FMOV_XD", "1 0 0 11110 01 1 00 110 000000 Rn:5 Rd:5").needs(Feature.FP)
                .exec(FpScalar::fmovToGeneral).dis(toGen));
        rows.add(new Row("FMOV_DX", "1 0 0 11110 01 1 00 111 000000 Rn:5 Rd:5").needs(Feature.FP)
                .exec(FpScalar::fmovFromGeneral).dis(fromGen));
        rows.add(new Row("FMOV_XH", "sf:1 0 0 11110 11 1 00 110 000000 Rn:5 Rd:5").needs(Feature.FP16)
                .exec(FpScalar::fmovToGeneral).dis(toGen));
        rows.add(new Row("FMOV_HX", "sf:1 0 0 11110 11 1 00 111 000000 Rn:5 Rd:5").needs(Feature.FP16)
                .exec(FpScalar::fmovFromGeneral).dis(fromGen));
        rows.add(new Row("FMOV_X_D1", "1 0 0 11110 10 1 01 110 000000 Rn:5 Rd:5").needs(Feature.FP)
                .exec(FpScalar::fmovToGeneralTop).dis((w, pc) -> "fmov " + r(true, rd(w)) + ", v" + rn(w) + ".d[1]"));
        rows.add(new Row("FMOV_D1_X", "1 0 0 11110 10 1 01 111 000000 Rn:5 Rd:5").needs(Feature.FP)
                .exec(FpScalar::fmovFromGeneralTop).dis((w, pc) -> "fmov v" + rd(w) + ".d[1], " + r(true, rn(w))));
        // FEAT_JSCVT (implemented; decodes only for profiles that have it).
        rows.add(new Row("FJCVTZS", "0 0 0 11110 01 1 11 110 000000 Rn:5 Rd:5").needs(Feature.JSCVT)
                .exec(FpScalar::fjcvtzs).dis((w, pc) -> "fjcvtzs " + r(false, rd(w)) + ", d" + rn(w)));
    }

    // ---- Floating-point data-processing (1 source) ----

    private static void oneSource(List<Row> rows) {
        String[] names = {"fmov", "fabs", "fneg", "fsqrt"};
        FpScalar.Unary[] ops = {
            (n, a, fpcr, st) -> a,
            (n, a, fpcr, st) -> FPU.abs(n, a),
            (n, a, fpcr, st) -> FPU.neg(n, a),
            FPU::sqrt,
        };
        for (int op = 0; op < 4; op++) {
            String m = names[op];
            both(rows, m.toUpperCase(Locale.ROOT), "000 11110 TT 1 0000 " + (op >> 1) + (op & 1) + " 10000 Rn:5 Rd:5", null,
                    FpScalar.unary(ops[op]), (w, pc) -> m + " " + v(w, rd(w)) + ", " + v(w, rn(w)));
        }
        // FCVT: opc (bits 16:15) is the destination precision; it must differ from ftype, 10 is BFCVT.
        Guard fcvt = w -> {
            int type = (w >>> 22) & 3, opc = (w >>> 15) & 3;
            return type != 2 && opc != 2 && type != opc;
        };
        rows.add(new Row("FCVT", "000 11110 ftype:2 1 0001 opc:2 10000 Rn:5 Rd:5").when(fcvt).needs(Feature.FP)
                .exec(FpScalar::fcvt)
                .dis((w, pc) -> {
                    int opc = (w >>> 15) & 3;
                    return "fcvt " + prefix(opc == 0 ? 32 : opc == 1 ? 64 : 16) + rd(w) + ", " + v(w, rn(w));
                }));
        rows.add(new Row("BFCVT", "000 11110 01 1 000110 10000 Rn:5 Rd:5").needs(Feature.BF16)
                .exec(io.el2studio.sim.simd.fp.Bf16Exec::bfcvtScalar).dis((w, pc) -> "bfcvt h" + rd(w) + ", s" + rn(w)));
        // FRINT*: rmode (bits 17:15) N, P, M, Z, A, -, X, I.
        String[] frint = {"frintn", "frintp", "frintm", "frintz", "frinta", null, "frintx", "frinti"};
        int[] roundings = {FPU.TIEEVEN, FPU.POSINF, FPU.NEGINF, FPU.ZERO, FPU.TIEAWAY, 0, -1, -1};
        for (int rm = 0; rm < 8; rm++) {
            if (frint[rm] == null) {
                continue;
            }
            String m = frint[rm];
            int rounding = roundings[rm];
            boolean exact = rm == 6;
            FpScalar.Unary op = (n, a, fpcr, st) ->
                    FPU.roundInt(n, a, rounding < 0 ? FPU.rounding(fpcr) : rounding, exact, fpcr, st);
            both(rows, m.toUpperCase(Locale.ROOT), "000 11110 TT 1 001 " + (rm >> 2) + ((rm >> 1) & 1) + (rm & 1)
                    + " 10000 Rn:5 Rd:5", null, FpScalar.unary(op), (w, pc) -> m + " " + v(w, rd(w)) + ", " + v(w, rn(w)));
        }
        // FEAT_FRINTTS: FRINT32Z, FRINT32X, FRINT64Z, FRINT64X (single and double only).
        String[] frintts = {"frint32z", "frint32x", "frint64z", "frint64x"};
        for (int op = 0; op < 4; op++) {
            String m = frintts[op];
            int intSize = op < 2 ? 32 : 64;
            boolean z = (op & 1) == 0;
            FpScalar.Unary f = (n, a, fpcr, st) -> FPU.roundIntN(n, a, z ? FPU.ZERO : FPU.rounding(fpcr), intSize, fpcr, st);
            rows.add(new Row(m.toUpperCase(Locale.ROOT), "000 11110 0x 1 0100 " + (op >> 1) + (op & 1) + " 10000 Rn:5 Rd:5")
                    .needs(Feature.FRINTTS).exec(FpScalar.unary(f)).dis((w, pc) -> m + " " + v(w, rd(w)) + ", " + v(w, rn(w))));
        }
    }

    // ---- Floating-point compare ----

    private static void compare(List<Row> rows) {
        both(rows, "FCMP", "000 11110 TT 1 Rm:5 00 1000 Rn:5 opc:2 000", null, FpScalar::fcmp,
                (w, pc) -> ((w & 16) != 0 ? "fcmpe " : "fcmp ") + v(w, rn(w)) + ", "
                        + ((w & 8) != 0 ? "#0.0" : v(w, rm(w))));
    }

    // ---- Floating-point immediate ----

    private static void immediate(List<Row> rows) {
        both(rows, "FMOV_imm", "000 11110 TT 1 imm8:8 100 00000 Rd:5", null, FpScalar::fmovImm,
                (w, pc) -> "fmov " + v(w, rd(w)) + ", " + fpImm(w));
    }

    // ---- Floating-point conditional compare ----

    private static void conditionalCompare(List<Row> rows) {
        both(rows, "FCCMP", "000 11110 TT 1 Rm:5 cond:4 01 Rn:5 op:1 nzcv:4", null, FpScalar::fccmp,
                (w, pc) -> ((w & 16) != 0 ? "fccmpe " : "fccmp ") + v(w, rn(w)) + ", " + v(w, rm(w))
                        + ", #0x" + Integer.toHexString(w & 15) + ", " + condLast((w >>> 12) & 15));
    }

    // ---- Floating-point data-processing (2 source) ----

    private static void twoSource(List<Row> rows) {
        String[] names = {"fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"};
        FpScalar.Binary[] ops = {
            FPU::mul, FPU::div, FPU::add, FPU::sub, FPU::max, FPU::min, FPU::maxNum, FPU::minNum,
            (n, a, b, fpcr, st) -> FPU.neg(n, FPU.mul(n, a, b, fpcr, st)),
        };
        for (int op = 0; op < names.length; op++) {
            String m = names[op];
            String opcode = Integer.toBinaryString(16 | op).substring(1);
            both(rows, m.toUpperCase(Locale.ROOT), "000 11110 TT 1 Rm:5 " + opcode + " 10 Rn:5 Rd:5", null,
                    FpScalar.binary(ops[op]), (w, pc) -> m + " " + v(w, rd(w)) + ", " + v(w, rn(w)) + ", " + v(w, rm(w)));
        }
    }

    // ---- Floating-point conditional select ----

    private static void conditionalSelect(List<Row> rows) {
        both(rows, "FCSEL", "000 11110 TT 1 Rm:5 cond:4 11 Rn:5 Rd:5", null, FpScalar::fcsel,
                (w, pc) -> "fcsel " + v(w, rd(w)) + ", " + v(w, rn(w)) + ", " + v(w, rm(w)) + ", "
                        + condLast((w >>> 12) & 15));
    }

    // ---- Floating-point data-processing (3 source) ----

    private static void threeSource(List<Row> rows) {
        String[] names = {"fmadd", "fmsub", "fnmadd", "fnmsub"};
        // FPMulAdd(addend, op1, op2) with the negations of the Arm ARM pseudocode applied first.
        FpScalar.Ternary[] ops = {
            (n, a, x, y, fpcr, st) -> FPU.mulAdd(n, a, x, y, fpcr, st),
            (n, a, x, y, fpcr, st) -> FPU.mulAdd(n, a, FPU.neg(n, x), y, fpcr, st),
            (n, a, x, y, fpcr, st) -> FPU.mulAdd(n, FPU.neg(n, a), FPU.neg(n, x), y, fpcr, st),
            (n, a, x, y, fpcr, st) -> FPU.mulAdd(n, FPU.neg(n, a), x, y, fpcr, st),
        };
        for (int op = 0; op < 4; op++) {
            String m = names[op];
            both(rows, m.toUpperCase(Locale.ROOT), "000 11111 TT " + (op >> 1) + " Rm:5 " + (op & 1) + " Ra:5 Rn:5 Rd:5",
                    null, FpScalar.ternary(ops[op]),
                    (w, pc) -> m + " " + v(w, rd(w)) + ", " + v(w, rn(w)) + ", " + v(w, rm(w)) + ", " + v(w, (w >>> 10) & 31));
        }
    }
}
