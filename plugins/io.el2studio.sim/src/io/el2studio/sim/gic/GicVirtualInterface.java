package io.el2studio.sim.gic;

import io.el2studio.sim.cpu.Cpu;

/**
 * The virtual CPU interface of one PE (IHI0069 chapter 6 and 12.4/12.5): the ICH_* registers a
 * hypervisor programs at EL2, the ICV_* registers that EL1 reaches through the ICC_* encodings when
 * HCR_EL2.IMO/FMO are set, the vIRQ/vFIQ it signals, and the maintenance interrupt (PPI 25 on
 * QEMU's virt) it drives into its PE's redistributor.
 *
 * <p>As QEMU 7.2 (ICH_VTR_EL2 read 0x90b80003 on qemu-system-aarch64 -cpu max): 4 list registers by
 * default (up to 16), 5 bits of virtual priority and of preemption (PRIbits = PREbits = 4), 24-bit
 * vINTIDs (IDbits = 1), A3V, nV4 (no direct vLPI injection) and TDS; one active-priorities register
 * per group (ICH_AP0R0_EL2, ICH_AP1R0_EL2).
 */
public final class GicVirtualInterface {
    public static final int VPRI_BITS = 5, VPRE_BITS = 5;
    static final int VPRIO_MASK = (0xFF << (8 - VPRI_BITS)) & 0xFF;
    static final int MIN_VBPR0 = 7 - VPRE_BITS;

    // ICH_HCR_EL2 fields
    public static final long HCR_EN = 1, HCR_UIE = 1 << 1, HCR_LRENPIE = 1 << 2, HCR_NPIE = 1 << 3, HCR_VGRP0EIE = 1 << 4,
            HCR_VGRP0DIE = 1 << 5, HCR_VGRP1EIE = 1 << 6, HCR_VGRP1DIE = 1 << 7, HCR_TC = 1 << 10, HCR_TALL0 = 1 << 11,
            HCR_TALL1 = 1 << 12, HCR_TSEI = 1 << 13, HCR_TDIR = 1 << 14;
    static final int HCR_EOICOUNT_SHIFT = 27;
    /** En .. VGrp1DIE, TC, TALL0, TALL1, TDIR, EOIcount; TSEI is RES0 (ICH_VTR_EL2.SEIS = 0), vSGIEOICount RES0 (no GICv4.1). */
    static final long HCR_WRITABLE = 0xFFL | HCR_TC | HCR_TALL0 | HCR_TALL1 | HCR_TDIR | 0x1FL << HCR_EOICOUNT_SHIFT;
    // ICH_MISR_EL2 bits
    public static final int MISR_EOI = 1, MISR_U = 1 << 1, MISR_LRENP = 1 << 2, MISR_NP = 1 << 3, MISR_VGRP0E = 1 << 4,
            MISR_VGRP0D = 1 << 5, MISR_VGRP1E = 1 << 6, MISR_VGRP1D = 1 << 7;
    // ICH_VMCR_EL2 fields
    static final long VMCR_VENG0 = 1, VMCR_VENG1 = 2, VMCR_VFIQEN = 8, VMCR_VCBPR = 16, VMCR_VEOIM = 1 << 9;
    static final int VMCR_VBPR1_SHIFT = 18, VMCR_VBPR0_SHIFT = 21, VMCR_VPMR_SHIFT = 24;
    // ICH_LR<n>_EL2 fields
    public static final long LR_STATE_PENDING = 1L << 62, LR_STATE_ACTIVE = 1L << 63, LR_HW = 1L << 61, LR_GROUP = 1L << 60,
            LR_EOI = 1L << 41;
    static final long LR_STATE = 3L << 62;
    static final int LR_PRIORITY_SHIFT = 48;
    /** RES0 bits of a list register: 59:56 (NMI not implemented), 47:45, and the unimplemented priority bits. */
    static final long LR_WRITABLE = 0xF000_0000_0000_0000L | (long) VPRIO_MASK << LR_PRIORITY_SHIFT | 0x1FFF_FFFF_FFFFL;

    final Gicv3 gic;
    final int pe;
    final int listRegs;
    long hcr;
    long vmcr;
    final long[] lr = new long[16];
    int ap0, ap1;
    private boolean maintenance;

    GicVirtualInterface(Gicv3 gic, int pe, int listRegs) {
        if (listRegs < 1 || listRegs > 16) {
            throw new IllegalArgumentException("1..16 list registers: " + listRegs);
        }
        this.gic = gic;
        this.pe = pe;
        this.listRegs = listRegs;
    }

