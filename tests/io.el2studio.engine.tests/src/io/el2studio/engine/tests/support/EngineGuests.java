package io.el2studio.engine.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The debug engine's test programs (tests/guests/engine) built with the cross compiler, once per
 * JVM, into a temporary directory (never into the source tree). The compiler flags are read from
 * the programs' Makefile, so a person at a shell and the tests build the same ELFs.
 *
 * <p>A missing cross compiler is a failure, not a skip: these tests are the engine's proof.
 */
public final class EngineGuests {
    /** The programs, in the order {@link #all()} returns them. */
    public static final List<String> PROGRAMS = List.of("types", "recurse", "inline", "list", "asm");
    /** The optimisation levels every program is built at. */
    public static final List<String> LEVELS = List.of("-O0", "-Og", "-O2");
    private static final String CC = "aarch64-linux-gnu-gcc";

    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path outputDir;

    private EngineGuests() {
    }

    /** The directory of the programs' sources (tests/guests/engine). */
    public static Path sourceDir() {
        String root = System.getProperty("el2studio.root");
        if (root == null) {
            fail("system property el2studio.root (the repository root) is not set");
        }
        return Path.of(root, "tests", "guests", "engine");
    }

    /**
     * The ELF of {@code program} ("types", "recurse", "inline", "list", "asm") built with
     * {@code gcc -g opt} and the Makefile's flags; built on first use, then cached for the JVM.
     */
    public static Path build(String program, String opt) {
        if (!PROGRAMS.contains(program)) {
            throw new IllegalArgumentException("unknown engine test program '" + program + "' (known: " + PROGRAMS + ")");
        }
        if (!LEVELS.contains(opt)) {
            throw new IllegalArgumentException("unknown optimisation level '" + opt + "' (known: " + LEVELS + ")");
        }
        String key = program + opt;
        Path done = BUILT.get(key);
        if (done != null) {
            return done;
        }
        synchronized (EngineGuests.class) {
            done = BUILT.get(key);
            if (done == null) {
                done = compile(program, opt);
                BUILT.put(key, done);
            }
            return done;
        }
    }

    /** Every program at every level: types -O0, types -Og, types -O2, recurse -O0, ... */
    public static List<Path> all() {
        List<Path> all = new ArrayList<>();
        for (String program : PROGRAMS) {
            for (String opt : LEVELS) {
                all.add(build(program, opt));
            }
        }
        return all;
    }

    /** "types-O2" for the ELF {@link #build} returned (the file's name). */
    public static String label(Path elf) {
        return elf.getFileName().toString();
    }

    private static List<String> sources(String program) {
        // The Makefile's rules: crt0.S first (it holds _start), then the program.
        return program.equals("asm") ? List.of("crt0.S", "asmmain.c", "asmfunc.S") : List.of("crt0.S", program + ".c");
    }

    /** CFLAGS of the Makefile, with $(OPT) replaced by {@code opt}. */
    static List<String> makefileFlags(String opt) {
        Path makefile = sourceDir().resolve("Makefile");
        String text;
        try {
            text = Files.readString(makefile, StandardCharsets.UTF_8).replace("\\\n", " ");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + makefile + ": " + e.getMessage(), e);
        }
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("CFLAGS") && t.substring(6).strip().startsWith("=")) {
                String value = t.substring(t.indexOf('=') + 1).replace("$(OPT)", opt).strip();
                return List.of(value.split("\\s+"));
            }
        }
        throw new IllegalStateException(makefile + " has no CFLAGS line");
    }

    private static synchronized Path outputDir() throws IOException {
        if (outputDir == null) {
            Path dir = Files.createTempDirectory("el2studio-engine-guests-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            outputDir = dir;
        }
        return outputDir;
    }

    private static Path compile(String program, String opt) {
        try {
            Path elf = outputDir().resolve(program + opt);
            List<String> cmd = new ArrayList<>();
            cmd.add(CC);
            cmd.addAll(makefileFlags(opt));
            cmd.add("-o");
            cmd.add(elf.toString());
            cmd.addAll(sources(program));
            Process p;
            try {
                p = new ProcessBuilder(cmd).directory(sourceDir().toFile()).redirectErrorStream(true).start();
            } catch (IOException e) {
                fail(CC + " not found: install the Debian package gcc-aarch64-linux-gnu (" + e.getMessage() + ")");
                return null;
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(CC + " did not finish within 120 s building " + program + " " + opt);
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(elf)) {
                fail(String.join(" ", cmd) + " failed (status " + p.exitValue() + "):\n"
                        + new String(out, StandardCharsets.UTF_8));
            }
            return elf;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + program + " " + opt + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted building " + program + " " + opt, e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
