package io.el2studio.sim.isa;

import static io.el2studio.sim.isa.SimdText.arr;
import static io.el2studio.sim.isa.SimdText.q;
import static io.el2studio.sim.isa.SimdText.rd;
import static io.el2studio.sim.isa.SimdText.rm;
import static io.el2studio.sim.isa.SimdText.rn;
import static io.el2studio.sim.isa.SimdText.size;
import static io.el2studio.sim.isa.SimdText.two;
import static io.el2studio.sim.isa.SimdText.v;

import java.util.List;

import io.el2studio.sim.fp.FpAccess;
import io.el2studio.sim.simd.SimdIntExec;
import io.el2studio.sim.simd.SimdIntExec.Op1;
import io.el2studio.sim.simd.SimdIntExec.Op3;
import io.el2studio.sim.simd.SimdIntMove;
import io.el2studio.sim.simd.SimdIntOps;

/**
 * Advanced SIMD integer rows of the encoding index (Arm ARM C4.1.95): three same, three different,
 * two-register miscellaneous, across lanes, copy, permute, extract and table lookup. Shifts,
 * modified immediates and by-element forms are in {@link SimdShiftRows}; the scalar forms in
 * {@link SimdScalarRows}. The floating-point opcodes of these classes are in {@link SimdFpRows}.
 */
final class SimdRows {
    private SimdRows() {
    }

    static String bin(int v, int width) {
        StringBuilder b = new StringBuilder();
        for (int i = width - 1; i >= 0; i--) {
            b.append((v >>> i) & 1);
        }
        return b.toString();
    }

    /**
     * Allowed (size, Q) combinations: "bhs" = sizes 0..2 with any Q, "d" adds size 3 with Q = 1
     * only, "D" size 3 with any Q (scalar), "b" only size 0 etc.
     */
    static Guard sizes(String allowed) {
        boolean b = allowed.indexOf('b') >= 0, h = allowed.indexOf('h') >= 0, s = allowed.indexOf('s') >= 0;
        boolean d = allowed.indexOf('d') >= 0;
        return w -> switch (size(w)) {
            case 0 -> b;
            case 1 -> h;
            case 2 -> s;
            default -> d && q(w) == 1;
        };
    }

    static void addTo(List<Row> rows) {
        int first = rows.size();
        threeSame(rows);
        threeDifferent(rows);
        twoRegMisc(rows);
        acrossLanes(rows);
        copy(rows);
        permute(rows);
        SimdShiftRows.addTo(rows);
        SimdScalarRows.addTo(rows);
        guardFpAccess(rows, first);
    }

    /**
     * Every SIMD&amp;FP instruction first makes the SIMD&amp;FP access check (CheckFPAdvSIMDEnabled64,
     * trapping with EC 0x07): wraps the handlers of rows[first..].
     */
    static void guardFpAccess(List<Row> rows, int first) {
        for (Row r : rows.subList(first, rows.size())) {
            Exec e = r.exec();
            r.exec((c, w) -> {
                FpAccess.check(c);
                e.exec(c, w);
            });
        }
    }

    // ---- three same ----

    private static void same(List<Row> rows, String mn, int u, int opcode, String sizes, Op3 op) {
        rows.add(new Row(mn.toUpperCase() + "_vec", "0 Q:1 " + u + " 01110 size:2 1 Rm:5 " + bin(opcode, 5) + " 1 Rn:5 Rd:5")
                .exec(SimdIntExec.same(op)).when(sizes(sizes))
                .dis((w, pc) -> {
                    String t = arr(size(w), q(w));
                    return mn + " " + v(rd(w), t) + ", " + v(rn(w), t) + ", " + v(rm(w), t);
                }));
    }

