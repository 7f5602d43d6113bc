package io.el2studio.sim.isa;

import static io.el2studio.sim.isa.SimdRows.bin;
import static io.el2studio.sim.isa.SimdText.arr;
import static io.el2studio.sim.isa.SimdText.q;
import static io.el2studio.sim.isa.SimdText.rd;
import static io.el2studio.sim.isa.SimdText.rn;
import static io.el2studio.sim.isa.SimdText.size;
import static io.el2studio.sim.isa.SimdText.two;
import static io.el2studio.sim.isa.SimdText.v;

import java.util.List;

import io.el2studio.sim.simd.SimdIntExec;
import io.el2studio.sim.simd.SimdIntExec.Op3;
import io.el2studio.sim.simd.SimdIntExec.OpSh;
import io.el2studio.sim.simd.SimdIntMove;
import io.el2studio.sim.simd.SimdIntOps;

/**
 * Advanced SIMD vector shift by immediate, modified immediate and vector x indexed element (integer)
 * rows (Arm ARM C4.1.95). The fixed-point conversions of the shift class and the floating-point
 * by-element forms are in {@link SimdFpRows}.
 */
final class SimdShiftRows {
    private SimdShiftRows() {
    }

    static int immh(int w) {
        return (w >>> 19) & 15;
    }

    /** Element size code 0..3 from immh. */
    static int esCode(int w) {
        return 31 - Integer.numberOfLeadingZeros(immh(w));
    }

    static int immhb(int w) {
        return (w >>> 16) & 0x7F;
    }

    static int rightShift(int w) {
        return (16 << esCode(w)) - immhb(w);
    }

    static int leftShift(int w) {
        return immhb(w) - (8 << esCode(w));
    }

    /** immh != 0 (immh == 0 is the modified immediate class); immh = 1xxx needs Q = 1. */
    private static final Guard SAME = w -> immh(w) != 0 && (immh(w) < 8 || q(w) == 1);
    /** Narrowing and long forms: immh in 0001..0111. */
    private static final Guard NARROW = w -> immh(w) != 0 && immh(w) < 8;

    static void addTo(List<Row> rows) {
        shifts(rows);
        modifiedImmediate(rows);
        byElement(rows);
    }

    private static void same(List<Row> rows, String mn, int u, int opcode, boolean right, OpSh op) {
        rows.add(new Row(mn.toUpperCase() + "_imm_vec", "0 Q:1 " + u + " 011110 immh:4 immb:3 " + bin(opcode, 5) + " 1 Rn:5 Rd:5")
                .exec(SimdIntExec.shiftImm(op, right)).when(SAME)
                .dis((w, pc) -> {
                    String t = arr(esCode(w), q(w));
                    return mn + " " + v(rd(w), t) + ", " + v(rn(w), t) + ", #" + (right ? rightShift(w) : leftShift(w));
                }));
    }

    private static void narrow(List<Row> rows, String mn, int u, int opcode, OpSh op) {
        rows.add(new Row(mn.toUpperCase() + "_imm_vec", "0 Q:1 " + u + " 011110 immh:4 immb:3 " + bin(opcode, 5) + " 1 Rn:5 Rd:5")
                .exec(SimdIntExec.shiftNarrow(op)).when(NARROW)
                .dis((w, pc) -> mn + two(w) + " " + v(rd(w), arr(esCode(w), q(w))) + ", " + v(rn(w), arr(esCode(w) + 1, 1))
                        + ", #" + rightShift(w)));
    }

    private static void shifts(List<Row> rows) {
        same(rows, "sshr", 0, 0b00000, true, SimdIntOps::sshr);
        same(rows, "ssra", 0, 0b00010, true, SimdIntOps::ssra);
        same(rows, "srshr", 0, 0b00100, true, SimdIntOps::srshr);
        same(rows, "srsra", 0, 0b00110, true, SimdIntOps::srsra);
        same(rows, "shl", 0, 0b01010, false, SimdIntOps::shl);
        same(rows, "sqshl", 0, 0b01110, false, SimdIntOps::sqshlImm);
        same(rows, "ushr", 1, 0b00000, true, SimdIntOps::ushr);
        same(rows, "usra", 1, 0b00010, true, SimdIntOps::usra);
        same(rows, "urshr", 1, 0b00100, true, SimdIntOps::urshr);
        same(rows, "ursra", 1, 0b00110, true, SimdIntOps::ursra);
        same(rows, "sri", 1, 0b01000, true, SimdIntOps::sri);
        same(rows, "sli", 1, 0b01010, false, SimdIntOps::sli);
        same(rows, "sqshlu", 1, 0b01100, false, SimdIntOps::sqshluImm);
        same(rows, "uqshl", 1, 0b01110, false, SimdIntOps::uqshlImm);
        narrow(rows, "shrn", 0, 0b10000, SimdIntOps::shrn);
        narrow(rows, "rshrn", 0, 0b10001, SimdIntOps::rshrn);
        narrow(rows, "sqshrn", 0, 0b10010, SimdIntOps::sqshrn);
        narrow(rows, "sqrshrn", 0, 0b10011, SimdIntOps::sqrshrn);
        narrow(rows, "sqshrun", 1, 0b10000, SimdIntOps::sqshrun);
        narrow(rows, "sqrshrun", 1, 0b10001, SimdIntOps::sqrshrun);
        narrow(rows, "uqshrn", 1, 0b10010, SimdIntOps::uqshrn);
        narrow(rows, "uqrshrn", 1, 0b10011, SimdIntOps::uqrshrn);
        for (int u = 0; u < 2; u++) {
            String mn = u == 0 ? "sshll" : "ushll", alias = u == 0 ? "sxtl" : "uxtl";
            rows.add(new Row(mn.toUpperCase() + "_vec", "0 Q:1 " + u + " 011110 immh:4 immb:3 10100 1 Rn:5 Rd:5")
                    .exec(SimdIntExec.shiftLong(u == 0)).when(NARROW)
                    .dis((w, pc) -> {
                        String ops = v(rd(w), arr(esCode(w) + 1, 1)) + ", " + v(rn(w), arr(esCode(w), q(w)));
                        int sh = leftShift(w);
                        return sh == 0 ? alias + two(w) + " " + ops : mn + two(w) + " " + ops + ", #" + sh;
                    }));
        }
    }

