package io.el2studio.sim.isa;

import static io.el2studio.sim.isa.DpImmRows.UNIMPLEMENTED;
import static io.el2studio.sim.isa.DpText.bit;
import static io.el2studio.sim.isa.DpText.condLast;
import static io.el2studio.sim.isa.DpText.hex;
import static io.el2studio.sim.isa.DpText.r;
import static io.el2studio.sim.isa.DpText.rd;
import static io.el2studio.sim.isa.DpText.rm;
import static io.el2studio.sim.isa.DpText.rn;
import static io.el2studio.sim.isa.DpText.rsp;
import static io.el2studio.sim.isa.DpText.sf;
import static io.el2studio.sim.isa.DpText.x;

import java.util.List;

import io.el2studio.sim.cpu.dp.DpReg;
import io.el2studio.sim.cpu.dp.DpSource;

/**
 * op0 = x101, "Data Processing -- Register" (Arm ARM C4.1.88). Disassembly follows GNU objdump
 * 2.40 with its preferred aliases (mov, mvn, tst, neg, negs, cmp, cmn, ngc, ngcs, cset, csetm,
 * cinc, cinv, cneg, mul, mneg, [su]mull, [su]mnegl, lsl/lsr/asr/ror for the variable shifts).
 * FEAT_FlagM's RMIF/SETF8/SETF16 execute when the profile has FLAGM. Encodings of extensions we do
 * not implement (MTE, PAuth, CSSC) have disassembly-only rows gated by their feature.
 */
final class DpRegRows {
    private DpRegRows() {
    }

    static void addTo(List<Row> rows) {
        logicalShifted(rows);
        addSubShifted(rows);
        addSubExtended(rows);
        withCarry(rows);
        flagManipulation(rows);
        conditionalCompare(rows);
        conditionalSelect(rows);
        threeSource(rows);
        twoSource(rows);
        oneSource(rows);
    }

    /** sf = 0 with imm6 >= 32 is unallocated. */
    private static final Guard SHIFT_AMOUNT = w -> w < 0 || bit(w, 15) == 0;
    /** As above, and shift type 11 (ROR) is reserved for add/subtract. */
    private static final Guard ADD_SHIFT = w -> (w < 0 || bit(w, 15) == 0) && ((w >>> 22) & 3) != 3;

    private static String shifted(int w) {
        return r(sf(w), rm(w)) + DpText.shift((w >>> 22) & 3, (w >>> 10) & 63);
    }

    private static String three(String m, int w) {
        return m + " " + r(sf(w), rd(w)) + ", " + r(sf(w), rn(w)) + ", " + shifted(w);
    }

    // ---- Logical (shifted register) ----

