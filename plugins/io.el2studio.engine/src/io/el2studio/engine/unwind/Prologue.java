package io.el2studio.engine.unwind;

import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.unwind.Unwinder.Unwound;

/**
 * Unwinding a frame that has no call frame information, as gdb's AArch64 fallback does
 * (aarch64-tdep.c: aarch64_analyze_prologue, then aarch64_make_prologue_cache): the instructions
 * from the function's start up to the pc are scanned for the frame set-up gcc and hand-written
 * assembler use (SUB SP, STP X29, X30 with pre-index or offset, STR X30 pre-index, MOV/ADD X29, SP),
 * which gives where SP stood at the call (the CFA) and where X29 and X30 were saved. Without a
 * function start, the frame pointer chain as gdb 13 follows it: CFA X29 + 16 (see frameRecord for
 * where gdb takes the saved registers from); a zero X29 ends the chain (AAPCS64 6.4.6).
 */
final class Prologue {
    /** gdb scans at most this many instructions of a prologue. */
    private static final int MAX_INSNS = 64;

    private Prologue() {
    }

    static Unwound unwind(RegisterSet regs, TargetMemory mem, long functionStart, long pc) {
        try {
            if (functionStart == -1 || Long.compareUnsigned(pc, functionStart) < 0) {
                return frameRecord(regs, mem);
            }
            return analyzed(regs, mem, functionStart, pc);
        } catch (MemoryException e) {
            return new Unwound(-1, null, false, String.format("Cannot access memory at address 0x%x", e.address()));
        }
    }

    private static Unwound frameRecord(RegisterSet regs, TargetMemory mem) throws MemoryException {
        if (!regs.isKnown(DwarfRegs.FP) || regs.get(DwarfRegs.FP) == 0) {
            return new Unwound(-1, null, true, null); // the end of the frame record chain (AAPCS64 6.4.6)
        }
        long fp = regs.get(DwarfRegs.FP);
        RegisterSet caller = sameValues(regs);
        // gdb 13 (aarch64_scan_prologue without a function start) takes a 16-byte frame at x29 but
        // records the saved x29 and x30 at CFA + 0 and CFA + 8, that is [x29 + 16] and [x29 + 24], not
        // at the AAPCS64 frame record [x29]; we read where gdb reads so that a backtrace through code
        // without symbols and CFI ends as gdb's does. The pc first, as gdb unwinds it first.
        long cfa = fp + 16;
        long lr;
        try {
            lr = mem.readLong(cfa + 8, 8);
            caller.set(DwarfRegs.FP, mem.readLong(cfa, 8));
        } catch (MemoryException e) {
            return new Unwound(cfa, null, false, String.format("Cannot access memory at address 0x%x", e.address()));
        }
        caller.set(DwarfRegs.LR, lr);
        caller.set(DwarfRegs.SP, cfa);
        caller.set(DwarfRegs.PC, Unwinder.stripPac(lr));
        return new Unwound(cfa, caller, false, null);
    }

    private static RegisterSet sameValues(RegisterSet regs) {
        RegisterSet caller = regs.copy();
        caller.forget(DwarfRegs.PC);
        return caller;
    }

    private static Unwound analyzed(RegisterSet regs, TargetMemory mem, long start, long pc) throws MemoryException {
        long sp = 0; // SP relative to SP at the call
        long fpOffset = 0; // X29 relative to SP at the call, when set
        boolean fpSet = false;
        long x29At = Long.MIN_VALUE, x30At = Long.MIN_VALUE; // save slots relative to SP at the call
        long n = Math.min((pc - start) / 4, MAX_INSNS);
        for (long i = 0; i < n; i++) {
            int insn = (int) mem.readLong(start + 4 * i, 4);
            if ((insn & 0xFFC003E0) == 0xA98003E0) { // STP Xt, Xt2, [SP, #imm]!  (64-bit, pre-index)
                long imm = signExtend((insn >>> 15) & 0x7F, 7) * 8;
                sp += imm;
                int rt = insn & 31, rt2 = (insn >>> 10) & 31;
                if (rt == 29) {
                    x29At = sp;
                }
                if (rt2 == 30) {
                    x30At = sp + 8;
                }
            } else if ((insn & 0xFFC003E0) == 0xA90003E0) { // STP Xt, Xt2, [SP, #imm]
                long imm = signExtend((insn >>> 15) & 0x7F, 7) * 8;
                int rt = insn & 31, rt2 = (insn >>> 10) & 31;
                if (rt == 29) {
                    x29At = sp + imm;
                }
                if (rt2 == 30) {
                    x30At = sp + imm + 8;
                }
            } else if ((insn & 0xFFE00FFF) == 0xF8000FFE) { // STR X30, [SP, #imm]!
                sp += signExtend((insn >>> 12) & 0x1FF, 9);
                x30At = sp;
            } else if ((insn & 0xFF8003FF) == 0xD10003FF) { // SUB SP, SP, #imm{, LSL #12}
                long imm = (insn >>> 10) & 0xFFF;
                sp -= (insn & (1 << 22)) != 0 ? imm << 12 : imm;
            } else if ((insn & 0xFF8003FF) == 0x910003FD) { // ADD X29, SP, #imm (MOV X29, SP)
                long imm = (insn >>> 10) & 0xFFF;
                fpOffset = sp + ((insn & (1 << 22)) != 0 ? imm << 12 : imm);
                fpSet = true;
            } else if (insn == 0xD503233F || insn == 0xD503237F || insn == 0xD503201F || insn == 0xD503245F) {
                // PACIASP, PACIBSP, NOP, BTI c: part of a prologue
            } else {
                break; // gdb's analysis stops at the first instruction that is not prologue
            }
        }
        long cfa;
        if (fpSet && regs.isKnown(DwarfRegs.FP)) {
            cfa = regs.get(DwarfRegs.FP) - fpOffset;
        } else if (regs.isKnown(DwarfRegs.SP)) {
            cfa = regs.get(DwarfRegs.SP) - sp;
        } else {
            return new Unwound(-1, null, false, "SP is not known in this frame");
        }
        RegisterSet caller = sameValues(regs);
        caller.set(DwarfRegs.SP, cfa);
        if (x29At != Long.MIN_VALUE) {
            caller.set(DwarfRegs.FP, mem.readLong(cfa + x29At, 8));
        }
        long lr;
        if (x30At != Long.MIN_VALUE) {
            lr = mem.readLong(cfa + x30At, 8);
            caller.set(DwarfRegs.LR, lr);
        } else if (regs.isKnown(DwarfRegs.LR)) {
            lr = regs.get(DwarfRegs.LR); // a leaf: the return address is still in X30
        } else {
            return new Unwound(cfa, caller, true, null);
        }
        caller.set(DwarfRegs.PC, Unwinder.stripPac(lr));
        return new Unwound(cfa, caller, false, null);
    }

    private static long signExtend(long v, int bits) {
        return v << (64 - bits) >> (64 - bits);
    }
}
