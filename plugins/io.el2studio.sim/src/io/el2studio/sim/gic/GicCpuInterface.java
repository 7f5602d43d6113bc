package io.el2studio.sim.gic;

import io.el2studio.sim.cpu.Cpu;

/**
 * The physical CPU interface of one PE: the ICC_* system registers (IHI0069 12.2), priority masking,
 * preemption and the active priorities, with one Security state. As QEMU 7.2 (checked on
 * qemu-system-aarch64 -cpu max: ICC_CTLR_EL1 = 0x8c00) it implements 5 bits of priority and 5 of
 * preemption: PRIbits = 4, priorities step by 8, ICC_BPR0_EL1 >= 2, ICC_BPR1_EL1 >= 3, and one
 * active-priorities register per group (ICC_AP0R0_EL1, ICC_AP1R0_EL1; AP<g>R1..3 are not
 * implemented, as in QEMU).
 *
 * <p>Each register is a pair of methods {@code readIcc...(Cpu)} / {@code writeIcc...(Cpu, long)}
 * (bound to the system-register table by {@link GicSysRegs}); they act on the interface of the
 * accessing PE, found through {@link #of(Cpu)}.
 */
public final class GicCpuInterface {
    /** Index in {@link Cpu#ext} of the PE's CPU interface. */
    public static final int EXT_SLOT = 4;
    public static final int PRI_BITS = 5, PRE_BITS = 5;
    static final int PRIO_MASK = (0xFF << (8 - PRI_BITS)) & 0xFF;
    static final int MIN_BPR0 = 7 - PRE_BITS, MIN_BPR1 = MIN_BPR0 + 1;
    /** ICC_CTLR_EL1 read-only fields: A3V, IDbits = 0b001 (24-bit INTIDs), PRIbits. */
    static final long CTLR_RO = 1L << 15 | 1L << 11 | (long) (PRI_BITS - 1) << 8;
    static final long CTLR_CBPR = 1, CTLR_EOIMODE = 2;

    final Gicv3 gic;
    final int pe;
    int pmr;
    int bpr0, bpr1;
    boolean cbpr, eoimode;
    boolean igrpen0, igrpen1;
    /** ICC_AP0R0_EL1 and ICC_AP1R0_EL1: bit n = group priority n << 3 is active. */
    int ap0, ap1;
    /** The highest priority pending interrupt the redistributor offers (maintained by {@link Gicv3#update}). */
    int hppi = Gicv3.SPURIOUS, hppiPrio = Gicv3.IDLE;
    boolean hppiGroup1;

    GicCpuInterface(Gicv3 gic, int pe) {
        this.gic = gic;
        this.pe = pe;
    }

    void reset() {
        pmr = 0;
        bpr0 = MIN_BPR0;
        bpr1 = MIN_BPR1;
        cbpr = false;
        eoimode = false;
        igrpen0 = false;
        igrpen1 = false;
        ap0 = 0;
        ap1 = 0;
    }

    /** The CPU interface of the PE {@code cpu}, or null when no GIC is attached. */
    public static GicCpuInterface of(Cpu cpu) {
        return (GicCpuInterface) cpu.ext[EXT_SLOT];
    }

    public Gicv3 gic() {
        return gic;
    }

    public int pe() {
        return pe;
    }

    /** The virtual CPU interface of the same PE. */
    public GicVirtualInterface virtual() {
        return gic.vcpu[pe];
    }

    // ---- priorities (IHI0069 4.8) ----

    /** The running priority: the highest active group priority, or 0xFF when none is active. */
    public int runningPriority() {
        int a = ap0 | ap1;
        return a == 0 ? Gicv3.IDLE : Integer.numberOfTrailingZeros(a) << (8 - PRE_BITS);
    }

    /** Mask of the group-priority bits of a priority for a group (GroupBits(), 4.8.5). */
    int groupPriorityMask(boolean group1) {
        int bpr;
        if (group1 && !cbpr) {
            bpr = bpr1 - 1;
        } else {
            bpr = bpr0;
        }
        return (0xFF << (bpr + 1)) & 0xFF;
    }

