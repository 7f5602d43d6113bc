package io.el2studio.engine.tests.values;

import static org.junit.jupiter.api.Assertions.fail;

import io.el2studio.engine.tests.support.EngineGuests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * tests/guests/engine/values.c (the value-printing program) built like the other engine test programs,
 * with extra compiler flags ({@code -gdwarf-4}); cached per JVM in a temporary directory. (Until
 * support.EngineGuests knows the program.)
 */
public final class ValuesGuest {
    private ValuesGuest() {
    }

    private static Path valuesDir;

    /** values.c built like the other programs (the Makefile's CFLAGS) with {@code extra} flags. */
    public static synchronized Path build(String opt, List<String> extra) {
        try {
            if (valuesDir == null) {
                valuesDir = Files.createTempDirectory("el2studio-values-");
                Path dir = valuesDir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (Stream<Path> s = Files.walk(dir)) {
                        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (IOException e) {
                        // a temporary directory left behind is harmless
                    }
                }));
            }
            Path src = EngineGuests.sourceDir();
            Path out = valuesDir.resolve("values" + opt + String.join("", extra));
            if (Files.exists(out)) {
                return out;
            }
            String text = Files.readString(src.resolve("Makefile"), StandardCharsets.UTF_8).replace("\\\n", " ");
            String flags = text.lines().map(String::strip).filter(l -> l.startsWith("CFLAGS")).findFirst()
                    .orElseThrow().replaceFirst("CFLAGS\\s*=", "").replace("$(OPT)", opt).strip();
            List<String> cmd = new ArrayList<>(List.of("aarch64-linux-gnu-gcc"));
            cmd.addAll(List.of(flags.split("\\s+")));
            cmd.addAll(extra);
            cmd.addAll(List.of("-o", out.toString(), "crt0.S", "values.c"));
            Process p = new ProcessBuilder(cmd).directory(src.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed:\n" + log);
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build values.c: " + e, e);
        }
    }
}
