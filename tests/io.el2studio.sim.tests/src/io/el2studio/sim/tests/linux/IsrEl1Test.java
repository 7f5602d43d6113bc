package io.el2studio.sim.tests.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.Interrupts;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.tests.support.TestMachine;

/**
 * ISR_EL1, which KVM reads at EL2 right before it enters a guest (to back out when an SError is
 * pending) and which was missing: Linux's "HYP panic ... ESR:02000000" in the first KVM_RUN. The
 * expectations are the register's definition (Arm ARM D19.2, ISR_EL1): at EL2 the bits show the
 * physical interrupts; at EL1 with HCR_EL2.{IMO,TGE} = {1,0} the I bit shows the virtual IRQ.
 */
class IsrEl1Test {
    static final long CODE = TestMachine.RAM + 0x1000;
    static final int MRS_X0_ISR_EL1 = 0xD538C100;
    static final long HCR_IMO = 1L << 4, HCR_VI = 1L << 7, HCR_RW = 1L << 31;

    static long isr(int el, long hcr, int lines) {
        Cpu c = TestMachine.cpuAt(CpuProfile.max(), 1, CODE, el, MRS_X0_ISR_EL1);
        c.vbar[1] = TestMachine.RAM + 0x10000;
        c.vbar[2] = TestMachine.RAM + 0x20000;
        c.daif = 0x3C0; // every interrupt masked: pending, not taken, as at KVM's guest entry
        c.hcrEl2 = hcr | HCR_RW;
        Interrupts.setLine(c, lines, true);
        c.step();
        assertEquals(CODE + 4, c.pc, "MRS ISR_EL1 at EL" + el + " must not trap");
        return c.x(0);
    }

    @Test
    void theWordDisassemblesAsIsrEl1() {
        assertEquals("mrs x0, isr_el1", new Decoder(EnumSet.allOf(Feature.class)).disassemble(MRS_X0_ISR_EL1, 0));
    }

    @Test
    void atEl2IsrShowsThePendingPhysicalIrqAndNotTheVirtualOne() {
        assertEquals(0x80, isr(2, 0, Interrupts.IRQ));
        assertEquals(0, isr(2, HCR_IMO | HCR_VI, 0));
        assertEquals(0x40, isr(2, 0, Interrupts.FIQ));
    }

    @Test
    void atEl1WithImoIsrShowsTheVirtualIrq() {
        assertEquals(0x80, isr(1, HCR_IMO | HCR_VI, 0));
        assertEquals(0x80, isr(1, HCR_IMO, Interrupts.VIRQ));
        assertEquals(0, isr(1, HCR_IMO, 0));
    }
}
