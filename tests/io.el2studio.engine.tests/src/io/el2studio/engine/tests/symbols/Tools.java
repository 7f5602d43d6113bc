package io.el2studio.engine.tests.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the binutils and gdb oracles of the symbol tests, each once per ELF with all its questions batched. */
final class Tools {
    private Tools() {
    }

    /** Runs {@code cmd} with {@code stdin} fed in, returns stdout lines; a non-zero exit is a failure. */
    static List<String> run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("symbols-oracle", ".out");
        Path in = Files.createTempFile("symbols-oracle", ".in");
        try {
            Files.writeString(in, stdin == null ? "" : stdin);
            Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd.get(0) + " did not finish in 300 s");
            }
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed");
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(in);
        }
    }

    /**
     * gdb-multiarch in batch mode on the ELF alone (no target), each command as its own -ex so that
     * one failing command (gdb's "No line N in file") does not end the run as it would in a script.
     */
    static List<String> gdb(Path elf, List<String> commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gdb-multiarch", "-batch", "-nx", "-ex", "set pagination off", "-ex",
                "set confirm off", "-ex", "set breakpoint pending off", "-ex", "set width 0", elf.toString()));
        for (String c : commands) {
            cmd.add(cmd.size() - 1, "-ex");
            cmd.add(cmd.size() - 1, c);
        }
        return runMerged(cmd);
    }

    private static List<String> runMerged(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("symbols-oracle", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd.get(0) + " did not finish in 600 s");
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
