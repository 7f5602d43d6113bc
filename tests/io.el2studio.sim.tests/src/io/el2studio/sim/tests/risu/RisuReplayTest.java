package io.el2studio.sim.tests.risu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each risu group replays on the simulator with no divergence from the QEMU 7.2 {@code -cpu max}
 * master trace: same traps, same registers, same memory block. The failure message lists the
 * first mismatches with the instruction (word and our disassembly) and the registers that differ.
 * Run one group: {@code tools/simtest --select-method io.el2studio.sim.tests.risu.RisuReplayTest#load}.
 */
class RisuReplayTest {

    private static void assertReplays(String group) {
        RisuHarness.Result r = RisuHarness.replay(group);
        assertTrue(r.passed(), r::report);
    }

    @Test
    void dataProcessingImmediate() {
        assertReplays("DataProcessingImmediate");
    }

    @Test
    void dataProcessingRegister() {
        assertReplays("DataProcessingRegister");
    }

    @Test
    void load() {
        assertReplays("Load");
    }

    @Test
    void store() {
        assertReplays("Store");
    }

    @Test
    void dataProcessingScalarFP() {
        assertReplays("DataProcessingScalarFP");
    }

    @Test
    void dataProcessingAdvSIMD() {
        assertReplays("DataProcessingAdvSIMD");
    }

    @Test
    void cryptographic() {
        assertReplays("Cryptographic");
    }
}
