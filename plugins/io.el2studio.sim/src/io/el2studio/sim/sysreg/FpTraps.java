package io.el2studio.sim.sysreg;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;

/**
 * Traps of floating-point and Advanced SIMD accesses (Arm ARM AArch64.CheckFPAdvSIMDEnabled /
 * CheckFPEnabled64): CPACR_EL1.FPEN at EL0/EL1, then CPTR_EL2 (TFP, or FPEN when HCR_EL2.E2H is 1),
 * then CPTR_EL3.TFP. Raises EC 0x07. FP and SIMD instruction handlers call {@link #check(Cpu)}.
 */
public final class FpTraps {
    private FpTraps() {
    }

    /** As a step of the MRS/MSR pipeline (FPCR, FPSR). */
    static GuestFault check(Cpu cpu, SysReg r, boolean read, int w) {
        return check(cpu);
    }

    /** Null when FP/SIMD is enabled at the current EL, else the EC 0x07 trap to raise. */
    public static GuestFault check(Cpu cpu) {
        int el = cpu.el;
        boolean e2h = (cpu.hcrEl2 & El2Regs.HCR_E2H) != 0;
        boolean tge = (cpu.hcrEl2 & El2Regs.HCR_TGE) != 0;
        boolean el2 = El2Regs.el2Enabled(cpu);
        // CPACR_EL1.FPEN governs EL0 and EL1, except EL0 in the EL2&0 regime (E2H and TGE set).
        if (el <= 1 && !(el == 0 && el2 && e2h && tge)) {
            int fpen = (int) (cpu.cpacrEl1 >>> 20) & 3;
            boolean disabled = el == 0 ? fpen != 3 : (fpen & 1) == 0;
            if (disabled) {
                // EL0 traps route to EL2 when HCR_EL2.TGE is 1.
                return SysRegAccess.fpTrap(el == 0 && el2 && tge ? 2 : 1);
            }
        }
        if (el <= 2 && el2) {
            if (e2h) {
                int fpen = (int) (cpu.cptrEl2 >>> 20) & 3;
                boolean disabled = (el == 0 && tge) ? fpen != 3 : (fpen & 1) == 0;
                if (disabled && (el == 2 || (el == 0 && tge) || el <= 1)) {
                    return SysRegAccess.fpTrap(2);
                }
            } else if ((cpu.cptrEl2 & (1 << 10)) != 0) {
                return SysRegAccess.fpTrap(2);
            }
        }
        if ((cpu.cptrEl3 & (1 << 10)) != 0) {
            return SysRegAccess.fpTrap(3);
        }
        return null;
    }
}
