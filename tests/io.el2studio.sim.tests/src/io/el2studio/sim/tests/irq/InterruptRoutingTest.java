package io.el2studio.sim.tests.irq;

import static io.el2studio.sim.tests.irq.IrqRig.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.Interrupts;

/**
 * Routing and masking of physical and virtual IRQ, FIQ and SError as the Arm ARM defines them (D1.3,
 * "Asynchronous exception routing" and "masking" tables; AArch64.TakePhysicalIRQException and its
 * siblings): SCR_EL3.{IRQ,FIQ,EA} route to EL3, HCR_EL2.{IMO,FMO,AMO} or TGE to EL2, else EL1; an
 * interrupt is never taken to a lower EL; PSTATE masks it at its target EL and, for an EL1 target,
 * at EL0, and for an EL2 target at EL0 under HCR_EL2.{E2H,TGE} = {1,1}; otherwise a higher target
 * ignores PSTATE. The preferred return address is the next instruction to execute.
 */
class InterruptRoutingTest {
    private final IrqRig rig = new IrqRig(1);

    /** Runs one step (one instruction, or the taking of one interrupt). */
    private static Cpu step(Cpu c) {
        c.step();
        return c;
    }

    private static void assertTaken(Cpu c, int el, long vector, long elr) {
        assertEquals(el, c.el, "target EL");
        assertEquals(vector, c.pc, String.format("vector: pc 0x%x", c.pc));
        assertEquals(elr, c.elr[el], "ELR");
        assertEquals(0x3C0, c.daif, "D, A, I, F masked on entry");
    }

    private static void assertNotTaken(Cpu c, int el) {
        assertEquals(el, c.el);
        assertEquals(CODE + 4, c.pc, "the NOP executed, nothing taken");
    }

    @Test
    void irqRoutedToEl1IsTakenAtEl1WhenPstateIIsClear() {
        Cpu c = rig.at(0, 1, 0, 0, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE);
        assertEquals(0x5, c.spsr[1], "SPSR_EL1: EL1h, nothing masked");
    }

    @Test
    void irqAtEl1WithSpEl0SelectedUsesTheSp0Vector() {
        Cpu c = rig.at(0, 1, 0, 0, 0);
        c.spsel = false;
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertTaken(c, 1, VBAR1 + 0x80, CODE);
    }

