package io.el2studio.sim.tests.gic;

import static io.el2studio.sim.tests.gic.GicFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.gic.GicVirtualInterface;

/**
 * The virtual CPU interface: list registers seen through ICV_* at EL1 (HCR_EL2.IMO = 1), HW-linked
 * deactivation, and every maintenance interrupt condition (IHI0069 12.4.9 ICH_MISR_EL2).
 */
class GicVirtualInterfaceTest {
    static final long PENDING = 1L << 62, ACTIVE = 1L << 63, HW = 1L << 61, GROUP1 = 1L << 60, EOI = 1L << 41;

    /** A guest PE at EL1 with IMO/FMO set, the virtual interface enabled with both groups and VPMR open. */
    static GicFixture guest() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        c.el = 2;
        f.msr(c, "ICH_HCR_EL2", 1);
        f.msr(c, "ICH_VMCR_EL2", 0xF8L << 24 | 3); // VPMR 0xF8, VENG0, VENG1
        c.hcrEl2 = HCR_IMO | HCR_FMO;
        c.el = 1;
        return f;
    }

    static long lr(int vintid, int prio, long flags) {
        return flags | (long) prio << 48 | vintid;
    }

    static void el2(GicFixture f, String reg, long v) {
        Cpu c = f.cpu(0);
        int el = c.el;
        c.el = 2;
        f.msr(c, reg, v);
        c.el = el;
    }

    static long el2(GicFixture f, String reg) {
        Cpu c = f.cpu(0);
        int el = c.el;
        c.el = 2;
        long v = f.mrs(c, reg);
        c.el = el;
        return v;
    }

    @Test
    void vtrAndVmcrResetAsQemu72() {
        GicFixture f = new GicFixture(1);
        assertEquals(0x90b80003L, el2(f, "ICH_VTR_EL2"));
        assertEquals(0x4c0008L, el2(f, "ICH_VMCR_EL2"));
    }

    @Test
    void listRegisterCountIsConfigurableUpTo16() {
        io.el2studio.sim.gic.Gicv3 gic = new io.el2studio.sim.gic.Gicv3(1, 256, null, 16);
        assertEquals(15, gic.virtualInterface(0).readIchVtr(null) & 0x1F);
        assertEquals(0xFFFF, gic.virtualInterface(0).readIchElrsr(null));
        GicFixture f = new GicFixture(1);
        f.cpu(0).el = 2;
        org.junit.jupiter.api.Assertions.assertThrows(io.el2studio.sim.cpu.GuestFault.class, () -> f.mrs(f.cpu(0), "ICH_LR4_EL2"),
                "LR4 does not exist with 4 list registers");
    }

    @Test
    void listRegisterInterruptIsAcknowledgedAndEoiedThroughIcv() {
        GicFixture f = guest();
        Cpu c = f.cpu(0);
        el2(f, "ICH_LR0_EL2", lr(44, 0x80, PENDING | GROUP1));
        assertTrue(f.gic.virqPending(0));
        assertFalse(f.gic.irqPending(0), "no physical IRQ");
        assertEquals(44, f.mrs(c, "ICC_HPPIR1_EL1"));
        assertEquals(44, f.mrs(c, "ICC_IAR1_EL1"));
        assertEquals(ACTIVE, el2(f, "ICH_LR0_EL2") & (3L << 62), "pending -> active");
        assertEquals(0x80, f.mrs(c, "ICC_RPR_EL1"));
        assertEquals(1L << 16, el2(f, "ICH_AP1R0_EL2"), "active priority 0x80 = bit 16");
        assertFalse(f.gic.virqPending(0));
        f.msr(c, "ICC_EOIR1_EL1", 44);
        assertEquals(0, el2(f, "ICH_LR0_EL2") >>> 62, "EOImode 0: deactivated");
        assertEquals(0xFF, f.mrs(c, "ICC_RPR_EL1"));
        assertEquals(0xFFFF & 0xF, el2(f, "ICH_ELRSR_EL2"), "every list register empty");
    }

    @Test
    void virtualPriorityMaskAndPreemptionFollowVmcr() {
        GicFixture f = guest();
        Cpu c = f.cpu(0);
        f.msr(c, "ICC_PMR_EL1", 0x80); // ICV_PMR_EL1
        el2(f, "ICH_LR0_EL2", lr(50, 0x80, PENDING | GROUP1));
        assertFalse(f.gic.virqPending(0), "masked by VPMR");
        f.msr(c, "ICC_PMR_EL1", 0xF8);
        assertEquals(50, f.mrs(c, "ICC_IAR1_EL1"));
        el2(f, "ICH_LR1_EL2", lr(51, 0x78, PENDING | GROUP1));
        assertTrue(f.gic.virqPending(0), "0x78 preempts 0x80 with VBPR1 = 3");
        f.msr(c, "ICC_BPR1_EL1", 7); // group priority bit [7] only: 0x78 -> 0x00 < 0x80, still preempts
        assertTrue(f.gic.virqPending(0));
        el2(f, "ICH_LR1_EL2", lr(51, 0x88, PENDING | GROUP1));
        assertFalse(f.gic.virqPending(0), "a lower priority never preempts");
        el2(f, "ICH_LR2_EL2", lr(52, 0x10, PENDING));
        assertTrue(f.gic.vfiqPending(0), "Group 0 list registers signal vFIQ");
    }

    @Test
    void eoiMode1IcvEoirDropsPriorityAndIcvDirDeactivates() {
        GicFixture f = guest();
        Cpu c = f.cpu(0);
        f.msr(c, "ICC_CTLR_EL1", 2); // ICV_CTLR_EL1.EOImode -> VMCR.VEOIM
        assertEquals(1L << 9, el2(f, "ICH_VMCR_EL2") & (1L << 9));
        el2(f, "ICH_LR3_EL2", lr(60, 0x40, PENDING | GROUP1));
        assertEquals(60, f.mrs(c, "ICC_IAR1_EL1"));
        f.msr(c, "ICC_EOIR1_EL1", 60);
        assertEquals(0xFF, f.mrs(c, "ICC_RPR_EL1"));
        assertEquals(ACTIVE, el2(f, "ICH_LR3_EL2") & (3L << 62), "still active");
        f.msr(c, "ICC_DIR_EL1", 60);
        assertEquals(0, el2(f, "ICH_LR3_EL2") >>> 62);
    }

    @Test
    void hwLinkedListRegisterDeactivatesThePhysicalInterrupt() {
        GicFixture f = guest();
        Cpu c = f.cpu(0);
        // The hypervisor takes physical PPI 27 (EL1 virtual timer) with EOImode 1 and forwards it.
        c.el = 2;
        f.enableGroup1(0);
        f.msr(c, "ICC_CTLR_EL1", 2);
        f.ppi(0, 27, 0xA0);
        f.gic.setPpiLevel(0, 27, true);
        assertEquals(27, f.mrs(c, "ICC_IAR1_EL1"));
        f.msr(c, "ICC_EOIR1_EL1", 27); // priority drop only
        assertEquals(1 << 27, f.gicr(0, GICR_ISACTIVER0));
        f.msr(c, "ICH_LR0_EL2", lr(27, 0xA0, PENDING | GROUP1 | HW) | 27L << 32);
        c.el = 1;
        assertEquals(27, f.mrs(c, "ICC_IAR1_EL1"));
        f.msr(c, "ICC_EOIR1_EL1", 27);
        assertEquals(0, f.gicr(0, GICR_ISACTIVER0), "the guest's EOI deactivated physical INTID 27");
        assertEquals(0, el2(f, "ICH_EISR_EL2"), "HW entries never request EOI maintenance");
    }

    @Test
    void eoiOfAnInterruptInNoListRegisterCountsInEoicountAndRaisesLrenp() {
        GicFixture f = guest();
        Cpu c = f.cpu(0);
        el2(f, "ICH_HCR_EL2", 1 | 1 << 2); // En, LRENPIE
        el2(f, "ICH_LR0_EL2", lr(70, 0x40, PENDING | GROUP1));
        assertEquals(70, f.mrs(c, "ICC_IAR1_EL1"));
        el2(f, "ICH_LR0_EL2", 0); // the hypervisor evicted the active interrupt
        f.msr(c, "ICC_EOIR1_EL1", 70);
        assertEquals(1, el2(f, "ICH_HCR_EL2") >>> 27, "EOIcount");
        assertEquals(GicVirtualInterface.MISR_LRENP, el2(f, "ICH_MISR_EL2") & GicVirtualInterface.MISR_LRENP);
        assertEquals(1 << 25, f.gicr(0, GICR_ISPENDR0), "maintenance interrupt PPI 25 pending");
    }

    @Test
    void eachMaintenanceConditionSetsItsMisrBitAndAssertsPpi25() {
        long en = 1;
        // EOI: an LR with EOI = 1, HW = 0 deactivated by the guest.
        GicFixture f = guest();
        el2(f, "ICH_LR1_EL2", lr(80, 0x40, PENDING | GROUP1 | EOI));
        assertEquals(0, el2(f, "ICH_MISR_EL2"));
        assertEquals(80, f.mrs(f.cpu(0), "ICC_IAR1_EL1"));
        f.msr(f.cpu(0), "ICC_EOIR1_EL1", 80);
        assertEquals(GicVirtualInterface.MISR_EOI, el2(f, "ICH_MISR_EL2"));
        assertEquals(0b10, el2(f, "ICH_EISR_EL2"));
        assertEquals(0b1101, el2(f, "ICH_ELRSR_EL2"), "an LR awaiting EOI maintenance is not empty");
        assertTrue(f.gic.virtualInterface(0).maintenanceAsserted());
        assertEquals(1 << 25, f.gicr(0, GICR_ISPENDR0));

        // U: underflow, at most one valid LR.
        f = guest();
        el2(f, "ICH_HCR_EL2", en | 1 << 1);
        assertEquals(GicVirtualInterface.MISR_U, el2(f, "ICH_MISR_EL2"));
        el2(f, "ICH_LR0_EL2", lr(81, 0x40, PENDING | GROUP1));
        el2(f, "ICH_LR1_EL2", lr(82, 0x40, PENDING | GROUP1));
        assertEquals(0, el2(f, "ICH_MISR_EL2"), "two valid LRs: no underflow");

        // NP: no LR pending.
        f = guest();
        el2(f, "ICH_HCR_EL2", en | 1 << 3);
        el2(f, "ICH_LR0_EL2", lr(83, 0x40, ACTIVE | GROUP1));
        assertEquals(GicVirtualInterface.MISR_NP, el2(f, "ICH_MISR_EL2"));
        el2(f, "ICH_LR1_EL2", lr(84, 0x40, PENDING | GROUP1));
        assertEquals(0, el2(f, "ICH_MISR_EL2"));

        // VGrp0E / VGrp0D / VGrp1E / VGrp1D follow VMCR.VENG0/VENG1.
        f = guest();
        el2(f, "ICH_HCR_EL2", en | 0xF0);
        assertEquals(GicVirtualInterface.MISR_VGRP0E | GicVirtualInterface.MISR_VGRP1E, el2(f, "ICH_MISR_EL2"));
        f.msr(f.cpu(0), "ICC_IGRPEN0_EL1", 0); // ICV_IGRPEN0_EL1
        assertEquals(GicVirtualInterface.MISR_VGRP0D | GicVirtualInterface.MISR_VGRP1E, el2(f, "ICH_MISR_EL2"));
        f.msr(f.cpu(0), "ICC_IGRPEN1_EL1", 0);
        assertEquals(GicVirtualInterface.MISR_VGRP0D | GicVirtualInterface.MISR_VGRP1D, el2(f, "ICH_MISR_EL2"));
        assertTrue(f.gic.virtualInterface(0).maintenanceAsserted());

        // With ICH_HCR_EL2.En = 0 the maintenance interrupt is not asserted.
        el2(f, "ICH_HCR_EL2", 0xF0);
        assertFalse(f.gic.virtualInterface(0).maintenanceAsserted());
        assertEquals(0, f.gicr(0, GICR_ISPENDR0));
    }
}
