package io.el2studio.sim.mmu;

/**
 * The result of a completed translation (stage 1, and stage 2 when enabled): what a TLB entry holds
 * (Arm ARM D8.10, "Translation Lookaside Buffers"). Permissions are kept raw (AP, XN bits after the
 * hierarchical table controls), so that PSTATE.PAN, the accessing EL and SCTLR_ELx.WXN are applied
 * at each use. The entry covers {@code 1 << shift} bytes: the smaller of the stage 1 and stage 2
 * block sizes.
 */
public final class Entry {
    public Regime regime;
    public int vmid;
    public int asid;
    /** nG = 0 (or a regime without ASIDs): matches every ASID. */
    public boolean global = true;
    /** VA[55:0] of the start of the region. */
    public long vaBase;
    public int shift;
    /** Output of stage 1 (= the IPA when stage 2 is enabled). */
    public long ipaBase;
    /** Output of the whole translation. */
    public long paBase;

    // ---- stage 1 ----
    public boolean s1Enabled;
    public int s1Level;
    /** Effective AP[2:1] after APTable. */
    public int ap;
    /** UXN (XN in single-privilege regimes) and PXN after UXNTable/PXNTable. */
    public boolean uxn, pxn;
    /** Stage 1 memory attributes in the MAIR_ELx encoding, and SH[1:0]. */
    public int s1Attr, s1Sh;
    /** Stage 1 memory type is Device for data accesses. */
    public boolean s1Device;

    // ---- stage 2 ----
    public boolean s2Enabled;
    public int s2Level;
    public int s2Shift;
    /** S2AP[1:0]: bit 0 read, bit 1 write. */
    public int s2ap;
    public boolean s2xn;
    /** Stage 2 MemAttr[3:0]. */
    public int s2MemAttr;
    public boolean s2Device;

    /** Combined attributes (MAIR encoding) and shareability, as PAR_EL1 reports them. */
    public int attr, sh;

    public long size() {
        return 1L << shift;
    }

    /** Output address of {@code va} (any VA inside the entry). */
    public long pa(long va) {
        return paBase | (va & ((1L << shift) - 1));
    }

    public long ipa(long va) {
        return ipaBase | (va & ((1L << shift) - 1));
    }

    @Override
    public String toString() {
        return String.format("%s vmid=%d asid=%d%s va=0x%x ipa=0x%x pa=0x%x size=0x%x attr=0x%02x sh=%d", regime, vmid, asid,
                global ? " global" : "", vaBase, ipaBase, paBase, 1L << shift, attr, sh);
    }
}
