package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.control.Debug;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.Interrupts;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * {@link Simulation#stepAll} counts steps as {@link Simulation#step} does: with step-enters-interrupts
 * on, the entry into a pending interrupt is a step and the PE stops at the vector's first instruction,
 * not yet executed; off, the interrupt stays pending and the step executes the next instruction.
 * At EL2 with HCR_EL2.IMO set and PSTATE.I clear, the IRQ is taken at VBAR_EL2 + 0x280 (Arm ARM D1.3.1).
 */
class StepAllTest {
    static final int B_SELF = 0x14000000; // b .
    static final int MOV_X0_1 = 0xd2800020, MOV_X0_2 = 0xd2800040, MOV_X0_3 = 0xd2800060; // mov x0, #1/#2/#3
    static final int MOV_X1_RAM = 0xd2a80001; // mov x1, #0x40000000
    static final int ADD_X1_4K = 0x91400421; // add x1, x1, #0x1, lsl #12
    static final int MSR_VBAR_EL2_X1 = 0xd51cc001; // msr vbar_el2, x1
    static final int ISB = 0xd5033fdf;

    static StopReason await(Simulation sim, long token) throws InterruptedException {
        StopReason r = sim.awaitStopAfter(token, 30, TimeUnit.SECONDS);
        assertNotNull(r, "no stop within 30 s");
        return r;
    }

    static ControlFixture withPendingIrq() throws Exception {
        int[] prog = new int[0x1288 / 4];
        int[] code = {MOV_X1_RAM, ADD_X1_4K, MSR_VBAR_EL2_X1, ISB, MOV_X0_1, MOV_X0_2, B_SELF};
        System.arraycopy(code, 0, prog, 0, code.length);
        prog[0x1280 / 4] = MOV_X0_3;
        prog[0x1284 / 4] = B_SELF;
        ControlFixture f = new ControlFixture(1, prog);
        await(f.sim, f.sim.stepAll(4));
        f.sim.call(b -> {
            Cpu c = b.cpu(0);
            SysRegTable.byName("HCR_EL2").write(c, 1L << 31 | 1L << 4); // RW, IMO
            c.daif = 0;
            Interrupts.setLine(c, Interrupts.IRQ, true);
            return null;
        }, 5000);
        return f;
    }

    @Test
    void stepAllEntersAPendingInterruptAsOneStepAndStopsAtTheVector() throws Exception {
        try (ControlFixture f = withPendingIrq()) {
            assertEquals(ControlFixture.RAM + 16, f.sim.registers(0).pc(), "4 steps: 4 instructions");
            f.sim.setStepEntersInterrupts(true);
            await(f.sim, f.sim.stepAll(1));
            Debug.Registers regs = f.sim.registers(0);
            assertEquals(ControlFixture.RAM + 0x1280, regs.pc(), "the step is the interrupt entry");
            assertEquals(0, regs.x()[0], "the vector's first instruction has not executed");
            assertEquals(ControlFixture.RAM + 16, regs.elr()[2], "ELR_EL2: the interrupted instruction");
            await(f.sim, f.sim.stepAll(1));
            assertEquals(3, f.sim.registers(0).x()[0], "the next step executes the vector's first instruction");
            assertEquals(ControlFixture.RAM + 0x1284, f.sim.registers(0).pc());
        }
    }

    @Test
    void stepAllLeavesAPendingInterruptPendingByDefault() throws Exception {
        try (ControlFixture f = withPendingIrq()) {
            assertEquals(false, f.sim.stepEntersInterrupts(), "off by default");
            await(f.sim, f.sim.stepAll(2));
            Debug.Registers regs = f.sim.registers(0);
            assertEquals(ControlFixture.RAM + 24, regs.pc(), "stepped over the pending IRQ: two instructions");
            assertEquals(2, regs.x()[0]);
            f.sim.setStepEntersInterrupts(true);
            await(f.sim, f.sim.stepAll(1));
            assertEquals(ControlFixture.RAM + 0x1280, f.sim.registers(0).pc(), "still pending: entered by the next step");
        }
    }
}
