package io.el2studio.sim.tests.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.tests.timer.TimerFixture;

/**
 * The timer controls of issue 5 next to the GIC: CNTHCTL_EL2 in its E2H = 1 layout, CNTKCTL_EL1 as
 * CNTHCTL_EL2 at EL2 under VHE, the EL2 event stream, CNTVOFF_EL2 writes refreshing the EL1 virtual
 * timer's output, and the timer PPIs being level-sensitive at the redistributor.
 */
class TimerControlsTest extends TimerFixture {
    static final int MSR_CNTVOFF_EL2_X0 = 0xD51CE060; // objdump: msr cntvoff_el2, x0

    int trapEl(String name) {
        return assertThrows(GuestFault.class, () -> mrs(name), name).targetEl;
    }

    @Test
    void cnthctlE2h1LayoutControlsEl1AccessWithBits10And11() {
        c.hcrEl2 = HCR_E2H; // a guest's EL1 under a VHE host: TGE = 0
        c.cnthctlEl2 = 0x3; // the E2H = 0 layout's EL1PCTEN/EL1PCEN bits mean EL0PCTEN/EL0VCTEN now
        assertEquals(2, trapEl("CNTPCT_EL0"), "EL1PCTEN is bit 10 with E2H = 1");
        assertEquals(2, trapEl("CNTP_CTL_EL0"), "EL1PTEN is bit 11 with E2H = 1");
        c.cnthctlEl2 = 1L << 10 | 1L << 11;
        assertEquals(1000, mrs("CNTPCT_EL0"));
        assertEquals(0, mrs("CNTP_CTL_EL0"));
        c.hcrEl2 = 0;
        c.cnthctlEl2 = 1L << 10 | 1L << 11; // E2H = 0: bits 10 and 11 mean nothing, bits 0 and 1 are clear
        assertEquals(2, trapEl("CNTPCT_EL0"));
        assertEquals(2, trapEl("CNTP_CTL_EL0"));
    }

    @Test
    void hostEl0TimerAccessFollowsCnthctlEl0VtenAndEl0Pten() {
        c.hcrEl2 = HCR_E2H | HCR_TGE;
        c.el = 0;
        c.cnthctlEl2 = 0;
        assertEquals(2, trapEl("CNTV_CTL_EL0"), "EL0VTEN (bit 8) = 0 traps the host's EL0 to EL2");
        assertEquals(2, trapEl("CNTP_CTL_EL0"), "EL0PTEN (bit 9)");
        c.cnthctlEl2 = 1L << 8 | 1L << 9;
        timer.writeCntkctl(0); // CNTKCTL_EL1 plays no part for the host's EL0
        msr("CNTV_CVAL_EL0", 5);
        c.el = 2;
        assertEquals(5, mrs("CNTHV_CVAL_EL2"), "the host's EL0 reached the EL2 virtual timer");
    }

    @Test
    void cntkctlEl1AtEl2WithE2hIsCnthctlAndEl12ReachesCntkctl() {
        c.el = 2;
        c.hcrEl2 = HCR_E2H;
        msr("CNTKCTL_EL1", 0x303);
        assertEquals(0x303, c.cnthctlEl2);
        msr("CNTKCTL_EL12", 0x2);
        assertEquals(0x2, timer.readCntkctl());
        assertEquals(0x303, mrs("CNTKCTL_EL1"));
        c.hcrEl2 = 0;
        assertThrows(GuestFault.class, () -> mrs("CNTKCTL_EL12"), "EL12 encodings need E2H = 1");
    }

    @Test
    void el2EventStreamRunsOnThePhysicalCountInEitherDirection() {
        c.cntvoffEl2 = 3; // the EL2 stream ignores the virtual offset
        c.cnthctlEl2 = 4 | 8 | 2 << 4; // EVNTEN, EVNTDIR = 1: bit 2 of CNTPCT going 1 -> 0
        clock.set(1001);
        assertEquals(1008, timer.nextEvent());
        c.cnthctlEl2 = 4 | 2 << 4; // EVNTDIR = 0: 0 -> 1
        assertEquals(1004, timer.nextEvent());
        c.cnthctlEl2 = 0;
        assertEquals(Long.MAX_VALUE, timer.nextEvent());
    }

    @Test
    void writingCntvoffEl2FiresTheVirtualTimerAtOnce() {
        msr("CNTV_CVAL_EL0", 1500);
        msr("CNTV_CTL_EL0", 1);
        assertFalse(ppiPending(27));
        c.el = 2;
        c.setX(0, -600L); // CNTVCT = 1000 + 600 = 1600 >= 1500
        m.load(0x4000_0000L, new byte[] {(byte) MSR_CNTVOFF_EL2_X0, (byte) (MSR_CNTVOFF_EL2_X0 >> 8),
                (byte) (MSR_CNTVOFF_EL2_X0 >> 16), (byte) (MSR_CNTVOFF_EL2_X0 >>> 24)});
        c.pc = 0x4000_0000L;
        c.step();
        assertEquals(-600L, c.cntvoffEl2);
        assertTrue(ppiPending(27), "the output follows the new offset without waiting for a poll");
        c.setX(0, 0);
        c.pc = 0x4000_0000L;
        c.step();
        assertFalse(ppiPending(27));
    }

    @Test
    void timerPpisAreLevelSensitive() {
        c.el = 2;
        gic.distributor().write(0, 4, 2); // EnableGrp1
        gic.redistributors().write(0x14, 4, 0); // GICR_WAKER
        gic.redistributors().write(0x10000 + 0x80, 4, 1L << 26); // Group 1
        gic.redistributors().write(0x10000 + 0x100, 4, 1L << 26); // enable
        assertEquals(0, gic.redistributors().read(0x10000 + 0xC04, 4), "GICR_ICFGR1: PPIs 16..31 level-sensitive");
        msr("CNTHP_CVAL_EL2", 0);
        msr("CNTHP_CTL_EL2", 1);
        assertTrue(ppiPending(26));
        GicFixture.reg("ICC_PMR_EL1").writer().accept(c, 0xFF);
        GicFixture.reg("ICC_IGRPEN1_EL1").writer().accept(c, 1);
        assertEquals(26, GicFixture.reg("ICC_IAR1_EL1").reader().applyAsLong(c));
        assertTrue(ppiPending(26), "active and pending again: the line is still high");
        msr("CNTHP_CTL_EL2", 0);
        assertFalse(ppiPending(26), "the pending state follows the line down");
        GicFixture.reg("ICC_EOIR1_EL1").writer().accept(c, 26);
        assertEquals(0, gic.redistributors().read(0x10000 + 0x300, 4), "GICR_ISACTIVER0");
    }
}
