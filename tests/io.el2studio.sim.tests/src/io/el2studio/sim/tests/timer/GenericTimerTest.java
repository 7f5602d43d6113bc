package io.el2studio.sim.tests.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.timer.GenericTimer;

/** The generic timers of a PE wired to the GIC's PPIs as on QEMU's virt (30, 27, 26, 28). */
class GenericTimerTest extends TimerFixture {
    @Test
    void cntvoffEl2OffsetsTheVirtualCountAtEl1() {
        c.cntvoffEl2 = 300;
        assertEquals(1000, mrs("CNTPCT_EL0"));
        assertEquals(700, mrs("CNTVCT_EL0"));
        clock.advance(50);
        assertEquals(750, mrs("CNTVCT_EL0"));
        c.el = 2;
        c.hcrEl2 = HCR_E2H | HCR_TGE;
        assertEquals(1050, mrs("CNTVCT_EL0"), "no offset at EL2 with {E2H, TGE} = {1, 1}");
        c.hcrEl2 = HCR_E2H;
        assertEquals(1050, mrs("CNTVCT_EL0"), "nor at EL2 with E2H = 1 and TGE = 0 (as QEMU 7.2)");
        c.el = 0;
        timer.writeCntkctl(2); // EL0VCTEN
        assertEquals(750, mrs("CNTVCT_EL0"), "EL0 of a guest (TGE = 0) sees the offset");
    }

    @Test
    void virtualTimerFiresWhenTheOffsetCountReachesCval() {
        c.cntvoffEl2 = 400;
        msr("CNTV_CVAL_EL0", 700);
        msr("CNTV_CTL_EL0", 1);
        assertEquals(1, mrs("CNTV_CTL_EL0"), "virtual count 600 < 700: not met");
        assertFalse(ppiPending(27));
        assertEquals(1100, timer.nextDeadline(), "fires at physical count 700 + CNTVOFF");
        clock.set(1100);
        timer.poll();
        assertEquals(5, mrs("CNTV_CTL_EL0"), "ISTATUS");
        assertTrue(ppiPending(27), "level into PPI 27");
        assertEquals(Long.MAX_VALUE, timer.nextDeadline());
    }

    @Test
    void imaskKeepsIstatusButLowersTheOutput() {
        msr("CNTP_TVAL_EL0", 10);
        assertEquals(1010, mrs("CNTP_CVAL_EL0"), "TVAL write: CVAL = count + TVAL");
        msr("CNTP_CTL_EL0", 1 | 2);
        clock.advance(20);
        timer.poll();
        assertEquals(7, mrs("CNTP_CTL_EL0"));
        assertFalse(ppiPending(30), "masked");
        assertEquals(0xFFFF_FFF6L, mrs("CNTP_TVAL_EL0"), "TVAL = CVAL - count, 32 bits");
        msr("CNTP_CTL_EL0", 1);
        assertTrue(ppiPending(30));
        msr("CNTP_CTL_EL0", 0);
        assertEquals(0, mrs("CNTP_CTL_EL0"), "disabled: ISTATUS reads 0");
        assertFalse(ppiPending(30));
    }

    @Test
    void el2TimersFireIntoPpi26And28AndVheRedirectsTheEl0Encodings() {
        c.el = 2;
        msr("CNTHP_CVAL_EL2", 1000);
        msr("CNTHP_CTL_EL2", 1);
        assertTrue(ppiPending(26));
        c.hcrEl2 = HCR_E2H;
        msr("CNTV_CVAL_EL0", 1000); // CNTHV_CVAL_EL2 at EL2 with E2H = 1
        msr("CNTV_CTL_EL0", 1);
        assertEquals(1000, mrs("CNTHV_CVAL_EL2"));
        assertTrue(ppiPending(28));
        assertFalse(ppiPending(27), "the EL1 virtual timer is untouched");
        msr("CNTV_CTL_EL02", 1); // the EL1 virtual timer through its EL02 alias, CVAL 0
        assertTrue(ppiPending(27));
        c.hcrEl2 = 0;
        assertThrows(GuestFault.class, () -> mrs("CNTV_CTL_EL02"), "EL02 encodings need E2H = 1");
    }

    @Test
    void el0AccessIsControlledByCntkctlAndCnthctl() {
        c.el = 0;
        GuestFault f = assertThrows(GuestFault.class, () -> mrs("CNTVCT_EL0"));
        assertEquals(1, f.targetEl, "CNTKCTL_EL1.EL0VCTEN = 0 traps to EL1");
        c.el = 1;
        msr("CNTKCTL_EL1", 0x3);
        c.el = 0;
        assertEquals(1000, mrs("CNTVCT_EL0"));
        c.cnthctlEl2 = 0; // EL1PCTEN = 0 (E2H = 0 layout)
        f = assertThrows(GuestFault.class, () -> mrs("CNTPCT_EL0"));
        assertEquals(2, f.targetEl);
        c.el = 1;
        f = assertThrows(GuestFault.class, () -> mrs("CNTP_CTL_EL0"), "CNTHCTL_EL2.EL1PCEN = 0");
        assertEquals(2, f.targetEl);
        c.cnthctlEl2 = 3;
        assertEquals(0, mrs("CNTP_CTL_EL0"));
        // The host's EL0 under VHE: CNTHCTL_EL2's E2H = 1 layout decides (EL0VCTEN = bit 1).
        c.hcrEl2 = HCR_E2H | HCR_TGE;
        c.el = 0;
        c.cnthctlEl2 = 1;
        f = assertThrows(GuestFault.class, () -> mrs("CNTVCT_EL0"));
        assertEquals(2, f.targetEl);
        c.cnthctlEl2 = 2;
        assertEquals(1000, mrs("CNTVCT_EL0"));
    }

    @Test
    void eventStreamTriggersOnTheSelectedCounterBit() {
        timer.writeCntkctl(4 | 3 << 4); // EVNTEN, EVNTI = 3, EVNTDIR = 0: bit 3 of CNTVCT going 0 -> 1
        clock.set(16);
        assertEquals(24, timer.nextEvent());
        clock.set(24);
        assertEquals(40, timer.nextEvent());
        c.eventRegister = false;
        timer.poll();
        assertFalse(c.eventRegister, "no event before count 40");
        clock.set(41);
        timer.poll();
        assertTrue(c.eventRegister, "the event stream set the event register (WFE wake-up)");
        assertEquals(56, GenericTimer.earliest(new GenericTimer[] {timer}, true));
        assertEquals(Long.MAX_VALUE, GenericTimer.earliest(new GenericTimer[] {timer}, false), "no timer enabled");
        assertNotNull(timer);
    }
}