    private static void logicalShifted(List<Row> rows) {
        rows.add(new Row("AND_reg", "sf:1 00 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::and).dis((w, pc) -> three("and", w)));
        rows.add(new Row("BIC_reg", "sf:1 00 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::bic).dis((w, pc) -> three("bic", w)));
        rows.add(new Row("ORR_reg", "sf:1 01 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::orr)
                .dis((w, pc) -> rn(w) == 31 && (w & 0x00C0FC00) == 0
                        ? "mov " + r(sf(w), rd(w)) + ", " + r(sf(w), rm(w)) // MOV (register)
                        : three("orr", w)));
        rows.add(new Row("ORN_reg", "sf:1 01 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::orn)
                .dis((w, pc) -> rn(w) == 31 ? "mvn " + r(sf(w), rd(w)) + ", " + shifted(w) : three("orn", w)));
        rows.add(new Row("EOR_reg", "sf:1 10 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::eor).dis((w, pc) -> three("eor", w)));
        rows.add(new Row("EON_reg", "sf:1 10 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::eon).dis((w, pc) -> three("eon", w)));
        rows.add(new Row("ANDS_reg", "sf:1 11 01010 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::ands)
                .dis((w, pc) -> rd(w) == 31 ? "tst " + r(sf(w), rn(w)) + ", " + shifted(w) : three("ands", w)));
        rows.add(new Row("BICS_reg", "sf:1 11 01010 shift:2 1 Rm:5 imm6:6 Rn:5 Rd:5").when(SHIFT_AMOUNT)
                .exec(DpReg::bics).dis((w, pc) -> three("bics", w)));
    }

    // ---- Add/subtract (shifted register) ----

    private static void addSubShifted(List<Row> rows) {
        rows.add(new Row("ADD_shifted", "sf:1 0 0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(ADD_SHIFT)
                .exec(DpReg::addShifted).dis((w, pc) -> three("add", w)));
        rows.add(new Row("ADDS_shifted", "sf:1 0 1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(ADD_SHIFT)
                .exec(DpReg::addsShifted)
                .dis((w, pc) -> rd(w) == 31 ? "cmn " + r(sf(w), rn(w)) + ", " + shifted(w) : three("adds", w)));
        rows.add(new Row("SUB_shifted", "sf:1 1 0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(ADD_SHIFT)
                .exec(DpReg::subShifted)
                .dis((w, pc) -> rn(w) == 31 ? "neg " + r(sf(w), rd(w)) + ", " + shifted(w) : three("sub", w)));
        rows.add(new Row("SUBS_shifted", "sf:1 1 1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5").when(ADD_SHIFT)
                .exec(DpReg::subsShifted)
                .dis((w, pc) -> rd(w) == 31 ? "cmp " + r(sf(w), rn(w)) + ", " + shifted(w)
                        : rn(w) == 31 ? "negs " + r(sf(w), rd(w)) + ", " + shifted(w) : three("subs", w)));
    }

    // ---- Add/subtract (extended register) ----

    /** opt (23:22) must be 00 and imm3 at most 4. */
    private static final Guard EXTENDED = w -> ((w >>> 10) & 7) <= 4;

    /**
     * The extended-register operand. objdump, like the Arm ARM, prints LSL instead of UXTW/UXTX
     * when SP is involved (Rn, or Rd of the non-flag-setting forms), omitting "lsl #0".
     */
    private static String extendedOperand(int w, boolean spInvolved) {
        boolean sf = sf(w);
        int option = (w >>> 13) & 7, amount = (w >>> 10) & 7;
        String m = r(sf && (option & 3) == 3, rm(w));
        if (spInvolved && option == (sf ? 3 : 2)) {
            return amount == 0 ? m : m + ", lsl #" + amount;
        }
        return m + ", " + DpText.extend(option) + (amount != 0 ? " #" + amount : "");
    }

    private static void addSubExtended(List<Row> rows) {
        rows.add(new Row("ADD_ext", "sf:1 0 0 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5").when(EXTENDED)
                .exec(DpReg::addExtended)
                .dis((w, pc) -> "add " + rsp(sf(w), rd(w)) + ", " + rsp(sf(w), rn(w)) + ", "
                        + extendedOperand(w, rd(w) == 31 || rn(w) == 31)));
        rows.add(new Row("ADDS_ext", "sf:1 0 1 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5").when(EXTENDED)
                .exec(DpReg::addsExtended)
                .dis((w, pc) -> (rd(w) == 31 ? "cmn " : "adds " + r(sf(w), rd(w)) + ", ") + rsp(sf(w), rn(w)) + ", "
                        + extendedOperand(w, rn(w) == 31)));
        rows.add(new Row("SUB_ext", "sf:1 1 0 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5").when(EXTENDED)
                .exec(DpReg::subExtended)
                .dis((w, pc) -> "sub " + rsp(sf(w), rd(w)) + ", " + rsp(sf(w), rn(w)) + ", "
                        + extendedOperand(w, rd(w) == 31 || rn(w) == 31)));
        rows.add(new Row("SUBS_ext", "sf:1 1 1 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5").when(EXTENDED)
                .exec(DpReg::subsExtended)
                .dis((w, pc) -> (rd(w) == 31 ? "cmp " : "subs " + r(sf(w), rd(w)) + ", ") + rsp(sf(w), rn(w)) + ", "
                        + extendedOperand(w, rn(w) == 31)));
    }

    // ---- Add/subtract (with carry) ----

    private static String regs3(String m, int w) {
        return m + " " + r(sf(w), rd(w)) + ", " + r(sf(w), rn(w)) + ", " + r(sf(w), rm(w));
    }

    private static void withCarry(List<Row> rows) {
        rows.add(new Row("ADC", "sf:1 0 0 11010000 Rm:5 000000 Rn:5 Rd:5")
                .exec(DpReg::adc).dis((w, pc) -> regs3("adc", w)));
        rows.add(new Row("ADCS", "sf:1 0 1 11010000 Rm:5 000000 Rn:5 Rd:5")
                .exec(DpReg::adcs).dis((w, pc) -> regs3("adcs", w)));
        rows.add(new Row("SBC", "sf:1 1 0 11010000 Rm:5 000000 Rn:5 Rd:5")
                .exec(DpReg::sbc)
                .dis((w, pc) -> rn(w) == 31 ? "ngc " + r(sf(w), rd(w)) + ", " + r(sf(w), rm(w)) : regs3("sbc", w)));
        rows.add(new Row("SBCS", "sf:1 1 1 11010000 Rm:5 000000 Rn:5 Rd:5")
                .exec(DpReg::sbcs)
                .dis((w, pc) -> rn(w) == 31 ? "ngcs " + r(sf(w), rd(w)) + ", " + r(sf(w), rm(w)) : regs3("sbcs", w)));
    }

    // ---- Rotate right into flags, evaluate into flags (FEAT_FlagM; CFINV is with the PSTATE instructions) ----

    private static void flagManipulation(List<Row> rows) {
        rows.add(new Row("RMIF", "1 0 1 11010000 imm6:6 00001 Rn:5 0 mask:4").needs(Feature.FLAGM)
                .exec(DpReg::rmif)
                .dis((w, pc) -> "rmif " + x(rn(w)) + ", #" + ((w >>> 15) & 63) + ", #" + (w & 15)));
        rows.add(new Row("SETF8", "0 0 1 11010000 000000 0 0010 Rn:5 0 1101").needs(Feature.FLAGM)
                .exec(DpReg::setf).dis((w, pc) -> "setf8 " + r(false, rn(w))));
        rows.add(new Row("SETF16", "0 0 1 11010000 000000 1 0010 Rn:5 0 1101").needs(Feature.FLAGM)
                .exec(DpReg::setf).dis((w, pc) -> "setf16 " + r(false, rn(w))));
    }

    // ---- Conditional compare (register and immediate) ----

    private static String ccmpText(String m, int w) {
        String op2 = bit(w, 11) != 0 ? hex((w >>> 16) & 31) : r(sf(w), rm(w));
        return m + " " + r(sf(w), rn(w)) + ", " + op2 + ", " + hex(w & 15) + ", " + condLast((w >>> 12) & 15);
    }

    private static void conditionalCompare(List<Row> rows) {
        rows.add(new Row("CCMN_reg", "sf:1 0 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4")
                .exec(DpReg::ccmn).dis((w, pc) -> ccmpText("ccmn", w)));
        rows.add(new Row("CCMN_imm", "sf:1 0 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4")
                .exec(DpReg::ccmn).dis((w, pc) -> ccmpText("ccmn", w)));
        rows.add(new Row("CCMP_reg", "sf:1 1 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4")
                .exec(DpReg::ccmp).dis((w, pc) -> ccmpText("ccmp", w)));
        rows.add(new Row("CCMP_imm", "sf:1 1 1 11010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4")
                .exec(DpReg::ccmp).dis((w, pc) -> ccmpText("ccmp", w)));
    }

    // ---- Conditional select ----

    private static String cselText(String m, int w) {
        return regs3(m, w) + ", " + condLast((w >>> 12) & 15);
    }

    /** cond is not AL or NV, so it can be inverted by an alias. */
    private static boolean invertible(int w) {
        return ((w >>> 13) & 7) != 7;
    }

    private static String invCond(int w) {
        return condLast(((w >>> 12) & 15) ^ 1);
    }

    private static void conditionalSelect(List<Row> rows) {
        rows.add(new Row("CSEL", "sf:1 0 0 11010100 Rm:5 cond:4 0 0 Rn:5 Rd:5")
                .exec(DpReg::csel).dis((w, pc) -> cselText("csel", w)));
        rows.add(new Row("CSINC", "sf:1 0 0 11010100 Rm:5 cond:4 0 1 Rn:5 Rd:5")
                .exec(DpReg::csinc)
                .dis((w, pc) -> {
                    if (invertible(w) && rm(w) == 31 && rn(w) == 31) {
                        return "cset " + r(sf(w), rd(w)) + ", " + invCond(w);
                    }
                    if (invertible(w) && rm(w) != 31 && rn(w) == rm(w)) {
                        return "cinc " + r(sf(w), rd(w)) + ", " + r(sf(w), rn(w)) + ", " + invCond(w);
                    }
                    return cselText("csinc", w);
                }));
        rows.add(new Row("CSINV", "sf:1 1 0 11010100 Rm:5 cond:4 0 0 Rn:5 Rd:5")
                .exec(DpReg::csinv)
                .dis((w, pc) -> {
                    if (invertible(w) && rm(w) == 31 && rn(w) == 31) {
                        return "csetm " + r(sf(w), rd(w)) + ", " + invCond(w);
                    }
                    if (invertible(w) && rm(w) != 31 && rn(w) == rm(w)) {
                        return "cinv " + r(sf(w), rd(w)) + ", " + r(sf(w), rn(w)) + ", " + invCond(w);
                    }
                    return cselText("csinv", w);
                }));
        rows.add(new Row("CSNEG", "sf:1 1 0 11010100 Rm:5 cond:4 0 1 Rn:5 Rd:5")
                .exec(DpReg::csneg)
                .dis((w, pc) -> invertible(w) && rn(w) == rm(w)
                        ? "cneg " + r(sf(w), rd(w)) + ", " + r(sf(w), rn(w)) + ", " + invCond(w)
                        : cselText("csneg", w)));
    }

    // ---- Data-processing (3 source) ----

    private static void threeSource(List<Row> rows) {
        rows.add(new Row("MADD", "sf:1 00 11011 000 Rm:5 0 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::madd)
                .dis((w, pc) -> mulText(w, "mul", "madd", sf(w), sf(w))));
        rows.add(new Row("MSUB", "sf:1 00 11011 000 Rm:5 1 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::msub)
                .dis((w, pc) -> mulText(w, "mneg", "msub", sf(w), sf(w))));
        rows.add(new Row("SMADDL", "1 00 11011 001 Rm:5 0 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::smaddl)
                .dis((w, pc) -> mulText(w, "smull", "smaddl", true, false)));
        rows.add(new Row("SMSUBL", "1 00 11011 001 Rm:5 1 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::smsubl)
                .dis((w, pc) -> mulText(w, "smnegl", "smsubl", true, false)));
        rows.add(new Row("SMULH", "1 00 11011 010 Rm:5 0 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::smulh)
                .dis((w, pc) -> "smulh " + x(rd(w)) + ", " + x(rn(w)) + ", " + x(rm(w))));
        rows.add(new Row("UMADDL", "1 00 11011 101 Rm:5 0 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::umaddl)
                .dis((w, pc) -> mulText(w, "umull", "umaddl", true, false)));
        rows.add(new Row("UMSUBL", "1 00 11011 101 Rm:5 1 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::umsubl)
                .dis((w, pc) -> mulText(w, "umnegl", "umsubl", true, false)));
        rows.add(new Row("UMULH", "1 00 11011 110 Rm:5 0 Ra:5 Rn:5 Rd:5")
                .exec(DpReg::umulh)
                .dis((w, pc) -> "umulh " + x(rd(w)) + ", " + x(rn(w)) + ", " + x(rm(w))));
    }

    /** Ra = XZR selects the two-operand alias (mul, mneg, smull, ...). */
    private static String mulText(int w, String alias, String m, boolean dstX, boolean srcX) {
        String ops = r(dstX, rd(w)) + ", " + r(srcX, rn(w)) + ", " + r(srcX, rm(w));
        int a = (w >>> 10) & 31;
        return a == 31 ? alias + " " + ops : m + " " + ops + ", " + r(dstX, a);
    }

    // ---- Data-processing (2 source) ----

    private static void twoSource(List<Row> rows) {
        rows.add(new Row("UDIV", "sf:1 0 0 11010110 Rm:5 000010 Rn:5 Rd:5")
                .exec(DpSource::udiv).dis((w, pc) -> regs3("udiv", w)));
        rows.add(new Row("SDIV", "sf:1 0 0 11010110 Rm:5 000011 Rn:5 Rd:5")
                .exec(DpSource::sdiv).dis((w, pc) -> regs3("sdiv", w)));
        String[] shifts = {"lsl", "lsr", "asr", "ror"};
        for (int op2 = 0; op2 < 4; op2++) {
            String m = shifts[op2];
            // LSLV and friends always disassemble as their shift alias.
            rows.add(new Row(m.toUpperCase() + "V", "sf:1 0 0 11010110 Rm:5 0010" + (op2 >> 1) + (op2 & 1) + " Rn:5 Rd:5")
                    .exec(DpSource::shiftv).dis((w, pc) -> regs3(m, w)));
        }
        String[] crc = {"crc32b", "crc32h", "crc32w", "crc32x", "crc32cb", "crc32ch", "crc32cw", "crc32cx"};
        for (int i = 0; i < 8; i++) {
            String m = crc[i];
            int sz = i & 3;
            String sf = sz == 3 ? "1" : "0";
            rows.add(new Row(m.toUpperCase(), sf + " 0 0 11010110 Rm:5 010" + (i >> 2) + (sz >> 1) + (sz & 1) + " Rn:5 Rd:5")
                    .needs(Feature.CRC32)
                    .exec(DpSource::crc32)
                    .dis((w, pc) -> m + " " + r(false, rd(w)) + ", " + r(false, rn(w)) + ", " + r(sz == 3, rm(w))));
        }
        // FEAT_PAuth, FEAT_MTE, FEAT_CSSC: disassembly only.
        rows.add(new Row("PACGA", "1 0 0 11010110 Rm:5 001100 Rn:5 Rd:5").needs(Feature.PAUTH)
                .exec(UNIMPLEMENTED)
                .dis((w, pc) -> "pacga " + x(rd(w)) + ", " + x(rn(w)) + ", " + rsp(true, rm(w))));
        rows.add(new Row("SUBP", "1 0 0 11010110 Rm:5 000000 Rn:5 Rd:5").needs(Feature.MTE)
                .exec(UNIMPLEMENTED)
                .dis((w, pc) -> "subp " + x(rd(w)) + ", " + rsp(true, rn(w)) + ", " + rsp(true, rm(w))));
        rows.add(new Row("SUBPS", "1 0 1 11010110 Rm:5 000000 Rn:5 Rd:5").needs(Feature.MTE)
                .exec(UNIMPLEMENTED)
                .dis((w, pc) -> rd(w) == 31
                        ? "cmpp " + rsp(true, rn(w)) + ", " + rsp(true, rm(w))
                        : "subps " + x(rd(w)) + ", " + rsp(true, rn(w)) + ", " + rsp(true, rm(w))));
        rows.add(new Row("IRG", "1 0 0 11010110 Rm:5 000100 Rn:5 Rd:5").needs(Feature.MTE)
                .exec(UNIMPLEMENTED)
                .dis((w, pc) -> "irg " + rsp(true, rd(w)) + ", " + rsp(true, rn(w)) + (rm(w) == 31 ? "" : ", " + x(rm(w)))));
        rows.add(new Row("GMI", "1 0 0 11010110 Rm:5 000101 Rn:5 Rd:5").needs(Feature.MTE)
                .exec(UNIMPLEMENTED)
                .dis((w, pc) -> "gmi " + x(rd(w)) + ", " + rsp(true, rn(w)) + ", " + x(rm(w))));
        String[] minMax = {"smax", "umax", "smin", "umin"};
        for (int i = 0; i < 4; i++) {
            String m = minMax[i];
            rows.add(new Row(m.toUpperCase() + "_reg", "sf:1 0 0 11010110 Rm:5 0110" + (i >> 1) + (i & 1) + " Rn:5 Rd:5")
                    .needs(Feature.CSSC)
                    .exec(UNIMPLEMENTED).dis((w, pc) -> regs3(m, w)));
        }
    }

    // ---- Data-processing (1 source) ----

    private static String regs2(String m, int w) {
        return m + " " + r(sf(w), rd(w)) + ", " + r(sf(w), rn(w));
    }

    private static void oneSource(List<Row> rows) {
        rows.add(new Row("RBIT", "sf:1 1 0 11010110 00000 000000 Rn:5 Rd:5")
                .exec(DpSource::rbit).dis((w, pc) -> regs2("rbit", w)));
        rows.add(new Row("REV16", "sf:1 1 0 11010110 00000 000001 Rn:5 Rd:5")
                .exec(DpSource::rev16).dis((w, pc) -> regs2("rev16", w)));
        rows.add(new Row("REV_32", "0 1 0 11010110 00000 000010 Rn:5 Rd:5")
                .exec(DpSource::rev).dis((w, pc) -> regs2("rev", w)));
        rows.add(new Row("REV32", "1 1 0 11010110 00000 000010 Rn:5 Rd:5")
                .exec(DpSource::rev32).dis((w, pc) -> regs2("rev32", w)));
        rows.add(new Row("REV_64", "1 1 0 11010110 00000 000011 Rn:5 Rd:5")
                .exec(DpSource::rev).dis((w, pc) -> regs2("rev", w)));
        rows.add(new Row("CLZ", "sf:1 1 0 11010110 00000 000100 Rn:5 Rd:5")
                .exec(DpSource::clz).dis((w, pc) -> regs2("clz", w)));
        rows.add(new Row("CLS", "sf:1 1 0 11010110 00000 000101 Rn:5 Rd:5")
                .exec(DpSource::cls).dis((w, pc) -> regs2("cls", w)));
        String[] cssc = {"ctz", "cnt", "abs"};
        String[] csscOp = {"000110", "000111", "001000"};
        for (int i = 0; i < 3; i++) {
            String m = cssc[i];
            rows.add(new Row(m.toUpperCase(), "sf:1 1 0 11010110 00000 " + csscOp[i] + " Rn:5 Rd:5").needs(Feature.CSSC)
                    .exec(UNIMPLEMENTED).dis((w, pc) -> regs2(m, w)));
        }
        // FEAT_PAuth: PAC*, AUT* with a modifier register (Rn may be SP), the zero-modifier forms, XPAC*.
        String[] pac = {"pacia", "pacib", "pacda", "pacdb", "autia", "autib", "autda", "autdb"};
        for (int i = 0; i < 8; i++) {
            String m = pac[i];
            String bits = "00" + (i >> 2) + ((i >> 1) & 1) + (i & 1);
            rows.add(new Row(m.toUpperCase(), "1 1 0 11010110 00001 0" + bits + " Rn:5 Rd:5").needs(Feature.PAUTH)
                    .exec(UNIMPLEMENTED)
                    .dis((w, pc) -> m + " " + x(rd(w)) + ", " + rsp(true, rn(w))));
            String z = m.substring(0, 4) + "z" + m.substring(4);
            rows.add(new Row(z.toUpperCase(), "1 1 0 11010110 00001 0" + "01" + bits.substring(2) + " 11111 Rd:5")
                    .needs(Feature.PAUTH)
                    .exec(UNIMPLEMENTED)
                    .dis((w, pc) -> z + " " + x(rd(w))));
        }
        rows.add(new Row("XPACI", "1 1 0 11010110 00001 010000 11111 Rd:5").needs(Feature.PAUTH)
                .exec(UNIMPLEMENTED).dis((w, pc) -> "xpaci " + x(rd(w))));
        rows.add(new Row("XPACD", "1 1 0 11010110 00001 010001 11111 Rd:5").needs(Feature.PAUTH)
                .exec(UNIMPLEMENTED).dis((w, pc) -> "xpacd " + x(rd(w))));
    }
}
