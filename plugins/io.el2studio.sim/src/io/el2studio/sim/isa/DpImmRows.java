package io.el2studio.sim.isa;

import static io.el2studio.sim.isa.DpText.bit;
import static io.el2studio.sim.isa.DpText.hex;
import static io.el2studio.sim.isa.DpText.r;
import static io.el2studio.sim.isa.DpText.rd;
import static io.el2studio.sim.isa.DpText.rn;
import static io.el2studio.sim.isa.DpText.rsp;
import static io.el2studio.sim.isa.DpText.sf;
import static io.el2studio.sim.isa.DpText.x;

import java.util.List;

import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.cpu.dp.Alu;
import io.el2studio.sim.cpu.dp.DpImm;

/**
 * op0 = 100x, "Data Processing -- Immediate" (Arm ARM C4.1.86). Disassembly follows GNU objdump
 * 2.40 with its preferred aliases (mov, cmp, cmn, tst, lsl/lsr/asr, [su]bfx, [su]bfiz, bfi, bfxil,
 * bfc, sxt*, uxt*, ror). Encodings of extensions we do not implement (MTE's ADDG/SUBG, CSSC's
 * immediate min/max) have disassembly-only rows gated by their feature.
 */
final class DpImmRows {
    private DpImmRows() {
    }

    /** Handler of the rows that exist only so the disassembler knows them. */
    static final Exec UNIMPLEMENTED = (cpu, w) -> {
        throw GuestFault.undefined();
    };

    static void addTo(List<Row> rows) {
        pcRel(rows);
        addSub(rows);
        logical(rows);
        moveWide(rows);
        bitfield(rows);
        extract(rows);
    }

    // ---- PC-rel. addressing ----

    private static void pcRel(List<Row> rows) {
        rows.add(new Row("ADR", "0 immlo:2 10000 immhi:19 Rd:5")
                .exec(DpImm::adr)
                .dis((w, pc) -> "adr " + x(rd(w)) + ", 0x" + Long.toHexString(pc + DpImm.pcRelImm(w))));
        rows.add(new Row("ADRP", "1 immlo:2 10000 immhi:19 Rd:5")
                .exec(DpImm::adrp)
                .dis((w, pc) -> "adrp " + x(rd(w)) + ", 0x" + Long.toHexString((pc & ~0xFFFL) + (DpImm.pcRelImm(w) << 12))));
    }

    // ---- Add/subtract (immediate), and with tags ----

    private static String imm12(int w) {
        return hex((w >>> 10) & 0xFFF) + (bit(w, 22) != 0 ? ", lsl #12" : "");
    }

