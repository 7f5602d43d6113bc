package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.control.Debug;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.Translation;

/**
 * The control API on its own, without a client: run, stop, step, breakpoints, watchpoints, stop on
 * exception entry, snapshots. Waits are bounded generously (a stop is expected within a few thousand
 * instructions); assertions are on state, never on timing.
 */
class SimulationTest {
    static final int B_SELF = 0x14000000; // b .
    static final int MOV_X0_1 = 0xd2800020, MOV_X0_2 = 0xd2800040, MOV_X0_3 = 0xd2800060; // mov x0, #1/#2/#3
    static final int MOV_X1_RAM = 0xd2a80001; // mov x1, #0x40000000
    static final int ADD_X1_4K = 0x91400421; // add x1, x1, #0x1, lsl #12
    static final int MSR_VBAR_EL2_X1 = 0xd51cc001; // msr vbar_el2, x1
    static final int ISB = 0xd5033fdf, SVC_0 = 0xd4000001, HVC_1 = 0xd4000022, ERET = 0xd69f03e0;
    static final int ADD_X2_1 = 0x91000442; // add x2, x2, #0x1
    static final int STR_X2_X1 = 0xf9000022; // str x2, [x1]
    static final int LDR_X3_X1 = 0xf9400023; // ldr x3, [x1]
    static final int MOV_X1_RAM_64K = 0xd2a80021; // mov x1, #0x40010000

    static StopReason await(Simulation sim, long token) throws InterruptedException {
        StopReason r = sim.awaitStopAfter(token, 30, TimeUnit.SECONDS);
        assertNotNull(r, "no stop within 30 s");
        return r;
    }

    @Test
    void stopEndsARunawayGuestAndLeavesItInspectable() throws Exception {
        try (ControlFixture f = new ControlFixture(1, B_SELF)) {
            long t = f.sim.run();
            while (f.sim.call(b -> b.cpu(0).instructionCount, 5000) < 100_000) {
                Thread.sleep(1);
            }
            f.sim.stop();
            StopReason r = await(f.sim, t);
            assertEquals(StopKind.USER, r.kind());
            assertEquals(Simulation.State.STOPPED, f.sim.state());
            Debug.Registers regs = f.sim.registers(0);
            assertEquals(ControlFixture.RAM, regs.pc());
            assertEquals(2, regs.el());
            long n = regs.instructions();
            assertEquals(n, f.sim.registers(0).instructions(), "stopped: no instruction runs any more");
        }
    }

    @Test
    void stopRequestedBeforeTheQueuedRunTakesEffectStillStops() throws Exception {
        try (ControlFixture f = new ControlFixture(1, B_SELF)) {
            long t = f.sim.run();
            f.sim.stop();
            assertEquals(StopKind.USER, await(f.sim, t).kind());
        }
    }

    @Test
    void breakpointByVaStopsBeforeTheInstructionAndResumingStepsOverIt() throws Exception {
        try (ControlFixture f = new ControlFixture(1, MOV_X0_1, MOV_X0_2, MOV_X0_3, B_SELF)) {
            f.sim.addBreakpoint(Debug.Breakpoint.va(ControlFixture.RAM + 8));
            StopReason r = await(f.sim, f.sim.run());
            assertEquals(StopKind.BREAKPOINT, r.kind());
            assertEquals(ControlFixture.RAM + 8, r.pc());
            Debug.Registers regs = f.sim.registers(0);
            assertEquals(ControlFixture.RAM + 8, regs.pc());
            assertEquals(2, regs.x()[0], "mov x0, #3 has not executed");
            long t = f.sim.step(0, 1);
            assertEquals(StopKind.STEP, await(f.sim, t).kind());
            assertEquals(3, f.sim.registers(0).x()[0]);
            assertEquals(ControlFixture.RAM + 12, f.sim.registers(0).pc());
        }
    }

    @Test
    void breakpointByPaHitsWhileTheMmuIsOff() throws Exception {
        try (ControlFixture f = new ControlFixture(1, MOV_X0_1, MOV_X0_2, MOV_X0_3, B_SELF)) {
            f.sim.addBreakpoint(Debug.Breakpoint.pa(ControlFixture.RAM + 4));
            StopReason r = await(f.sim, f.sim.run());
            assertEquals(StopKind.BREAKPOINT, r.kind());
            assertEquals(1, f.sim.registers(0).x()[0]);
        }
    }