    @Test
    void irqMaskedByPstateIIsTakenRightAfterDaifClr() {
        rig.code(CODE + 4, MSR_DAIFCLR_I);
        Cpu c = rig.at(0, 1, I | F | A, 0, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c); // nop: masked
        assertEquals(CODE + 4, c.pc);
        step(c); // msr daifclr, #2
        step(c); // the IRQ, before the instruction after the MSR
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE + 8);
        assertEquals(0x145, c.spsr[1], "SPSR_EL1: A and F still masked, I clear, EL1h");
    }

    @Test
    void imoRoutesPhysicalIrqFromEl1ToEl2RegardlessOfPstateI() {
        Cpu c = rig.at(0, 1, D | A | I | F, IMO, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertTaken(c, 2, vector(VBAR2, true, 0x80), CODE);
    }

    @Test
    void irqRoutedToEl2IsMaskedByPstateIAtEl2() {
        Cpu c = rig.at(0, 2, I, IMO, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertNotTaken(c, 2);
        c.daif = 0;
        Interrupts.stateChanged(c);
        step(c);
        assertTaken(c, 2, vector(VBAR2, false, 0x80), CODE + 4);
    }

    @Test
    void irqTargetingEl1StaysPendingAtEl2UntilEretToEl1() {
        rig.code(CODE + 4, ERET);
        Cpu c = rig.at(0, 2, 0, 0, 0);
        c.elr[2] = CODE + 0x40;
        c.spsr[2] = 0x5; // EL1h, nothing masked
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertNotTaken(c, 2);
        step(c); // eret
        assertEquals(1, c.el);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE + 0x40);
    }

    @Test
    void tgeRoutesEl0IrqToEl2RegardlessOfPstateI() {
        Cpu c = rig.at(0, 0, I, TGE, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertTaken(c, 2, vector(VBAR2, true, 0x80), CODE);
    }

    @Test
    void hostEl0UnderE2hAndTgeIsMaskedByPstateI() {
        Cpu c = rig.at(0, 0, I, TGE | E2H, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertNotTaken(c, 0);
        c.daif = 0;
        Interrupts.stateChanged(c);
        step(c);
        assertTaken(c, 2, vector(VBAR2, true, 0x80), CODE + 4);
    }

    @Test
    void irqToEl1FromEl0IsMaskedByPstateI() {
        Cpu c = rig.at(0, 0, I, 0, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertNotTaken(c, 0);
    }

    @Test
    void scrEl3IrqRoutesToEl3FromEl2RegardlessOfPstateI() {
        Cpu c = rig.at(0, 2, D | A | I | F, IMO, SCR_IRQ);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertTaken(c, 3, vector(VBAR3, true, 0x80), CODE);
    }

    @Test
    void irqNotRoutedToEl3IsNotTakenAtEl3() {
        Cpu c = rig.at(0, 3, 0, IMO, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertNotTaken(c, 3);
    }

    @Test
    void irqRoutedToEl3IsMaskedByPstateIAtEl3() {
        Cpu c = rig.at(0, 3, I, 0, SCR_IRQ);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertNotTaken(c, 3);
        c.daif = 0;
        Interrupts.stateChanged(c);
        step(c);
        assertTaken(c, 3, vector(VBAR3, false, 0x80), CODE + 4);
    }

    @Test
    void imoIsIgnoredInSecureStateWithoutSecureEl2() {
        Cpu c = rig.at(0, 1, 0, IMO, 0);
        c.scrEl3 &= ~1L; // SCR_EL3.NS = 0: Secure EL1, EL2 not enabled
        Interrupts.stateChanged(c);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE);
    }

    @Test
    void fmoRoutesFiqToEl2AndScrFiqToEl3() {
        Cpu c = rig.at(0, 1, D | A | I | F, FMO, 0);
        Interrupts.setLine(c, Interrupts.FIQ, true);
        step(c);
        assertTaken(c, 2, vector(VBAR2, true, 0x100), CODE);

        c = rig.at(0, 1, D | A | I | F, FMO, SCR_FIQ);
        step(c);
        assertTaken(c, 3, vector(VBAR3, true, 0x100), CODE);
    }

    @Test
    void fiqIsTakenBeforeIrqWhenBothAreTakeable() {
        Cpu c = rig.at(0, 1, 0, 0, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        Interrupts.setLine(c, Interrupts.FIQ, true);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x100), CODE);
    }

    @Test
    void irqIsTakenWhenFiqIsMasked() {
        Cpu c = rig.at(0, 1, F, 0, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        Interrupts.setLine(c, Interrupts.FIQ, true);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE);
    }

    @Test
    void physicalSErrorReportsEsrAndIsTakenOnce() {
        Cpu c = rig.at(0, 1, 0, 0, 0);
        Interrupts.raiseSError(c, 0);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x180), CODE);
        assertEquals(0xBE00_0000L, c.esr[1], "EC 0x2F, IL, IDS = 0, ISS = 0");
        assertEquals(0, c.irqLines & Interrupts.SERROR, "no longer pending once taken");
    }

    @Test
    void amoRoutesSErrorToEl2RegardlessOfPstateAAndScrEaToEl3() {
        Cpu c = rig.at(0, 1, D | A | I | F, AMO, 0);
        Interrupts.raiseSError(c, 0);
        step(c);
        assertTaken(c, 2, vector(VBAR2, true, 0x180), CODE);
        assertEquals(0xBE00_0000L, c.esr[2]);

        c = rig.at(0, 2, D | A | I | F, AMO, SCR_EA);
        Interrupts.raiseSError(c, 0);
        step(c);
        assertTaken(c, 3, vector(VBAR3, true, 0x180), CODE);
    }

    @Test
    void irqDoesNotWriteEsr() {
        Cpu c = rig.at(0, 1, 0, 0, 0);
        c.esr[1] = 0x1234;
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertEquals(0x1234, c.esr[1]);
    }

    // ---- virtual interrupts ----

    @Test
    void hcrViIsAVirtualIrqTakenAtEl1() {
        Cpu c = rig.at(0, 1, 0, IMO | VI, 0);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE);
    }

    @Test
    void virtualIrqFromEl0GoesToTheLowerElVectorOfEl1() {
        Cpu c = rig.at(0, 0, 0, IMO | VI, 0);
        step(c);
        assertTaken(c, 1, vector(VBAR1, true, 0x80), CODE);
    }

    @Test
    void virtualIrqIsMaskedByPstateIAtEl1() {
        Cpu c = rig.at(0, 1, I, IMO | VI, 0);
        step(c);
        assertNotTaken(c, 1);
    }

    @Test
    void virtualIrqIsNeverTakenAtEl2() {
        Cpu c = rig.at(0, 2, 0, IMO | FMO | AMO | VI | VF | VSE, 0);
        step(c);
        assertNotTaken(c, 2);
    }

    @Test
    void virtualIrqNeedsImoAndNoTge() {
        Cpu c = rig.at(0, 1, 0, VI, 0);
        step(c);
        assertNotTaken(c, 1);
        c = rig.at(0, 0, 0, IMO | VI | TGE, 0);
        step(c);
        assertNotTaken(c, 0);
    }

    @Test
    void gicVirtualIrqLineIsAVirtualIrq() {
        Cpu c = rig.at(0, 1, 0, IMO, 0);
        Interrupts.setGicLines(c, Interrupts.VIRQ);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE);
    }

    @Test
    void hcrVfIsAVirtualFiqMaskedByPstateF() {
        Cpu c = rig.at(0, 1, F, FMO | VF, 0);
        step(c);
        assertNotTaken(c, 1);
        c.daif = 0;
        Interrupts.stateChanged(c);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x100), CODE + 4);
    }

    @Test
    void hcrVseIsAVirtualSErrorWithSyndromeThatClearsVse() {
        Cpu c = rig.at(0, 1, 0, AMO | VSE, 0);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x180), CODE);
        assertEquals(0xBE00_0000L, c.esr[1], "EC 0x2F, IL; no FEAT_RAS: IDS = 0, ISS = 0");
        assertEquals(0, c.hcrEl2 & VSE, "taking the vSError clears HCR_EL2.VSE");
    }

    @Test
    void physicalIrqRoutedToEl2IsTakenBeforeAPendingVirtualIrq() {
        Cpu c = rig.at(0, 1, 0, IMO | VI, 0);
        Interrupts.setLine(c, Interrupts.IRQ, true);
        step(c);
        assertTaken(c, 2, vector(VBAR2, true, 0x80), CODE);
    }

    @Test
    void nothingIsEvaluatedUntilSomethingChanges() {
        Cpu c = rig.at(0, 1, 0, 0, 0);
        step(c);
        assertFalse(c.irqCheck, "the check flag is cleared by the evaluation");
        c.irqLines = Interrupts.IRQ; // behind the model's back: not seen until a change is signalled
        step(c);
        assertEquals(CODE + 8, c.pc);
        Interrupts.stateChanged(c);
        step(c);
        assertTaken(c, 1, vector(VBAR1, false, 0x80), CODE + 8);
    }
}
