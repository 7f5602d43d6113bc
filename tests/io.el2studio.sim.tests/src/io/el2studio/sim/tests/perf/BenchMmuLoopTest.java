package io.el2studio.sim.tests.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cli.BenchCommand;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.mmu.Entry;
import io.el2studio.sim.mmu.Mmu;

/**
 * {@code el2studio bench cpu --mmu s1|s12} runs the bench loop through real translation tables: it
 * still exits with the loop's instruction count, the TLB holds walked entries of the enabled stages,
 * and unmapping the data page makes the loop fault instead (so the MMU really was in the path).
 */
class BenchMmuLoopTest {
    private static final long RAM = 0x4000_0000L;

    @Test
    void stage1LoopRunsThroughTheTables() {
        check(1);
    }

    @Test
    void stage1And2LoopRunsThroughBothStages() {
        check(2);
    }

    private static void check(int stages) {
        MiniMachine m = BenchCommand.loopMachine(1000, stages);
        BareMetalRun.Result r = BenchCommand.runLoop(m);
        assertEquals(BareMetalRun.Outcome.EXITED, r.outcome(), r.message());
        assertEquals(0, r.exitCode());
        assertEquals(16 * 1000 + 7, r.instructions());
        Mmu mmu = Mmu.of(m.cpu(0));
        assertTrue(mmu.tlb.size() >= 2, "walked translations in the TLB: " + mmu.tlb.size());
        for (Entry e : mmu.tlb.entries()) {
            assertTrue(e.s1Enabled, "stage 1 on");
            assertEquals(stages == 2, e.s2Enabled, "stage 2");
            assertEquals(12, e.shift, "4 KiB pages");
        }
        // Without the page of the loop's buffer (page 1) the first load faults and the run crashes.
        MiniMachine broken = BenchCommand.loopMachine(1000, stages);
        broken.load(RAM + 0xF0000 + 0x2000 + 8, new byte[8]);
        BareMetalRun.Result b = BenchCommand.runLoop(broken);
        assertNotEquals(BareMetalRun.Outcome.EXITED, b.outcome(), "the loop ran with its data page unmapped");
    }
}