    private static void addSub(List<Row> rows) {
        rows.add(new Row("ADD_imm", "sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5")
                .exec(DpImm::add)
                .dis((w, pc) -> {
                    boolean sf = sf(w);
                    if ((w & 0x7FFC00) == 0 && (rd(w) == 31 || rn(w) == 31)) {
                        return "mov " + rsp(sf, rd(w)) + ", " + rsp(sf, rn(w)); // MOV (to/from SP)
                    }
                    return "add " + rsp(sf, rd(w)) + ", " + rsp(sf, rn(w)) + ", " + imm12(w);
                }));
        rows.add(new Row("ADDS_imm", "sf:1 0 1 100010 sh:1 imm12:12 Rn:5 Rd:5")
                .exec(DpImm::adds)
                .dis((w, pc) -> rd(w) == 31
                        ? "cmn " + rsp(sf(w), rn(w)) + ", " + imm12(w)
                        : "adds " + r(sf(w), rd(w)) + ", " + rsp(sf(w), rn(w)) + ", " + imm12(w)));
        rows.add(new Row("SUB_imm", "sf:1 1 0 100010 sh:1 imm12:12 Rn:5 Rd:5")
                .exec(DpImm::sub)
                .dis((w, pc) -> "sub " + rsp(sf(w), rd(w)) + ", " + rsp(sf(w), rn(w)) + ", " + imm12(w)));
        rows.add(new Row("SUBS_imm", "sf:1 1 1 100010 sh:1 imm12:12 Rn:5 Rd:5")
                .exec(DpImm::subs)
                .dis((w, pc) -> rd(w) == 31
                        ? "cmp " + rsp(sf(w), rn(w)) + ", " + imm12(w)
                        : "subs " + r(sf(w), rd(w)) + ", " + rsp(sf(w), rn(w)) + ", " + imm12(w)));

        // FEAT_MTE: ADDG/SUBG Xd|SP, Xn|SP, #uimm6 * 16, #uimm4.
        rows.add(new Row("ADDG", "1 0 0 100011 0 uimm6:6 00 uimm4:4 Rn:5 Rd:5").needs(Feature.MTE)
                .exec(UNIMPLEMENTED)
                .dis((w, pc) -> "addg " + rsp(true, rd(w)) + ", " + rsp(true, rn(w)) + ", "
                        + hex(((w >>> 16) & 63) << 4) + ", " + hex((w >>> 10) & 15)));
        rows.add(new Row("SUBG", "1 1 0 100011 0 uimm6:6 00 uimm4:4 Rn:5 Rd:5").needs(Feature.MTE)
                .exec(UNIMPLEMENTED)
                .dis((w, pc) -> "subg " + rsp(true, rd(w)) + ", " + rsp(true, rn(w)) + ", "
                        + hex(((w >>> 16) & 63) << 4) + ", " + hex((w >>> 10) & 15)));
        // FEAT_CSSC: SMAX/UMAX/SMIN/UMIN (immediate); signed forms print the immediate in decimal.
        String[] minMax = {"smax", "umax", "smin", "umin"};
        for (int opc = 0; opc < 4; opc++) {
            String m = minMax[opc];
            boolean signed = (opc & 1) == 0;
            rows.add(new Row(m.toUpperCase() + "_imm", "sf:1 0 0 100011 1 00" + (opc >> 1) + (opc & 1) + " imm8:8 Rn:5 Rd:5")
                    .needs(Feature.CSSC)
                    .exec(UNIMPLEMENTED)
                    .dis((w, pc) -> m + " " + r(sf(w), rd(w)) + ", " + r(sf(w), rn(w)) + ", #"
                            + (signed ? (byte) (w >>> 10) : (w >>> 10) & 0xFF)));
        }
    }

    // ---- Logical (immediate) ----

    /** sf = 0 with N = 1 is unallocated; DecodeBitMasks rejects the reserved immr/imms values. */
    private static final Guard LOGICAL_IMM = w -> (w < 0 || bit(w, 22) == 0) && Alu.logicalImmediate(w) != 0;

    /**
     * Whether ORR Rd, ZR, #imm prints as MOV: objdump (like the Arm ARM's MoveWidePreferred) keeps
     * ORR when MOVZ or MOVN could load the same value, i.e. when it or its inverse is one 16-bit chunk,
     * unless the destination is SP, which MOVZ/MOVN cannot write.
     */
    static boolean movzOrMovnCanLoad(int w) {
        long v = Alu.logicalImmediate(w);
        long mask = sf(w) ? -1L : 0xFFFF_FFFFL;
        return oneChunk(v, mask) || oneChunk(~v & mask, mask);
    }

    private static boolean oneChunk(long v, long mask) {
        for (int s = 0; s < 64; s += 16) {
            if ((v & ~(0xFFFFL << s) & mask) == 0) {
                return true;
            }
        }
        return false;
    }

    private static String logicalText(String m, int w, boolean dstSp) {
        boolean sf = sf(w);
        return m + " " + (dstSp ? rsp(sf, rd(w)) : r(sf, rd(w))) + ", " + r(sf, rn(w)) + ", " + hex(Alu.logicalImmediate(w));
    }