    void reset() {
        hcr = 0;
        vmcr = VMCR_VFIQEN | (long) MIN_VBPR0 << VMCR_VBPR0_SHIFT | (long) (MIN_VBPR0 + 1) << VMCR_VBPR1_SHIFT;
        java.util.Arrays.fill(lr, 0);
        ap0 = 0;
        ap1 = 0;
        maintenance = false;
    }

    /** The virtual CPU interface of the PE {@code cpu}, or null when no GIC is attached. */
    public static GicVirtualInterface of(Cpu cpu) {
        GicCpuInterface ci = GicCpuInterface.of(cpu);
        return ci == null ? null : ci.virtual();
    }

    public int listRegisterCount() {
        return listRegs;
    }

    // ---- state derived from the list registers (the pseudocode's helper functions) ----

    private static int state(long l) {
        return (int) (l >>> 62);
    }

    private static int priority(long l) {
        return (int) (l >>> LR_PRIORITY_SHIFT) & 0xFF;
    }

    private static int vintid(long l) {
        return (int) l;
    }

    private int vbpr0() {
        return (int) (vmcr >>> VMCR_VBPR0_SHIFT) & 7;
    }

    private int vbpr1() {
        return (int) (vmcr >>> VMCR_VBPR1_SHIFT) & 7;
    }

    private int vpmr() {
        return (int) (vmcr >>> VMCR_VPMR_SHIFT) & 0xFF;
    }

    private boolean veoim() {
        return (vmcr & VMCR_VEOIM) != 0;
    }

    /** The virtual running priority from ICH_AP0R0/AP1R0 (0xFF when nothing is active). */
    public int runningPriority() {
        int a = ap0 | ap1;
        return a == 0 ? Gicv3.IDLE : Integer.numberOfTrailingZeros(a) << (8 - VPRE_BITS);
    }

    /** VGroupBits(): mask of the group-priority bits for a virtual interrupt of a group. */
    private int groupPriorityMask(boolean group1) {
        int bpr = group1 && (vmcr & VMCR_VCBPR) == 0 ? vbpr1() - 1 : vbpr0();
        return (0xFF << (bpr + 1)) & 0xFF;
    }

    /**
     * HighestPriorityVirtualInterrupt(): the pending list register of highest priority whose group is
     * enabled in ICH_VMCR_EL2 (priority 0xFF is never reported), or -1.
     */
    int hppvi() {
        if ((vmcr & (VMCR_VENG0 | VMCR_VENG1)) == 0) {
            return -1;
        }
        int idx = -1;
        int prio = 0xFF;
        for (int i = 0; i < listRegs; i++) {
            long l = lr[i];
            if (state(l) != 1) {
                continue;
            }
            if ((l & LR_GROUP) != 0 ? (vmcr & VMCR_VENG1) == 0 : (vmcr & VMCR_VENG0) == 0) {
                continue;
            }
            if (priority(l) < prio) {
                prio = priority(l);
                idx = i;
            }
        }
        return idx;
    }

    /** CanSignalVirtualInterrupt(): enabled interface, below VPMR, preempts the virtual running priority. */
    private boolean canSignal(long l) {
        if ((hcr & HCR_EN) == 0) {
            return false;
        }
        int prio = priority(l);
        if (prio >= vpmr()) {
            return false;
        }
        int rprio = runningPriority();
        if (rprio == Gicv3.IDLE) {
            return true;
        }
        int mask = groupPriorityMask((l & LR_GROUP) != 0);
        return (prio & mask) < (rprio & mask);
    }

    /** VIRQ (Group 1) or VFIQ (Group 0) bit of the lines. */
    int signalled() {
        int idx = hppvi();
        if (idx < 0 || !canSignal(lr[idx])) {
            return 0;
        }
        return (lr[idx] & LR_GROUP) != 0 ? Gicv3.VIRQ : Gicv3.VFIQ;
    }

    /** ICH_EISR_EL2: list registers with an EOI maintenance request done (State 0, HW 0, EOI 1). */
    public long readIchEisr(Cpu c) {
        long v = 0;
        for (int i = 0; i < listRegs; i++) {
            if ((lr[i] & (LR_STATE | LR_HW | LR_EOI)) == LR_EOI) {
                v |= 1L << i;
            }
        }
        return v;
    }

