package io.el2studio.sim.tests.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.board.MemoryMap;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.Interrupts;

/**
 * On the virt board a PE asleep in WFI gives up its turn, and {@link VirtBoard#advance} returns when
 * every PE is asleep with no wake-up event (instead of spinning), so that its caller can advance
 * time or stop; a rising interrupt line wakes the PE at its next turn.
 */
class BoardSleepTest {
    private static final int WFI = 0xd503207f, B_SELF = 0x14000000; // wfi; b .

    @Test
    void advanceReturnsWhenEveryPeSleepsAndAnInterruptLineWakesIt() {
        VirtBoard b = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), 1, 16L << 20, 1), x -> { }, s -> { });
        byte[] code = new byte[8];
        for (int i = 0; i < 4; i++) {
            code[i] = (byte) (WFI >>> (8 * i));
            code[4 + i] = (byte) (B_SELF >>> (8 * i));
        }
        b.bus.load(MemoryMap.RAM, code, 0, code.length);
        b.startPe(0, MemoryMap.RAM, 0);
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
}
