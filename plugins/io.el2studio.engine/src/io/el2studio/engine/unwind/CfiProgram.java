package io.el2studio.engine.unwind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import io.el2studio.engine.dwarf.Cursor;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.unwind.CallFrameInfo.Cie;
import io.el2studio.engine.unwind.CallFrameInfo.Fde;
import io.el2studio.engine.unwind.CfiRules.Cfa;
import io.el2studio.engine.unwind.CfiRules.CfaExpression;
import io.el2studio.engine.unwind.CfiRules.RegOffset;
import io.el2studio.engine.unwind.CfiRules.Rule;

/**
 * Executes the call frame instructions of a CIE and an FDE up to a pc (DWARF 5, 6.4.2 "Call Frame
 * Instructions"), giving the row of the table in effect there. Every DW_CFA op of DWARF 5 plus the GNU
 * and AArch64 extensions gcc and clang emit: DW_CFA_GNU_args_size, DW_CFA_GNU_negative_offset_extended,
 * DW_CFA_AARCH64_negate_ra_state (0x2d, the same number as DW_CFA_GNU_window_save, which is SPARC's).
 */
final class CfiProgram {
    static final int CFA_advance_loc = 0x40, CFA_offset = 0x80, CFA_restore = 0xc0, CFA_nop = 0x00, CFA_set_loc = 0x01,
            CFA_advance_loc1 = 0x02, CFA_advance_loc2 = 0x03, CFA_advance_loc4 = 0x04, CFA_offset_extended = 0x05,
            CFA_restore_extended = 0x06, CFA_undefined = 0x07, CFA_same_value = 0x08, CFA_register = 0x09,
            CFA_remember_state = 0x0a, CFA_restore_state = 0x0b, CFA_def_cfa = 0x0c, CFA_def_cfa_register = 0x0d,
            CFA_def_cfa_offset = 0x0e, CFA_def_cfa_expression = 0x0f, CFA_expression = 0x10,
            CFA_offset_extended_sf = 0x11, CFA_def_cfa_sf = 0x12, CFA_def_cfa_offset_sf = 0x13, CFA_val_offset = 0x14,
            CFA_val_offset_sf = 0x15, CFA_val_expression = 0x16, CFA_MIPS_advance_loc8 = 0x1d,
            CFA_AARCH64_negate_ra_state = 0x2d, CFA_GNU_args_size = 0x2e, CFA_GNU_negative_offset_extended = 0x2f;

    /** Register numbers above this are damage, not a register (AArch64 DWARF numbers end below 4096). */
    private static final int MAX_REG = 4096;
    private static final int MAX_STATES = 64;

    private final CallFrameInfo cfi;
    private final Cie cie;
    private final Fde fde;
    private Map<Integer, Rule> regs = new HashMap<>();
    private Cfa cfa = new RegOffset(DwarfRegs.SP, 0);
    private boolean raSigned;
    private long argsSize;
    private Map<Integer, Rule> initial = Map.of();
    private final Deque<State> stack = new ArrayDeque<>();

    private record State(Map<Integer, Rule> regs, Cfa cfa, boolean raSigned) {
    }

    private CfiProgram(CallFrameInfo cfi, Fde fde) {
        this.cfi = cfi;
        this.fde = fde;
        this.cie = fde.cie();
    }

    static CfiRules run(CallFrameInfo cfi, Fde fde, long pc) {
        CfiProgram p = new CfiProgram(cfi, fde);
        byte[] d = cfi.data(fde.section());
        p.execute(new Cursor("." + fde.section(), d, p.cie.insStart(), p.cie.insEnd()), Long.MAX_VALUE, true);
        p.initial = new HashMap<>(p.regs);
        long[] range = p.execute(new Cursor("." + fde.section(), d, fde.insStart(), fde.insEnd()), pc, false);
        return new CfiRules(range[0], range[1], p.cfa, p.regs, p.cie.returnColumn(), p.raSigned, p.argsSize,
                p.cie.signalFrame(), fde.where());
    }

