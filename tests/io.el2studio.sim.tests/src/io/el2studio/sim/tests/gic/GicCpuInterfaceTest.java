package io.el2studio.sim.tests.gic;

import static io.el2studio.sim.tests.gic.GicFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;

/** The physical CPU interface (ICC_*): SGIs, masking, preemption, EOI modes, traps. */
class GicCpuInterfaceTest {
    @Test
    void resetValuesAndPriorityBitsMatchQemu72() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        assertEquals(0x8c00, f.mrs(c, "ICC_CTLR_EL1"), "A3V, IDbits 24, PRIbits 4 (5 bits)");
        assertEquals(7, f.mrs(c, "ICC_SRE_EL1"));
        c.el = 2;
        assertEquals(0xF, f.mrs(c, "ICC_SRE_EL2"));
        c.el = 1;
        assertEquals(3, f.mrs(c, "ICC_BPR1_EL1"));
        assertEquals(2, f.mrs(c, "ICC_BPR0_EL1"));
        f.msr(c, "ICC_PMR_EL1", 0xFF);
        assertEquals(0xF8, f.mrs(c, "ICC_PMR_EL1"), "5 priority bits");
        f.msr(c, "ICC_BPR1_EL1", 0);
        f.msr(c, "ICC_BPR0_EL1", 0);
        assertEquals(3, f.mrs(c, "ICC_BPR1_EL1"), "BPR1 minimum");
        assertEquals(2, f.mrs(c, "ICC_BPR0_EL1"), "BPR0 minimum");
        assertEquals(0xFF, f.mrs(c, "ICC_RPR_EL1"), "idle priority");
    }

    @Test
    void sgi1rTargetListMakesTheSgiPendingOnTheTargetPeOnly() {
        GicFixture f = new GicFixture(3);
        for (int pe = 0; pe < 3; pe++) {
            f.enableGroup1(pe);
            f.ppi(pe, 5, 0x80);
        }
        f.msr(f.cpu(0), "ICC_SGI1R_EL1", 5L << 24 | 1 << 2); // SGI 5 to Aff0 = 2
        assertFalse(f.gic.irqPending(0));
        assertFalse(f.gic.irqPending(1));
        assertTrue(f.gic.irqPending(2));
        assertEquals(5, f.mrs(f.cpu(2), "ICC_IAR1_EL1"));
        f.msr(f.cpu(2), "ICC_EOIR1_EL1", 5);
        assertFalse(f.gic.irqPending(2));
    }

    @Test
    void sgi1rWithIrmGoesToEveryPeButTheSender() {
        GicFixture f = new GicFixture(3);
        for (int pe = 0; pe < 3; pe++) {
            f.enableGroup1(pe);
            f.ppi(pe, 1, 0x80);
        }
        f.msr(f.cpu(1), "ICC_SGI1R_EL1", 1L << 40 | 1L << 24);
        assertTrue(f.gic.irqPending(0));
        assertFalse(f.gic.irqPending(1));
        assertTrue(f.gic.irqPending(2));
    }

    @Test
    void sgi1rAffinityAndRangeSelectorMustNameTheTarget() {
        GicFixture f = new GicFixture(3);
        for (int pe = 0; pe < 3; pe++) {
            f.enableGroup1(pe);
            f.ppi(pe, 4, 0x80);
        }
        f.msr(f.cpu(0), "ICC_SGI1R_EL1", 4L << 24 | 1L << 16 | 1 << 2); // Aff1 = 1: no such PE
        f.msr(f.cpu(0), "ICC_SGI1R_EL1", 4L << 24 | 1L << 44 | 1 << 2); // RS = 1: Aff0 = 18
        f.msr(f.cpu(0), "ICC_SGI1R_EL1", 4L << 24 | 1L << 32 | 1 << 2); // Aff2 = 1
        f.msr(f.cpu(0), "ICC_SGI1R_EL1", 4L << 24 | 1L << 48 | 1 << 2); // Aff3 = 1
        for (int pe = 0; pe < 3; pe++) {
            assertEquals(0, f.gicr(pe, GICR_ISPENDR0), "PE " + pe);
        }
        f.msr(f.cpu(0), "ICC_SGI1R_EL1", 4L << 24 | 0b110); // Aff0 = 1 and 2
        assertEquals(0, f.gicr(0, GICR_ISPENDR0));
        assertEquals(1 << 4, f.gicr(1, GICR_ISPENDR0));
        assertEquals(1 << 4, f.gicr(2, GICR_ISPENDR0));
    }

    @Test
    void asgi1rWithOneSecurityStateForwardsGroup0SgisOnlyAsQemu72() {
        GicFixture f = new GicFixture(2);
        f.enableGroup1(1);
        f.ppi(1, 3, 0x80); // Group 1
        f.msr(f.cpu(0), "ICC_ASGI1R_EL1", 3L << 24 | 1 << 1);
        assertEquals(0, f.gicr(1, GICR_ISPENDR0), "tests/guests/gic/sgi.S on qemu-system-aarch64 7.2");
        f.gicr(1, GICR_ISENABLER0, 1 << 6); // SGI 6 Group 0
        f.msr(f.cpu(0), "ICC_ASGI1R_EL1", 6L << 24 | 1 << 1);
        assertEquals(1 << 6, f.gicr(1, GICR_ISPENDR0));
    }

    @Test
    void sgiIsNotForwardedWhenTheRegisterGroupDiffersFromTheSgiGroup() {
        GicFixture f = new GicFixture(2);
        f.enableGroup1(1);
        f.ppi(1, 3, 0x80); // Group 1
        f.msr(f.cpu(0), "ICC_SGI0R_EL1", 3L << 24 | 1 << 1);
        assertEquals(0, f.gicr(1, GICR_ISPENDR0), "SGI0R generates Group 0 SGIs only");
        f.msr(f.cpu(0), "ICC_SGI1R_EL1", 3L << 24 | 1 << 1);
        assertEquals(1 << 3, f.gicr(1, GICR_ISPENDR0));
    }

    @Test
    void priorityMaskHidesInterruptsOfEqualOrLowerPriority() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        f.enableGroup1(0);
        f.spi(40, 0x80, 0);
        f.gic.setSpiLevel(40, true);
        f.msr(c, "ICC_PMR_EL1", 0x80);
        assertFalse(f.gic.irqPending(0), "priority 0x80 is not higher than PMR 0x80");
        assertEquals(1023, f.mrs(c, "ICC_IAR1_EL1"));
        assertEquals(40, f.mrs(c, "ICC_HPPIR1_EL1"), "HPPIR ignores the mask");
        f.msr(c, "ICC_PMR_EL1", 0x88);
        assertTrue(f.gic.irqPending(0));
    }

    @Test
    void preemptionNeedsAHigherGroupPriorityThanTheRunningPriority() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        f.enableGroup1(0);
        f.spi(40, 0x80, 0);
        f.spi(41, 0x70, 0);
        f.gic.setSpiLevel(40, true);
        assertEquals(40, f.mrs(c, "ICC_IAR1_EL1"));
        assertEquals(0x80, f.mrs(c, "ICC_RPR_EL1"));
        // BPR1 = 3: group priority bits [7:3]; 0x70 is a higher group priority than 0x80: preempts.
        f.gic.setSpiLevel(41, true);
        assertTrue(f.gic.irqPending(0));
        // BPR1 = 5: group priority bits [7:5]: 0x70 and 0x80 differ in bit 7, 0x70 still preempts.
        // BPR1 = 6 (bits [7:6]): 0x70 -> 0x40, 0x80 -> 0x80: preempts. BPR1 = 7 ([7]): 0x00 < 0x80: preempts.
        f.msr(c, "ICC_BPR1_EL1", 7);
        assertTrue(f.gic.irqPending(0));
        // Make the running interrupt 0x60 instead: 0x70 preempts under BPR1 = 3 but not under BPR1 = 6.
        f.msr(c, "ICC_EOIR1_EL1", 40);
        f.gic.setSpiLevel(40, false);
        f.msr(c, "ICC_BPR1_EL1", 3);
        f.gicd.write(GICD_IPRIORITYR + 41, 1, 0x60);
        f.gicd.write(GICD_IPRIORITYR + 40, 1, 0x58);
        f.gic.setSpiLevel(40, true);
        assertEquals(40, f.mrs(c, "ICC_IAR1_EL1"), "0x58 beats 0x60");
        assertEquals(0x58, f.mrs(c, "ICC_RPR_EL1"));
        assertFalse(f.gic.irqPending(0), "0x60 does not preempt the running 0x58");
        f.msr(c, "ICC_BPR1_EL1", 6); // the running group priority becomes 0x58 & 0xC0 = 0x40 = 0x60 & 0xC0
        assertFalse(f.gic.irqPending(0));
        f.msr(c, "ICC_EOIR1_EL1", 40);
        assertEquals(0xFF, f.mrs(c, "ICC_RPR_EL1"));
    }

    @Test
    void eoiMode1EoirDropsPriorityAndDirDeactivates() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        f.enableGroup1(0);
        f.msr(c, "ICC_CTLR_EL1", 2);
        assertEquals(0x8c02, f.mrs(c, "ICC_CTLR_EL1"));
        f.spi(50, 0x40, 0);
        f.gicd(GICD_ICFGR + 12, 2 << 4); // INTID 50 edge
        f.gic.setSpiLevel(50, true);
        assertEquals(50, f.mrs(c, "ICC_IAR1_EL1"));
        f.msr(c, "ICC_EOIR1_EL1", 50);
        assertEquals(0xFF, f.mrs(c, "ICC_RPR_EL1"), "EOIR dropped the priority");
        assertEquals(1 << 18, f.gicd(GICD_ISACTIVER + 4), "but the interrupt is still active");
        f.msr(c, "ICC_DIR_EL1", 50);
        assertEquals(0, f.gicd(GICD_ISACTIVER + 4), "DIR deactivated it");
    }

    @Test
    void eoiMode0EoirDropsPriorityAndDeactivatesAndDirIsIgnored() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        f.enableGroup1(0);
        f.ppi(0, 20, 0x40);
        f.gic.setPpiLevel(0, 20, true);
        assertEquals(20, f.mrs(c, "ICC_IAR1_EL1"));
        f.msr(c, "ICC_DIR_EL1", 20);
        assertEquals(1 << 20, f.gicr(0, GICR_ISACTIVER0), "DIR is ignored with EOImode 0");
        f.msr(c, "ICC_EOIR1_EL1", 20);
        assertEquals(0, f.gicr(0, GICR_ISACTIVER0));
        assertEquals(0xFF, f.mrs(c, "ICC_RPR_EL1"));
    }

    @Test
    void iccRegistersAtEl1ReachTheVirtualInterfaceWhenImoOrFmoIsSet() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        f.msr(c, "ICC_PMR_EL1", 0x50);
        c.hcrEl2 = HCR_IMO;
        assertEquals(0, f.mrs(c, "ICC_PMR_EL1"), "ICV_PMR_EL1 (VMCR.VPMR) is 0");
        f.msr(c, "ICC_PMR_EL1", 0xF0);
        c.el = 2;
        assertEquals(0x50, f.mrs(c, "ICC_PMR_EL1"), "EL2 always sees ICC_PMR_EL1");
        assertEquals(0xF0L << 24, f.mrs(c, "ICH_VMCR_EL2") & 0xFF00_0000L);
        c.el = 1;
        c.hcrEl2 = HCR_FMO;
        assertEquals(3, f.mrs(c, "ICC_BPR1_EL1"), "Group 1 registers follow IMO only: ICC_BPR1_EL1");
        assertEquals(0xF0, f.mrs(c, "ICC_PMR_EL1"), "common registers follow IMO or FMO");
    }

    @Test
    void ichHcrTrapControlsTrapEl1AccessesToEl2() {
        GicFixture f = new GicFixture(1);
        Cpu c = f.cpu(0);
        c.el = 2;
        f.msr(c, "ICH_HCR_EL2", 1 << 10); // TC
        c.el = 1;
        GuestFault t = assertThrows(GuestFault.class, () -> f.mrs(c, "ICC_PMR_EL1"));
        assertEquals(2, t.targetEl);
        assertEquals(0x18, t.esr() >>> 26);
        f.mrs(c, "ICC_IAR1_EL1"); // not a common register: allowed
        c.el = 2;
        f.msr(c, "ICH_HCR_EL2", 1 << 12); // TALL1
        c.el = 1;
        assertThrows(GuestFault.class, () -> f.mrs(c, "ICC_IAR1_EL1"));
        f.mrs(c, "ICC_IAR0_EL1");
        c.el = 2;
        f.msr(c, "ICH_HCR_EL2", 1 << 14); // TDIR
        c.el = 1;
        assertThrows(GuestFault.class, () -> f.msr(c, "ICC_DIR_EL1", 0));
        c.hcrEl2 = HCR_IMO;
        c.el = 2;
        f.msr(c, "ICH_HCR_EL2", 0);
        c.el = 1;
        GuestFault s = assertThrows(GuestFault.class, () -> f.msr(c, "ICC_SGI1R_EL1", 0), "SGI generation traps with IMO");
        assertEquals(2, s.targetEl);
    }
}
