package io.el2studio.sim.gic;

import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mem.Device;
import io.el2studio.sim.uart.IrqLine;

/**
 * A GICv3 (Arm GICv3/v4 architecture specification IHI0069) as QEMU 7.2's {@code virt} board
 * configures it: one distributor, one redistributor and one CPU interface (physical and virtual)
 * per PE, affinity routing always on (GICD_CTLR.ARE RAO/WI), one Security state (GICD_CTLR.DS = 1,
 * as QEMU without {@code secure=on}; two Security states would need EL3 software, which the
 * profiles do not model yet). LPIs and the ITS are absent: GICD_TYPER.LPIS = 0 (QEMU 7.2 has them).
 *
 * <p>Outputs: per PE, the physical IRQ and FIQ lines (Group 1 signals IRQ and Group 0 FIQ with one
 * Security state, 4.6.1) and the virtual vIRQ/vFIQ lines of the virtual CPU interface. The CPU core
 * reads them with {@link #pendingLines(int)}; routing them to an EL (HCR_EL2.IMO/FMO, SCR_EL3,
 * PSTATE masks) is the exception model's job, not the GIC's. Every change of state that can move
 * a line recomputes the lines at once, so reading them costs one array load.
 */
public final class Gicv3 {
    /** Bits of {@link #pendingLines(int)}. */
    public static final int IRQ = 1, FIQ = 2, VIRQ = 4, VFIQ = 8;
    /** The special INTID returned when no interrupt can be acknowledged. */
    public static final int SPURIOUS = 1023;
    /** PPI 9 (INTID 25): the virtual CPU interface maintenance interrupt on QEMU's virt. */
    public static final int MAINTENANCE_INTID = 25;
    /** Priority value of "no interrupt" (idle priority). */
    static final int IDLE = 0xFF;

    /** Tells the board that the lines of a PE changed (to wake it from WFI, to deliver). */
    @FunctionalInterface
    public interface Listener {
        void linesChanged(int pe, int lines);
    }

    final int pes;
    /** Number of INTIDs: SGIs, PPIs and SPIs 32..numIrq-1. */
    final int numIrq;
    /** Affinity of each PE as GICR_TYPER[63:32] and IROUTER compare it: Aff3:Aff2:Aff1:Aff0. */
    final int[] affinity;
    final IrqBank spis;
    final long[] irouter;
    /** PE that each SPI is routed to, or -1 (IROUTER names no PE). */
    final int[] spiTarget;
    final GicDistributor distributor;
    final GicRedistributors redistributors;
    final GicCpuInterface[] cpu;
    final GicVirtualInterface[] vcpu;
    final IrqBank[] priv;
    /** GICD_CTLR.EnableGrp0 / EnableGrp1. */
    boolean enableGrp0, enableGrp1;
    private final int[] lines;
    private Listener listener;

    /** The GICv3 of QEMU 7.2's virt: 256 INTIDs as its GICD_TYPER.ITLinesNumber (7) reports, Aff0 = PE index. */
    public static Gicv3 forVirt(int pes) {
        return new Gicv3(pes, 256, null);
    }

    /** A GICv3 with QEMU's 4 list registers per virtual CPU interface. */
    public Gicv3(int pes, int numIrq, int[] affinity) {
        this(pes, numIrq, affinity, 4);
    }

    /**
     * @param numIrq   number of INTIDs, a multiple of 32 from 64 to 1020 (rounded down to a multiple of 32)
     * @param affinity Aff3:Aff2:Aff1:Aff0 of each PE; null gives Aff0 = PE index
     * @param listRegs list registers of each virtual CPU interface, 1..16 (ICH_VTR_EL2.ListRegs + 1)
     */
    public Gicv3(int pes, int numIrq, int[] affinity, int listRegs) {
        if (numIrq < 64 || numIrq > 1024) {
            throw new IllegalArgumentException("numIrq must be 64..1024: " + numIrq);
        }
        this.pes = pes;
        this.numIrq = Math.min(1020, numIrq) & ~31;
        this.affinity = new int[pes];
        for (int i = 0; i < pes; i++) {
            this.affinity[i] = affinity != null ? affinity[i] : i;
        }
        spis = new IrqBank(this.numIrq);
        irouter = new long[this.numIrq];
        spiTarget = new int[this.numIrq];
        priv = new IrqBank[pes];
        cpu = new GicCpuInterface[pes];
        vcpu = new GicVirtualInterface[pes];
        lines = new int[pes];
        for (int i = 0; i < pes; i++) {
            priv[i] = new IrqBank(32);
            cpu[i] = new GicCpuInterface(this, i);
            vcpu[i] = new GicVirtualInterface(this, i, listRegs);
        }
        distributor = new GicDistributor(this);
        redistributors = new GicRedistributors(this);
        reset();
    }

