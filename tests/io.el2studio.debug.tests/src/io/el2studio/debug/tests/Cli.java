package io.el2studio.debug.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle for the launch's one-line errors: {@code ./el2studio run} itself (the simulator's jar,
 * run in a separate JVM), whose stderr line is {@code el2studio run: MESSAGE} with status 2.
 */
final class Cli {
    private Cli() {
    }

    static Path simJar() {
        Path root = Path.of(System.getProperty("el2studio.root", "../.."));
        return root.resolve("plugins/io.el2studio.sim/target/io.el2studio.sim-0.1.0-SNAPSHOT.jar");
    }

    /** The message {@code el2studio run ARGS} prints (without its "el2studio run: " prefix); fails unless it exits with 2. */
    static String runError(String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(simJar())) {
            throw new IllegalStateException("the simulator's jar is not built: " + simJar());
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                simJar().toString(), "io.el2studio.sim.cli.Main", "run"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        p.getInputStream().readAllBytes();
        int status = p.waitFor();
        if (status != 2) {
            throw new AssertionError("el2studio run " + String.join(" ", args) + " exited with " + status + ": " + err);
        }
        String prefix = "el2studio run: ";
        if (!err.startsWith(prefix) || err.contains("\n")) {
            throw new AssertionError("not one line of el2studio run: " + err);
        }
        return err.substring(prefix.length());
    }
}