    /** ICH_ELRSR_EL2: list registers free for a new interrupt (State 0 and no pending EOI maintenance). */
    public long readIchElrsr(Cpu c) {
        long v = 0;
        for (int i = 0; i < listRegs; i++) {
            if ((lr[i] & LR_STATE) == 0 && ((lr[i] & LR_HW) != 0 || (lr[i] & LR_EOI) == 0)) {
                v |= 1L << i;
            }
        }
        return v;
    }

    /**
     * ICH_MISR_EL2 (12.4.9): which maintenance conditions hold. U: at most one valid list register;
     * NP: none pending; LRENP: EOIcount non-zero; VGrp0E/VGrp1E: the group is enabled in VMCR;
     * VGrp0D/VGrp1D: the group is disabled (QEMU 7.2 tests VENG1 for VGrp0D; the architecture VENG0).
     * Each bit only when its enable in ICH_HCR_EL2 is set.
     */
    public long readIchMisr(Cpu c) {
        int v = 0;
        int valid = 0;
        boolean pending = false;
        for (int i = 0; i < listRegs; i++) {
            if ((lr[i] & LR_STATE) != 0) {
                valid++;
            }
            if (state(lr[i]) == 1) {
                pending = true;
            }
        }
        if (readIchEisr(c) != 0) {
            v |= MISR_EOI;
        }
        if ((hcr & HCR_UIE) != 0 && valid < 2) {
            v |= MISR_U;
        }
        if ((hcr & HCR_LRENPIE) != 0 && (hcr >>> HCR_EOICOUNT_SHIFT & 0x1F) != 0) {
            v |= MISR_LRENP;
        }
        if ((hcr & HCR_NPIE) != 0 && !pending) {
            v |= MISR_NP;
        }
        boolean eng0 = (vmcr & VMCR_VENG0) != 0, eng1 = (vmcr & VMCR_VENG1) != 0;
        if ((hcr & HCR_VGRP0EIE) != 0 && eng0) {
            v |= MISR_VGRP0E;
        }
        if ((hcr & HCR_VGRP0DIE) != 0 && !eng0) {
            v |= MISR_VGRP0D;
        }
        if ((hcr & HCR_VGRP1EIE) != 0 && eng1) {
            v |= MISR_VGRP1E;
        }
        if ((hcr & HCR_VGRP1DIE) != 0 && !eng1) {
            v |= MISR_VGRP1D;
        }
        return v;
    }

    /** The maintenance interrupt's level: the interface enabled and some MISR condition true. */
    public boolean maintenanceAsserted() {
        return maintenance;
    }

    /** After any change: the maintenance interrupt's level into PPI 25, then the vIRQ/vFIQ lines. */
    void changed() {
        boolean m = (hcr & HCR_EN) != 0 && readIchMisr(null) != 0;
        if (m != maintenance) {
            maintenance = m;
            gic.setPpiLevel(pe, Gicv3.MAINTENANCE_INTID, m); // recomputes the lines
        } else {
            gic.refreshLines(pe);
        }
    }

    // ---- ICH_* (EL2) ----

    public long readIchHcr(Cpu c) { return hcr; }

    public void writeIchHcr(Cpu c, long v) {
        hcr = v & HCR_WRITABLE;
        changed();
    }

    /** ICH_VTR_EL2: PRIbits, PREbits, IDbits = 1, A3V, nV4, TDS, ListRegs - 1 (QEMU 7.2: 0x90b80003). */
    public long readIchVtr(Cpu c) {
        return (long) (VPRI_BITS - 1) << 29 | (long) (VPRE_BITS - 1) << 26 | 1L << 23 | 1L << 21 | 1L << 20 | 1L << 19
                | (listRegs - 1);
    }

    public long readIchVmcr(Cpu c) { return vmcr; }

    /** Writes keep VFIQEn set (RES1 with ICC_SRE_EL1.SRE = 1) and VBPR0/1 at least their minimum. */
    public void writeIchVmcr(Cpu c, long v) {
        long keep = VMCR_VENG0 | VMCR_VENG1 | VMCR_VCBPR | VMCR_VEOIM | 0xFFL << VMCR_VPMR_SHIFT;
        long n = (v & keep) | VMCR_VFIQEN;
        int b0 = Math.max((int) (v >>> VMCR_VBPR0_SHIFT) & 7, MIN_VBPR0);
        int b1 = Math.max((int) (v >>> VMCR_VBPR1_SHIFT) & 7, MIN_VBPR0 + 1);
        vmcr = n | (long) b0 << VMCR_VBPR0_SHIFT | (long) b1 << VMCR_VBPR1_SHIFT;
        changed();
    }

