package io.el2studio.engine.tests.values;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.el2studio.engine.tests.cexpr.ElfScope;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
            all.add(ValuesGuest.build(opt, List.of()));
        }
        all.add(ValuesGuest.build("-O0", List.of("-gdwarf-4")));
        all.add(ValuesGuest.build("-O2", List.of("-gdwarf-4")));
        // DWARF 2: member offsets as DW_OP_plus_uconst expressions, bitfields by DW_AT_bit_offset
        all.add(ValuesGuest.build("-O0", List.of("-gdwarf-2", "-gstrict-dwarf")));
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
}
