package io.el2studio.sim.tests.sys;

import static io.el2studio.sim.tests.sys.ExceptionGenerationTest.CODE;
import static io.el2studio.sim.tests.sys.ExceptionGenerationTest.VBAR1;
import static io.el2studio.sim.tests.sys.ExceptionGenerationTest.VBAR2;
import static io.el2studio.sim.tests.sys.ExceptionGenerationTest.cpuAt;
import static io.el2studio.sim.tests.sys.ExceptionGenerationTest.esr;
import static io.el2studio.sim.tests.sys.SysRegAccessTest.mrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;

/** Branches, PSTATE writes, hints and the FEAT_VHE register redirection. */
class SystemInsnTest {
    static final int B_8 = 0x14000002;          // b .+8
    static final int BL_8 = 0x94000002;         // bl .+8
    static final int BEQ_8 = 0x54000040;        // b.eq .+8
    static final int CBZ_X1_8 = 0xB4000041;     // cbz x1, .+8
    static final int TBNZ_W1_3_8 = 0x37180041;  // tbnz w1, #3, .+8
    static final int BR_X2 = 0xD61F0040;        // br x2
    static final int BLR_X30 = 0xD63F03C0;      // blr x30
    static final int RET = 0xD65F03C0;          // ret
    static final int DAIFSET_F = 0xD5034FDF;    // msr daifset, #0xf
    static final int DAIFCLR_2 = 0xD50342FF;    // msr daifclr, #0x2
    static final int SPSEL_0 = 0xD50040BF;      // msr spsel, #0x0
    static final int PAN_1 = 0xD500419F;        // msr pan, #0x1
    static final int WFI = 0xD503207F;          // wfi
    static final int CLREX = 0xD5033F5F;        // clrex
    static final int BC_EQ = 0x54000010;        // bc.eq .
    static final int BRAA_X1_X0 = 0xD71F0820;   // braa x1, x0
    static final int MRS_X0_FPCR = mrs(3, 3, 4, 4, 0, 0);       // mrs x0, fpcr
    static final int MRS_X0_SCTLR_EL1 = mrs(3, 0, 1, 0, 0, 0);  // mrs x0, sctlr_el1
    static final int MRS_X0_SCTLR_EL12 = mrs(3, 5, 1, 0, 0, 0); // mrs x0, sctlr_el12

    @Test
    void instructionWordsOfThisTestDisassembleAsCommented() {
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        assertEquals("b 0x8", d.disassemble(B_8, 0));
        assertEquals("bl 0x8", d.disassemble(BL_8, 0));
        assertEquals("b.eq 0x8  // b.none", d.disassemble(BEQ_8, 0));
        assertEquals("cbz x1, 0x8", d.disassemble(CBZ_X1_8, 0));
        assertEquals("tbnz w1, #3, 0x8", d.disassemble(TBNZ_W1_3_8, 0));
        assertEquals("br x2", d.disassemble(BR_X2, 0));
        assertEquals("blr x30", d.disassemble(BLR_X30, 0));
        assertEquals("ret", d.disassemble(RET, 0));
        assertEquals("msr daifset, #0xf", d.disassemble(DAIFSET_F, 0));
        assertEquals("msr daifclr, #0x2", d.disassemble(DAIFCLR_2, 0));
        assertEquals("msr spsel, #0x0", d.disassemble(SPSEL_0, 0));
        assertEquals("msr pan, #0x1", d.disassemble(PAN_1, 0));
        assertEquals("wfi", d.disassemble(WFI, 0));
        assertEquals("clrex", d.disassemble(CLREX, 0));
        assertEquals("bc.eq 0x0  // bc.none", d.disassemble(BC_EQ, 0));
        assertEquals("braa x1, x0", d.disassemble(BRAA_X1_X0, 0));
        assertEquals("mrs x0, fpcr", d.disassemble(MRS_X0_FPCR, 0));
        assertEquals("mrs x0, sctlr_el12", d.disassemble(MRS_X0_SCTLR_EL12, 0));
    }

    @Test
    void immediateBranchesLinkAndTestConditions() {
        Cpu c = cpuAt(1, BL_8, 0, BEQ_8, 0, CBZ_X1_8);
        c.step();
        assertEquals(CODE + 8, c.pc);
        assertEquals(CODE + 4, c.x[30]);
        c.nzcv = 0;               // Z clear: b.eq falls through
        c.step();
        assertEquals(CODE + 12, c.pc);
        c.pc = CODE + 8;
        c.nzcv = 0x4000_0000;     // Z set: taken
        c.step();
        assertEquals(CODE + 16, c.pc);
        c.x[1] = 0;
        c.step();
        assertEquals(CODE + 24, c.pc);
    }

