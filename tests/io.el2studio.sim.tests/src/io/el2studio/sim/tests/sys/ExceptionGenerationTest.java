package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.tests.support.TestMachine;

/**
 * Exception generation, entry and return: ESR/ELR/SPSR, target EL and vector offset for SVC, HVC,
 * SMC, BRK, HLT, and ERET including the illegal-return rules (Arm ARM D1.3, AArch64.ExceptionReturn).
 */
class ExceptionGenerationTest {
    static final long RAM = TestMachine.RAM;
    static final long CODE = RAM + 0x1000;
    static final long VBAR1 = RAM + 0x10000, VBAR2 = RAM + 0x20000, VBAR3 = RAM + 0x30000;

    static final int SVC_12 = 0xD4000241;   // svc #0x12
    static final int HVC_34 = 0xD4000682;   // hvc #0x34
    static final int SMC_56 = 0xD4000AC3;   // smc #0x56
    static final int BRK_7 = 0xD42000E0;    // brk #0x7
    static final int HLT_F000 = 0xD45E0000; // hlt #0xf000
    static final int ERET = 0xD69F03E0;     // eret
    static final int NOP = 0xD503201F;      // nop

    static Cpu cpuAt(int el, int... words) {
        Cpu c = TestMachine.cpuAt(CpuProfile.max(), 1, CODE, el, words);
        c.vbar[1] = VBAR1;
        c.vbar[2] = VBAR2;
        c.vbar[3] = VBAR3;
        return c;
    }

    /** An exception was taken to {@code el}: syndrome {@code esr}, return address {@code elr}, pc at {@code vector}. */
    static void assertTaken(Cpu c, int el, long esr, long elr, long vector) {
        assertEquals(el, c.el, "target exception level");
        assertEquals(esr, c.esr[el], "ESR_EL" + el);
        assertEquals(elr, c.elr[el], "ELR_EL" + el);
        assertEquals(vector, c.pc, "vector");
    }

    static long esr(int ec, int iss) {
        return (long) ec << 26 | 1L << 25 | iss;
    }

    @Test
    void instructionWordsOfThisTestDisassembleAsCommented() {
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        assertEquals("svc #0x12", d.disassemble(SVC_12, 0));
        assertEquals("hvc #0x34", d.disassemble(HVC_34, 0));
        assertEquals("smc #0x56", d.disassemble(SMC_56, 0));
        assertEquals("brk #0x7", d.disassemble(BRK_7, 0));
        assertEquals("hlt #0xf000", d.disassemble(HLT_F000, 0));
        assertEquals("eret", d.disassemble(ERET, 0));
    }

    @Test
    void svcFromEl0IsTakenToEl1LowerElVectorAndReturnsToTheNextInstruction() {
        Cpu c = cpuAt(0, SVC_12);
        c.nzcv = 0x6000_0000;
        c.step();
        assertTaken(c, 1, esr(0x15, 0x12), CODE + 4, VBAR1 + 0x400);
        assertEquals(0x6000_0000L, c.spsr[1]); // EL0t, nothing masked
        assertEquals(0x3C0, c.daif);
        assertTrue(c.spsel);
    }

    @Test
    void svcAtEl1UsesTheCurrentElVectorOfTheSelectedStackPointer() {
        Cpu c = cpuAt(1, SVC_12);
        c.step();
        assertEquals(VBAR1 + 0x200, c.pc); // current EL with SP_ELx
        assertEquals(0x5L, c.spsr[1]);     // EL1h, nothing masked before the SVC
    }

    @Test
    void svcAtEl1WithSpEl0UsesTheSp0Vector() {
        Cpu c = cpuAt(1, SVC_12);
        c.spsel = false;
        c.step();
        assertEquals(VBAR1 + 0x000, c.pc);
        assertEquals(0x4L, c.spsr[1] & 0xF); // EL1t
    }

    @Test
    void svcFromEl0GoesToEl2WhenHcrTgeIsSet() {
        Cpu c = cpuAt(0, SVC_12);
        c.hcrEl2 |= 1L << 27;
        c.step();
        assertEquals(2, c.el);
        assertEquals(esr(0x15, 0x12), c.esr[2]);
        assertEquals(VBAR2 + 0x400, c.pc);
    }

    @Test
    void hvcAtEl1IsTakenToEl2AndReturnsToTheNextInstruction() {
        Cpu c = cpuAt(1, HVC_34);
        c.step();
        assertTaken(c, 2, esr(0x16, 0x34), CODE + 4, VBAR2 + 0x400);
    }

    @Test
    void hvcIsUndefinedAtEl0() {
        Cpu c = cpuAt(0, HVC_34);
        c.step();
        TestMachine.assertUndefined(c, 1);
        assertEquals(CODE, c.elr[1]);
    }

    @Test
    void hvcIsUndefinedWhenScrEl3HceIsClear() {
        Cpu c = cpuAt(1, HVC_34);
        c.scrEl3 &= ~(1L << 8);
        c.step();
        TestMachine.assertUndefined(c, 1);
    }