    /** Cold reset: everything disabled, Group 0, level-sensitive except SGIs (edge), priority 0. */
    public void reset() {
        enableGrp0 = false;
        enableGrp1 = false;
        spis.reset();
        java.util.Arrays.fill(irouter, 0);
        for (int i = 0; i < pes; i++) {
            priv[i].reset();
            for (int k = 0; k < 16; k++) {
                priv[i].edge[k] = true; // SGIs are always edge-triggered (GICR_ICFGR0 reads 0xAAAAAAAA)
            }
            redistributors.reset(i);
            cpu[i].reset();
            vcpu[i].reset();
        }
        for (int n = 32; n < numIrq; n++) {
            spiTarget[n] = route(irouter[n]);
        }
        updateAll();
    }

    /** Makes each PE's CPU interface reachable from its Cpu (for the system-register accessors). */
    public void attach(List<Cpu> cpus) {
        for (Cpu c : cpus) {
            c.ext[GicCpuInterface.EXT_SLOT] = cpu[c.index];
            c.gicSysregInterface = true; // ID_AA64PFR0_EL1.GIC = 1: the ICC_* system registers exist
        }
    }

    public void setListener(Listener l) {
        this.listener = l;
    }

    public int peCount() {
        return pes;
    }

    public int intidCount() {
        return numIrq;
    }

    /** The distributor's MMIO frame (GICD_*, 64 KiB at 0x0800_0000 on virt). */
    public Device distributor() {
        return distributor;
    }

    /** The redistributor frames of all PEs (RD_base + SGI_base, 0x20000 each, from 0x080A_0000 on virt). */
    public Device redistributors() {
        return redistributors;
    }

    public GicCpuInterface cpuInterface(int pe) {
        return cpu[pe];
    }

    public GicVirtualInterface virtualInterface(int pe) {
        return vcpu[pe];
    }

    // ---- the lines the CPU core reads ----

    /** IRQ | FIQ | VIRQ | VFIQ bits of the lines that PE {@code pe} sees asserted now. */
    public int pendingLines(int pe) {
        return lines[pe];
    }

    public boolean irqPending(int pe) {
        return (lines[pe] & IRQ) != 0;
    }

    public boolean fiqPending(int pe) {
        return (lines[pe] & FIQ) != 0;
    }

    public boolean virqPending(int pe) {
        return (lines[pe] & VIRQ) != 0;
    }

    public boolean vfiqPending(int pe) {
        return (lines[pe] & VFIQ) != 0;
    }

    // ---- inputs from devices ----

    /** Drives the input line of SPI {@code intid} (32..numIrq-1). */
    public void setSpiLevel(int intid, boolean high) {
        if (intid < 32 || intid >= numIrq) {
            throw new IllegalArgumentException("not an SPI of this GIC: " + intid);
        }
        if (spis.level[intid] != high) {
            spis.setLevel(intid, high);
            updateSpi(intid);
        }
    }

    /** Drives the input line of PPI {@code intid} (16..31) of PE {@code pe} (timers, PMU, maintenance). */
    public void setPpiLevel(int pe, int intid, boolean high) {
        if (intid < 16 || intid > 31) {
            throw new IllegalArgumentException("not a PPI: " + intid);
        }
        IrqBank b = priv[pe];
        if (b.level[intid] != high) {
            b.setLevel(intid, high);
            update(pe);
        }
    }

    /** The input line of SPI {@code intid} as a device's interrupt output (e.g. the PL011's). */
    public IrqLine spiLine(int intid) {
        if (intid < 32 || intid >= numIrq) {
            throw new IllegalArgumentException("not an SPI of this GIC: " + intid);
        }
        return high -> setSpiLevel(intid, high);
    }

