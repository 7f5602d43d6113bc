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
 * The engine test programs built as {@link EngineGuests} builds them, in two other ways, into a
 * temporary directory, cached per JVM:
 * <ul>
 * <li>{@code dwarf4}: gcc with {@code -gdwarf-4}, which writes .debug_loc with base address selection
 * entries, .debug_ranges, DW_TAG_GNU_call_site and DW_OP_GNU_entry_value;</li>
 * <li>{@code clang}: the C files compiled by Debian's clang 14 ({@code --target=aarch64-linux-gnu},
 * DWARF 5: DW_FORM_loclistx through DW_AT_loclists_base, DW_OP_addrx and DW_FORM_addrx through
 * .debug_addr, DW_FORM_strx, DW_LLE_base_addressx / startx_length / offset_pair), linked by gcc's
 * driver with the same linker script. Skipped (assumption) where clang-14 is not installed.</li>
 * </ul>
 */
final class VariantGuests {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path dir;

    private VariantGuests() {
    }

    static final String CLANG = "/usr/bin/clang-14";

    static boolean haveClang() {
        return Files.isExecutable(Path.of(CLANG));
    }

    /** Every program at every level in {@code variant}; empty for clang when it is not installed. */
    static List<Path> all(String variant) {
        List<Path> out = new ArrayList<>();
        if (variant.equals("clang") && !haveClang()) {
            return out;
        }
        for (String p : EngineGuests.PROGRAMS) {
            for (String o : EngineGuests.LEVELS) {
                out.add(build(p, o, variant));
            }
        }
        return out;
    }

    static synchronized Path build(String program, String opt, String variant) {
        String key = program + opt + variant;
        Path done = BUILT.get(key);
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
            Path elf = dir.resolve(program + "-" + variant + opt);
            List<String> link = new ArrayList<>(List.of("aarch64-linux-gnu-gcc", "-g", opt, "-ffreestanding", "-nostdlib",
                    "-static", "-mstrict-align", "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments", "-Wl,--build-id=none",
                    "-T", "link.ld", "-o", elf.toString(), "crt0.S"));
            List<String> c = program.equals("asm") ? List.of("asmmain.c") : List.of(program + ".c");
            if (variant.equals("dwarf4")) {
                link.add(1, "-gdwarf-4");
                link.addAll(c);
            } else {
                for (String src : c) {
                    Path obj = dir.resolve(program + "-" + src + opt + ".o");
                    run(List.of(CLANG, "--target=aarch64-linux-gnu", "-g", opt, "-ffreestanding", "-mstrict-align", "-fno-pie",
                            "-c", "-o", obj.toString(), src));
                    link.add(obj.toString());
                }
            }
            if (program.equals("asm")) {
                link.add("asmfunc.S");
            }
            run(link);
            BUILT.put(key, elf);
            return elf;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + program + " " + opt + " " + variant + ": " + e.getMessage(), e);
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(EngineGuests.sourceDir().toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
