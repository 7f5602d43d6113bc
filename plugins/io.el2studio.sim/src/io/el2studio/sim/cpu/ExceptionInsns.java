package io.el2studio.sim.cpu;

import io.el2studio.sim.sysreg.El2Regs;

/**
 * Exception generation (Arm ARM C4.1.65, "Exception generation"): SVC, HVC, SMC, BRK, HLT, DCPS1-3.
 * Each handler checks that the instruction is allowed, then raises the exception with the syndrome
 * of Arm ARM D17.2.37 (ISS = imm16). SVC, HVC and SMC return to the next instruction.
 */
public final class ExceptionInsns {
    private ExceptionInsns() {
    }

    /** Semihosting trap number of the A64 HLT instruction. */
    public static final int SEMIHOSTING_HLT = 0xF000;

    static int imm16(int w) {
        return (w >>> 5) & 0xFFFF;
    }

    /** SVC: AArch64.CallSupervisor, to EL1 (EL2 from EL0 under HCR_EL2.TGE; the current EL above EL1). */
    public static void svc(Cpu cpu, int w) {
        throw new GuestFault(GuestFault.EC_SVC64, imm16(w), -1, 0, true, true);
    }

    /**
     * HVC: UNDEFINED at EL0, when SCR_EL3.HCE is 0 (EL3 is implemented), and at EL1 when EL2 is not
     * enabled in the current Security state. Taken to EL2, or to EL3 from EL3.
     */
    public static void hvc(Cpu cpu, int w) {
        if (cpu.el != 0 && cpu.firmware != null && cpu.firmware.hvc(cpu, imm16(w))) {
            return; // PSCI conduit HVC: the built-in firmware answers (as QEMU, before the UNDEFINED checks)
        }
        if (cpu.el == 0 || (cpu.scrEl3 & El2Regs.SCR_HCE) == 0 || (cpu.el == 1 && !El2Regs.el2Enabled(cpu))) {
            throw GuestFault.undefined();
        }
        throw new GuestFault(GuestFault.EC_HVC64, imm16(w), -1, cpu.el == 3 ? 3 : 2, true, true);
    }

    /**
     * SMC (AArch64.CheckForSMCUndefOrTrap, AArch64.CallSecureMonitor): UNDEFINED at EL0; at EL1 trapped
     * to EL2 when HCR_EL2.TSC is 1 (EC 0x17, returning to the SMC itself); UNDEFINED when SCR_EL3.SMD is
     * 1; otherwise taken to EL3.
     */
    public static void smc(Cpu cpu, int w) {
        if (cpu.el == 0) {
            throw GuestFault.undefined();
        }
        if (cpu.el == 1 && El2Regs.el2Enabled(cpu) && (cpu.hcrEl2 & El2Regs.HCR_TSC) != 0) {
            throw new GuestFault(GuestFault.EC_SMC64, imm16(w), -1, 2);
        }
        if (cpu.firmware != null && cpu.firmware.smc(cpu, imm16(w))) {
            return; // PSCI conduit SMC: EL3 is the built-in firmware (after the HCR_EL2.TSC trap, as QEMU)
        }
        if ((cpu.scrEl3 & El2Regs.SCR_SMD) != 0) {
            throw GuestFault.undefined();
        }
        throw new GuestFault(GuestFault.EC_SMC64, imm16(w), -1, 3, true, true);
    }

    /**
     * BRK: a Breakpoint Instruction exception, EC 0x3C, to the debug target EL: EL2 from EL0/EL1 when
     * HCR_EL2.TGE or MDCR_EL2.TDE is 1, else EL1; taken at the current EL from EL2 and EL3.
     */
    public static void brk(Cpu cpu, int w) {
        int target = cpu.el >= 2 ? cpu.el
                : El2Regs.el2Enabled(cpu) && (cpu.hcrEl2 & El2Regs.HCR_TGE | cpu.mdcrEl2 & El2Regs.MDCR_TDE) != 0 ? 2 : 1;
        throw new GuestFault(GuestFault.EC_BRK64, imm16(w), -1, target);
    }

    /** HLT: semihosting for #0xF000 when a handler is installed; otherwise UNDEFINED (halting debug is not enabled). */
    public static void hlt(Cpu cpu, int w) {
        if (imm16(w) == SEMIHOSTING_HLT && cpu.semihosting != null) {
            cpu.semihosting.call(cpu);
            return;
        }
        throw GuestFault.undefined();
    }

    /** DCPS1-3, DRPS: UNDEFINED outside Debug state, and the PE never enters Debug state here. */
    public static void debugStateOnly(Cpu cpu, int w) {
        throw GuestFault.undefined();
    }
}