    @Test
    void writeWatchpointStopsBeforeTheStoreNotOnTheLoadAndResumingCompletesIt() throws Exception {
        // mov x1, #0x40010000; add x2, x2, #1; ldr x3, [x1]; str x2, [x1]; mov x0, #1; b .
        try (ControlFixture f = new ControlFixture(1, MOV_X1_RAM_64K, ADD_X2_1, LDR_X3_X1, STR_X2_X1, MOV_X0_1, B_SELF)) {
            Debug.Watchpoint w = new Debug.Watchpoint(Debug.Space.PA, 0x4001_0004L, 4, Debug.Access.WRITE);
            f.sim.addWatchpoint(w);
            StopReason r = await(f.sim, f.sim.run());
            assertEquals(StopKind.WATCHPOINT, r.kind(), r.detail());
            assertEquals(ControlFixture.RAM + 12, r.pc(), "the str");
            assertEquals(w, r.watchpoint());
            assertEquals(0x4001_0004L, r.dataAddress(), "the first byte of the 8-byte store inside the watched range");
            assertEquals(ControlFixture.RAM + 12, f.sim.registers(0).pc(), "stopped before the store, as a watchpoint exception");
            byte[] mem = f.sim.readMemory(Translation.currentRegime(0), 0x4001_0000L, 8);
            assertEquals(0, mem[0], "nothing stored yet");
            // Resuming executes the store once, unchecked; the guest then spins in b . with the watchpoint still set.
            long t = f.sim.run();
            while (f.sim.call(b -> b.cpu(0).pc, 5000) != ControlFixture.RAM + 20) {
                Thread.sleep(1);
            }
            f.sim.stop();
            assertEquals(StopKind.USER, await(f.sim, t).kind(), "no second stop on the same store");
            mem = f.sim.readMemory(Translation.currentRegime(0), 0x4001_0000L, 8);
            assertEquals(1, mem[0], "the value stored");
            assertEquals(1, f.sim.registers(0).x()[0]);
        }
    }

    @Test
    void readWatchpointStopsBeforeTheLoadWritesItsRegisterAndAStepExecutesIt() throws Exception {
        try (ControlFixture f = new ControlFixture(1, MOV_X1_RAM_64K, ADD_X2_1, LDR_X3_X1, STR_X2_X1, MOV_X0_1, B_SELF)) {
            f.sim.writeMemory(Translation.physical(), 0x4001_0000L, new byte[] {0x55});
            f.sim.addWatchpoint(new Debug.Watchpoint(Debug.Space.VA, 0x4001_0000L, 1, Debug.Access.READ));
            StopReason r = await(f.sim, f.sim.run());
            assertEquals(StopKind.WATCHPOINT, r.kind(), r.detail());
            assertEquals(ControlFixture.RAM + 8, r.pc(), "the ldr");
            assertEquals(0x4001_0000L, r.dataAddress());
            Debug.Registers before = f.sim.registers(0);
            assertEquals(0, before.x()[3], "x3 not loaded yet");
            assertEquals(2, before.instructions(), "the load is not counted as executed");
            assertEquals(StopKind.STEP, await(f.sim, f.sim.step(0, 1)).kind());
            assertEquals(0x55, f.sim.registers(0).x()[3]);
            assertEquals(ControlFixture.RAM + 12, f.sim.registers(0).pc());
        }
    }

    @Test
    void stopOnAStoppedSimulationDoesNotCutShortTheNextStepOrRun() throws Exception {
        try (ControlFixture f = new ControlFixture(1, MOV_X0_1, MOV_X0_2, MOV_X0_3, B_SELF)) {
            f.sim.stop();
            f.sim.stop();
            StopReason r = await(f.sim, f.sim.step(0, 3));
            assertEquals(StopKind.STEP, r.kind());
            assertEquals(3, f.sim.registers(0).x()[0], "all three steps ran");
            assertEquals(ControlFixture.RAM + 12, r.pc());
            f.sim.stop();
            long t = f.sim.run();
            while (f.sim.call(b -> b.cpu(0).instructionCount, 5000) < 200_000) {
                assertEquals(Simulation.State.RUNNING, f.sim.state(), "the run did not stop by itself");
                Thread.sleep(1);
            }
            f.sim.stop();
            assertEquals(StopKind.USER, await(f.sim, t).kind());
            assertEquals(t + 1, f.sim.stopCount(), "exactly one stop: the one requested during the run");
        }
    }