    /** Runs the instructions while the location is at or below {@code pc}; returns the row's [start, end). */
    private long[] execute(Cursor c, long pc, boolean inCie) {
        long loc = fde.start();
        while (!c.atEnd()) {
            int op = c.u8();
            int high = op & 0xc0, low = op & 0x3f;
            long newLoc = -1;
            if (high == CFA_advance_loc) {
                newLoc = loc + low * cie.codeAlign();
            } else if (high == CFA_offset) {
                set(reg(low), new CfiRules.Offset(c.uleb() * cie.dataAlign()));
            } else if (high == CFA_restore) {
                restore(reg(low));
            } else {
                switch (op) {
                    case CFA_nop -> { }
                    case CFA_set_loc -> newLoc = cfi.readEncoded(c, fde.section().equals(CallFrameInfo.EH_FRAME)
                            ? cie.fdeEncoding() : CallFrameInfo.PE_absptr, fde.section(), cie.addressSize()) + cfi.bias();
                    case CFA_advance_loc1 -> newLoc = loc + c.u8() * cie.codeAlign();
                    case CFA_advance_loc2 -> newLoc = loc + c.u16() * cie.codeAlign();
                    case CFA_advance_loc4 -> newLoc = loc + c.u32() * cie.codeAlign();
                    case CFA_MIPS_advance_loc8 -> newLoc = loc + c.u64() * cie.codeAlign();
                    case CFA_offset_extended -> set(reg(c.uleb()), new CfiRules.Offset(c.uleb() * cie.dataAlign()));
                    case CFA_offset_extended_sf -> set(reg(c.uleb()), new CfiRules.Offset(c.sleb() * cie.dataAlign()));
                    case CFA_GNU_negative_offset_extended -> set(reg(c.uleb()), new CfiRules.Offset(-c.uleb() * cie.dataAlign()));
                    case CFA_restore_extended -> restore(reg(c.uleb()));
                    case CFA_undefined -> set(reg(c.uleb()), CfiRules.UNDEFINED);
                    case CFA_same_value -> set(reg(c.uleb()), CfiRules.SAME_VALUE);
                    case CFA_register -> {
                        int r = reg(c.uleb());
                        set(r, new CfiRules.InRegister(reg(c.uleb())));
                    }
                    case CFA_remember_state -> {
                        if (stack.size() >= MAX_STATES) {
                            throw c.fail("DW_CFA_remember_state nested deeper than " + MAX_STATES);
                        }
                        // DWARF 5, 6.4.2.4; gdb and libgcc save the CFA rule too, and gcc's epilogues rely on it
                        stack.push(new State(new HashMap<>(regs), cfa, raSigned));
                    }
                    case CFA_restore_state -> {
                        if (stack.isEmpty()) {
                            throw c.fail("DW_CFA_restore_state without a remembered state");
                        }
                        State s = stack.pop();
                        regs = s.regs;
                        cfa = s.cfa;
                        raSigned = s.raSigned;
                    }
                    case CFA_def_cfa -> {
                        int r = reg(c.uleb());
                        cfa = new RegOffset(r, c.uleb());
                    }
                    case CFA_def_cfa_sf -> {
                        int r = reg(c.uleb());
                        cfa = new RegOffset(r, c.sleb() * cie.dataAlign());
                    }
                    case CFA_def_cfa_register -> cfa = new RegOffset(reg(c.uleb()), cfa instanceof RegOffset ro ? ro.offset() : 0);
                    case CFA_def_cfa_offset -> cfa = new RegOffset(cfaReg(c), c.uleb());
                    case CFA_def_cfa_offset_sf -> cfa = new RegOffset(cfaReg(c), c.sleb() * cie.dataAlign());
                    case CFA_def_cfa_expression -> cfa = new CfaExpression(c.bytes(c.uleb()));
                    case CFA_expression -> {
                        int r = reg(c.uleb());
                        set(r, new CfiRules.Expression(c.bytes(c.uleb())));
                    }
                    case CFA_val_expression -> {
                        int r = reg(c.uleb());
                        set(r, new CfiRules.ValExpression(c.bytes(c.uleb())));
                    }
                    case CFA_val_offset -> {
                        int r = reg(c.uleb());
                        set(r, new CfiRules.ValOffset(c.uleb() * cie.dataAlign()));
                    }
                    case CFA_val_offset_sf -> {
                        int r = reg(c.uleb());
                        set(r, new CfiRules.ValOffset(c.sleb() * cie.dataAlign()));
                    }
                    // AArch64 (DWARF for the Arm 64-bit Architecture, 4.4.1): toggles RA_SIGN_STATE, the
                    // return address of this frame is signed from here on (PACIASP) or no more (AUTIASP)
                    case CFA_AARCH64_negate_ra_state -> raSigned = !raSigned;
                    case CFA_GNU_args_size -> argsSize = c.uleb();
                    default -> throw new io.el2studio.engine.dwarf.DwarfException(String.format(
                            "%s+0x%x: unknown call frame instruction 0x%02x (in %s)", c.section(), c.pos() - 1, op, fde.where()));
                }
            }
            if (newLoc != -1) {
                if (inCie) {
                    continue; // an advance in a CIE's initial instructions has no meaning: ignored
                }
                if (Long.compareUnsigned(newLoc, pc) > 0) {
                    return new long[] {loc, newLoc};
                }
                loc = newLoc;
            }
        }
        return new long[] {loc, fde.end()};
    }

    private int cfaReg(Cursor c) {
        if (cfa instanceof RegOffset ro) {
            return ro.reg();
        }
        throw c.fail("DW_CFA_def_cfa_offset after DW_CFA_def_cfa_expression");
    }

    private static int reg(long r) {
        if (r < 0 || r >= MAX_REG) {
            throw new io.el2studio.engine.dwarf.DwarfException("register number " + r + " in call frame instructions");
        }
        return (int) r;
    }

    private void set(int reg, Rule rule) {
        regs.put(reg, rule);
    }

    /** DW_CFA_restore: the rule the CIE's initial instructions gave (none: unspecified). */
    private void restore(int reg) {
        Rule r = initial.get(reg);
        if (r == null) {
            regs.remove(reg);
        } else {
            regs.put(reg, r);
        }
    }
}