    // ---- modified immediate: 0 Q op 0111100000 a:b:c cmode o2 1 d:e:f:g:h Rd (MOVI, MVNI, ORR, BIC) ----

    private static void modifiedImmediate(List<Row> rows) {
        rows.add(new Row("ADVSIMD_modified_imm", "0 Q:1 op:1 0111100000 abc:3 cmode:4 0 1 defgh:5 Rd:5")
                .exec(SimdIntMove::modifiedImm)
                // cmode = 1111 is FMOV (vector, immediate), decoded by SimdFpRows
                .when(w -> ((w >>> 12) & 15) != 15)
                .dis(SimdShiftRows::modImmText));
    }

    static int imm8(int w) {
        return (((w >>> 16) & 7) << 5) | ((w >>> 5) & 31);
    }

    private static String modImmText(int w, long pc) {
        int op = (w >>> 29) & 1, cmode = (w >>> 12) & 15, imm8 = imm8(w), d = rd(w), q = q(w);
        String hex = "#0x" + Integer.toHexString(imm8);
        if (cmode < 8) {
            String mn = (cmode & 1) == 0 ? (op == 0 ? "movi" : "mvni") : (op == 0 ? "orr" : "bic");
            int amount = 8 * ((cmode >>> 1) & 3);
            return mn + " " + v(d, q == 1 ? "4s" : "2s") + ", " + hex + (amount == 0 ? "" : ", lsl #" + amount);
        }
        if (cmode < 12) {
            String mn = (cmode & 1) == 0 ? (op == 0 ? "movi" : "mvni") : (op == 0 ? "orr" : "bic");
            int amount = 8 * ((cmode >>> 1) & 1);
            return mn + " " + v(d, q == 1 ? "8h" : "4h") + ", " + hex + (amount == 0 ? "" : ", lsl #" + amount);
        }
        if (cmode < 14) {
            return (op == 0 ? "movi " : "mvni ") + v(d, q == 1 ? "4s" : "2s") + ", " + hex + ", msl #" + (cmode == 12 ? 8 : 16);
        }
        if (cmode == 14) {
            if (op == 0) {
                return "movi " + v(d, q == 1 ? "16b" : "8b") + ", " + hex;
            }
            String imm = "#0x" + Long.toHexString(SimdIntMove.expandImm(1, 14, imm8));
            return q == 1 ? "movi " + v(d, "2d") + ", " + imm : "movi d" + d + ", " + imm;
        }
        throw new IllegalStateException("cmode 1111 is FMOV, not a row of this file");
    }

    // ---- vector x indexed element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd ----

    static String elemOperand(int w) {
        int sz = size(w);
        int h = (w >>> 11) & 1, l = (w >>> 21) & 1, m = (w >>> 20) & 1;
        int index = sz == 1 ? (h << 2) | (l << 1) | m : (h << 1) | l;
        int reg = sz == 1 ? (w >>> 16) & 15 : (w >>> 16) & 31;
        return "v" + reg + "." + (sz == 1 ? "h" : "s") + "[" + index + "]";
    }

    static final Guard HS = w -> size(w) == 1 || size(w) == 2;

    private static void elem(List<Row> rows, String mn, int u, int opcode, Op3 op) {
        rows.add(new Row(mn.toUpperCase() + "_elem_vec", "0 Q:1 " + u + " 01111 size:2 L:1 M:1 Rm:4 " + bin(opcode, 4) + " H:1 0 Rn:5 Rd:5")
                .exec(SimdIntExec.byElem(op)).when(HS)
                .dis((w, pc) -> {
                    String t = arr(size(w), q(w));
                    return mn + " " + v(rd(w), t) + ", " + v(rn(w), t) + ", " + elemOperand(w);
                }));
    }

