package io.el2studio.sim.cpu;

/**
 * The single exception-entry path (Arm ARM D1.3, AArch64.TakeException) and the constructors of
 * the syndromes raised by the CPU core itself. Routing by HCR_EL2/SCR_EL3 is added by the system
 * model; until then a synchronous exception goes to max(EL1, current EL) unless the raiser named
 * a target.
 */
public final class Exceptions {
    private Exceptions() {
    }

    /** Vector offsets from VBAR_ELx (Arm ARM D1.3.4, table D1-7). */
    public static final int SYNC = 0x000, IRQ = 0x080, FIQ = 0x100, SERROR = 0x180;

    public static void takeSync(Cpu cpu, GuestFault f) {
        int target = f.targetEl != 0 ? f.targetEl : Math.max(1, cpu.el);
        cpu.esr[target] = f.esr() & 0xFFFF_FFFFL;
        if (f.far != -1) {
            cpu.far[target] = f.far;
        }
        enter(cpu, target, SYNC, cpu.pc);
    }

    /** AArch64.TakeException: save state, switch EL, branch to the vector. */
    public static void enter(Cpu cpu, int target, int kind, long preferredReturn) {
        long spsr = cpu.pstateToSpsr();
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
        cpu.pc = cpu.vbar[target] + offset + kind;
        cpu.npc = cpu.pc;
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
