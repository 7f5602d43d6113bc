package io.el2studio.sim.tests.perf;

import static io.el2studio.sim.tests.support.TestMachine.littleEndian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * The decoded pages (with their fast kinds and translated blocks) follow the code in RAM: a store
 * through the bus or the PE's direct RAM access drops at once the decoded instructions it changes (and
 * only those, with their blocks: data beside code keeps them), and an instruction-cache invalidation (DecodeCache#invalidateAll,
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
    void aStoreBesideDecodedCodeKeepsTheTranslatedBlocksAndAStoreOverItDropsOnlyThoseItChanged() {
        MiniMachine m = ranOnce(1);
        Cpu c = m.cpu(0);
        long blocks = m.decodeCache.blocksTranslated;
        assertTrue(blocks > 0);
        int decoded = m.decodeCache.decodedWords(PC);
        m.bus.write(PC + 0x100, 8, 0x1234_5678L); // data on the code page, beside the block
        m.bus.write(PC, 4, MOV_X0_1);            // the word it holds already: nothing changes
        assertEquals(16, runFrom(c, 4));
        assertEquals(blocks, m.decodeCache.blocksTranslated, "no block was dropped and translated again");
        assertEquals(decoded, m.decodeCache.decodedWords(PC), "the decoded words stay");
        m.bus.write(PC + 8, 4, MOV_X0_2);        // over the third instruction: the block goes, the new one runs
        assertEquals(7, runFrom(c, 4));
    }

    @Test
    void aLoopStoringAVariableOnItsOwnCodePageIsTranslatedOnce() {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 1 << 20, 1);
        m.load(RAM, io.el2studio.sim.cli.BenchLoop.image(100_000, true));
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        io.el2studio.sim.machine.BareMetalRun.Result r = new io.el2studio.sim.machine.BareMetalRun(m,
                new io.el2studio.sim.machine.SemihostingConsole(java.io.InputStream.nullInputStream(), sink, sink)).run(RAM, 1);
        assertEquals(io.el2studio.sim.machine.BareMetalRun.Outcome.EXITED, r.outcome(), r.message());
        assertEquals(1, m.decodeCache.blocksTranslated, "the loop's block survives the 200000 stores beside it");
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
