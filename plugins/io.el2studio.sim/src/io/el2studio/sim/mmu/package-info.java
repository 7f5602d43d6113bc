/**
 * The memory management unit (Arm ARM chapter D8, "The AArch64 Virtual Memory System Architecture"):
 * the translation regimes ({@link io.el2studio.sim.mmu.Regime}), the stage 1 and stage 2 table walker
 * ({@link io.el2studio.sim.mmu.Walker}, also the side-effect-free translation API of the debuggers),
 * the per-PE TLB ({@link io.el2studio.sim.mmu.Tlb}) and micro-TLB with the permission and alignment
 * checks ({@link io.el2studio.sim.mmu.Mmu}), the aborts and their syndromes
 * ({@link io.el2studio.sim.mmu.Aborts}), TLB maintenance ({@link io.el2studio.sim.mmu.TlbiOps}) and
 * the address translation instructions ({@link io.el2studio.sim.mmu.AtOps}).
 *
 * <p>Implemented: 4KB, 16KB and 64KB granules, 48-bit VA, IPA and PA; the EL1&amp;0, EL2, EL2&amp;0 and
 * EL3 regimes; ASIDs (8/16 bit) and VMIDs (8/16 bit); PAN; hierarchical table permissions. Not
 * implemented (and not advertised in ID_AA64MMFR*_EL1): FEAT_LPA/LVA/LPA2, FEAT_HAFDBS (AF = 0 is an
 * Access flag fault), FEAT_HPDS, FEAT_XNX, FEAT_TTCNP, FEAT_TLBIOS and TLBI ranges, FEAT_S2FWB, PAN2
 * and PAN3. HCR_EL2.CD/ID (attributes only) are not applied.
 */
package io.el2studio.sim.mmu;
