package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.cpu.BranchExec;
import io.el2studio.sim.cpu.ExceptionInsns;
import io.el2studio.sim.cpu.GuestFault;

/**
 * op0 = 101x of the A64 encoding index (Arm ARM C4.1.65): branches, exception generation and system
 * instructions. Encodings the simulator does not implement but objdump knows (BC.cond, TME, WFxT,
 * SME mode changes, FEAT_XS barriers, ...) are rows whose handler is UNDEFINED, so that they
 * disassemble as objdump prints them; pointer-authentication branches are gated by FEAT_PAuth.
 */
final class BranchSysRows {
    private BranchSysRows() {
    }

    private static final Exec UNDEFINED = (cpu, w) -> {
        throw GuestFault.undefined();
    };

    static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
    /** objdump's comment listing the other names of a condition (binutils aarch64 condition aliases). */
    static final String[] COND_ALIASES = {"none", "any", "hs, $.nlast", "lo, $.ul, $.last", "first", "nfrst", "", "",
        "pmore", "plast", "tcont", "tstop", "", "", "", ""};

    static String x(int r) {
        return r == 31 ? "xzr" : "x" + r;
    }

    static String xOrSp(int r) {
        return r == 31 ? "sp" : "x" + r;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String target(long pc, long offset) {
        return hex(pc + offset);
    }

    static String cond(String prefix, int w, long pc) {
        int c = w & 15;
        String s = prefix + "." + COND[c] + " " + target(pc, (long) (w << 8 >> 13) << 2);
        String aliases = COND_ALIASES[c];
        return aliases.isEmpty() ? s : s + "  // " + prefix + "." + aliases.replace("$", prefix);
    }

    static int imm16(int w) {
        return (w >>> 5) & 0xFFFF;
    }

    static void addTo(List<Row> rows) {
        addBranches(rows);
        addExceptionGeneration(rows);
        SystemRows.addTo(rows);
    }

    private static void addBranches(List<Row> rows) {
        rows.add(new Row("B", "0 00101 imm26:26").exec(BranchExec::b)
                .dis((w, pc) -> "b " + target(pc, (long) (w << 6 >> 6) << 2)));
        rows.add(new Row("BL", "1 00101 imm26:26").exec(BranchExec::bl)
                .dis((w, pc) -> "bl " + target(pc, (long) (w << 6 >> 6) << 2)));
        rows.add(new Row("B_cond", "0101010 0 imm19:19 0 cond:4").exec(BranchExec::bcond).dis((w, pc) -> cond("b", w, pc)));
        // BC.cond (FEAT_HBC, Armv8.8) is not implemented: UNDEFINED, disassembled.
        rows.add(new Row("BC_cond", "0101010 0 imm19:19 1 cond:4").exec(UNDEFINED).dis((w, pc) -> cond("bc", w, pc)));
        rows.add(new Row("CBZ_CBNZ", "sf:1 011010 op:1 imm19:19 Rt:5").exec(BranchExec::cb)
                .dis((w, pc) -> ((w & (1 << 24)) != 0 ? "cbnz " : "cbz ") + ((w >>> 31) != 0 ? x(w & 31) : wreg(w & 31))
                        + ", " + target(pc, (long) (w << 8 >> 13) << 2)));
        rows.add(new Row("TBZ_TBNZ", "b5:1 011011 op:1 b40:5 imm14:14 Rt:5").exec(BranchExec::tb)
                .dis((w, pc) -> {
                    int bit = ((w >>> 26) & 0x20) | ((w >>> 19) & 0x1F);
                    return ((w & (1 << 24)) != 0 ? "tbnz " : "tbz ") + (bit >= 32 ? x(w & 31) : wreg(w & 31))
                            + ", #" + bit + ", " + target(pc, (long) (w << 13 >> 18) << 2);
                }));

        // ---- unconditional branch (register) ----
        rows.add(new Row("BR", "1101011 0000 11111 000000 Rn:5 00000").exec(BranchExec::br).dis((w, pc) -> "br " + x((w >>> 5) & 31)));
        rows.add(new Row("BLR", "1101011 0001 11111 000000 Rn:5 00000").exec(BranchExec::blr).dis((w, pc) -> "blr " + x((w >>> 5) & 31)));
        rows.add(new Row("RET", "1101011 0010 11111 000000 Rn:5 00000").exec(BranchExec::ret)
                .dis((w, pc) -> ((w >>> 5) & 31) == 30 ? "ret" : "ret " + x((w >>> 5) & 31)));
        rows.add(new Row("ERET", "1101011 0100 11111 000000 11111 00000").exec(BranchExec::eret).dis((w, pc) -> "eret"));
        rows.add(new Row("DRPS", "1101011 0101 11111 000000 11111 00000").exec(ExceptionInsns::debugStateOnly).dis((w, pc) -> "drps"));
        // Pointer authentication (FEAT_PAuth) is not implemented: these rows only disassemble.
        rows.add(new Row("BRAxZ", "1101011 0000 11111 00001 M:1 Rn:5 11111").exec(UNDEFINED).needs(Feature.PAUTH)
                .dis((w, pc) -> "bra" + ab(w) + "z " + x((w >>> 5) & 31)));
        rows.add(new Row("BLRAxZ", "1101011 0001 11111 00001 M:1 Rn:5 11111").exec(UNDEFINED).needs(Feature.PAUTH)
                .dis((w, pc) -> "blra" + ab(w) + "z " + x((w >>> 5) & 31)));
        rows.add(new Row("RETAx", "1101011 0010 11111 00001 M:1 11111 11111").exec(UNDEFINED).needs(Feature.PAUTH)
                .dis((w, pc) -> "reta" + ab(w)));
        rows.add(new Row("ERETAx", "1101011 0100 11111 00001 M:1 11111 11111").exec(UNDEFINED).needs(Feature.PAUTH)
                .dis((w, pc) -> "ereta" + ab(w)));
        rows.add(new Row("BRAx", "1101011 1000 11111 00001 M:1 Rn:5 Rm:5").exec(UNDEFINED).needs(Feature.PAUTH)
                .dis((w, pc) -> "bra" + ab(w) + " " + x((w >>> 5) & 31) + ", " + xOrSp(w & 31)));
        rows.add(new Row("BLRAx", "1101011 1001 11111 00001 M:1 Rn:5 Rm:5").exec(UNDEFINED).needs(Feature.PAUTH)
                .dis((w, pc) -> "blra" + ab(w) + " " + x((w >>> 5) & 31) + ", " + xOrSp(w & 31)));
    }

    static String ab(int w) {
        return (w & (1 << 10)) != 0 ? "b" : "a";
    }

    static String wreg(int r) {
        return r == 31 ? "wzr" : "w" + r;
    }

    private static void addExceptionGeneration(List<Row> rows) {
        rows.add(new Row("SVC", "11010100 000 imm16:16 000 01").exec(ExceptionInsns::svc).dis((w, pc) -> "svc #" + hex(imm16(w))));
        rows.add(new Row("HVC", "11010100 000 imm16:16 000 10").exec(ExceptionInsns::hvc).dis((w, pc) -> "hvc #" + hex(imm16(w))));
        rows.add(new Row("SMC", "11010100 000 imm16:16 000 11").exec(ExceptionInsns::smc).dis((w, pc) -> "smc #" + hex(imm16(w))));
        rows.add(new Row("BRK", "11010100 001 imm16:16 000 00").exec(ExceptionInsns::brk).dis((w, pc) -> "brk #" + hex(imm16(w))));
        rows.add(new Row("HLT", "11010100 010 imm16:16 000 00").exec(ExceptionInsns::hlt).dis((w, pc) -> "hlt #" + hex(imm16(w))));
        // TCANCEL (FEAT_TME) is not implemented; objdump prints its immediate in decimal.
        rows.add(new Row("TCANCEL", "11010100 011 imm16:16 000 00").exec(UNDEFINED).dis((w, pc) -> "tcancel #" + imm16(w)));
        rows.add(new Row("DCPS", "11010100 101 imm16:16 000 LL:2").when(w -> (w & 3) != 0).exec(ExceptionInsns::debugStateOnly)
                .dis((w, pc) -> "dcps" + (w & 3) + (imm16(w) == 0 ? "" : " #" + hex(imm16(w)))));
    }
}
