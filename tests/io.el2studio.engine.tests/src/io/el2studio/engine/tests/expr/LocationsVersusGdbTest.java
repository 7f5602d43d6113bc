package io.el2studio.engine.tests.expr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.DwarfSections;
import io.el2studio.engine.expr.GdbScopeText;
import io.el2studio.engine.expr.Scopes;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import io.el2studio.sim.loader.ElfImage;

/**
 * Our blocks, symbols, location expressions and location lists against gdb's own reading of them:
 * gdb-multiarch's {@code info scope *ADDR} at every instruction of every function of the engine test
 * programs at -O0, -Og and -O2 (no target needed) must print, symbol by symbol and in the same order,
 * what {@link GdbScopeText} says from our {@link Scopes} (which symbols are visible at that pc, in which
 * order, and where each one is: register, frame base offset, location list ranges, constants,
 * entry values, static storage, optimized out). gdb's lines for types, labels and functions (not
 * variables) are left out of the comparison.
 */
class LocationsVersusGdbTest {
    private static final Pattern INSN = Pattern.compile("^\\s+([0-9a-f]+):\\t", Pattern.MULTILINE);

    static Stream<Arguments> elves() {
        List<Arguments> out = new ArrayList<>();
        for (String p : EngineGuests.PROGRAMS) {
            for (String o : EngineGuests.LEVELS) {
                out.add(Arguments.of(p, o));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("elves")
    void infoScopeAtEveryInstructionMatchesGdb(String program, String opt) throws Exception {
        compare(EngineGuests.build(program, opt), program + " " + opt);
    }

    /** The same with -gdwarf-4: .debug_loc, .debug_ranges, DW_TAG_GNU_call_site, DW_OP_GNU_entry_value. */
    @ParameterizedTest(name = "{0} {1} -gdwarf-4")
    @MethodSource("elves")
    void infoScopeAtEveryInstructionMatchesGdbWithDwarf4(String program, String opt) throws Exception {
        compare(VariantGuests.build(program, opt, "dwarf4"), program + " " + opt + " -gdwarf-4");
    }

    /** The same compiled by clang 14: DW_FORM_loclistx, DW_OP_addrx, DW_FORM_strx, DW_LLE_*x kinds. */
    @ParameterizedTest(name = "{0} {1} clang")
    @MethodSource("elves")
    void infoScopeAtEveryInstructionMatchesGdbWithClang(String program, String opt) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(VariantGuests.haveClang(), VariantGuests.CLANG + " is not installed");
        compare(VariantGuests.build(program, opt, "clang"), program + " " + opt + " clang");
    }

    private static void compare(Path elf, String what) throws Exception {
        ElfImage image = ElfImage.read(elf);
        DwarfInfo info = new DwarfInfo(new DwarfSections(image));
        // both ways to find functions: our own index over every unit, and A's lazy SymbolFile index
        Scopes scopes = new Scopes(info, image, 0);
        Scopes viaSymbolFile = Scopes.of(io.el2studio.engine.symbols.SymbolFile.open(elf, 0,
                io.el2studio.engine.symbols.AddressSpace.of(1, -1)));
        List<Long> pcs = instructions(elf);
        List<String> commands = new ArrayList<>();
        for (long pc : pcs) {
            commands.add("info scope *0x" + Long.toHexString(pc));
        }
        GdbOracle.Transcript t = GdbOracle.onElf(elf, commands);
        int differ = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < pcs.size(); i++) {
            String label = "*0x" + Long.toHexString(pcs.get(i));
            String gdb = variablesOnly(t.text(i));
            String ours = variablesOnly(GdbScopeText.infoScope(scopes, pcs.get(i), label, LocationsVersusGdbTest::length));
            String ours2 = variablesOnly(GdbScopeText.infoScope(viaSymbolFile, pcs.get(i), label, LocationsVersusGdbTest::length));
            if (!ours2.equals(ours)) {
                ours = ours + "\n--- through the SymbolFile:\n" + ours2;
            }
            if (!gdb.equals(ours)) {
                if (differ++ < 3) {
                    report.append("\n--- gdb:\n").append(gdb).append("\n--- ours:\n").append(ours);
                }
            }
        }
        assertTrue(differ == 0, what + ": " + differ + " of " + pcs.size() + " pcs differ" + report);
    }

    /** gdb's output without its lines for non-variable symbols, and with our "no locals" line in gdb's words. */
    static String variablesOnly(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (line.matches("Symbol .+ is (a typedef\\.|a function at address .*|a label at address .*)")) {
                continue;
            }
            b.append(line).append('\n');
        }
        return b.toString().strip();
    }

    static List<Long> instructions(Path elf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("aarch64-linux-gnu-objdump", "-d", "--no-show-raw-insn", elf.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<Long> pcs = new ArrayList<>();
        Matcher m = INSN.matcher(out);
        while (m.find()) {
            pcs.add(Long.parseLong(m.group(1), 16));
        }
        return pcs;
    }

    /** gdb's TYPE_LENGTH after check_typedef: what its ", length N." prints. */
    static long length(Die t) {
        for (int guard = 0; t != null && guard < 32; guard++) {
            switch (t.tag()) {
                case Dw.TAG_typedef, Dw.TAG_const_type, Dw.TAG_volatile_type, Dw.TAG_restrict_type, Dw.TAG_atomic_type -> {
                    if (t.has(Dw.AT_byte_size)) {
                        return t.unsigned(Dw.AT_byte_size, 0);
                    }
                    t = t.ref(Dw.AT_type);
                }
                case Dw.TAG_pointer_type, Dw.TAG_reference_type -> {
                    return t.unsigned(Dw.AT_byte_size, t.unit().addressSize());
                }
                case Dw.TAG_array_type -> {
                    long n = 1;
                    for (Die sub : t.children()) {
                        if (sub.tag() == Dw.TAG_subrange_type) {
                            if (sub.has(Dw.AT_count)) {
                                n *= sub.unsigned(Dw.AT_count, 0);
                            } else if (sub.has(Dw.AT_upper_bound)) {
                                n *= sub.signed(Dw.AT_upper_bound, -1) - sub.signed(Dw.AT_lower_bound, 0) + 1;
                            } else {
                                n = 0;
                            }
                        }
                    }
                    return n * length(t.ref(Dw.AT_type));
                }
                case Dw.TAG_subroutine_type -> {
                    return 1;
                }
                default -> {
                    return t.unsigned(Dw.AT_byte_size, 0);
                }
            }
        }
        return 1; // void
    }
}
