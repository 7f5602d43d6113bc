package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.control.Debug;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Translation;

/**
 * Breakpoints, watchpoints and exception catches no longer step the PEs one instruction at a time:
 * with them set, hot code is still translated (the single-step checking loop never translates), and a
 * breakpoint or watchpoint inside a translated block still stops exactly before its instruction.
 */
class DebugAtFullSpeedTest {
    // loop: add x0, x0, #1; add x2, x2, #2; add x3, x0, x2; add x4, x3, #5; b loop
    static final int[] LOOP = {0xd2800000, 0xd2800002, // mov x0, #0; mov x2, #0
        0x91000400, 0x91000842, 0x8b020003, 0x91001464, 0x17fffffc};
    static final long LOOP_AT = ControlFixture.RAM + 8;

    static long blocks(ControlFixture f) {
        return f.sim.call(b -> b.decodeCache.blocksTranslated, 5000);
    }

    static StopReason runFor(ControlFixture f, long n) throws InterruptedException {
        f.sim.setInstructionBudget(n);
        return SimulationTest.await(f.sim, f.sim.run());
    }

    @Test
    void hotCodeIsTranslatedWhileBreakpointsWatchpointsAndCatchesAreSet() throws Exception {
        try (ControlFixture f = new ControlFixture(1, LOOP)) {
            f.sim.addBreakpoint(Debug.Breakpoint.va(ControlFixture.RAM + 0x2000));
            f.sim.addBreakpoint(Debug.Breakpoint.pa(ControlFixture.RAM + 0x3000));
            f.sim.addBreakpoint(Debug.Breakpoint.ipa(ControlFixture.RAM + 0x4000, 1));
            f.sim.addWatchpoint(new Debug.Watchpoint(Debug.Space.VA, ControlFixture.RAM + 0x5000, 8, Debug.Access.ACCESS));
            f.sim.addExceptionCatch(Debug.ExceptionCatch.any());
            StopReason r = runFor(f, 2_000_000);
            assertEquals(StopKind.LIMIT, r.kind(), r.detail());
            assertTrue(blocks(f) > 0, "the loop ran through the run loop and was translated");
            Debug.Registers regs = f.sim.registers(0);
            assertEquals(2 * regs.x()[0], regs.x()[2]);
        }
    }

    @Test
    void breakpointInsideATranslatedBlockStopsBeforeItsInstructionEveryIteration() throws Exception {
        try (ControlFixture f = new ControlFixture(1, LOOP)) {
            assertEquals(StopKind.LIMIT, runFor(f, 2_000_000).kind());
            assertTrue(blocks(f) > 0, "the loop is translated before the breakpoint is set");
            f.sim.setInstructionBudget(Long.MAX_VALUE);
            f.sim.addBreakpoint(Debug.Breakpoint.va(LOOP_AT + 8)); // add x3, x0, x2: the third of the block
            StopReason r = SimulationTest.await(f.sim, f.sim.run());
            assertEquals(StopKind.BREAKPOINT, r.kind(), r.detail());
            assertEquals(LOOP_AT + 8, r.pc());
            Debug.Registers regs = f.sim.registers(0);
            long x0 = regs.x()[0];
            assertEquals(2 * x0, regs.x()[2], "add x2 of this iteration has executed");
            assertEquals(3 * (x0 - 1), regs.x()[3], "add x3 of this iteration has not");
            r = SimulationTest.await(f.sim, f.sim.run()); // resuming steps over it, stops there one iteration later
            assertEquals(StopKind.BREAKPOINT, r.kind());
            assertEquals(LOOP_AT + 8, r.pc());
            regs = f.sim.registers(0);
            assertEquals(x0 + 1, regs.x()[0]);
            assertEquals(3 * x0, regs.x()[3]);
            f.sim.removeBreakpoint(Debug.Breakpoint.va(LOOP_AT + 8));
            assertEquals(StopKind.LIMIT, runFor(f, 100_000).kind(), "removed: the loop runs on");
        }
    }

    @Test
    void watchpointOnAStoreOfATranslatedBlockStopsBeforeItWhileTheOtherPageIsStored() throws Exception {
        // x1 = RAM + 0x1000; loop: add x0, x0, #1; str x0, [x1]; str x0, [x1, #0x1008]; b loop
        try (ControlFixture f = new ControlFixture(1, 0xd2a80001, 0x91400421, 0xd2800000,
                0x91000400, 0xf9000020, 0xf9080420, 0x17fffffd)) {
            assertEquals(StopKind.LIMIT, runFor(f, 2_000_000).kind());
            assertTrue(blocks(f) > 0);
            f.sim.setInstructionBudget(Long.MAX_VALUE);
            Debug.Watchpoint w = new Debug.Watchpoint(Debug.Space.VA, ControlFixture.RAM + 0x2008, 8, Debug.Access.WRITE);
            f.sim.addWatchpoint(w);
            StopReason r = SimulationTest.await(f.sim, f.sim.run());
            assertEquals(StopKind.WATCHPOINT, r.kind(), r.detail());
            assertEquals(ControlFixture.RAM + 0x14, r.pc());
            assertEquals(ControlFixture.RAM + 0x2008, r.dataAddress());
            long x0 = f.sim.registers(0).x()[0];
            assertEquals(x0, read64(f, ControlFixture.RAM + 0x1000), "the store to the unwatched page has executed");
            assertEquals(x0 - 1, read64(f, ControlFixture.RAM + 0x2008), "the watched store has not");
            r = SimulationTest.await(f.sim, f.sim.run());
            assertEquals(StopKind.WATCHPOINT, r.kind());
            assertEquals(ControlFixture.RAM + 0x14, r.pc());
            assertEquals(x0 + 1, f.sim.registers(0).x()[0], "resuming completed the store, the next iteration stops");
            assertEquals(x0, read64(f, ControlFixture.RAM + 0x2008));
        }
    }

    static long read64(ControlFixture f, long pa) {
        byte[] b = f.sim.readMemory(Translation.physical(), pa, 8);
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | (b[k] & 0xFF);
        }
        return v;
    }
}
