package io.el2studio.engine.tests.symbols;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.el2studio.engine.tests.support.EngineGuests;

/**
 * The engine test programs built as EngineGuests builds them (the Makefile's CFLAGS) but with an older
 * DWARF version: DWARF 4 (.debug_ranges, .debug_loc, DW_FORM_sec_offset line tables of version 4)
 * and DWARF 3 and 2 (version 2/3 line programs, high_pc as an address). Cached per JVM, in a temporary
 * directory.
 */
final class OlderDwarf {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path dir;

    private OlderDwarf() {
    }

    /** Every program at -O0 and -O2 with -gdwarf-4, and at -Og with -gdwarf-3 and -gdwarf-2. */
    static List<Path> all() {
        List<Path> out = new ArrayList<>();
        for (String p : EngineGuests.PROGRAMS) {
            out.add(build(p, "-O0", "-gdwarf-4"));
            out.add(build(p, "-O2", "-gdwarf-4"));
            out.add(build(p, "-Og", "-gdwarf-3"));
            out.add(build(p, "-O2", "-gdwarf-2"));
        }
        return out;
    }

    static synchronized Path build(String program, String opt, String dwarf) {
        String key = program + opt + dwarf.substring(2);
        Path done = BUILT.get(key);
        if (done != null) {
            return done;
        }
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("el2studio-symbols-dwarf-");
                Path d = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var s = Files.walk(d)) {
                        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (IOException e) {
                        // left behind in /tmp: harmless
                    }
                }));
            }
            Path elf = dir.resolve(key);
            List<String> cmd = new ArrayList<>(List.of("aarch64-linux-gnu-gcc"));
            cmd.addAll(flags(opt));
            cmd.add(dwarf);
            cmd.addAll(List.of("-o", elf.toString(), "crt0.S"));
            cmd.addAll(program.equals("asm") ? List.of("asmmain.c", "asmfunc.S") : List.of(program + ".c"));
            Process p = new ProcessBuilder(cmd).directory(EngineGuests.sourceDir().toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
            }
            BUILT.put(key, elf);
            return elf;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build " + key + ": " + e.getMessage(), e);
        }
    }

    /** The simulator's differential-test programs (tests/guests/diff, with their lib.c and lib.h). */
    static Path diffDir() {
        return EngineGuests.sourceDir().getParent().resolve("diff");
    }

    /**
     * The simulator's own C test programs that link without libgcc (atomics, hash, hello, semihost,
     * vector) at -O0, -O2 and -O3, with crt0.S and lib.c: more units, a shared header, varargs,
     * NEON and exclusive loads, as CompiledProgramsTest builds them but with -g.
     */
    static synchronized List<Path> diffPrograms() {
        List<Path> out = new ArrayList<>();
        try {
            build("types", "-O0", "-gdwarf-4"); // makes the directory
            for (String p : List.of("atomics", "hash", "hello", "semihost", "vector")) {
                for (String opt : List.of("-O0", "-O2", "-O3")) {
                    String key = "diff-" + p + opt;
                    Path elf = BUILT.get(key);
                    if (elf == null) {
                        elf = dir.resolve(key);
                        List<String> cmd = List.of("aarch64-linux-gnu-gcc", "-g", opt, "-march=armv8-a", "-mno-outline-atomics",
                                "-ffreestanding", "-nostdlib", "-static", "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments",
                                "-Wl,--build-id=none", "-T", "link.ld", "-o", elf.toString(), "crt0.S", "lib.c", p + ".c");
                        Process pr = new ProcessBuilder(cmd).directory(diffDir().toFile()).redirectErrorStream(true).start();
                        byte[] msg = pr.getInputStream().readAllBytes();
                        if (!pr.waitFor(120, TimeUnit.SECONDS) || pr.exitValue() != 0) {
                            fail(String.join(" ", cmd) + " failed:\n" + new String(msg, StandardCharsets.UTF_8));
                        }
                        BUILT.put(key, elf);
                    }
                    out.add(elf);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build the diff programs: " + e.getMessage(), e);
        }
        return out;
    }

    /** A copy of {@code elf} without debug information ({@code objcopy -g}): symbols only. */
    static synchronized Path stripped(Path elf) {
        String key = elf.getFileName() + ".nodebug";
        Path done = BUILT.get(key);
        if (done != null) {
            return done;
        }
        try {
            build("types", "-O0", "-gdwarf-4"); // makes the directory
            Path out = dir.resolve(key);
            Process p = new ProcessBuilder("aarch64-linux-gnu-objcopy", "-g", elf.toString(), out.toString()).redirectErrorStream(true)
                    .start();
            byte[] msg = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("objcopy -g " + elf + " failed: " + new String(msg, StandardCharsets.UTF_8));
            }
            BUILT.put(key, out);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot strip " + elf + ": " + e.getMessage(), e);
        }
    }

    private static List<String> flags(String opt) throws IOException {
        String text = Files.readString(EngineGuests.sourceDir().resolve("Makefile")).replace("\\\n", " ");
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("CFLAGS") && t.substring(6).strip().startsWith("=")) {
                return List.of(t.substring(t.indexOf('=') + 1).replace("$(OPT)", opt).strip().split("\\s+"));
            }
        }
        throw new IllegalStateException("the Makefile has no CFLAGS line");
    }
}
