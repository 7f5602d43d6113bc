package io.el2studio.engine.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The oracle itself: gdb's output lands under the right command, on an ELF and against QEMU. */
class GdbOracleTest {
    @Test
    void onElfSplitsOutputPerCommand() {
        Path elf = EngineGuests.build("types", "-O0");
        GdbOracle.Transcript t = GdbOracle.onElf(elf, List.of("print 1+2", "foo", "print sizeof(struct vcpu)"));
        assertEquals(List.of("$1 = 3"), t.outputs().get(0));
        assertEquals(List.of("Undefined command: \"foo\".  Try \"help\"."), t.outputs().get(1));
        assertEquals(List.of("$2 = 80"), t.outputs().get(2));
    }

    @Test
    void onQemuStopsAtABreakpointAndSeesTheGuestExit() {
        Path elf = EngineGuests.build("types", "-O0");
        GdbOracle.Transcript t = GdbOracle.onQemu(elf, List.of("break trap", "continue", "bt", "delete", "continue"));
        assertTrue(t.text(0).startsWith("Breakpoint 1 at 0x"), t.raw());
        assertTrue(t.text(1).contains("Breakpoint 1, trap (vm=0x"), t.raw());
        assertTrue(t.text(2).startsWith("#0  trap (vm="), t.raw());
        assertTrue(t.text(2).contains("#1  0x"), t.raw());
        // main returns 19 and crt0 exits through semihosting SYS_EXIT: gdb prints the code in octal.
        assertEquals(List.of("Continuing.", "[Inferior 1 (process 1) exited with code 023]"), t.outputs().get(4), t.raw());
    }
}
