package io.el2studio.sim.tests.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.board.MemoryMap;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.board.VirtualClock;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.Interrupts;
import io.el2studio.sim.timer.GenericTimer;

/**
 * On the virt board a PE asleep in WFI gives up its turn, and {@link VirtBoard#advance} returns when
 * every PE is asleep with no wake-up event and no timer armed (instead of spinning), so that its
 * caller can wait for input or stop; a rising interrupt line wakes the PE at its next turn. When
 * every PE sleeps and a timer is armed, virtual time jumps to its deadline (issue 5: "virtual time
 * jumps ahead when every PE sleeps").
 */
class BoardSleepTest {
    private static final int WFI = 0xd503207f, B_SELF = 0x14000000; // wfi; b .

    /** A board whose PEs start at RAM with: wfi; b . (each PE in {@code start}). */
    private static VirtBoard board(int smp, int... start) {
        VirtBoard b = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), smp, 16L << 20, 1), x -> { }, s -> { });
        byte[] code = new byte[8];
        for (int i = 0; i < 4; i++) {
            code[i] = (byte) (WFI >>> (8 * i));
            code[4 + i] = (byte) (B_SELF >>> (8 * i));
        }
        b.bus.load(MemoryMap.RAM, code, 0, code.length);
        for (int pe : start) {
            b.startPe(pe, MemoryMap.RAM, 0);
        }
        return b;
    }

    @Test
    void advanceReturnsWhenEveryPeSleepsAndAnInterruptLineWakesIt() {
        VirtBoard b = board(1, 0);
        Cpu c = b.cpu(0);

        assertEquals(1, b.advance(1_000_000), "only the WFI executed");
        assertEquals(Interrupts.IN_WFI, c.sleeping);
        assertTrue(b.allAsleep());

        Interrupts.setLine(c, Interrupts.IRQ, true); // masked by PSTATE.I: still a WFI wake-up event
        assertFalse(b.allAsleep());
        assertEquals(500, b.advance(500), "woke up and ran the loop after the WFI");
        assertEquals(Interrupts.AWAKE, c.sleeping);
        assertEquals(MemoryMap.RAM + 4, c.pc);
    }

    @Test
    void virtualTimeJumpsToTheDeadlineOfAnArmedTimerWhenEveryPeSleeps() {
        VirtBoard b = board(2, 0); // PE 1 stays off: it does not hold time back
        Cpu c = b.cpu(0);
        long deadline = 10 * VirtualClock.FREQUENCY_HZ; // 10 s of counter
        b.timers[0].writeCval(GenericTimer.Kind.EL1_VIRT, deadline);
        b.timers[0].writeCtl(GenericTimer.Kind.EL1_VIRT, GenericTimer.CTL_ENABLE);
        assertEquals(1, b.advance(1_000_000), "only the WFI executed");
        assertEquals(1, b.clock.idleJumps());
        assertTrue(b.timers[0].condition(GenericTimer.Kind.EL1_VIRT), "the counter reached CVAL");
        long now = b.timers[0].physicalCount();
        assertTrue(now >= deadline && now <= deadline + VirtBoard.QUANTUM, "the jump lands on the deadline (then one empty round): " + now);
        // The GIC does not forward PPI 27 (not enabled): the PE sleeps on, nothing else is armed.
        assertEquals(Interrupts.IN_WFI, c.sleeping);
        assertTrue(b.idle(), "idle: only input or a client can wake the board now");
        assertEquals(0, b.advance(1_000_000));
        assertEquals(1, b.clock.idleJumps(), "a timer whose condition is met is no deadline");
    }

    @Test
    void aCvalAtOrBeyond2To63IsNoDeadline() {
        VirtBoard b = board(2, 0, 1);
        // Counts compare unsigned: 2^63 on PE 0 is far beyond 5000 on PE 1, and is never reached here.
        b.timers[0].writeCval(GenericTimer.Kind.EL1_PHYS, Long.MIN_VALUE);
        b.timers[0].writeCtl(GenericTimer.Kind.EL1_PHYS, GenericTimer.CTL_ENABLE);
        b.timers[1].writeCval(GenericTimer.Kind.EL2_PHYS, 5000);
        b.timers[1].writeCtl(GenericTimer.Kind.EL2_PHYS, GenericTimer.CTL_ENABLE);
        assertEquals(2, b.advance(1_000_000));
        assertEquals(1, b.clock.idleJumps(), "the 5000-count deadline is taken; 2^63 is never");
        assertTrue(b.timers[1].condition(GenericTimer.Kind.EL2_PHYS));
        assertTrue(b.timers[0].physicalCount() < 5000 + VirtBoard.QUANTUM);
        assertTrue(b.idle());
    }

    @Test
    void timeJumpsToTheEarliestDeadlineAcrossPesFirst() {
        VirtBoard b = board(2, 0, 1);
        b.timers[1].writeCval(GenericTimer.Kind.EL2_PHYS, 9000);
        b.timers[1].writeCtl(GenericTimer.Kind.EL2_PHYS, GenericTimer.CTL_ENABLE);
        b.timers[0].writeCval(GenericTimer.Kind.EL1_VIRT, 5000);
        b.timers[0].writeCtl(GenericTimer.Kind.EL1_VIRT, GenericTimer.CTL_ENABLE);
        assertEquals(2, b.advance(1_000_000));
        // Jumping to 9000 first would have passed 5000 too: one jump. Two jumps: 5000, then 9000.
        assertEquals(2, b.clock.idleJumps());
        assertTrue(b.timers[0].condition(GenericTimer.Kind.EL1_VIRT) && b.timers[1].condition(GenericTimer.Kind.EL2_PHYS));
        assertTrue(b.idle());
    }

    @Test
    void anAwakePeKeepsTimeRunningAtTheInstructionRate() {
        VirtBoard b = board(2, 0, 1);
        b.cpu(1).pc = MemoryMap.RAM + 4; // PE 1 spins on b .
        b.timers[0].writeCval(GenericTimer.Kind.EL1_VIRT, 1_000_000);
        b.timers[0].writeCtl(GenericTimer.Kind.EL1_VIRT, GenericTimer.CTL_ENABLE);
        long done = b.advance(200_000);
        assertEquals(200_000, done);
        assertEquals(0, b.clock.idleJumps());
        assertFalse(b.idle());
    }
}
