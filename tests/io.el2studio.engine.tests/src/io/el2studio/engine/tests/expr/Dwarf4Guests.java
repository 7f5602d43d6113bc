package io.el2studio.engine.tests.expr;

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
 * The engine test programs built as {@link EngineGuests} builds them but with {@code -gdwarf-4}: gcc
 * then writes .debug_loc with base address selection entries, .debug_ranges, DW_TAG_GNU_call_site and
 * DW_OP_GNU_entry_value, the DWARF 2-4 forms of what DWARF 5 says otherwise. Into a temporary
 * directory, cached per JVM.
 */
final class Dwarf4Guests {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path dir;

    private Dwarf4Guests() {
    }

    static List<Path> all() {
        List<Path> out = new ArrayList<>();
        for (String p : EngineGuests.PROGRAMS) {
            for (String o : EngineGuests.LEVELS) {
                out.add(build(p, o));
            }
        }
        return out;
    }

    static synchronized Path build(String program, String opt) {
        Path done = BUILT.get(program + opt);
        if (done != null) {
            return done;
        }
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("el2studio-dwarf4-guests-");
                Path d = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var files = Files.walk(d)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (IOException e) {
                        // a temporary directory left behind is harmless
                    }
                }));
            }
            Path elf = dir.resolve(program + opt + "-dwarf4");
            List<String> cmd = new ArrayList<>(List.of("aarch64-linux-gnu-gcc", "-g", "-gdwarf-4", opt, "-ffreestanding",
                    "-nostdlib", "-static", "-mstrict-align", "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments",
                    "-Wl,--build-id=none", "-T", "link.ld", "-o", elf.toString(), "crt0.S"));
            cmd.addAll(program.equals("asm") ? List.of("asmmain.c", "asmfunc.S") : List.of(program + ".c"));
            Process p = new ProcessBuilder(cmd).directory(EngineGuests.sourceDir().toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
            }
            BUILT.put(program + opt, elf);
            return elf;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + program + " " + opt + " with -gdwarf-4: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
