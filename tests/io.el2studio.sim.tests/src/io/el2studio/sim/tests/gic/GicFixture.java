package io.el2studio.sim.tests.gic;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.gic.GicSysRegs;
import io.el2studio.sim.gic.Gicv3;
import io.el2studio.sim.gic.SysRegBinding;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.mem.Device;

/**
 * A GICv3 as on QEMU's virt attached to the PEs of a MiniMachine, with the distributor and
 * redistributor frames reachable by offset and the system registers reachable by name through
 * {@link GicSysRegs} (the same bindings the system-register table uses, access checks included).
 */
final class GicFixture {
    static final int GICD_CTLR = 0x0, GICD_IGROUPR = 0x80, GICD_ISENABLER = 0x100, GICD_ISPENDR = 0x200,
            GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300, GICD_IPRIORITYR = 0x400, GICD_ICFGR = 0xC00, GICD_IROUTER = 0x6000;
    static final int SGI = 0x10000;
    static final int GICR_WAKER = 0x14, GICR_IGROUPR0 = SGI + 0x80, GICR_ISENABLER0 = SGI + 0x100, GICR_ISPENDR0 = SGI + 0x200,
            GICR_ISACTIVER0 = SGI + 0x300, GICR_IPRIORITYR = SGI + 0x400;
    static final long HCR_FMO = 1L << 3, HCR_IMO = 1L << 4;

    final MiniMachine m;
    final Gicv3 gic;
    final Device gicd;
    final Device gicr;

    GicFixture(int pes) {
        m = new MiniMachine(CpuProfile.max(), 0x4000_0000L, 1 << 20, pes);
        gic = Gicv3.forVirt(pes);
        gic.attach(m.cpus);
        gicd = gic.distributor();
        gicr = gic.redistributors();
        for (Cpu c : m.cpus) {
            c.el = 1;
            c.scrEl3 |= 1; // NS: EL2 enabled
        }
    }

    Cpu cpu(int i) {
        return m.cpu(i);
    }

    int gicd(int off) {
        return (int) gicd.read(off, 4);
    }

    void gicd(int off, int v) {
        gicd.write(off, 4, v & 0xFFFF_FFFFL);
    }

    int gicr(int pe, int off) {
        return (int) gicr.read(pe * 0x20000L + off, 4);
    }

    void gicr(int pe, int off, int v) {
        gicr.write(pe * 0x20000L + off, 4, v & 0xFFFF_FFFFL);
    }

    static SysRegBinding reg(String name) {
        for (SysRegBinding b : GicSysRegs.all()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** The MRS (read) or MSR word for {@code b} with Rt = 0. */
    static int word(SysRegBinding b, boolean read) {
        return 0xD500_0000 | (read ? 1 << 21 : 0) | b.op0() << 19 | b.op1() << 16 | b.crn() << 12 | b.crm() << 8 | b.op2() << 5;
    }

    /** MRS as the table does it: the binding's check, then its reader; a denied access throws the fault. */
    long mrs(Cpu c, String name) {
        SysRegBinding b = reg(name);
        GuestFault f = b.check() == null ? null : b.check().check(c, true, word(b, true));
        if (f != null) {
            throw f;
        }
        return b.reader().applyAsLong(c);
    }

    void msr(Cpu c, String name, long v) {
        SysRegBinding b = reg(name);
        GuestFault f = b.check() == null ? null : b.check().check(c, false, word(b, false));
        if (f != null) {
            throw f;
        }
        b.writer().accept(c, v);
    }

    /** PE {@code pe} ready for Group 1 interrupts: distributor and CPU interface enabled, PMR open. */
    void enableGroup1(int pe) {
        gicd(GICD_CTLR, gicd(GICD_CTLR) | 2);
        gicr(pe, GICR_WAKER, 0);
        msr(cpu(pe), "ICC_PMR_EL1", 0xFF);
        msr(cpu(pe), "ICC_IGRPEN1_EL1", 1);
    }

    /** Makes INTID {@code intid} (SPI) Group 1, enabled, priority {@code prio}, routed to {@code pe}. */
    void spi(int intid, int prio, int pe) {
        int bit = 1 << (intid % 32);
        int reg = intid / 32 * 4;
        gicd(GICD_IGROUPR + reg, gicd(GICD_IGROUPR + reg) | bit);
        gicd.write(GICD_IPRIORITYR + intid, 1, prio);
        gicd.write(GICD_IROUTER + 8L * intid, 8, pe);
        gicd(GICD_ISENABLER + reg, bit);
    }

    /** Makes private INTID {@code intid} of {@code pe} Group 1, enabled, priority {@code prio}. */
    void ppi(int pe, int intid, int prio) {
        gicr(pe, GICR_IGROUPR0, gicr(pe, GICR_IGROUPR0) | 1 << intid);
        gicr.write(pe * 0x20000L + GICR_IPRIORITYR + intid, 1, prio);
        gicr(pe, GICR_ISENABLER0, 1 << intid);
    }
}
