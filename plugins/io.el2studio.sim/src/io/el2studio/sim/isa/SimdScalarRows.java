package io.el2studio.sim.isa;

import static io.el2studio.sim.isa.SimdRows.bin;
import static io.el2studio.sim.isa.SimdShiftRows.esCode;
import static io.el2studio.sim.isa.SimdShiftRows.immh;
import static io.el2studio.sim.isa.SimdShiftRows.leftShift;
import static io.el2studio.sim.isa.SimdShiftRows.rightShift;
import static io.el2studio.sim.isa.SimdText.rd;
import static io.el2studio.sim.isa.SimdText.rm;
import static io.el2studio.sim.isa.SimdText.rn;
import static io.el2studio.sim.isa.SimdText.s;
import static io.el2studio.sim.isa.SimdText.size;

import java.util.List;

import io.el2studio.sim.simd.SimdIntExec;
import io.el2studio.sim.simd.SimdIntExec.Op1;
import io.el2studio.sim.simd.SimdIntExec.Op3;
import io.el2studio.sim.simd.SimdIntExec.OpSh;
import io.el2studio.sim.simd.SimdIntMove;
import io.el2studio.sim.simd.SimdIntOps;

/**
 * Advanced SIMD scalar integer rows (Arm ARM C4.1.95, "Advanced SIMD scalar ..."): the same
 * operations as the vector forms on element 0, writing a scalar that zeroes the rest of Vd.
 */
final class SimdScalarRows {
    private SimdScalarRows() {
    }

    /** Allowed scalar sizes, e.g. "bhsd" or "d". */
    private static Guard sizes(String allowed) {
        boolean[] ok = new boolean[4];
        for (int i = 0; i < 4; i++) {
            ok[i] = allowed.indexOf("bhsd".charAt(i)) >= 0;
        }
        return w -> ok[size(w)];
    }

    static void addTo(List<Row> rows) {
        threeSame(rows);
        threeDifferent(rows);
        twoRegMisc(rows);
        other(rows);
        shifts(rows);
        byElement(rows);
    }

