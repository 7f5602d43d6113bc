package io.el2studio.sim.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cli.BenchCommand;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * {@code el2studio bench cpu} runs the same loop as tools/bench-qemu-cpu.sh: its embedded words are
 * the assembled tests/guests/bench/cpu-loop.S, and the loop runs to its semihosting exit.
 */
class BenchLoopTest {
    @Test
    void embeddedLoopIsTheAssembledSource() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("bench-cpu-loop", List.of("bench/cpu-loop.S"),
                List.of("-DITERATIONS=0", "-Wl,-Ttext=0x40000000"));
        GuestBuild.Output bin = GuestBuild.run(List.of("aarch64-linux-gnu-objcopy", "-O", "binary", "-j", ".text",
                elf.toString(), elf + ".bin"), 30);
        assertEquals(0, bin.status(), bin.err());
        byte[] assembled = Files.readAllBytes(Path.of(elf + ".bin"));
        byte[] embedded = BenchCommand.cpuLoopImage(0);
        for (int i = 0; i < embedded.length; i++) {
            assertEquals(assembled[i], embedded[i], "byte " + i + " of the loop image differs from cpu-loop.S");
        }
    }

    @Test
    void loopRunsToItsExitWithTheExpectedInstructionCount() {
        BareMetalRun.Result r = BenchCommand.runLoop(1000);
        assertEquals(BareMetalRun.Outcome.EXITED, r.outcome(), r.message());
        assertEquals(0, r.exitCode());
        assertEquals(16 * 1000 + 7, r.instructions());
        MainTest.Result m = MainTest.main("bench", "cpu", "--insns", "200000");
        assertEquals(0, m.status(), m.err());
        assertTrue(m.out().matches("bench cpu: \\d+ instructions in [0-9.]+ s.*: [0-9.]+ MIPS\n"), m.out());
    }
}
