package io.el2studio.engine.tests.values;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.el2studio.engine.tests.cexpr.ElfScope;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * gdb-multiarch as the oracle of types, values, formatting and C expressions: gdb reads a program's
 * globals from the ELF's .data without running it, so every command of {@link StaticCorpus} (print,
 * print/FMT, ptype, whatis of every global, function and named type, and hundreds of expressions built
 * from the types) runs in one gdb per ELF and through the engine over the ELF's loaded segments, and the
 * texts must be identical. The programs are the engine's test programs at -O0, -Og and -O2, plus
 * values.c (floats, strings, repeats, long arrays, flag enums, bitfields) also as DWARF 4, whose
 * bitfields use the old DW_AT_bit_offset numbering.
 */
class PrintVersusGdbStaticTest {
    /** Differences allowed, each with its reason (command pattern -> why). None are needed today. */
    private static final Map<Pattern, String> ALLOWED = Map.of();

    static List<Path> elves() {
        List<Path> all = new ArrayList<>(EngineGuests.all());
        for (String opt : List.of("-O0", "-Og", "-O2")) {
            all.add(buildValues(opt, List.of()));
        }
        all.add(buildValues("-O0", List.of("-gdwarf-4")));
        all.add(buildValues("-O2", List.of("-gdwarf-4")));
        return all;
    }

    @Test
    void printPtypeWhatisAndExpressionsMatchGdbOnEveryGlobal() throws Exception {
        int compared = 0;
        List<String> failures = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (Path elf : elves()) {
            ElfScope scope = new ElfScope(elf);
            List<String> cmds = StaticCorpus.commands(scope);
            GdbOracle.Transcript gdb = GdbOracle.onElf(elf, cmds);
            int[] history = { 0 };
            for (int i = 0; i < cmds.size(); i++) {
                String want = gdb.text(i);
                String got;
                try {
                    got = StaticCorpus.ours(cmds.get(i), scope, history);
                } catch (RuntimeException e) {
                    got = "THROWN " + e;
                }
                if (want.startsWith("$")) {
                    // keep the history numbers in step with gdb's where one of us did not print a value
                    history[0] = Integer.parseInt(want.substring(1, want.indexOf(' ')));
                }
                compared++;
                if (!want.equals(got)) {
                    String line = elf.getFileName() + ": " + cmds.get(i) + "\n   gdb: " + want + "\n  ours: " + got;
                    String why = allowedWhy(cmds.get(i));
                    if (why != null) {
                        allowed.add(line + "\n  (" + why + ")");
                    } else {
                        failures.add(line);
                    }
                }
            }
        }
        System.out.println("PrintVersusGdbStaticTest: " + compared + " commands compared, " + failures.size()
                + " differ, " + allowed.size() + " allowed differences");
        allowed.forEach(System.out::println);
        failures.forEach(System.out::println);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + compared + " commands differ from gdb:\n"
                    + String.join("\n", failures.subList(0, Math.min(failures.size(), 150))));
        }
        assertTrue(compared > 2000, "only " + compared + " commands compared");
    }

    private static String allowedWhy(String cmd) {
        for (Map.Entry<Pattern, String> e : ALLOWED.entrySet()) {
            if (e.getKey().matcher(cmd).matches()) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Path valuesDir;

    /** values.c built like the other programs (the Makefile's CFLAGS) with {@code extra} flags. */
    static synchronized Path buildValues(String opt, List<String> extra) {
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