    @Test
    void testBitBranchAndRegisterBranches() {
        Cpu c = cpuAt(1, TBNZ_W1_3_8, 0, BLR_X30);
        c.x[1] = 8;
        c.step();
        assertEquals(CODE + 8, c.pc);
        c.x[30] = CODE + 0x100;
        c.step();                 // blr x30 branches to the old x30
        assertEquals(CODE + 0x100, c.pc);
        assertEquals(CODE + 12, c.x[30]);
    }

    @Test
    void bcCondAndPointerAuthenticationBranchesAreUndefinedOnThisProfile() {
        Cpu c = cpuAt(1, BC_EQ);
        c.step();
        assertEquals(esr(0, 0), c.esr[1]);
        Cpu d = cpuAt(1, BRAA_X1_X0);
        d.step();
        assertEquals(esr(0, 0), d.esr[1]);
        assertEquals(VBAR1 + 0x200, d.pc);
    }

    @Test
    void daifSetAndClearMaskAndUnmask() {
        Cpu c = cpuAt(1, DAIFSET_F, DAIFCLR_2);
        c.step();
        assertEquals(0x3C0, c.daif);
        c.step();
        assertEquals(0x340, c.daif); // I cleared
    }

    @Test
    void spselAndPanImmediatesWritePstate() {
        Cpu c = cpuAt(1, SPSEL_0, PAN_1);
        c.step();
        assertFalse(c.spsel);
        c.step();
        assertTrue(c.pan);
    }

    @Test
    void spselIsUndefinedAtEl0() {
        Cpu c = cpuAt(0, SPSEL_0);
        c.step();
        assertEquals(esr(0, 0), c.esr[1]);
    }

    @Test
    void panIsSetOnEntryToEl1WhenSctlrSpanIsClear() {
        Cpu c = cpuAt(0, 0xD4000001); // svc #0x0
        c.sctlr[1] &= ~(1L << 23);
        c.step();
        assertTrue(c.pan);
        Cpu d = cpuAt(0, 0xD4000001);
        d.sctlr[1] |= 1L << 23;
        d.step();
        assertFalse(d.pan);
    }

    @Test
    void wfiCompletesAsNopUnlessTrappedByHcrTwi() {
        Cpu c = cpuAt(1, WFI);
        c.step();
        assertEquals(CODE + 4, c.pc);
        assertEquals(1, c.el);
        Cpu d = cpuAt(1, WFI);
        d.hcrEl2 |= 1L << 13;
        d.step();
        assertEquals(2, d.el);
        assertEquals(esr(0x01, 1 << 24 | 0xE << 20), d.esr[2]); // CV=1, COND=0b1110, TI=WFI
        assertEquals(CODE, d.elr[2]);
    }

    @Test
    void clrexClearsTheLocalMonitor() {
        Cpu c = cpuAt(0, CLREX);
        c.exclusiveValid = true;
        c.step();
        assertFalse(c.exclusiveValid);
    }

    @Test
    void fpcrAccessTrapsToEl1WhenCpacrFpenDisablesFp() {
        Cpu c = cpuAt(1, MRS_X0_FPCR);
        c.cpacrEl1 = 0;
        c.step();
        // ISS CV = 1, COND = 0b1110 for a trap from AArch64 (ESR_ELx EC 0x07; QEMU agrees, see
        // ExceptionsQemuTest "fmov with CPTR_EL2.TFP")
        assertEquals(esr(0x07, 0x1E0_0000), c.esr[1]);
        Cpu d = cpuAt(1, MRS_X0_FPCR);
        d.cptrEl2 |= 1L << 10; // CPTR_EL2.TFP
        d.step();
        assertEquals(2, d.el);
        assertEquals(esr(0x07, 0x1E0_0000), d.esr[2]);
        assertEquals(VBAR2 + 0x400, d.pc);
    }

    @Test
    void vheRedirectsEl1EncodingsToEl2AndEl12ReachesEl1() {
        Cpu c = cpuAt(2, MRS_X0_SCTLR_EL1, MRS_X0_SCTLR_EL12);
        c.hcrEl2 |= 1L << 34; // E2H
        c.sctlr[1] = 0x1111;
        c.sctlr[2] = 0x2222;
        c.step();
        assertEquals(0x2222L, c.x[0]);
        c.step();
        assertEquals(0x1111L, c.x[0]);
        Cpu d = cpuAt(2, MRS_X0_SCTLR_EL12);
        d.step();                 // E2H = 0: SCTLR_EL12 is UNDEFINED
        assertEquals(esr(0, 0), d.esr[2]);
    }
}
