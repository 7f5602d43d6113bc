package io.el2studio.sim.tests.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cli.Main;

/**
 * The command line of {@code el2studio bench linux} (the benchmark itself is not a test: it boots
 * Linux to the shell prompt and prints the time, see tools/workloads/README.md).
 */
class BenchLinuxCommandTest {
    record Run(int status, String out, String err) {
    }

    static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.execute(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpNamesTheWorkloadsAndThePrompt() {
        Run r = main("bench", "linux", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("usage: el2studio bench linux"), r.out());
        assertTrue(r.out().contains("el2studio# ") && r.out().contains("tools/workloads/fetch"), r.out());
    }

    @Test
    void aMissingKernelIsAUsageErrorThatSaysHowToFetchIt() {
        Run r = main("bench", "linux", "--kernel", "/nonexistent/Image");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().startsWith("el2studio bench: cannot read /nonexistent/Image (run tools/workloads/fetch"), r.err());
    }

    @Test
    void anUnknownCpuProfileIsAUsageError() {
        Run r = main("bench", "linux", "--cpu", "cortex-a99");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("option --cpu: unknown CPU profile 'cortex-a99'"), r.err());
    }
}