    /**
     * Whether the highest priority pending interrupt can be signalled: its priority is below the
     * priority mask and its group priority is higher than the running priority (preemption, 4.8.6).
     */
    boolean canSignalHppi() {
        if (hppi == Gicv3.SPURIOUS || hppiPrio >= pmr) {
            return false;
        }
        int rprio = runningPriority();
        if (rprio == Gicv3.IDLE) {
            return true;
        }
        int mask = groupPriorityMask(hppiGroup1);
        return (hppiPrio & mask) < (rprio & mask);
    }

    /** IRQ (Group 1) or FIQ (Group 0) bit of the lines. */
    int signalled() {
        if (!canSignalHppi()) {
            return 0;
        }
        return hppiGroup1 ? Gicv3.IRQ : Gicv3.FIQ;
    }

    private void changed() {
        gic.refreshLines(pe);
    }

    // ---- acknowledge, priority drop, deactivation ----

    private long acknowledge(boolean group1) {
        if (hppiGroup1 != group1 || !canSignalHppi()) {
            return Gicv3.SPURIOUS;
        }
        int intid = hppi;
        int bit = (hppiPrio & groupPriorityMask(group1)) >>> (8 - PRE_BITS);
        if (group1) {
            ap1 |= 1 << bit;
        } else {
            ap0 |= 1 << bit;
        }
        gic.activate(pe, intid);
        gic.update(pe);
        return intid;
    }

    /**
     * Priority drop for a write to EOIR of {@code group1}: the write is ignored unless the highest active
     * priority belongs to that group (as QEMU's icc_eoir_write). Returns whether a priority was dropped.
     */
    private boolean dropPriority(boolean group1) {
        int a = ap0 | ap1;
        if (a == 0) {
            return false;
        }
        int bit = Integer.lowestOneBit(a);
        boolean g0 = (ap0 & bit) != 0;
        if (g0 == group1) {
            return false;
        }
        if (g0) {
            ap0 &= ~bit;
        } else {
            ap1 &= ~bit;
        }
        return true;
    }

    private void endOfInterrupt(long value, boolean group1) {
        int intid = (int) (value & 0xFF_FFFF);
        if (intid >= 1020 || !gic.implemented(intid)) {
            return; // special INTIDs and unimplemented ones: ignored
        }
        if (!dropPriority(group1)) {
            return;
        }
        if (!eoimode) {
            gic.deactivate(pe, intid); // EOImode 0: priority drop and deactivation together
        }
        changed();
    }

    // ---- the ICC_* registers ----

    public long readIccIar0(Cpu c) { return acknowledge(false); }
    public long readIccIar1(Cpu c) { return acknowledge(true); }
    public void writeIccEoir0(Cpu c, long v) { endOfInterrupt(v, false); }
    public void writeIccEoir1(Cpu c, long v) { endOfInterrupt(v, true); }

    /** ICC_DIR_EL1: deactivation, only with EOImode 1 (ignored with EOImode 0, as QEMU). */
    public void writeIccDir(Cpu c, long v) {
        int intid = (int) (v & 0xFF_FFFF);
        if (!eoimode || intid >= 1020 || !gic.implemented(intid)) {
            return;
        }
        gic.deactivate(pe, intid);
    }

    public long readIccHppir0(Cpu c) { return hppi != Gicv3.SPURIOUS && !hppiGroup1 ? hppi : Gicv3.SPURIOUS; }
    public long readIccHppir1(Cpu c) { return hppi != Gicv3.SPURIOUS && hppiGroup1 ? hppi : Gicv3.SPURIOUS; }

    public long readIccPmr(Cpu c) { return pmr; }

    public void writeIccPmr(Cpu c, long v) {
        pmr = (int) v & PRIO_MASK;
        changed();
    }

    public long readIccRpr(Cpu c) { return runningPriority(); }

    public long readIccBpr0(Cpu c) { return bpr0; }

