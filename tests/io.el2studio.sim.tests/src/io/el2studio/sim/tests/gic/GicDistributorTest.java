package io.el2studio.sim.tests.gic;

import static io.el2studio.sim.tests.gic.GicFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The distributor and redistributor frames. Expected identification and reset values were read on
 * qemu-system-aarch64 7.2 -M virt,gic-version=3,virtualization=on -cpu max -smp 2 by a bare-metal
 * probe; where QEMU has LPIs (GICD_TYPER.LPIS, GICR_TYPER.PLPIS/CommonLPIAff) and this model does
 * not, those bits are masked out of the comparison.
 */
class GicDistributorTest {
    @Test
    void identificationAndResetValuesMatchQemu72() {
        GicFixture f = new GicFixture(2);
        assertEquals(0x50, f.gicd(GICD_CTLR), "GICD_CTLR: ARE and DS set");
        assertEquals(0x037a0007 & ~(1 << 17), f.gicd(0x4), "GICD_TYPER without QEMU's LPIS");
        assertEquals(0x43b, f.gicd(0x8), "GICD_IIDR");
        assertEquals(0x3b, f.gicd(0xFFE8), "GICD_PIDR2: ArchRev 3");
        assertEquals(0x43b, f.gicr(0, 0x4), "GICR_IIDR");
        assertEquals(0x01000001L & ~0x0300_0001L, f.gicr.read(0x8, 8), "GICR_TYPER of PE 0 without PLPIS/CommonLPIAff");
        assertEquals(1L << 32 | 1 << 8 | 1 << 4, f.gicr.read(0x20000 + 0x8, 8), "GICR_TYPER of the last PE: Aff0 1, Processor_Number 1, Last");
        assertEquals(6, f.gicr(0, GICR_WAKER), "GICR_WAKER: ProcessorSleep and ChildrenAsleep");
        assertEquals(0x3b, f.gicr(0, 0xFFE8), "GICR_PIDR2");
        assertEquals(0xAAAAAAAA, f.gicr(0, SGI + 0xC00), "GICR_ICFGR0: SGIs edge-triggered");
        assertEquals(0, f.gicr(0, SGI + 0xC04), "GICR_ICFGR1: PPIs level-sensitive");
        f.gicd.write(GICD_IROUTER + 8 * 32, 8, -1L);
        f.gicd(GICD_IPRIORITYR + 32, -1);
        assertEquals(0xFFFFFFFF, f.gicd(GICD_IPRIORITYR + 32), "all 8 priority bits kept");
        f.gicd(GICD_CTLR, -1);
        assertEquals(0x53, f.gicd(GICD_CTLR), "GICD_CTLR after writing ones");
        f.gicd(GICD_ICFGR + 8, -1);
        assertEquals(0xAAAAAAAA, f.gicd(GICD_ICFGR + 8), "ICFGR2: only the edge bits are writable");
    }

    @Test
    void spiIsSignalledOnlyToThePeNamedByIrouter() {
        GicFixture f = new GicFixture(2);
        f.enableGroup1(0);
        f.enableGroup1(1);
        f.spi(40, 0x80, 1);
        f.gic.setSpiLevel(40, true);
        assertFalse(f.gic.irqPending(0));
        assertTrue(f.gic.irqPending(1));
        f.gicd.write(GICD_IROUTER + 8 * 40, 8, 0); // Aff0 = 0
        assertTrue(f.gic.irqPending(0));
        assertFalse(f.gic.irqPending(1));
        assertEquals(40, f.mrs(f.cpu(0), "ICC_IAR1_EL1"));
        f.gicd.write(GICD_IROUTER + 8 * 41, 8, 7); // no PE has Aff0 = 7
        f.spi(41, 0x10, 7);
        f.gic.setSpiLevel(41, true);
        assertEquals(1023, f.mrs(f.cpu(1), "ICC_HPPIR1_EL1"), "an SPI routed to no PE reaches none");
    }

    @Test
    void levelSensitiveSpiStaysPendingWhileItsLineIsHigh() {
        GicFixture f = new GicFixture(1);
        f.enableGroup1(0);
        f.spi(33, 0x40, 0);
        f.gic.setSpiLevel(33, true);
        assertEquals(33, f.mrs(f.cpu(0), "ICC_IAR1_EL1"));
        assertEquals(2, f.gicd(GICD_ISPENDR + 4) & 2, "still pending: the line is high");
        assertEquals(2, f.gicd(GICD_ISACTIVER + 4) & 2, "and active");
        assertFalse(f.gic.irqPending(0), "active and pending is not signalled again");
        f.msr(f.cpu(0), "ICC_EOIR1_EL1", 33);
        assertTrue(f.gic.irqPending(0), "after EOI the high line makes it pending again");
        f.gic.setSpiLevel(33, false);
        assertFalse(f.gic.irqPending(0));
        assertEquals(0, f.gicd(GICD_ISPENDR + 4));
    }

    @Test
    void edgeTriggeredSpiLatchesARisingEdgeUntilAcknowledged() {
        GicFixture f = new GicFixture(1);
        f.enableGroup1(0);
        f.spi(34, 0x40, 0);
        f.gicd(GICD_ICFGR + 8, 2 << 4); // INTID 34: edge
        f.gic.setSpiLevel(34, true);
        f.gic.setSpiLevel(34, false);
        assertTrue(f.gic.irqPending(0), "the edge is latched");
        assertEquals(34, f.mrs(f.cpu(0), "ICC_IAR1_EL1"));
        assertEquals(0, f.gicd(GICD_ISPENDR + 4), "acknowledge consumed the edge");
        f.gicd(GICD_ISPENDR + 4, 1 << 2);
        f.gicd(GICD_ICPENDR + 4, 1 << 2);
        assertEquals(0, f.gicd(GICD_ISPENDR + 4), "ICPENDR clears ISPENDR's pending state");
    }

    @Test
    void distributorGroupEnableGatesEveryInterruptOfTheGroup() {
        GicFixture f = new GicFixture(1);
        f.enableGroup1(0);
        f.spi(35, 0x40, 0);
        f.gic.setSpiLevel(35, true);
        assertTrue(f.gic.irqPending(0));
        f.gicd(GICD_CTLR, 0);
        assertFalse(f.gic.irqPending(0));
        assertEquals(1023, f.mrs(f.cpu(0), "ICC_IAR1_EL1"));
    }

    @Test
    void group0InterruptSignalsFiqWithOneSecurityState() {
        GicFixture f = new GicFixture(1);
        f.gicd(GICD_CTLR, 1);
        f.msr(f.cpu(0), "ICC_PMR_EL1", 0xFF);
        f.msr(f.cpu(0), "ICC_IGRPEN0_EL1", 1);
        f.gicd.write(GICD_IPRIORITYR + 36, 1, 0x20);
        f.gicd.write(GICD_IROUTER + 8 * 36, 8, 0);
        f.gicd(GICD_ISENABLER + 4, 1 << 4);
        f.gic.setSpiLevel(36, true);
        assertTrue(f.gic.fiqPending(0));
        assertFalse(f.gic.irqPending(0));
        assertEquals(1023, f.mrs(f.cpu(0), "ICC_IAR1_EL1"), "IAR1 does not acknowledge Group 0");
        assertEquals(36, f.mrs(f.cpu(0), "ICC_IAR0_EL1"));
    }
}
