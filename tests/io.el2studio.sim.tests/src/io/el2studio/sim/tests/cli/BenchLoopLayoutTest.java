package io.el2studio.sim.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.sim.tests.support.GuestBuild;

/**
 * {@code el2studio bench loop} runs the same loops as tools/bench-qemu-loop.sh: its images are the
 * assembled tests/guests/bench/loop.S in both layouts (data on its own page, on the code page), and each
 * runs to its semihosting exit with 10 instructions per iteration.
 */
class BenchLoopLayoutTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void embeddedLoopIsTheAssembledSourceAndRunsToItsExit(boolean codePage) throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        List<String> flags = codePage ? List.of("-DITERATIONS=1000", "-DDATA_ON_CODE_PAGE", "-Wl,-Ttext=0x40000000")
                : List.of("-DITERATIONS=1000", "-Wl,-Ttext=0x40000000");
        Path elf = GuestBuild.build(codePage ? "bench-loop-code-page" : "bench-loop", List.of("bench/loop.S"), flags);
        GuestBuild.Output bin = GuestBuild.run(List.of("aarch64-linux-gnu-objcopy", "-O", "binary", "-j", ".text",
                elf.toString(), elf + ".bin"), 30);
        assertEquals(0, bin.status(), bin.err());
        byte[] assembled = Files.readAllBytes(Path.of(elf + ".bin"));
        byte[] embedded = io.el2studio.sim.cli.BenchLoop.image(1000, codePage);
        assertEquals(assembled.length, embedded.length, "image length (the buffer's place)");
        for (int i = 0; i < embedded.length; i++) {
            assertEquals(assembled[i], embedded[i], "byte " + i + " of the loop image differs from loop.S");
        }
        io.el2studio.sim.machine.BareMetalRun.Result r = io.el2studio.sim.cli.BenchLoop.run(1000, codePage);
        assertEquals(io.el2studio.sim.machine.BareMetalRun.Outcome.EXITED, r.outcome(), r.message());
        assertEquals(0, r.exitCode());
        assertEquals(10 * 1000 + 6, r.instructions());
        MainTest.Result m = MainTest.main("bench", "loop", "--iterations", "20000", "--layout", codePage ? "code-page" : "separate");
        assertEquals(0, m.status(), m.err());
        assertTrue(m.out().matches("bench loop \\(data on (its own|the code) page\\): 20000 iterations, 200006 instructions in [0-9.]+ s.*: [0-9.]+ MIPS\n"),
                m.out());
    }
}
