package io.el2studio.sim.mmu;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The register values one translation depends on, as a value: the walker reads nothing else, so a
 * debugger can translate in a context other than the PE's current one (another VMID: pass its
 * VTTBR_EL2/VTCR_EL2). {@code sctlr}, {@code tcr}, {@code ttbr0}, {@code ttbr1}, {@code mair} are
 * those of the regime's EL (for EL1&amp;0: the _EL1 registers).
 */
public record MmuRegs(Regime regime, long sctlr, long tcr, long ttbr0, long ttbr1, long mair, long hcr,
        long vttbr, long vtcr, boolean el2Enabled, int paBits) {

    /** The registers of a PE with the largest physical address size the walker implements (48 bits). */
    public MmuRegs(Regime regime, long sctlr, long tcr, long ttbr0, long ttbr1, long mair, long hcr,
            long vttbr, long vtcr, boolean el2Enabled) {
        this(regime, sctlr, tcr, ttbr0, ttbr1, mair, hcr, vttbr, vtcr, el2Enabled, Walker.PA_BITS);
    }

    public static final long HCR_VM = 1L, HCR_PTW = 1L << 2, HCR_DC = 1L << 12, HCR_CD = 1L << 32, HCR_ID = 1L << 33;

    /** The PE's current registers for {@code regime}. */
    public static MmuRegs of(Cpu cpu, Regime regime) {
        int e = regime.el;
        return new MmuRegs(regime, cpu.sctlr[e], cpu.tcr[e], cpu.ttbr0[e], regime.twoRanges() ? cpu.ttbr1[e] : 0,
                cpu.mair[e], cpu.hcrEl2, cpu.vttbrEl2, cpu.vtcrEl2, El2Regs.el2Enabled(cpu), cpu.profile.paBits());
    }

    /** Same registers with another stage 2 context (a VMID other than the loaded one). */
    public MmuRegs withStage2(long vttbr, long vtcr) {
        return new MmuRegs(regime, sctlr, tcr, ttbr0, ttbr1, mair, hcr, vttbr, vtcr, el2Enabled, paBits);
    }

    /** Stage 2 applies: EL1&amp;0 regime, EL2 enabled, HCR_EL2.VM or HCR_EL2.DC (the HCR_EL2.DC description: DC = 1 behaves as VM = 1). */
    public boolean stage2Enabled() {
        return regime == Regime.EL10 && el2Enabled && (hcr & (HCR_VM | HCR_DC)) != 0;
    }

    /**
     * Stage 1 is enabled: SCTLR_ELx.M, except that in EL1&amp;0 HCR_EL2.DC and HCR_EL2.TGE make the PE
     * behave as if SCTLR_EL1.M were 0 (Arm ARM D19.2, HCR_EL2.DC and HCR_EL2.TGE).
     */
    public boolean stage1Enabled() {
        if ((sctlr & 1) == 0) {
            return false;
        }
        return !(regime == Regime.EL10 && el2Enabled && (hcr & (HCR_DC | El2Regs.HCR_TGE)) != 0);
    }

    /** HCR_EL2.DC: with stage 1 disabled, EL1&amp;0 memory is Normal Write-Back rather than Device. */
    public boolean defaultCacheable() {
        return regime == Regime.EL10 && el2Enabled && (hcr & HCR_DC) != 0;
    }

    /** The current VMID (VTTBR_EL2.VMID, 8 bits unless VTCR_EL2.VS selects 16). */
    public int vmid() {
        if (regime != Regime.EL10 || !el2Enabled) {
            return 0;
        }
        int v = (int) (vttbr >>> 48) & 0xFFFF;
        return (vtcr & (1L << 19)) != 0 ? v : v & 0xFF;
    }

    /** The current ASID: from TTBR1 when TCR.A1 is 1, else TTBR0; 8 bits unless TCR.AS is 1. */
    public int asid() {
        if (!regime.twoRanges()) {
            return 0;
        }
        long t = (tcr & (1L << 22)) != 0 ? ttbr1 : ttbr0;
        int a = (int) (t >>> 48) & 0xFFFF;
        return (tcr & (1L << 36)) != 0 ? a : a & 0xFF;
    }
}