    /**
     * At EL2 with HCR_EL2.IMO set and PSTATE.I clear, a pending IRQ is taken to EL2 at VBAR_EL2 + 0x280
     * ("current EL with SP_ELx", Arm ARM D1.3.1, vector offsets).
     */
    @Test
    void stepLeavesAPendingInterruptPendingUnlessStepEntersInterruptsWhichStopsAtTheVector() throws Exception {
        int[] prog = new int[0x1288 / 4];
        int[] code = {MOV_X1_RAM, ADD_X1_4K, MSR_VBAR_EL2_X1, ISB, MOV_X0_1, MOV_X0_2, B_SELF};
        System.arraycopy(code, 0, prog, 0, code.length);
        prog[0x1280 / 4] = MOV_X0_3;
        prog[0x1284 / 4] = B_SELF;
        try (ControlFixture f = new ControlFixture(1, prog)) {
            await(f.sim, f.sim.step(0, 4));
            f.sim.call(b -> {
                io.el2studio.sim.cpu.Cpu c = b.cpu(0);
                io.el2studio.sim.sysreg.SysRegTable.byName("HCR_EL2").write(c, 1L << 31 | 1L << 4); // RW, IMO
                c.daif = 0;
                io.el2studio.sim.cpu.Interrupts.setLine(c, io.el2studio.sim.cpu.Interrupts.IRQ, true);
                return null;
            }, 5000);
            assertEquals(false, f.sim.stepEntersInterrupts(), "off by default");
            StopReason r = await(f.sim, f.sim.step(0, 1));
            assertEquals(ControlFixture.RAM + 20, r.pc(), "stepped over the pending IRQ: mov x0, #1 executed");
            assertEquals(1, f.sim.registers(0).x()[0]);
            f.sim.setStepEntersInterrupts(true);
            r = await(f.sim, f.sim.step(0, 1));
            Debug.Registers regs = f.sim.registers(0);
            assertEquals(ControlFixture.RAM + 0x1280, r.pc(), "the step is the interrupt entry");
            assertEquals(ControlFixture.RAM + 0x1280, regs.pc());
            assertEquals(1, regs.x()[0], "the vector's first instruction has not executed");
            assertEquals(ControlFixture.RAM + 20, regs.elr()[2], "ELR_EL2: the interrupted instruction");
            await(f.sim, f.sim.step(0, 1));
            assertEquals(3, f.sim.registers(0).x()[0], "the next step executes the vector's first instruction");
        }
    }

    @Test
    void exceptionCatchStopsAtTheVectorOnlyForTheChosenClass() throws Exception {
        // VBAR_EL2 = RAM + 0x1000, whose current-EL SPx synchronous vector (+0x200) is an eret;
        // then svc #0 (EC 0x15), hvc #1 (EC 0x16), b .
        int[] prog = new int[0x1204 / 4];
        int[] code = {MOV_X1_RAM, ADD_X1_4K, MSR_VBAR_EL2_X1, ISB, SVC_0, HVC_1, B_SELF};
        System.arraycopy(code, 0, prog, 0, code.length);
        prog[0x1200 / 4] = ERET;
        try (ControlFixture f = new ControlFixture(1, prog)) {
            f.sim.addExceptionCatch(Debug.ExceptionCatch.toEl(2, 0x16));
            StopReason r = await(f.sim, f.sim.run());
            assertEquals(StopKind.EXCEPTION, r.kind(), r.detail());
            Debug.Registers regs = f.sim.registers(0);
            assertEquals(ControlFixture.RAM + 0x1200, regs.pc(), "at the vector, before its first instruction");
            assertEquals(0x16, regs.esr()[2] >>> 26, "EC of the HVC");
            assertEquals(ControlFixture.RAM + 0x18, regs.elr()[2], "HVC returns to the next instruction");
            assertEquals(2L, (long) f.sim.call(b -> b.traps.recorded(), 5000), "both the SVC and the HVC were recorded");
        }
    }

    @Test
    void memoryWrittenByTheDebuggerReplacesInstructionsAlreadyDecoded() throws Exception {
        try (ControlFixture f = new ControlFixture(1, MOV_X0_1, MOV_X0_2, B_SELF)) {
            assertEquals(StopKind.STEP, await(f.sim, f.sim.step(0, 2)).kind());
            assertEquals(2, f.sim.registers(0).x()[0]);
            f.sim.call(b -> {
                b.cpu(0).pc = ControlFixture.RAM;
                return null;
            }, 5000);
            // mov x0, #3 over mov x0, #2: the page was decoded, the write must drop it
            f.sim.writeMemory(Translation.physical(), ControlFixture.RAM + 4, new byte[] {0x60, 0x00, (byte) 0x80, (byte) 0xd2});
            assertEquals(StopKind.STEP, await(f.sim, f.sim.step(0, 2)).kind());
            assertEquals(3, f.sim.registers(0).x()[0]);
        }
    }

    @Test
    void systemRegistersAndMemoryAreReadWithoutRunning() throws Exception {
        try (ControlFixture f = new ControlFixture(2, MOV_X0_1, B_SELF)) {
            assertEquals(0x8000_0000L, f.sim.readSysreg(0, "MPIDR_EL1"));
            assertEquals(0x8000_0001L, f.sim.readSysreg(1, "MPIDR_EL1"));
            byte[] code = f.sim.readMemory(Translation.physical(), ControlFixture.RAM, 4);
            assertEquals(0x20, code[0] & 0xFF, "mov x0, #1 = d2800020, little-endian");
            assertTrue(!f.sim.registers(1).on(), "secondary PEs are off until CPU_ON");
        }
    }
}
