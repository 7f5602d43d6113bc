package io.el2studio.sim.mmu;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The translation regimes of an AArch64 PE with EL2 and EL3 (Arm ARM D8.1.2, "Translation
 * regimes"). EL1&amp;0 and EL2&amp;0 have two VA ranges (TTBR0/TTBR1), ASIDs and two privilege
 * levels; EL2 (HCR_EL2.E2H = 0) and EL3 have one range and one privilege level.
 */
public enum Regime {
    EL10(1), EL2(2), EL20(2), EL3(3);

    /** The EL whose SCTLR, TCR, TTBRs and MAIR control the regime. */
    public final int el;

    Regime(int el) {
        this.el = el;
    }

    /** Two VA ranges (TTBR0_ELx and TTBR1_ELx), ASIDs, EL0 permissions. */
    public boolean twoRanges() {
        return this == EL10 || this == EL20;
    }

    /**
     * The regime of an access at {@code el} (Arm ARM D8.1.2): EL0 uses EL2&amp;0 when
     * HCR_EL2.{E2H,TGE} = {1,1} (IsInHost()), EL2 uses EL2&amp;0 when HCR_EL2.E2H = 1.
     */
    public static Regime of(Cpu cpu, int el) {
        switch (el) {
            case 3:
                return EL3;
            case 2:
                return (cpu.hcrEl2 & El2Regs.HCR_E2H) != 0 ? EL20 : EL2;
            case 1:
                return EL10;
            default:
                long h = cpu.hcrEl2 & (El2Regs.HCR_E2H | El2Regs.HCR_TGE);
                return h == (El2Regs.HCR_E2H | El2Regs.HCR_TGE) && El2Regs.el2Enabled(cpu) ? EL20 : EL10;
        }
    }
}