    private static void logical(List<Row> rows) {
        rows.add(new Row("AND_imm", "sf:1 00 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").when(LOGICAL_IMM)
                .exec(DpImm::and)
                .dis((w, pc) -> logicalText("and", w, true)));
        rows.add(new Row("ORR_imm", "sf:1 01 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").when(LOGICAL_IMM)
                .exec(DpImm::orr)
                .dis((w, pc) -> rn(w) == 31 && (rd(w) == 31 || !movzOrMovnCanLoad(w))
                        ? movAlias(rsp(sf(w), rd(w)), sf(w), Alu.logicalImmediate(w)) // MOV (bitmask immediate)
                        : logicalText("orr", w, true)));
        rows.add(new Row("EOR_imm", "sf:1 10 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").when(LOGICAL_IMM)
                .exec(DpImm::eor)
                .dis((w, pc) -> logicalText("eor", w, true)));
        rows.add(new Row("ANDS_imm", "sf:1 11 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").when(LOGICAL_IMM)
                .exec(DpImm::ands)
                .dis((w, pc) -> rd(w) == 31
                        ? "tst " + r(sf(w), rn(w)) + ", " + hex(Alu.logicalImmediate(w))
                        : logicalText("ands", w, false)));
    }

    // ---- Move wide (immediate) ----

    /** sf = 0 with hw = 1x is unallocated. */
    private static final Guard MOVE_WIDE = w -> w < 0 || bit(w, 22) == 0;

    /** objdump prints the MOV alias value as "#0x%-20x" followed by the decimal in a comment. */
    private static String movAlias(String rd, boolean sf, long value) {
        String hexValue = Long.toHexString(sf ? value : value & 0xFFFF_FFFFL);
        return "mov " + rd + ", #0x" + String.format("%-20s", hexValue) + " // #" + (sf ? value : (int) value);
    }

    private static String wide(String m, int w) {
        int hw = (w >>> 21) & 3;
        return m + " " + r(sf(w), rd(w)) + ", " + hex((w >>> 5) & 0xFFFF) + (hw != 0 ? ", lsl #" + hw * 16 : "");
    }

    private static void moveWide(List<Row> rows) {
        rows.add(new Row("MOVN", "sf:1 00 100101 hw:2 imm16:16 Rd:5").when(MOVE_WIDE)
                .exec(DpImm::movn)
                .dis((w, pc) -> {
                    int imm16 = (w >>> 5) & 0xFFFF, hw = (w >>> 21) & 3;
                    // MOV (inverted wide immediate) unless the value is also a MOVZ, or all-ones W.
                    if (!(imm16 == 0 && hw != 0) && !(!sf(w) && imm16 == 0xFFFF)) {
                        return movAlias(r(sf(w), rd(w)), sf(w), ~((long) imm16 << (hw * 16)));
                    }
                    return wide("movn", w);
                }));
        rows.add(new Row("MOVZ", "sf:1 10 100101 hw:2 imm16:16 Rd:5").when(MOVE_WIDE)
                .exec(DpImm::movz)
                .dis((w, pc) -> {
                    int imm16 = (w >>> 5) & 0xFFFF, hw = (w >>> 21) & 3;
                    if (!(imm16 == 0 && hw != 0)) {
                        return movAlias(r(sf(w), rd(w)), sf(w), (long) imm16 << (hw * 16));
                    }
                    return wide("movz", w);
                }));
        rows.add(new Row("MOVK", "sf:1 11 100101 hw:2 imm16:16 Rd:5").when(MOVE_WIDE)
                .exec(DpImm::movk)
                .dis((w, pc) -> wide("movk", w)));
    }

    // ---- Bitfield ----

    /** N must equal sf; for sf = 0 immr and imms are 0..31. */
    private static final Guard BITFIELD = w -> w < 0 ? bit(w, 22) == 1 : (w & 0x0060_8000) == 0 && bit(w, 22) == 0;

    /** BFXPreferred(sf, uns, imms, immr) of the Arm ARM (C6.2 SBFX/UBFX). */
    static boolean bfxPreferred(boolean sf, boolean uns, int imms, int immr) {
        if (imms < immr) {
            return false;
        }
        if (imms == (sf ? 63 : 31)) {
            return false;
        }
        if (immr == 0) {
            if (!sf && (imms == 7 || imms == 15)) {
                return false;
            }
            if (sf && !uns && (imms == 7 || imms == 15 || imms == 31)) {
                return false;
            }
        }
        return true;
    }

    private static String bf(String m, int w, int a, int b) {
        boolean sf = sf(w);
        return m + " " + r(sf, rd(w)) + ", " + r(sf, rn(w)) + ", #" + a + ", #" + b;
    }