    /** The input line of PPI {@code intid} of PE {@code pe}. */
    public IrqLine ppiLine(int pe, int intid) {
        return high -> setPpiLevel(pe, intid, high);
    }

    // ---- state shared by the frames and the CPU interfaces ----

    /** The bank holding {@code intid} as seen from PE {@code pe}. */
    IrqBank bank(int pe, int intid) {
        return intid < 32 ? priv[pe] : spis;
    }

    boolean implemented(int intid) {
        return intid >= 0 && intid < numIrq;
    }

    /** The PE whose affinity IROUTER names (GICD_TYPER.No1N = 1: IRM is RES0, no 1-of-N routing), or -1. */
    int route(long irouterValue) {
        int aff = (int) (irouterValue & 0xFF_FFFF) | (int) ((irouterValue >>> 32) & 0xFF) << 24;
        for (int i = 0; i < pes; i++) {
            if (affinity[i] == aff) {
                return i;
            }
        }
        return -1;
    }

    /**
     * SGI {@code sgi} made pending on PE {@code target} by a write to ICC_SGI0R/SGI1R/ASGI1R on another
     * (or the same) PE; forwarded only when its group matches the one the register generates
     * (12.2.20, with one Security state: SGI0R Group 0, SGI1R Group 1, ASGI1R Group 0 as QEMU does).
     */
    void sendSgi(int target, int sgi, boolean group1) {
        IrqBank b = priv[target];
        if (b.group[sgi] != group1) {
            return;
        }
        b.latch[sgi] = true;
        update(target);
    }

    /** Acknowledge (ICC_IAR*): active, and the pending latch cleared (4.1.2). */
    void activate(int pe, int intid) {
        IrqBank b = bank(pe, intid);
        b.active[intid] = true;
        b.latch[intid] = false;
    }

    /** Deactivation (EOImode 0 EOIR, DIR, or an HW-linked virtual interrupt's deactivation). */
    void deactivate(int pe, int intid) {
        if (!implemented(intid)) {
            return;
        }
        IrqBank b = bank(pe, intid);
        b.active[intid] = false;
        if (intid < 32) {
            update(pe);
        } else {
            updateSpi(intid);
        }
    }

    // ---- recomputation of the highest priority pending interrupt and the lines ----

    void updateSpi(int intid) {
        // An SPI's change can affect only its target PE, but a routing change affects two: update all.
        updateAll();
    }

    void updateAll() {
        for (int i = 0; i < pes; i++) {
            update(i);
        }
    }

    /**
     * Recomputes PE {@code pe}'s highest priority pending interrupt (the redistributor's choice: pending,
     * not active, enabled, its group enabled in GICD_CTLR and in the CPU interface; lowest priority
     * value, then lowest INTID), then its four output lines.
     */
    void update(int pe) {
        GicCpuInterface ci = cpu[pe];
        int bestId = SPURIOUS;
        int bestPrio = 0x100;
        boolean bestGroup = false;
        IrqBank b = priv[pe];
        for (int n = 0; n < 32; n++) {
            if (candidate(ci, b, n) && b.priority[n] < bestPrio) {
                bestPrio = b.priority[n];
                bestId = n;
                bestGroup = b.group[n];
            }
        }
        for (int n = 32; n < numIrq; n++) {
            if (spiTarget[n] == pe && candidate(ci, spis, n) && spis.priority[n] < bestPrio) {
                bestPrio = spis.priority[n];
                bestId = n;
                bestGroup = spis.group[n];
            }
        }
        ci.hppi = bestId;
        ci.hppiPrio = bestId == SPURIOUS ? IDLE : bestPrio;
        ci.hppiGroup1 = bestGroup;
        refreshLines(pe);
    }

    private boolean candidate(GicCpuInterface ci, IrqBank b, int n) {
        if (!b.enabled[n] || b.active[n] || !b.pending(n)) {
            return false;
        }
        return b.group[n] ? enableGrp1 && ci.igrpen1 : enableGrp0 && ci.igrpen0;
    }

    /** Recomputes the output lines of {@code pe} from its CPU interfaces' state and tells the listener. */
    void refreshLines(int pe) {
        int v = cpu[pe].signalled() | vcpu[pe].signalled();
        if (v != lines[pe]) {
            lines[pe] = v;
            Listener l = listener;
            if (l != null) {
                l.linesChanged(pe, v);
            }
        }
    }
}