    public long readIchLr(Cpu c, int n) { return lr[n]; }

    public void writeIchLr(Cpu c, int n, long v) {
        lr[n] = v & LR_WRITABLE;
        changed();
    }

    public long readIchAp0r0(Cpu c) { return ap0 & 0xFFFF_FFFFL; }
    public long readIchAp1r0(Cpu c) { return ap1 & 0xFFFF_FFFFL; }

    public void writeIchAp0r0(Cpu c, long v) {
        ap0 = (int) v;
        changed();
    }

    public void writeIchAp1r0(Cpu c, long v) {
        ap1 = (int) v;
        changed();
    }

    // ---- ICV_* (EL1 with HCR_EL2.IMO/FMO) ----

    private long acknowledge(boolean group1) {
        int idx = hppvi();
        if (idx < 0) {
            return Gicv3.SPURIOUS;
        }
        long l = lr[idx];
        if (((l & LR_GROUP) != 0) != group1 || !canSignal(l)) {
            return Gicv3.SPURIOUS;
        }
        int bit = (priority(l) & groupPriorityMask(group1)) >>> (8 - VPRE_BITS);
        if (group1) {
            ap1 |= 1 << bit;
        } else {
            ap0 |= 1 << bit;
        }
        int id = vintid(l);
        // Pending -> active; a vLPI (vINTID >= 8192) has no active state and becomes invalid.
        lr[idx] = (l & ~LR_STATE) | (Integer.compareUnsigned(id, 8192) >= 0 ? 0 : LR_STATE_ACTIVE);
        changed();
        return id & 0xFF_FFFFL;
    }

    public long readIcvIar0(Cpu c) { return acknowledge(false); }
    public long readIcvIar1(Cpu c) { return acknowledge(true); }

    /** The list register holding {@code id} in an active state, or -1 (FindActiveVirtualInterrupt()). */
    private int findActive(int id) {
        for (int i = 0; i < listRegs; i++) {
            if (vintid(lr[i]) == id && (lr[i] & LR_STATE_ACTIVE) != 0) {
                return i;
            }
        }
        return -1;
    }

    private void incrementEoiCount() {
        long count = ((hcr >>> HCR_EOICOUNT_SHIFT) + 1) & 0x1F;
        hcr = (hcr & ~(0x1FL << HCR_EOICOUNT_SHIFT)) | count << HCR_EOICOUNT_SHIFT;
    }

    /**
     * Deactivates the virtual interrupt of list register {@code idx}; with HW = 1 the physical
     * interrupt pINTID is deactivated too (6.2.1, "hardware interrupts").
     */
    private void deactivate(int idx) {
        long l = lr[idx];
        lr[idx] = l & ~LR_STATE_ACTIVE;
        if ((l & LR_HW) != 0) {
            int pintid = (int) (l >>> 32) & 0x1FFF;
            if (pintid < 1020) {
                gic.deactivate(pe, pintid);
            }
        }
    }

    /** Drops the highest active virtual priority; returns it (0xFF when none was active). */
    private int dropPriority() {
        int a = ap0 | ap1;
        if (a == 0) {
            return Gicv3.IDLE;
        }
        int bit = Integer.lowestOneBit(a);
        if ((ap0 & bit) != 0) {
            ap0 &= ~bit;
        } else {
            ap1 &= ~bit;
        }
        return Integer.numberOfTrailingZeros(bit) << (8 - VPRE_BITS);
    }

    /**
     * ICV_EOIR0/1: priority drop (first, the IMPLEMENTATION DEFINED order QEMU chooses), then with
     * VEOIM = 0 deactivation of the matching active list register, or EOIcount + 1 when none holds it.
     */
    private void endOfInterrupt(long value, boolean group1) {
        int id = (int) (value & 0xFF_FFFF);
        if (id >= 1020 && id < 8192) {
            return; // special INTIDs
        }
        int dropped = dropPriority();
        if (dropped == Gicv3.IDLE) {
            changed();
            return;
        }
        if (!veoim()) {
            int idx = findActive(id);
            if (idx < 0) {
                incrementEoiCount();
            } else {
                long l = lr[idx];
                boolean g1 = (l & LR_GROUP) != 0;
                if (g1 == group1 && (priority(l) & groupPriorityMask(group1)) == dropped) {
                    deactivate(idx);
                }
            }
        }
        changed();
    }