    private static void bitfield(List<Row> rows) {
        rows.add(new Row("SBFM", "sf:1 00 100110 N:1 immr:6 imms:6 Rn:5 Rd:5").when(BITFIELD)
                .exec(DpImm::sbfm)
                .dis((w, pc) -> {
                    boolean sf = sf(w);
                    int immr = (w >>> 16) & 63, imms = (w >>> 10) & 63, size = sf ? 64 : 32;
                    if (immr == 0 && (imms == 7 || imms == 15 || sf && imms == 31)) {
                        String m = imms == 7 ? "sxtb" : imms == 15 ? "sxth" : "sxtw";
                        return m + " " + r(sf, rd(w)) + ", " + r(false, rn(w));
                    }
                    if (imms == size - 1) {
                        return "asr " + r(sf, rd(w)) + ", " + r(sf, rn(w)) + ", #" + immr;
                    }
                    if (imms < immr) {
                        return bf("sbfiz", w, (size - immr) & (size - 1), imms + 1);
                    }
                    if (bfxPreferred(sf, false, imms, immr)) {
                        return bf("sbfx", w, immr, imms - immr + 1);
                    }
                    return bf("sbfm", w, immr, imms);
                }));
        rows.add(new Row("BFM", "sf:1 01 100110 N:1 immr:6 imms:6 Rn:5 Rd:5").when(BITFIELD)
                .exec(DpImm::bfm)
                .dis((w, pc) -> {
                    boolean sf = sf(w);
                    int immr = (w >>> 16) & 63, imms = (w >>> 10) & 63, size = sf ? 64 : 32;
                    if (imms < immr) {
                        int lsb = (size - immr) & (size - 1);
                        if (rn(w) == 31) {
                            return "bfc " + r(sf, rd(w)) + ", #" + lsb + ", #" + (imms + 1);
                        }
                        return bf("bfi", w, lsb, imms + 1);
                    }
                    return bf("bfxil", w, immr, imms - immr + 1);
                }));
        rows.add(new Row("UBFM", "sf:1 10 100110 N:1 immr:6 imms:6 Rn:5 Rd:5").when(BITFIELD)
                .exec(DpImm::ubfm)
                .dis((w, pc) -> {
                    boolean sf = sf(w);
                    int immr = (w >>> 16) & 63, imms = (w >>> 10) & 63, size = sf ? 64 : 32;
                    if (!sf && immr == 0 && (imms == 7 || imms == 15)) {
                        return (imms == 7 ? "uxtb " : "uxth ") + r(false, rd(w)) + ", " + r(false, rn(w));
                    }
                    if (imms != size - 1 && imms + 1 == immr) {
                        return "lsl " + r(sf, rd(w)) + ", " + r(sf, rn(w)) + ", #" + (size - 1 - imms);
                    }
                    if (imms == size - 1) {
                        return "lsr " + r(sf, rd(w)) + ", " + r(sf, rn(w)) + ", #" + immr;
                    }
                    if (imms < immr) {
                        return bf("ubfiz", w, (size - immr) & (size - 1), imms + 1);
                    }
                    if (bfxPreferred(sf, true, imms, immr)) {
                        return bf("ubfx", w, immr, imms - immr + 1);
                    }
                    return bf("ubfm", w, immr, imms);
                }));
    }

    // ---- Extract ----

    private static void extract(List<Row> rows) {
        rows.add(new Row("EXTR", "sf:1 00 100111 N:1 0 Rm:5 imms:6 Rn:5 Rd:5")
                .when(w -> w < 0 ? bit(w, 22) == 1 : bit(w, 22) == 0 && bit(w, 15) == 0)
                .exec(DpImm::extr)
                .dis((w, pc) -> {
                    boolean sf = sf(w);
                    int lsb = (w >>> 10) & 63;
                    if (rn(w) == DpText.rm(w)) {
                        return "ror " + r(sf, rd(w)) + ", " + r(sf, rn(w)) + ", #" + lsb;
                    }
                    return "extr " + r(sf, rd(w)) + ", " + r(sf, rn(w)) + ", " + r(sf, DpText.rm(w)) + ", #" + lsb;
                }));
    }
}