    private static void elemLong(List<Row> rows, String mn, int u, int opcode, Op3 op) {
        rows.add(new Row(mn.toUpperCase() + "_elem_vec", "0 Q:1 " + u + " 01111 size:2 L:1 M:1 Rm:4 " + bin(opcode, 4) + " H:1 0 Rn:5 Rd:5")
                .exec(SimdIntExec.byElemLong(op)).when(HS)
                .dis((w, pc) -> mn + two(w) + " " + v(rd(w), arr(size(w) + 1, 1)) + ", " + v(rn(w), arr(size(w), q(w))) + ", "
                        + elemOperand(w)));
    }

    private static void byElement(List<Row> rows) {
        elem(rows, "mul", 0, 0b1000, SimdIntOps::mul);
        elem(rows, "sqdmulh", 0, 0b1100, SimdIntOps::sqdmulh);
        elem(rows, "sqrdmulh", 0, 0b1101, SimdIntOps::sqrdmulh);
        elem(rows, "mla", 1, 0b0000, SimdIntOps::mla);
        elem(rows, "mls", 1, 0b0100, SimdIntOps::mls);
        elemLong(rows, "smlal", 0, 0b0010, SimdIntOps::smlal);
        elemLong(rows, "sqdmlal", 0, 0b0011, SimdIntOps::sqdmlal);
        elemLong(rows, "smlsl", 0, 0b0110, SimdIntOps::smlsl);
        elemLong(rows, "sqdmlsl", 0, 0b0111, SimdIntOps::sqdmlsl);
        elemLong(rows, "smull", 0, 0b1010, SimdIntOps::smull);
        elemLong(rows, "sqdmull", 0, 0b1011, SimdIntOps::sqdmull);
        elemLong(rows, "umlal", 1, 0b0010, SimdIntOps::umlal);
        elemLong(rows, "umlsl", 1, 0b0110, SimdIntOps::umlsl);
        elemLong(rows, "umull", 1, 0b1010, SimdIntOps::umull);
        rows.add(new Row("SQRDMLAH_elem_vec", "0 Q:1 1 01111 size:2 L:1 M:1 Rm:4 1101 H:1 0 Rn:5 Rd:5")
                .exec(SimdIntExec.byElem(SimdIntOps::sqrdmlah)).when(HS).needs(Feature.RDM)
                .dis((w, pc) -> "sqrdmlah " + v(rd(w), arr(size(w), q(w))) + ", " + v(rn(w), arr(size(w), q(w))) + ", " + elemOperand(w)));
        rows.add(new Row("SQRDMLSH_elem_vec", "0 Q:1 1 01111 size:2 L:1 M:1 Rm:4 1111 H:1 0 Rn:5 Rd:5")
                .exec(SimdIntExec.byElem(SimdIntOps::sqrdmlsh)).when(HS).needs(Feature.RDM)
                .dis((w, pc) -> "sqrdmlsh " + v(rd(w), arr(size(w), q(w))) + ", " + v(rn(w), arr(size(w), q(w))) + ", " + elemOperand(w)));
        // SDOT/UDOT (FEAT_DotProd), SUDOT/USDOT (FEAT_I8MM) by element: Vm.4B[H:L], Rm = M:Rm
        dotElem(rows, "sdot", "0 Q:1 0 01111 10 L:1 M:1 Rm:4 1110 H:1 0 Rn:5 Rd:5", true, true, Feature.DOTPROD);
        dotElem(rows, "udot", "0 Q:1 1 01111 10 L:1 M:1 Rm:4 1110 H:1 0 Rn:5 Rd:5", false, false, Feature.DOTPROD);
        dotElem(rows, "sudot", "0 Q:1 0 01111 00 L:1 M:1 Rm:4 1111 H:1 0 Rn:5 Rd:5", true, false, Feature.I8MM);
        dotElem(rows, "usdot", "0 Q:1 0 01111 10 L:1 M:1 Rm:4 1111 H:1 0 Rn:5 Rd:5", false, true, Feature.I8MM);
    }

    private static void dotElem(List<Row> rows, String mn, String pattern, boolean aSigned, boolean bSigned, Feature f) {
        rows.add(new Row(mn.toUpperCase() + "_elem_vec", pattern)
                .exec((c, w) -> SimdIntExec.dotElem(c, w, aSigned, bSigned))
                .dis((w, pc) -> mn + " " + v(rd(w), q(w) == 1 ? "4s" : "2s") + ", " + v(rn(w), q(w) == 1 ? "16b" : "8b") + ", v"
                        + ((w >>> 16) & 31) + ".4b[" + ((((w >>> 11) & 1) << 1) | ((w >>> 21) & 1)) + "]")
                .needs(f));
    }
}