    private static void logical(List<Row> rows, String mn, int u, int size, Op3 op) {
        rows.add(new Row(mn.toUpperCase() + "_vec", "0 Q:1 " + u + " 01110 " + bin(size, 2) + " 1 Rm:5 00011 1 Rn:5 Rd:5")
                .exec(SimdIntExec.sameEs(op, 64))
                .dis((w, pc) -> {
                    String t = q(w) == 1 ? "16b" : "8b";
                    if (mn.equals("orr") && rn(w) == rm(w)) {
                        return "mov " + v(rd(w), t) + ", " + v(rn(w), t);
                    }
                    return mn + " " + v(rd(w), t) + ", " + v(rn(w), t) + ", " + v(rm(w), t);
                }));
    }

    private static void threeSame(List<Row> rows) {
        String all = "bhsd", bhs = "bhs";
        same(rows, "shadd", 0, 0b00000, bhs, SimdIntOps::shadd);
        same(rows, "sqadd", 0, 0b00001, all, SimdIntOps::sqadd);
        same(rows, "srhadd", 0, 0b00010, bhs, SimdIntOps::srhadd);
        same(rows, "shsub", 0, 0b00100, bhs, SimdIntOps::shsub);
        same(rows, "sqsub", 0, 0b00101, all, SimdIntOps::sqsub);
        same(rows, "cmgt", 0, 0b00110, all, SimdIntOps::cmgt);
        same(rows, "cmge", 0, 0b00111, all, SimdIntOps::cmge);
        same(rows, "sshl", 0, 0b01000, all, SimdIntOps::sshl);
        same(rows, "sqshl", 0, 0b01001, all, SimdIntOps::sqshl);
        same(rows, "srshl", 0, 0b01010, all, SimdIntOps::srshl);
        same(rows, "sqrshl", 0, 0b01011, all, SimdIntOps::sqrshl);
        same(rows, "smax", 0, 0b01100, bhs, SimdIntOps::smax);
        same(rows, "smin", 0, 0b01101, bhs, SimdIntOps::smin);
        same(rows, "sabd", 0, 0b01110, bhs, SimdIntOps::sabd);
        same(rows, "saba", 0, 0b01111, bhs, SimdIntOps::saba);
        same(rows, "add", 0, 0b10000, all, SimdIntOps::add);
        same(rows, "cmtst", 0, 0b10001, all, SimdIntOps::cmtst);
        same(rows, "mla", 0, 0b10010, bhs, SimdIntOps::mla);
        same(rows, "mul", 0, 0b10011, bhs, SimdIntOps::mul);
        same(rows, "sqdmulh", 0, 0b10110, "hs", SimdIntOps::sqdmulh);

        same(rows, "uhadd", 1, 0b00000, bhs, SimdIntOps::uhadd);
        same(rows, "uqadd", 1, 0b00001, all, SimdIntOps::uqadd);
        same(rows, "urhadd", 1, 0b00010, bhs, SimdIntOps::urhadd);
        same(rows, "uhsub", 1, 0b00100, bhs, SimdIntOps::uhsub);
        same(rows, "uqsub", 1, 0b00101, all, SimdIntOps::uqsub);
        same(rows, "cmhi", 1, 0b00110, all, SimdIntOps::cmhi);
        same(rows, "cmhs", 1, 0b00111, all, SimdIntOps::cmhs);
        same(rows, "ushl", 1, 0b01000, all, SimdIntOps::ushl);
        same(rows, "uqshl", 1, 0b01001, all, SimdIntOps::uqshl);
        same(rows, "urshl", 1, 0b01010, all, SimdIntOps::urshl);
        same(rows, "uqrshl", 1, 0b01011, all, SimdIntOps::uqrshl);
        same(rows, "umax", 1, 0b01100, bhs, SimdIntOps::umax);
        same(rows, "umin", 1, 0b01101, bhs, SimdIntOps::umin);
        same(rows, "uabd", 1, 0b01110, bhs, SimdIntOps::uabd);
        same(rows, "uaba", 1, 0b01111, bhs, SimdIntOps::uaba);
        same(rows, "sub", 1, 0b10000, all, SimdIntOps::sub);
        same(rows, "cmeq", 1, 0b10001, all, SimdIntOps::cmeq);
        same(rows, "mls", 1, 0b10010, bhs, SimdIntOps::mls);
        same(rows, "pmul", 1, 0b10011, "b", SimdIntOps::pmul);
        same(rows, "sqrdmulh", 1, 0b10110, "hs", SimdIntOps::sqrdmulh);

        pairwise(rows, "smaxp", 0, 0b10100, bhs, SimdIntOps::smax);
        pairwise(rows, "sminp", 0, 0b10101, bhs, SimdIntOps::smin);
        pairwise(rows, "addp", 0, 0b10111, all, SimdIntOps::add);
        pairwise(rows, "umaxp", 1, 0b10100, bhs, SimdIntOps::umax);
        pairwise(rows, "uminp", 1, 0b10101, bhs, SimdIntOps::umin);

        logical(rows, "and", 0, 0, SimdIntOps::and);
        logical(rows, "bic", 0, 1, SimdIntOps::bic);
        logical(rows, "orr", 0, 2, SimdIntOps::orr);
        logical(rows, "orn", 0, 3, SimdIntOps::orn);
        logical(rows, "eor", 1, 0, SimdIntOps::eor);
        logical(rows, "bsl", 1, 1, SimdIntOps::bsl);
        logical(rows, "bit", 1, 2, SimdIntOps::bit);
        logical(rows, "bif", 1, 3, SimdIntOps::bif);

        // Three same extra: SQRDMLAH/SQRDMLSH (FEAT_RDM), SDOT/UDOT (FEAT_DotProd)
        rows.add(new Row("SQRDMLAH_vec", "0 Q:1 1 01110 size:2 0 Rm:5 1 0000 1 Rn:5 Rd:5")
                .exec(SimdIntExec.same(SimdIntOps::sqrdmlah)).when(sizes("hs")).dis(sameText("sqrdmlah")).needs(Feature.RDM));
        rows.add(new Row("SQRDMLSH_vec", "0 Q:1 1 01110 size:2 0 Rm:5 1 0001 1 Rn:5 Rd:5")
                .exec(SimdIntExec.same(SimdIntOps::sqrdmlsh)).when(sizes("hs")).dis(sameText("sqrdmlsh")).needs(Feature.RDM));
        for (int u = 0; u < 2; u++) {
            String mn = u == 0 ? "sdot" : "udot";
            boolean signed = u == 0;
            rows.add(new Row(mn.toUpperCase() + "_vec", "0 Q:1 " + u + " 01110 10 0 Rm:5 1 0010 1 Rn:5 Rd:5")
                    .exec(SimdIntExec.sameEs((c, a, b, d, es) -> SimdIntExec.dot4(a, b, d, signed, signed), 32))
                    .dis((w, pc) -> mn + " " + v(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + v(rn(w), q(w) == 1 ? "16b" : "8b")
                            + ", " + v(rm(w), q(w) == 1 ? "16b" : "8b"))
                    .needs(Feature.DOTPROD));
        }

        // Int8 matrix multiplication (FEAT_I8MM): USDOT and the 2x8 by 8x2 matrix multiply-accumulates
        rows.add(new Row("USDOT_vec", "0 Q:1 0 01110 10 0 Rm:5 1 0011 1 Rn:5 Rd:5")
                .exec(SimdIntExec.sameEs((c, a, b, d, es) -> SimdIntExec.dot4(a, b, d, false, true), 32))
                .dis((w, pc) -> "usdot " + v(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + v(rn(w), q(w) == 1 ? "16b" : "8b")
                        + ", " + v(rm(w), q(w) == 1 ? "16b" : "8b"))
                .needs(Feature.I8MM));
        String[] mm = {"smmla", "ummla", "usmmla"};
        String[] mmBits = {"0 1 0 01110 10 0 Rm:5 1 010 0 1 Rn:5 Rd:5", "0 1 1 01110 10 0 Rm:5 1 010 0 1 Rn:5 Rd:5",
            "0 1 0 01110 10 0 Rm:5 1 010 1 1 Rn:5 Rd:5"};
        boolean[][] mmSigned = {{true, true}, {false, false}, {false, true}};
        for (int k = 0; k < 3; k++) {
            String mn = mm[k];
            boolean as = mmSigned[k][0], bs = mmSigned[k][1];
            rows.add(new Row(mn.toUpperCase(), mmBits[k]).exec((c, w) -> SimdIntExec.mmla(c, w, as, bs))
                    .dis((w, pc) -> mn + " " + v(rd(w), "4s") + ", " + v(rn(w), "16b") + ", " + v(rm(w), "16b"))
                    .needs(Feature.I8MM));
        }
    }

    static Disasm sameText(String mn) {
        return (w, pc) -> {
            String t = arr(size(w), q(w));
            return mn + " " + v(rd(w), t) + ", " + v(rn(w), t) + ", " + v(rm(w), t);
        };
    }

    private static void pairwise(List<Row> rows, String mn, int u, int opcode, String sizes, Op3 op) {
        rows.add(new Row(mn.toUpperCase() + "_vec", "0 Q:1 " + u + " 01110 size:2 1 Rm:5 " + bin(opcode, 5) + " 1 Rn:5 Rd:5")
                .exec(SimdIntExec.pairwise(op)).when(sizes(sizes)).dis(sameText(mn)));
    }

    // ---- three different ----

    private enum Shape { L, W, N }

    private static void diff(List<Row> rows, String mn, int u, int opcode, String sizes, Shape shape, Op3 op) {
        Exec e = switch (shape) {
            case L -> SimdIntExec.longL(op);
            case W -> SimdIntExec.longW(op);
            case N -> SimdIntExec.longN(op);
        };
        rows.add(new Row(mn.toUpperCase() + "_vec", "0 Q:1 " + u + " 01110 size:2 1 Rm:5 " + bin(opcode, 4) + " 00 Rn:5 Rd:5")
                .exec(e).when(sizes(sizes))
                .dis((w, pc) -> {
                    String narrow = arr(size(w), q(w)), wide = arr(size(w) + 1, 1);
                    String m = mn + two(w) + " ";
                    return switch (shape) {
                        case L -> m + v(rd(w), wide) + ", " + v(rn(w), narrow) + ", " + v(rm(w), narrow);
                        case W -> m + v(rd(w), wide) + ", " + v(rn(w), wide) + ", " + v(rm(w), narrow);
                        case N -> m + v(rd(w), narrow) + ", " + v(rn(w), wide) + ", " + v(rm(w), wide);
                    };
                }));
    }

    private static void threeDifferent(List<Row> rows) {
        String bhs = "bhs";
        diff(rows, "saddl", 0, 0b0000, bhs, Shape.L, SimdIntOps::saddl);
        diff(rows, "saddw", 0, 0b0001, bhs, Shape.W, SimdIntOps::saddw);
        diff(rows, "ssubl", 0, 0b0010, bhs, Shape.L, SimdIntOps::ssubl);
        diff(rows, "ssubw", 0, 0b0011, bhs, Shape.W, SimdIntOps::ssubw);
        diff(rows, "addhn", 0, 0b0100, bhs, Shape.N, SimdIntOps::addhn);
        diff(rows, "sabal", 0, 0b0101, bhs, Shape.L, SimdIntOps::sabal);
        diff(rows, "subhn", 0, 0b0110, bhs, Shape.N, SimdIntOps::subhn);
        diff(rows, "sabdl", 0, 0b0111, bhs, Shape.L, SimdIntOps::sabdl);
        diff(rows, "smlal", 0, 0b1000, bhs, Shape.L, SimdIntOps::smlal);
        diff(rows, "sqdmlal", 0, 0b1001, "hs", Shape.L, SimdIntOps::sqdmlal);
        diff(rows, "smlsl", 0, 0b1010, bhs, Shape.L, SimdIntOps::smlsl);
        diff(rows, "sqdmlsl", 0, 0b1011, "hs", Shape.L, SimdIntOps::sqdmlsl);
        diff(rows, "smull", 0, 0b1100, bhs, Shape.L, SimdIntOps::smull);
        diff(rows, "sqdmull", 0, 0b1101, "hs", Shape.L, SimdIntOps::sqdmull);
        diff(rows, "pmull", 0, 0b1110, "b", Shape.L, SimdIntOps::pmull);
        rows.add(new Row("PMULL_1q", "0 Q:1 0 01110 11 1 Rm:5 1110 00 Rn:5 Rd:5").exec(SimdIntExec::pmull64)
                .dis((w, pc) -> "pmull" + two(w) + " " + v(rd(w), "1q") + ", " + v(rn(w), q(w) == 1 ? "2d" : "1d") + ", "
                        + v(rm(w), q(w) == 1 ? "2d" : "1d"))
                .needs(Feature.PMULL));
        diff(rows, "uaddl", 1, 0b0000, bhs, Shape.L, SimdIntOps::uaddl);
        diff(rows, "uaddw", 1, 0b0001, bhs, Shape.W, SimdIntOps::uaddw);
        diff(rows, "usubl", 1, 0b0010, bhs, Shape.L, SimdIntOps::usubl);
        diff(rows, "usubw", 1, 0b0011, bhs, Shape.W, SimdIntOps::usubw);
        diff(rows, "raddhn", 1, 0b0100, bhs, Shape.N, SimdIntOps::raddhn);
        diff(rows, "uabal", 1, 0b0101, bhs, Shape.L, SimdIntOps::uabal);
        diff(rows, "rsubhn", 1, 0b0110, bhs, Shape.N, SimdIntOps::rsubhn);
        diff(rows, "uabdl", 1, 0b0111, bhs, Shape.L, SimdIntOps::uabdl);
        diff(rows, "umlal", 1, 0b1000, bhs, Shape.L, SimdIntOps::umlal);
        diff(rows, "umlsl", 1, 0b1010, bhs, Shape.L, SimdIntOps::umlsl);
        diff(rows, "umull", 1, 0b1100, bhs, Shape.L, SimdIntOps::umull);
    }

    // ---- two-register miscellaneous ----

    private static Row misc(String mn, int u, int opcode, String sizes, Exec e, Disasm d) {
        return new Row(mn.toUpperCase() + "_vec", "0 Q:1 " + u + " 01110 size:2 10000 " + bin(opcode, 5) + " 10 Rn:5 Rd:5")
                .exec(e).when(sizes(sizes)).dis(d);
    }

    private static Disasm miscText(String mn, String suffix) {
        return (w, pc) -> {
            String t = arr(size(w), q(w));
            return mn + " " + v(rd(w), t) + ", " + v(rn(w), t) + suffix;
        };
    }

    private static void misc(List<Row> rows, String mn, int u, int opcode, String sizes, Op1 op) {
        rows.add(misc(mn, u, opcode, sizes, SimdIntExec.misc(op), miscText(mn, "")));
    }

    private static void twoRegMisc(List<Row> rows) {
        String all = "bhsd", bhs = "bhs";
        rows.add(misc("rev64", 0, 0b00000, bhs, SimdIntMove.rev(64), miscText("rev64", "")));
        rows.add(misc("rev16", 0, 0b00001, "b", SimdIntMove.rev(16), miscText("rev16", "")));
        rows.add(misc("rev32", 1, 0b00000, "bh", SimdIntMove.rev(32), miscText("rev32", "")));
        String[] pl = {"saddlp", "sadalp", "uaddlp", "uadalp"};
        Op3[] plOps = {SimdIntOps::saddlp, SimdIntOps::sadalp, SimdIntOps::uaddlp, SimdIntOps::uadalp};
        for (int k = 0; k < 4; k++) {
            String mn = pl[k];
            rows.add(misc(mn, k >> 1, (k & 1) == 0 ? 0b00010 : 0b00110, bhs, SimdIntExec.pairLong(plOps[k]),
                    (w, pc) -> mn + " " + v(rd(w), wideHalf(w)) + ", "
                            + v(rn(w), arr(size(w), q(w)))));
        }
        misc(rows, "suqadd", 0, 0b00011, all, SimdIntOps::suqadd);
        misc(rows, "usqadd", 1, 0b00011, all, SimdIntOps::usqadd);
        misc(rows, "cls", 0, 0b00100, bhs, SimdIntOps::cls);
        misc(rows, "clz", 1, 0b00100, bhs, SimdIntOps::clz);
        misc(rows, "cnt", 0, 0b00101, "b", SimdIntOps::cnt);
        rows.add(new Row("NOT_vec", "0 Q:1 1 01110 00 10000 00101 10 Rn:5 Rd:5").exec(SimdIntExec.miscEs(SimdIntOps::not, 64))
                .dis((w, pc) -> "mvn " + v(rd(w), q(w) == 1 ? "16b" : "8b") + ", " + v(rn(w), q(w) == 1 ? "16b" : "8b")));
        rows.add(new Row("RBIT_vec", "0 Q:1 1 01110 01 10000 00101 10 Rn:5 Rd:5").exec(SimdIntExec.miscEs(SimdIntOps::rbit, 8))
                .dis((w, pc) -> "rbit " + v(rd(w), q(w) == 1 ? "16b" : "8b") + ", " + v(rn(w), q(w) == 1 ? "16b" : "8b")));
        misc(rows, "sqabs", 0, 0b00111, all, SimdIntOps::sqabs);
        misc(rows, "sqneg", 1, 0b00111, all, SimdIntOps::sqneg);
        rows.add(misc("cmgt_zero", 0, 0b01000, all, SimdIntExec.misc(SimdIntOps::cmgt0), miscText("cmgt", ", #0")));
        rows.add(misc("cmge_zero", 1, 0b01000, all, SimdIntExec.misc(SimdIntOps::cmge0), miscText("cmge", ", #0")));
        rows.add(misc("cmeq_zero", 0, 0b01001, all, SimdIntExec.misc(SimdIntOps::cmeq0), miscText("cmeq", ", #0")));
        rows.add(misc("cmle_zero", 1, 0b01001, all, SimdIntExec.misc(SimdIntOps::cmle0), miscText("cmle", ", #0")));
        rows.add(misc("cmlt_zero", 0, 0b01010, all, SimdIntExec.misc(SimdIntOps::cmlt0), miscText("cmlt", ", #0")));
        misc(rows, "abs", 0, 0b01011, all, SimdIntOps::abs);
        misc(rows, "neg", 1, 0b01011, all, SimdIntOps::neg);
        narrowRow(rows, "xtn", 0, 0b10010, SimdIntOps::xtn);
        narrowRow(rows, "sqxtun", 1, 0b10010, SimdIntOps::sqxtun);
        narrowRow(rows, "sqxtn", 0, 0b10100, SimdIntOps::sqxtn);
        narrowRow(rows, "uqxtn", 1, 0b10100, SimdIntOps::uqxtn);
        rows.add(misc("shll", 1, 0b10011, bhs, SimdIntExec.shll(),
                (w, pc) -> "shll" + two(w) + " " + v(rd(w), arr(size(w) + 1, 1)) + ", " + v(rn(w), arr(size(w), q(w))) + ", #" + (8 << size(w))));
    }

    /** Arrangement of the wide result of a pairwise long operation: half as many lanes, twice as wide. */
    private static String wideHalf(int w) {
        return arr(size(w) + 1, q(w));
    }

    private static void narrowRow(List<Row> rows, String mn, int u, int opcode, Op1 op) {
        rows.add(misc(mn, u, opcode, "bhs", SimdIntExec.narrow(op),
                (w, pc) -> mn + two(w) + " " + v(rd(w), arr(size(w), q(w))) + ", " + v(rn(w), arr(size(w) + 1, 1))));
    }

    // ---- across lanes: sizes b, h with any Q; s only with Q = 1 ----

    private static final Guard ACROSS = w -> size(w) < 2 || (size(w) == 2 && q(w) == 1);

    private static void across(List<Row> rows, String mn, int u, int opcode, boolean wide, boolean signed, Op3 op) {
        rows.add(new Row(mn.toUpperCase(), "0 Q:1 " + u + " 01110 size:2 11000 " + bin(opcode, 5) + " 10 Rn:5 Rd:5")
                .exec(SimdIntExec.across(op, wide, signed)).when(ACROSS)
                .dis((w, pc) -> mn + " " + SimdText.s(size(w) + (wide ? 1 : 0), rd(w)) + ", " + v(rn(w), arr(size(w), q(w)))));
    }

    private static void acrossLanes(List<Row> rows) {
        across(rows, "saddlv", 0, 0b00011, true, true, SimdIntOps::addv);
        across(rows, "uaddlv", 1, 0b00011, true, false, SimdIntOps::addv);
        across(rows, "smaxv", 0, 0b01010, false, true, SimdIntOps::maxS);
        across(rows, "umaxv", 1, 0b01010, false, false, SimdIntOps::maxU);
        across(rows, "sminv", 0, 0b11010, false, true, SimdIntOps::minS);
        across(rows, "uminv", 1, 0b11010, false, false, SimdIntOps::minU);
        across(rows, "addv", 0, 0b11011, false, false, SimdIntOps::addv);
    }

    // ---- copy ----

    private static String elemText(int w) {
        int es = SimdIntMove.copyEs(w);
        return "bhsd".charAt(Integer.numberOfTrailingZeros(es / 8)) + "[" + SimdIntMove.copyIndex(w) + "]";
    }

    private static final Guard IMM5 = w -> ((w >>> 16) & 15) != 0;

    private static void copy(List<Row> rows) {
        rows.add(new Row("DUP_element", "0 Q:1 0 01110000 imm5:5 0 0000 1 Rn:5 Rd:5").exec(SimdIntMove::dupElement)
                .when(w -> IMM5.allocated(w) && (SimdIntMove.copyEs(w) < 64 || q(w) == 1))
                .dis((w, pc) -> {
                    int sz = Integer.numberOfTrailingZeros(SimdIntMove.copyEs(w) / 8);
                    return "dup " + v(rd(w), arr(sz, q(w))) + ", v" + rn(w) + "." + elemText(w);
                }));
        rows.add(new Row("DUP_general", "0 Q:1 0 01110000 imm5:5 0 0001 1 Rn:5 Rd:5").exec(SimdIntMove::dupGeneral)
                .when(w -> IMM5.allocated(w) && (SimdIntMove.copyEs(w) < 64 || q(w) == 1))
                .dis((w, pc) -> {
                    int es = SimdIntMove.copyEs(w), sz = Integer.numberOfTrailingZeros(es / 8);
                    return "dup " + v(rd(w), arr(sz, q(w))) + ", " + (es == 64 ? "x" : "w") + reg31(rn(w));
                }));
        rows.add(new Row("SMOV", "0 Q:1 0 01110000 imm5:5 0 0101 1 Rn:5 Rd:5").exec(SimdIntMove::smov)
                .when(w -> IMM5.allocated(w) && SimdIntMove.copyEs(w) < (q(w) == 1 ? 64 : 32))
                .dis((w, pc) -> "smov " + (q(w) == 1 ? "x" : "w") + reg31(rd(w)) + ", v" + rn(w) + "." + elemText(w)));
        rows.add(new Row("UMOV", "0 Q:1 0 01110000 imm5:5 0 0111 1 Rn:5 Rd:5").exec(SimdIntMove::umov)
                .when(w -> IMM5.allocated(w) && (q(w) == 1 ? SimdIntMove.copyEs(w) == 64 : SimdIntMove.copyEs(w) < 64))
                .dis((w, pc) -> {
                    int es = SimdIntMove.copyEs(w);
                    String mn = es >= 32 ? "mov" : "umov";
                    return mn + " " + (q(w) == 1 ? "x" : "w") + reg31(rd(w)) + ", v" + rn(w) + "." + elemText(w);
                }));
        rows.add(new Row("INS_general", "0 1 0 01110000 imm5:5 0 0011 1 Rn:5 Rd:5").exec(SimdIntMove::insGeneral).when(IMM5)
                .dis((w, pc) -> "mov v" + rd(w) + "." + elemText(w) + ", " + (SimdIntMove.copyEs(w) == 64 ? "x" : "w")
                        + reg31(rn(w))));
        rows.add(new Row("INS_element", "0 1 1 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5").exec(SimdIntMove::insElement).when(IMM5)
                .dis((w, pc) -> {
                    int es = SimdIntMove.copyEs(w), i2 = ((w >>> 11) & 15) >>> Integer.numberOfTrailingZeros(es / 8);
                    return "mov v" + rd(w) + "." + elemText(w) + ", v" + rn(w) + "." + "bhsd".charAt(Integer.numberOfTrailingZeros(es / 8))
                            + "[" + i2 + "]";
                }));
    }

    /** A general register number where 31 is the zero register. */
    static String reg31(int r) {
        return r == 31 ? "zr" : Integer.toString(r);
    }

    // ---- permute, extract, table ----

    private static void permute(List<Row> rows) {
        String[] names = {null, "uzp1", "trn1", "zip1", null, "uzp2", "trn2", "zip2"};
        for (int op = 0; op < 8; op++) {
            if (names[op] == null) {
                continue;
            }
            String mn = names[op];
            rows.add(new Row(mn.toUpperCase(), "0 Q:1 001110 size:2 0 Rm:5 0 " + bin(op, 3) + " 10 Rn:5 Rd:5")
                    .exec(SimdIntMove::permute).when(sizes("bhsd")).dis(sameText(mn)));
        }
        rows.add(new Row("EXT", "0 Q:1 101110 00 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5").exec(SimdIntMove::ext)
                .when(w -> q(w) == 1 || ((w >>> 14) & 1) == 0)
                .dis((w, pc) -> {
                    String t = q(w) == 1 ? "16b" : "8b";
                    return "ext " + v(rd(w), t) + ", " + v(rn(w), t) + ", " + v(rm(w), t) + ", #" + ((w >>> 11) & 15);
                }));
        for (int op = 0; op < 2; op++) {
            String mn = op == 0 ? "tbl" : "tbx";
            rows.add(new Row(mn.toUpperCase(), "0 Q:1 001110 00 0 Rm:5 0 len:2 " + op + " 00 Rn:5 Rd:5").exec(SimdIntMove::table)
                    .dis((w, pc) -> {
                        String t = q(w) == 1 ? "16b" : "8b";
                        int len = ((w >>> 13) & 3) + 1, n = rn(w);
                        String list;
                        if (len == 1) {
                            list = v(n, "16b");
                        } else if (len == 2) {
                            list = v(n, "16b") + ", " + v((n + 1) & 31, "16b");
                        } else if (n + len - 1 <= 31) {
                            list = v(n, "16b") + "-" + v(n + len - 1, "16b");
                        } else {
                            // objdump spells out a list that wraps around V31
                            StringBuilder b = new StringBuilder();
                            for (int i = 0; i < len; i++) {
                                b.append(i == 0 ? "" : ", ").append(v((n + i) & 31, "16b"));
                            }
                            list = b.toString();
                        }
                        return mn + " " + v(rd(w), t) + ", {" + list + "}, " + v(rm(w), t);
                    }));
        }
    }
}