    public void writeIccBpr0(Cpu c, long v) {
        bpr0 = Math.max((int) v & 7, MIN_BPR0);
        changed();
    }

    /** With ICC_CTLR_EL1.CBPR = 1, Group 1 uses BPR0: BPR1 reads BPR0 + 1 (saturated) and ignores writes. */
    public long readIccBpr1(Cpu c) { return cbpr ? Math.min(bpr0 + 1, 7) : bpr1; }

    public void writeIccBpr1(Cpu c, long v) {
        if (!cbpr) {
            bpr1 = Math.max((int) v & 7, MIN_BPR1);
            changed();
        }
    }

    public long readIccCtlr(Cpu c) {
        return CTLR_RO | (cbpr ? CTLR_CBPR : 0) | (eoimode ? CTLR_EOIMODE : 0);
    }

    public void writeIccCtlr(Cpu c, long v) {
        cbpr = (v & CTLR_CBPR) != 0;
        eoimode = (v & CTLR_EOIMODE) != 0;
        changed();
    }

    public long readIccIgrpen0(Cpu c) { return igrpen0 ? 1 : 0; }
    public long readIccIgrpen1(Cpu c) { return igrpen1 ? 1 : 0; }

    public void writeIccIgrpen0(Cpu c, long v) {
        igrpen0 = (v & 1) != 0;
        gic.update(pe);
    }

    public void writeIccIgrpen1(Cpu c, long v) {
        igrpen1 = (v & 1) != 0;
        gic.update(pe);
    }

    /** ICC_SRE_EL1: SRE, DFB, DIB RAO/WI (the system-register interface is the only one). */
    public long readIccSreEl1(Cpu c) { return 0x7; }
    /** ICC_SRE_EL2 and ICC_SRE_EL3: SRE, DFB, DIB and Enable RAO/WI. */
    public long readIccSreEl2(Cpu c) { return 0xF; }
    public void writeIccSre(Cpu c, long v) { }

    public long readIccAp0r0(Cpu c) { return ap0 & 0xFFFF_FFFFL; }
    public long readIccAp1r0(Cpu c) { return ap1 & 0xFFFF_FFFFL; }

    public void writeIccAp0r0(Cpu c, long v) {
        ap0 = (int) v;
        changed();
    }

    public void writeIccAp1r0(Cpu c, long v) {
        ap1 = (int) v;
        changed();
    }

    public void writeIccSgi0r(Cpu c, long v) { generateSgi(v, false); }
    public void writeIccSgi1r(Cpu c, long v) { generateSgi(v, true); }
    /** ICC_ASGI1R_EL1 with one Security state: forwards SGIs configured as Group 0 (QEMU's choice). */
    public void writeIccAsgi1r(Cpu c, long v) { generateSgi(v, false); }

    /**
     * ICC_SGI*R_EL1 (12.2.21): INTID [27:24]; IRM [40] = 1 sends to every PE but this one, else to
     * the PEs with affinity Aff3 [55:48].Aff2 [39:32].Aff1 [23:16] and Aff0 = RS [47:44] * 16 + n for
     * each bit n of TargetList [15:0].
     */
    void generateSgi(long v, boolean group1) {
        int sgi = (int) (v >>> 24) & 0xF;
        boolean irm = (v & (1L << 40)) != 0;
        int high = (int) ((v >>> 48) & 0xFF) << 24 | (int) ((v >>> 32) & 0xFF) << 16 | (int) ((v >>> 16) & 0xFF) << 8;
        int rs = (int) (v >>> 44) & 0xF;
        int targets = (int) v & 0xFFFF;
        for (int i = 0; i < gic.pes; i++) {
            int aff = gic.affinity[i];
            boolean hit;
            if (irm) {
                hit = i != pe;
            } else {
                int aff0 = aff & 0xFF;
                hit = (aff & ~0xFF) == high && aff0 >>> 4 == rs && (targets & (1 << (aff0 & 15))) != 0;
            }
            if (hit) {
                gic.sendSgi(i, sgi, group1);
            }
        }
    }
}