    @Test
    void smcAtEl1TrapsToEl2WhenHcrTscIsSetAndReturnsToTheSmcItself() {
        Cpu c = cpuAt(1, SMC_56);
        c.hcrEl2 |= 1L << 19;
        c.step();
        assertEquals(2, c.el);
        assertEquals(esr(0x17, 0x56), c.esr[2]);
        assertEquals(CODE, c.elr[2]);
    }

    @Test
    void smcAtEl1IsTakenToEl3() {
        Cpu c = cpuAt(1, SMC_56);
        c.step();
        assertTaken(c, 3, esr(0x17, 0x56), CODE + 4, VBAR3 + 0x400);
    }

    @Test
    void smcIsUndefinedAtEl0AndWhenScrEl3SmdIsSet() {
        Cpu c = cpuAt(0, SMC_56);
        c.step();
        assertEquals(esr(0x00, 0), c.esr[1]);
        Cpu d = cpuAt(2, SMC_56);
        d.scrEl3 |= 1L << 7;
        d.step();
        TestMachine.assertUndefined(d, 2);
    }

    @Test
    void brkIsABreakpointExceptionReturningToTheBrkItself() {
        Cpu c = cpuAt(1, BRK_7);
        c.step();
        assertTaken(c, 1, esr(0x3C, 7), CODE, VBAR1 + 0x200);
    }

    @Test
    void brkFromEl1GoesToEl2WhenMdcrTdeIsSet() {
        Cpu c = cpuAt(1, BRK_7);
        c.mdcrEl2 |= 1L << 8;
        c.step();
        assertEquals(2, c.el);
        assertEquals(esr(0x3C, 7), c.esr[2]);
    }

    @Test
    void hltIsUndefinedWithoutSemihostingAndCallsItOtherwise() {
        Cpu c = cpuAt(1, HLT_F000);
        c.step();
        assertEquals(esr(0x00, 0), c.esr[1]);
        Cpu d = cpuAt(1, HLT_F000);
        int[] calls = {0};
        d.semihosting = cpu -> calls[0]++;
        d.step();
        assertEquals(1, calls[0]);
        assertEquals(CODE + 4, d.pc);
        assertEquals(1, d.el);
    }

    @Test
    void eretReturnsToEl0AndClearsTheLocalMonitor() {
        Cpu c = cpuAt(1, ERET);
        c.spsr[1] = 0x9000_0000L; // N, V, EL0t
        c.elr[1] = CODE + 0x100;
        c.exclusiveValid = true;
        c.step();
        assertEquals(0, c.el);
        assertEquals(CODE + 0x100, c.pc);
        assertEquals(0x9000_0000, c.nzcv);
        assertFalse(c.spsel);
        assertFalse(c.il);
        assertFalse(c.exclusiveValid);
    }

    @Test
    void eretIsUndefinedAtEl0() {
        Cpu c = cpuAt(0, ERET);
        c.step();
        TestMachine.assertUndefined(c, 1);
    }

    @Test
    void illegalReturnToAHigherElSetsIlAndTheNextInstructionTakesAnIllegalStateException() {
        Cpu c = cpuAt(1, ERET, NOP);
        c.spsr[1] = 0x9;          // EL2h: higher than EL1
        c.elr[1] = CODE + 4;
        c.step();
        assertEquals(1, c.el);    // EL unchanged
        assertTrue(c.il);
        assertEquals(CODE + 4, c.pc);
        c.step();                 // the NOP does not execute
        assertEquals(1, c.el);
        assertEquals(esr(0x0E, 0), c.esr[1]);
        assertEquals(CODE + 4, c.elr[1]);
        assertTrue((c.spsr[1] & (1L << 20)) != 0, "SPSR_EL1.IL");
        assertFalse(c.il);
    }

    @Test
    void returnToAArch32IsIllegal() {
        Cpu c = cpuAt(2, ERET);
        c.spsr[2] = 0x10;         // M[4] = 1: AArch32 User
        c.elr[2] = CODE;
        c.step();
        assertEquals(2, c.el);
        assertTrue(c.il);
    }

    @Test
    void returnToEl1IsIllegalWhenHcrTgeIsSet() {
        Cpu c = cpuAt(2, ERET);
        c.hcrEl2 |= 1L << 27;
        c.spsr[2] = 0x5;          // EL1h
        c.elr[2] = CODE;
        c.step();
        assertEquals(2, c.el);
        assertTrue(c.il);
    }

    @Test
    void eretFromEl3ToEl2Works() {
        Cpu c = cpuAt(3, ERET);
        c.spsr[3] = 0x3C9;        // EL2h, DAIF masked
        c.elr[3] = CODE + 0x40;
        c.step();
        assertEquals(2, c.el);
        assertTrue(c.spsel);
        assertEquals(0x3C0, c.daif);
        assertEquals(CODE + 0x40, c.pc);
    }
}