    public void writeIcvEoir0(Cpu c, long v) { endOfInterrupt(v, false); }
    public void writeIcvEoir1(Cpu c, long v) { endOfInterrupt(v, true); }

    /** ICV_DIR_EL1: with VEOIM = 1 deactivates the list register, or counts in EOIcount; ignored with VEOIM = 0. */
    public void writeIcvDir(Cpu c, long v) {
        int id = (int) (v & 0xFF_FFFF);
        if (!veoim() || (id >= 1020 && id < 8192)) {
            return;
        }
        int idx = findActive(id);
        if (idx < 0) {
            incrementEoiCount();
        } else {
            deactivate(idx);
        }
        changed();
    }

    private long hppir(boolean group1) {
        int idx = hppvi();
        if (idx < 0 || ((lr[idx] & LR_GROUP) != 0) != group1) {
            return Gicv3.SPURIOUS;
        }
        return vintid(lr[idx]) & 0xFF_FFFFL;
    }

    public long readIcvHppir0(Cpu c) { return hppir(false); }
    public long readIcvHppir1(Cpu c) { return hppir(true); }

    public long readIcvPmr(Cpu c) { return vpmr(); }

    public void writeIcvPmr(Cpu c, long v) {
        vmcr = (vmcr & ~(0xFFL << VMCR_VPMR_SHIFT)) | (v & VPRIO_MASK) << VMCR_VPMR_SHIFT;
        changed();
    }

    public long readIcvRpr(Cpu c) { return runningPriority(); }

    public long readIcvBpr0(Cpu c) { return vbpr0(); }

    public void writeIcvBpr0(Cpu c, long v) {
        int b = Math.max((int) v & 7, MIN_VBPR0);
        vmcr = (vmcr & ~(7L << VMCR_VBPR0_SHIFT)) | (long) b << VMCR_VBPR0_SHIFT;
        changed();
    }

    public long readIcvBpr1(Cpu c) {
        return (vmcr & VMCR_VCBPR) != 0 ? Math.min(vbpr0() + 1, 7) : vbpr1();
    }

    public void writeIcvBpr1(Cpu c, long v) {
        if ((vmcr & VMCR_VCBPR) != 0) {
            return;
        }
        int b = Math.max((int) v & 7, MIN_VBPR0 + 1);
        vmcr = (vmcr & ~(7L << VMCR_VBPR1_SHIFT)) | (long) b << VMCR_VBPR1_SHIFT;
        changed();
    }

    /** ICV_CTLR_EL1: EOImode = VMCR.VEOIM, CBPR = VMCR.VCBPR; PRIbits, IDbits and A3V from ICH_VTR_EL2. */
    public long readIcvCtlr(Cpu c) {
        return 1L << 15 | 1L << 11 | (long) (VPRI_BITS - 1) << 8 | (veoim() ? 2 : 0) | ((vmcr & VMCR_VCBPR) != 0 ? 1 : 0);
    }

    public void writeIcvCtlr(Cpu c, long v) {
        vmcr = (vmcr & ~(VMCR_VEOIM | VMCR_VCBPR)) | ((v & 2) != 0 ? VMCR_VEOIM : 0) | ((v & 1) != 0 ? VMCR_VCBPR : 0);
        changed();
    }

    public long readIcvIgrpen0(Cpu c) { return vmcr & VMCR_VENG0; }
    public long readIcvIgrpen1(Cpu c) { return (vmcr & VMCR_VENG1) >>> 1; }

    public void writeIcvIgrpen0(Cpu c, long v) {
        vmcr = (vmcr & ~VMCR_VENG0) | (v & 1);
        changed();
    }

    public void writeIcvIgrpen1(Cpu c, long v) {
        vmcr = (vmcr & ~VMCR_VENG1) | (v & 1) << 1;
        changed();
    }

    public long readIcvAp0r0(Cpu c) { return readIchAp0r0(c); }
    public long readIcvAp1r0(Cpu c) { return readIchAp1r0(c); }
    public void writeIcvAp0r0(Cpu c, long v) { writeIchAp0r0(c, v); }
    public void writeIcvAp1r0(Cpu c, long v) { writeIchAp1r0(c, v); }
}
