package io.el2studio.sim.tests.irq;

import static io.el2studio.sim.tests.irq.IrqRig.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.cpu.Interrupts;
import io.el2studio.sim.machine.BareMetalRun;

/**
 * WFI and WFE (Arm ARM D1.6): WFI completes at once when an interrupt is pending, even one masked by
 * PSTATE, else the PE sleeps and {@link Cpu#run} returns to its caller; the PE wakes when a line
 * rises, and an interrupt taken then returns after the WFI. WFE completes on the event register
 * (SEV from any PE, SEVL, an exception return, the clearing of the PE's global exclusive monitor)
 * or on an interrupt that would be taken, not on a masked one. HCR_EL2.TWI traps come first.
 */
class LowPowerStatesTest {
    private final IrqRig rig = new IrqRig(2);

    @Test
    void wfiWithNothingPendingSleepsAndRunReturns() {
        rig.code(CODE, WFI);
        Cpu c = rig.at(0, 1, 0, 0, 0);
        assertEquals(1, c.run(100), "only the WFI executed");
        assertTrue(c.halted);
        assertEquals(Interrupts.IN_WFI, c.sleeping);
        assertEquals(CODE + 4, c.pc, "WFI completes when the PE wakes: it continues after it");
        assertEquals(0, c.run(100), "still asleep: nothing executes");
        assertTrue(c.halted);
    }

    @Test
    void wfiCompletesAtOnceOnAPendingIrqMaskedByPstate() {
        rig.code(CODE, WFI);
        Cpu c = rig.at(0, 1, D | A | I | F, 0, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        assertEquals(2, c.run(2));
        assertEquals(Interrupts.AWAKE, c.sleeping);
        assertEquals(CODE + 8, c.pc, "WFI and the NOP after it executed; the masked IRQ was not taken");
    }

    @Test
    void sleepingPeWakesWhenTheLineRisesAndTheIrqReturnsAfterTheWfi() {
        rig.code(CODE, WFI);
        Cpu c = rig.at(0, 1, 0, 0, 0);
        c.run(100);
        assertEquals(Interrupts.IN_WFI, c.sleeping);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        assertEquals(1, c.run(1), "woke, took the IRQ, executed the vector's first instruction");
        assertEquals(Interrupts.AWAKE, c.sleeping);
        assertEquals(1, c.el);
        assertEquals(vector(VBAR1, false, 0x80) + 4, c.pc);
        assertEquals(CODE + 4, c.elr[1], "preferred return address: the instruction after the WFI");
    }

    @Test
    void wfiWakesOnAPendingVirtualIrqAtEl1() {
        rig.code(CODE, WFI);
        Cpu c = rig.at(0, 1, I, IMO, 0);
        c.run(100);
        assertEquals(Interrupts.IN_WFI, c.sleeping);
        c.hcrEl2 |= VI; // as MSR HCR_EL2 at EL2 would (on another PE's behalf, a hypervisor's injection)
        assertTrue(Interrupts.wake(c));
    }

    @Test
    void wfiIsTrappedByHcrTwiBeforeItSleeps() {
        rig.code(CODE, WFI);
        Cpu c = rig.at(0, 1, 0, TWI, 0);
        c.step();
        assertEquals(Interrupts.AWAKE, c.sleeping);
        assertEquals(2, c.el);
        assertEquals(GuestFault.EC_WFX, (int) (c.esr[2] >>> 26));
    }

    @Test
    void wfeConsumesTheEventThatSevlSets() {
        rig.code(CODE, SEVL, WFE, WFE);
        Cpu c = rig.at(0, 1, 0, 0, 0);
        c.eventRegister = false;
        assertEquals(3, c.run(100));
        assertEquals(Interrupts.IN_WFE, c.sleeping, "the second WFE sleeps: the first consumed the event");
        assertEquals(CODE + 12, c.pc);
        assertFalse(c.eventRegister);
    }

    @Test
    void sevOnOnePeWakesAnotherInWfe() {
        rig.code(CODE, WFE);
        rig.code(CODE + 0x100, SEV);
        Cpu waiter = rig.at(1, 1, 0, 0, 0);
        waiter.eventRegister = false;
        waiter.run(100);
        assertEquals(Interrupts.IN_WFE, waiter.sleeping);
        assertEquals(0, waiter.run(100));

        Cpu sender = rig.at(0, 1, 0, 0, 0);
        sender.pc = CODE + 0x100;
        sender.run(1);
        assertTrue(waiter.run(1) > 0, "the event woke the waiter");
        assertEquals(Interrupts.AWAKE, waiter.sleeping);
        assertFalse(waiter.eventRegister, "the wake-up consumed the event");
    }

    @Test
    void aStoreToTheReservedGranuleWakesAPeWaitingInLdxrWfe() {
        rig.code(CODE, LDXR_X1_X0, WFE);
        rig.code(CODE + 0x100, STR_X2_X0);
        Cpu waiter = rig.at(1, 1, 0, 0, 0);
        waiter.x[0] = DATA;
        waiter.eventRegister = false;
        waiter.run(100);
        assertEquals(Interrupts.IN_WFE, waiter.sleeping);

        Cpu other = rig.at(0, 1, 0, 0, 0);
        other.pc = CODE + 0x100;
        other.x[0] = DATA + 8; // same 64-byte granule
        other.x[2] = 7;
        other.run(1);
        assertFalse(waiter.exclusiveValid, "the store cleared the waiter's monitor");
        assertTrue(Interrupts.wake(waiter), "clearing the global monitor is a WFE wake-up event");
    }

    @Test
    void wfeDoesNotWakeOnAMaskedInterruptButWfiDoes() {
        rig.code(CODE, WFE);
        Cpu c = rig.at(0, 1, I, 0, 0);
        c.eventRegister = false;
        Interrupts.setLine(c, Interrupts.IRQ, true);
        c.run(100);
        assertEquals(Interrupts.IN_WFE, c.sleeping);
        c.daif = 0;
        Interrupts.stateChanged(c);
        assertTrue(Interrupts.wake(c), "unmasked (as by another agent): now a wake-up event");
    }

    @Test
    void eretSetsTheEventRegister() {
        rig.code(CODE, ERET);
        Cpu c = rig.at(0, 1, 0, 0, 0);
        c.eventRegister = false;
        c.elr[1] = CODE + 0x40;
        c.spsr[1] = 0x5;
        c.step();
        assertTrue(c.eventRegister);
    }

    @Test
    void bareMetalRunReportsAsleepWithNoWakeUpSourceAsAnError() {
        rig.code(CODE, WFI);
        BareMetalRun.Result r = new BareMetalRun(rig.m, null).maxInstructions(1000).run(CODE, 1);
        assertEquals(BareMetalRun.Outcome.ASLEEP, r.outcome(), r.message());
        assertEquals(1, r.exitCode());
        assertTrue(r.message().contains("no wake-up source"), r.message());
    }
}
