package io.el2studio.sim.cpu;

import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The single exception-entry path (Arm ARM D1.3, AArch64.TakeException), exception return
 * (AArch64.ExceptionReturn) and the constructors of the syndromes raised by the CPU core itself.
 * A synchronous exception goes to the EL its raiser named, else to max(EL1, current EL), except
 * that EL0 exceptions go to EL2 when HCR_EL2.TGE is 1 (Arm ARM D1.3.3, rule R_NHFKJ "routing of
 * exceptions from EL0 when TGE is set"). Further routing (HCR_EL2.TEA, SCR_EL3.EA, ...) is added by
 * the system model.
 */
public final class Exceptions {
    private Exceptions() {
    }

    /** Vector offsets from VBAR_ELx (Arm ARM D1.3.4, table D1-7). */
    public static final int SYNC = 0x000, IRQ = 0x080, FIQ = 0x100, SERROR = 0x180;

    /** The EL a synchronous exception without an explicit target is taken to. */
    public static int routeSync(Cpu cpu) {
        if (El2Regs.tgeAtEl0(cpu)) {
            return 2;
        }
        return Math.max(1, cpu.el);
    }

    /**
     * Takes the synchronous exception raised by the instruction at {@code cpu.pc}. The preferred return
     * address is that instruction, or the next one for SVC, HVC and SMC ({@link GuestFault#returnsToNext}).
     */
    public static void takeSync(Cpu cpu, GuestFault f) {
        int target = f.targetEl != 0 ? f.targetEl : routeSync(cpu);
        cpu.esr[target] = f.esr() & 0xFFFF_FFFFL;
        if (f.far != -1) {
            cpu.far[target] = f.far;
        }
        enter(cpu, target, SYNC, f.returnsToNext ? cpu.pc + 4 : cpu.pc);
    }

    /** AArch64.TakeException: save state, switch EL, set PSTATE for the handler, branch to the vector. */
    public static void enter(Cpu cpu, int target, int kind, long preferredReturn) {
        long spsr = cpu.pstateToSpsr();
        int fromEl = cpu.el;
        int offset;
        if (target == cpu.el) {
            offset = cpu.spsel ? 0x200 : 0x000;
        } else {
            offset = 0x400; // lower EL using AArch64 (AArch32 is not implemented)
        }
        cpu.spsr[target] = spsr;
        cpu.elr[target] = preferredReturn;
        cpu.el = target;
        cpu.spsel = true;
        cpu.daif = 0x3C0;
        cpu.ss = false;
        cpu.il = false;
        cpu.btype = 0;
        long sctlr = cpu.sctlr[target];
        if (cpu.profile.has(Feature.PAN)) {
            // PSTATE.PAN is set on entry to EL1, or to EL2 in the EL2&0 regime, when SCTLR_ELx.SPAN is 0.
            boolean host = target == 2 && (cpu.hcrEl2 & (El2Regs.HCR_E2H | El2Regs.HCR_TGE)) == (El2Regs.HCR_E2H | El2Regs.HCR_TGE);
            if ((target == 1 || host) && (sctlr & (1L << 23)) == 0) {
                cpu.pan = true;
            }
        }
        if (cpu.profile.has(Feature.UAO)) {
            cpu.uao = false;
        }
        if (cpu.profile.has(Feature.SSBS)) {
            cpu.ssbs = (sctlr & (1L << 44)) != 0; // SCTLR_ELx.DSSBS
        }
        if (cpu.profile.has(Feature.MTE)) {
            cpu.tco = true;
        }
        // PSTATE.DIT is unchanged on exception entry.
        cpu.pc = cpu.vbar[target] + offset + kind;
        cpu.npc = cpu.pc;
        cpu.irqCheck = true; // the EL changed: re-evaluate pending interrupts once (Interrupts)
        if (cpu.exceptionListener != null) {
            cpu.exceptionListener.exceptionTaken(cpu, fromEl, target, kind);
        }
    }

    /**
     * ERET (AArch64.ExceptionReturn): restore PSTATE from SPSR_ELx and branch to ELR_ELx. An illegal
     * return (IllegalExceptionReturn) keeps the EL and SP selection, restores the rest, and sets
     * PSTATE.IL so that the next instruction takes an Illegal Execution state exception (EC 0x0E).
     * The local exclusive monitor is cleared, as QEMU does (an exception return may clear it: B2.9.5).
     */
    public static void exceptionReturn(Cpu cpu) {
        long spsr = cpu.spsr[cpu.el];
        long target = cpu.elr[cpu.el];
        int fromEl = cpu.el;
        cpu.exclusiveValid = false;
        // An exception return sets the event register (Arm ARM D1.6.1, "The Event Register"), so that
        // a WFE after it does not sleep on an event consumed before the exception.
        cpu.eventRegister = true;
        if (illegalReturn(cpu, spsr)) {
            int el = cpu.el;
            boolean spsel = cpu.spsel;
            cpu.spsrToPstate(spsr);
            cpu.el = el;
            cpu.spsel = spsel;
            cpu.il = true;
        } else {
            cpu.spsrToPstate(spsr);
        }
        if (!cpu.profile.has(Feature.PAN)) cpu.pan = false;
        if (!cpu.profile.has(Feature.UAO)) cpu.uao = false;
        if (!cpu.profile.has(Feature.DIT)) cpu.dit = false;
        if (!cpu.profile.has(Feature.SSBS)) cpu.ssbs = false;
        if (!cpu.profile.has(Feature.MTE)) cpu.tco = false;
        if (!cpu.profile.has(Feature.BTI)) cpu.btype = 0;
        cpu.ss = false; // software step is not modelled (MDSCR_EL1.SS)
        cpu.npc = target;
        if (cpu.exceptionListener != null) {
            cpu.exceptionListener.exceptionReturned(cpu, fromEl);
        }
    }

    /** IllegalExceptionReturn() of the Arm ARM for an AArch64-only PE with EL2 and EL3. */
    public static boolean illegalReturn(Cpu cpu, long spsr) {
        if ((spsr & 0x10) != 0) {
            return true; // M[4] = 1: AArch32 is not implemented
        }
        int m = (int) spsr & 0xF;
        int el = m >>> 2;
        if ((m & 2) != 0 || m == 0b0001) {
            return true; // M[1] set, or EL0 with SP_ELx: reserved encodings
        }
        if (el > cpu.el) {
            return true; // return to a higher EL
        }
        if (el == 2 && !El2Regs.el2Enabled(cpu)) {
            return true; // EL2 in a Security state without EL2 (Secure, FEAT_SEL2 not enabled)
        }
        if (el == 1 && cpu.el >= 2 && El2Regs.el2Enabled(cpu) && (cpu.hcrEl2 & El2Regs.HCR_TGE) != 0) {
            return true; // EL1 while HCR_EL2.TGE routes everything from EL0 to EL2
        }
        return false;
    }

    /** Illegal Execution state exception: PSTATE.IL was set by an illegal exception return. */
    public static GuestFault illegalState(Cpu cpu) {
        return new GuestFault(GuestFault.EC_ILLEGAL_STATE, 0, -1, 0);
    }

    public static GuestFault pcAlignment(Cpu cpu, long pc) {
        return new GuestFault(GuestFault.EC_PC_ALIGN, 0, pc, 0);
    }

    /** Synchronous external abort on a data access (DFSC 0b010000). */
    public static GuestFault externalAbort(Cpu cpu, long va, boolean write) {
        int ec = cpu.el == 0 ? GuestFault.EC_DATA_ABORT_LOWER : GuestFault.EC_DATA_ABORT_SAME;
        return new GuestFault(ec, 0x10 | (write ? 1 << 6 : 0), va, 0);
    }

    /** Synchronous external abort on an instruction fetch (IFSC 0b010000). */
    public static GuestFault externalAbortOnFetch(Cpu cpu, long va) {
        int ec = cpu.el == 0 ? GuestFault.EC_INSN_ABORT_LOWER : GuestFault.EC_INSN_ABORT_SAME;
        return new GuestFault(ec, 0x10, va, 0);
    }
}
