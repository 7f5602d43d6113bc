package io.el2studio.sim.tests.perf;

import static io.el2studio.sim.tests.support.TestMachine.littleEndian;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * The decoded pages (with their fast kinds and translated blocks) follow the code in RAM: a store
 * through the bus drops them at once, and an instruction-cache invalidation (DecodeCache#invalidateAll,
 * which only re-checks pages against RAM on their next use) catches RAM changed behind the bus.
 */
class DecodeCacheInvalidationTest {
    private static final long RAM = 0x4000_0000L, PC = RAM + 0x2000;
    private static final int MOV_X0_1 = 0xd2800020, MOV_X0_2 = 0xd2800040, ADD_X0_X0_5 = 0x91001400;

    private static long runFrom(Cpu c, int n) {
        c.pc = PC;
        c.run(n);
        return c.x[0];
    }

    /** A machine at EL1 with the block threshold {@code threshold} that has run x0 = 1 + 5 + 5 + 5 once. */
    private static MiniMachine ranOnce(int threshold) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 1 << 20, 1);
        m.cpu(0).el = 1;
        m.decodeCache.blockThreshold = threshold;
        m.load(PC, littleEndian(MOV_X0_1, ADD_X0_X0_5, ADD_X0_X0_5, ADD_X0_X0_5));
        assertEquals(16, runFrom(m.cpu(0), 4));
        return m;
    }

    @Test
    void codeChangedBehindTheBusRunsAfterAnInvalidation() {
        for (int threshold : new int[] {0, 1}) {
            MiniMachine m = ranOnce(threshold);
            Cpu c = m.cpu(0);
            System.arraycopy(littleEndian(MOV_X0_2), 0, m.bus.ram.bytes, (int) (PC - RAM), 4); // behind the bus
            m.decodeCache.invalidateAll();
            assertEquals(17, runFrom(c, 4), "threshold " + threshold);
            // an invalidation with nothing changed keeps the page and still runs the same code
            m.decodeCache.invalidateAll();
            assertEquals(17, runFrom(c, 4), "threshold " + threshold);
        }
    }

    @Test
    void codeStoredThroughTheBusRunsAtOnce() {
        for (int threshold : new int[] {0, 1}) {
            MiniMachine m = ranOnce(threshold);
            Cpu c = m.cpu(0);
            m.load(PC + 4, littleEndian(MOV_X0_2));
            assertEquals(12, runFrom(c, 4), "threshold " + threshold);
        }
    }
}