    private static void same(List<Row> rows, String mn, int u, int opcode, String sizes, Op3 op) {
        rows.add(new Row(mn.toUpperCase() + "_scalar", "01 " + u + " 11110 size:2 1 Rm:5 " + bin(opcode, 5) + " 1 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarSame(op)).when(sizes(sizes))
                .dis((w, pc) -> mn + " " + s(size(w), rd(w)) + ", " + s(size(w), rn(w)) + ", " + s(size(w), rm(w))));
    }

    private static void threeSame(List<Row> rows) {
        same(rows, "sqadd", 0, 0b00001, "bhsd", SimdIntOps::sqadd);
        same(rows, "sqsub", 0, 0b00101, "bhsd", SimdIntOps::sqsub);
        same(rows, "cmgt", 0, 0b00110, "d", SimdIntOps::cmgt);
        same(rows, "cmge", 0, 0b00111, "d", SimdIntOps::cmge);
        same(rows, "sshl", 0, 0b01000, "d", SimdIntOps::sshl);
        same(rows, "sqshl", 0, 0b01001, "bhsd", SimdIntOps::sqshl);
        same(rows, "srshl", 0, 0b01010, "d", SimdIntOps::srshl);
        same(rows, "sqrshl", 0, 0b01011, "bhsd", SimdIntOps::sqrshl);
        same(rows, "add", 0, 0b10000, "d", SimdIntOps::add);
        same(rows, "cmtst", 0, 0b10001, "d", SimdIntOps::cmtst);
        same(rows, "sqdmulh", 0, 0b10110, "hs", SimdIntOps::sqdmulh);
        same(rows, "uqadd", 1, 0b00001, "bhsd", SimdIntOps::uqadd);
        same(rows, "uqsub", 1, 0b00101, "bhsd", SimdIntOps::uqsub);
        same(rows, "cmhi", 1, 0b00110, "d", SimdIntOps::cmhi);
        same(rows, "cmhs", 1, 0b00111, "d", SimdIntOps::cmhs);
        same(rows, "ushl", 1, 0b01000, "d", SimdIntOps::ushl);
        same(rows, "uqshl", 1, 0b01001, "bhsd", SimdIntOps::uqshl);
        same(rows, "urshl", 1, 0b01010, "d", SimdIntOps::urshl);
        same(rows, "uqrshl", 1, 0b01011, "bhsd", SimdIntOps::uqrshl);
        same(rows, "sub", 1, 0b10000, "d", SimdIntOps::sub);
        same(rows, "cmeq", 1, 0b10001, "d", SimdIntOps::cmeq);
        same(rows, "sqrdmulh", 1, 0b10110, "hs", SimdIntOps::sqrdmulh);
        rows.add(new Row("SQRDMLAH_scalar", "01 1 11110 size:2 0 Rm:5 1 0000 1 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarSame(SimdIntOps::sqrdmlah)).when(sizes("hs")).needs(Feature.RDM)
                .dis((w, pc) -> "sqrdmlah " + s(size(w), rd(w)) + ", " + s(size(w), rn(w)) + ", " + s(size(w), rm(w))));
        rows.add(new Row("SQRDMLSH_scalar", "01 1 11110 size:2 0 Rm:5 1 0001 1 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarSame(SimdIntOps::sqrdmlsh)).when(sizes("hs")).needs(Feature.RDM)
                .dis((w, pc) -> "sqrdmlsh " + s(size(w), rd(w)) + ", " + s(size(w), rn(w)) + ", " + s(size(w), rm(w))));
    }

    private static void threeDifferent(List<Row> rows) {
        String[] names = {"sqdmlal", "sqdmlsl", "sqdmull"};
        int[] opcodes = {0b1001, 0b1011, 0b1101};
        Op3[] ops = {SimdIntOps::sqdmlal, SimdIntOps::sqdmlsl, SimdIntOps::sqdmull};
        for (int k = 0; k < 3; k++) {
            String mn = names[k];
            rows.add(new Row(mn.toUpperCase() + "_scalar", "01 0 11110 size:2 1 Rm:5 " + bin(opcodes[k], 4) + " 00 Rn:5 Rd:5")
                    .exec(SimdIntExec.scalarLong(ops[k])).when(sizes("hs"))
                    .dis((w, pc) -> mn + " " + s(size(w) + 1, rd(w)) + ", " + s(size(w), rn(w)) + ", " + s(size(w), rm(w))));
        }
    }

    private static void misc(List<Row> rows, String mn, int u, int opcode, String sizes, Op1 op, String suffix) {
        rows.add(new Row(mn.toUpperCase() + (suffix.isEmpty() ? "" : "_zero") + "_scalar", "01 " + u + " 11110 size:2 10000 " + bin(opcode, 5) + " 10 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarMisc(op)).when(sizes(sizes))
                .dis((w, pc) -> mn + " " + s(size(w), rd(w)) + ", " + s(size(w), rn(w)) + suffix));
    }

    private static void narrow(List<Row> rows, String mn, int u, int opcode, Op1 op) {
        rows.add(new Row(mn.toUpperCase() + "_scalar", "01 " + u + " 11110 size:2 10000 " + bin(opcode, 5) + " 10 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarNarrow(op)).when(sizes("bhs"))
                .dis((w, pc) -> mn + " " + s(size(w), rd(w)) + ", " + s(size(w) + 1, rn(w))));
    }

    private static void twoRegMisc(List<Row> rows) {
        misc(rows, "suqadd", 0, 0b00011, "bhsd", SimdIntOps::suqadd, "");
        misc(rows, "usqadd", 1, 0b00011, "bhsd", SimdIntOps::usqadd, "");
        misc(rows, "sqabs", 0, 0b00111, "bhsd", SimdIntOps::sqabs, "");
        misc(rows, "sqneg", 1, 0b00111, "bhsd", SimdIntOps::sqneg, "");
        misc(rows, "cmgt", 0, 0b01000, "d", SimdIntOps::cmgt0, ", #0");
        misc(rows, "cmge", 1, 0b01000, "d", SimdIntOps::cmge0, ", #0");
        misc(rows, "cmeq", 0, 0b01001, "d", SimdIntOps::cmeq0, ", #0");
        misc(rows, "cmle", 1, 0b01001, "d", SimdIntOps::cmle0, ", #0");
        misc(rows, "cmlt", 0, 0b01010, "d", SimdIntOps::cmlt0, ", #0");
        misc(rows, "abs", 0, 0b01011, "d", SimdIntOps::abs, "");
        misc(rows, "neg", 1, 0b01011, "d", SimdIntOps::neg, "");
        narrow(rows, "sqxtun", 1, 0b10010, SimdIntOps::sqxtun);
        narrow(rows, "sqxtn", 0, 0b10100, SimdIntOps::sqxtn);
        narrow(rows, "uqxtn", 1, 0b10100, SimdIntOps::uqxtn);
    }

    private static void other(List<Row> rows) {
        rows.add(new Row("ADDP_scalar", "01 0 11110 11 11000 11011 10 Rn:5 Rd:5")
                .exec(SimdIntExec::addpScalar)
                .dis((w, pc) -> "addp d" + rd(w) + ", v" + rn(w) + ".2d"));
        rows.add(new Row("DUP_scalar", "01 0 11110000 imm5:5 0 0000 1 Rn:5 Rd:5").exec(SimdIntMove::dupScalar)
                .when(w -> ((w >>> 16) & 15) != 0)
                .dis((w, pc) -> {
                    int es = SimdIntMove.copyEs(w), sz = Integer.numberOfTrailingZeros(es / 8);
                    return "mov " + s(sz, rd(w)) + ", v" + rn(w) + "." + "bhsd".charAt(sz) + "[" + SimdIntMove.copyIndex(w) + "]";
                }));
    }

    // ---- scalar shift by immediate: 01 U 111110 immh immb opcode 1 Rn Rd ----

    private static final Guard D_ONLY = w -> immh(w) >= 8;
    private static final Guard ANY = w -> immh(w) != 0;
    private static final Guard NARROW = w -> immh(w) != 0 && immh(w) < 8;

    private static void shift(List<Row> rows, String mn, int u, int opcode, Guard g, boolean right, OpSh op) {
        rows.add(new Row(mn.toUpperCase() + "_imm_scalar", "01 " + u + " 111110 immh:4 immb:3 " + bin(opcode, 5) + " 1 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarShiftImm(op, right)).when(g)
                .dis((w, pc) -> mn + " " + s(esCode(w), rd(w)) + ", " + s(esCode(w), rn(w)) + ", #"
                        + (right ? rightShift(w) : leftShift(w))));
    }

    private static void narrowShift(List<Row> rows, String mn, int u, int opcode, OpSh op) {
        rows.add(new Row(mn.toUpperCase() + "_imm_scalar", "01 " + u + " 111110 immh:4 immb:3 " + bin(opcode, 5) + " 1 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarShiftNarrow(op)).when(NARROW)
                .dis((w, pc) -> mn + " " + s(esCode(w), rd(w)) + ", " + s(esCode(w) + 1, rn(w)) + ", #" + rightShift(w)));
    }

    private static void shifts(List<Row> rows) {
        shift(rows, "sshr", 0, 0b00000, D_ONLY, true, SimdIntOps::sshr);
        shift(rows, "ssra", 0, 0b00010, D_ONLY, true, SimdIntOps::ssra);
        shift(rows, "srshr", 0, 0b00100, D_ONLY, true, SimdIntOps::srshr);
        shift(rows, "srsra", 0, 0b00110, D_ONLY, true, SimdIntOps::srsra);
        shift(rows, "shl", 0, 0b01010, D_ONLY, false, SimdIntOps::shl);
        shift(rows, "sqshl", 0, 0b01110, ANY, false, SimdIntOps::sqshlImm);
        shift(rows, "ushr", 1, 0b00000, D_ONLY, true, SimdIntOps::ushr);
        shift(rows, "usra", 1, 0b00010, D_ONLY, true, SimdIntOps::usra);
        shift(rows, "urshr", 1, 0b00100, D_ONLY, true, SimdIntOps::urshr);
        shift(rows, "ursra", 1, 0b00110, D_ONLY, true, SimdIntOps::ursra);
        shift(rows, "sri", 1, 0b01000, D_ONLY, true, SimdIntOps::sri);
        shift(rows, "sli", 1, 0b01010, D_ONLY, false, SimdIntOps::sli);
        shift(rows, "sqshlu", 1, 0b01100, ANY, false, SimdIntOps::sqshluImm);
        shift(rows, "uqshl", 1, 0b01110, ANY, false, SimdIntOps::uqshlImm);
        narrowShift(rows, "sqshrn", 0, 0b10010, SimdIntOps::sqshrn);
        narrowShift(rows, "sqrshrn", 0, 0b10011, SimdIntOps::sqrshrn);
        narrowShift(rows, "sqshrun", 1, 0b10000, SimdIntOps::sqshrun);
        narrowShift(rows, "sqrshrun", 1, 0b10001, SimdIntOps::sqrshrun);
        narrowShift(rows, "uqshrn", 1, 0b10010, SimdIntOps::uqshrn);
        narrowShift(rows, "uqrshrn", 1, 0b10011, SimdIntOps::uqrshrn);
    }

    // ---- scalar x indexed element: 01 U 11111 size L M Rm opcode H 0 Rn Rd ----

    private static void elem(List<Row> rows, String mn, int u, int opcode, boolean isLong, Op3 op, Feature f) {
        Row r = new Row(mn.toUpperCase() + "_elem_scalar", "01 " + u + " 11111 size:2 L:1 M:1 Rm:4 " + bin(opcode, 4) + " H:1 0 Rn:5 Rd:5")
                .exec(SimdIntExec.scalarByElem(op, isLong)).when(SimdShiftRows.HS)
                .dis((w, pc) -> mn + " " + s(size(w) + (isLong ? 1 : 0), rd(w)) + ", " + s(size(w), rn(w)) + ", "
                        + SimdShiftRows.elemOperand(w));
        rows.add(f == null ? r : r.needs(f));
    }

    private static void byElement(List<Row> rows) {
        elem(rows, "sqdmlal", 0, 0b0011, true, SimdIntOps::sqdmlal, null);
        elem(rows, "sqdmlsl", 0, 0b0111, true, SimdIntOps::sqdmlsl, null);
        elem(rows, "sqdmull", 0, 0b1011, true, SimdIntOps::sqdmull, null);
        elem(rows, "sqdmulh", 0, 0b1100, false, SimdIntOps::sqdmulh, null);
        elem(rows, "sqrdmulh", 0, 0b1101, false, SimdIntOps::sqrdmulh, null);
        elem(rows, "sqrdmlah", 1, 0b1101, false, SimdIntOps::sqrdmlah, Feature.RDM);
        elem(rows, "sqrdmlsh", 1, 0b1111, false, SimdIntOps::sqrdmlsh, Feature.RDM);
    }
}
