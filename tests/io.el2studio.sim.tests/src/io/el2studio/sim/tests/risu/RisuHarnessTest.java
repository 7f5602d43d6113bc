package io.el2studio.sim.tests.risu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The replay harness catches divergences, reports them usefully and resynchronises: a simulator
 * whose state is corrupted at one trap fails with exactly that difference and still reaches TESTEND.
 */
class RisuHarnessTest {

    @Test
    void aCorruptedRegisterIsReportedOnceWithExpectedAndActualValues() {
        RisuHarness.Result r = RisuHarness.replay("DataProcessingRegister", (cpu, record) -> {
            if (record == 10) {
                cpu.x[5] ^= 0x100;
            }
        });
        assertEquals(1, r.mismatches.size(), r::report);
        assertTrue(r.mismatches.get(0).startsWith("record 10 ") && r.mismatches.get(0).contains("x5 expected"), r::report);
        assertTrue(r.completed, r::report);
    }

    @Test
    void corruptedFlagsAndVectorRegistersAreReported() {
        RisuHarness.Result r = RisuHarness.replay("DataProcessingImmediate", (cpu, record) -> {
            if (record == 20) {
                cpu.nzcv ^= 0x1000_0000;
                cpu.fpsr |= 1 << 27;
                cpu.v[2 * 31 + 1] ^= 1;
            }
        });
        assertEquals(1, r.mismatches.size(), r::report);
        String m = r.mismatches.get(0);
        assertTrue(m.contains("nzcv expected") && m.contains("fpsr expected") && m.contains("v31 expected"), r::report);
    }

    @Test
    void aCorruptedMemoryBlockIsReported() {
        RisuHarness.Result r = RisuHarness.replay("Store", (cpu, record) -> {
            if (record == 100) {
                cpu.bus.write(RisuHarness.BASE + 0x40 + 0x1F00, 1, 0xA5 ^ cpu.bus.read(RisuHarness.BASE + 0x40 + 0x1F00, 1), cpu);
            }
        });
        assertEquals(1, r.mismatches.size(), r::report);
        assertTrue(r.mismatches.get(0).contains("COMPAREMEM") && r.mismatches.get(0).contains("+0x1f00"), r::report);
        assertTrue(r.completed, r::report);
    }

    @Test
    void anInstructionExecutedWhereQemuUndefinesIsReported() {
        // The first test instruction of DataProcessingImmediate (0x36c) is UNDEFINED for QEMU; make it a NOP.
        RisuHarness.Result r = RisuHarness.replay("DataProcessingImmediate", (cpu, record) -> {
            if (record == 0) {
                cpu.bus.write(RisuHarness.BASE + 0x36C, 4, 0xD503201F, cpu);
            }
        });
        assertTrue(!r.mismatches.isEmpty() && r.mismatches.get(0).contains("QEMU -cpu max UNDEFs it"), r::report);
        assertTrue(r.completed, r::report);
    }
}
