package io.el2studio.engine.tests.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.BreakpointLocation;
import io.el2studio.engine.symbols.SourceLocation;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.sim.loader.ElfImage;

/**
 * Fuzzed copies of the test ELFs (bytes flipped or zeroed inside .debug_info, .debug_line,
 * .debug_abbrev, .debug_rnglists and .debug_str, and those sections truncated by shrinking their
 * sh_size; deterministic seeds) never make SymbolFile's API throw. Truncated sections are always
 * reported by problems() with the section's name; a flip in one unit's entries or line program
 * leaves the answers for every other unit's addresses as they were.
 */
class DamagedDwarfTest {
    private static final List<String> SECTIONS = List.of(".debug_info", ".debug_line", ".debug_abbrev", ".debug_rnglists",
            ".debug_str");
    private static final int FLIPS_PER_SECTION = 4;

    @Test
    void damagedDwarfNeverThrowsAndIsReported() throws Exception {
        int variants = 0, reported = 0, truncations = 0, isolatedChecks = 0;
        for (Path elf : EngineGuests.all()) {
            byte[] clean = Files.readAllBytes(elf);
            ElfImage image = ElfImage.parse(elf.toString(), clean);
            SymbolFile good = SymbolFile.of(elf, image, 0, AddressSpace.of(2, -1));
            List<Long> text = textAddresses(image);
            List<List<SourceLocation>> goodAnswers = new ArrayList<>();
            List<Unit> goodUnits = new ArrayList<>();
            for (long a : text) {
                goodAnswers.add(good.locationsAt(a));
                goodUnits.add(good.unitAt(a));
            }
            for (String name : SECTIONS) {
                ElfImage.Section sec = image.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
                if (sec == null || sec.size() < 16) {
                    continue;
                }
                for (int seed = 0; seed < FLIPS_PER_SECTION + 1; seed++) {
                    Random rnd = new Random(name.hashCode() * 31L + seed * 7919L + elf.getFileName().toString().hashCode());
                    byte[] bad = clean.clone();
                    boolean truncate = seed == FLIPS_PER_SECTION;
                    String what;
                    long damagedAt = -1, damagedEnd = -1;
                    if (truncate) {
                        long newSize = sec.size() / 2 + rnd.nextInt((int) (sec.size() / 4) + 1);
                        setSectionSize(bad, sec, newSize);
                        what = "truncated to " + newSize + " of " + sec.size() + " bytes";
                        truncations++;
                    } else {
                        int n = 1 + rnd.nextInt(8);
                        StringBuilder sb = new StringBuilder("bytes changed at");
                        damagedAt = rnd.nextInt((int) sec.size());
                        for (int k = 0; k < n; k++) {
                            int off = (int) Math.min(sec.size() - 1, damagedAt + rnd.nextInt(16));
                            bad[(int) (sec.offset() + off)] = (byte) (seed % 2 == 0 ? rnd.nextInt(256) : 0);
                            damagedEnd = Math.max(damagedEnd, off);
                            sb.append(" 0x").append(Integer.toHexString(off));
                        }
                        what = sb.toString();
                    }
                    String label = EngineGuests.label(elf) + " " + name + " " + what;
                    SymbolFile sf = SymbolFile.of(elf, ElfImage.parse(label, bad), 0, AddressSpace.of(2, -1));
                    List<List<SourceLocation>> answers = exercise(sf, text, label);
                    variants++;
                    List<String> problems = sf.problems();
                    if (!problems.isEmpty()) {
                        reported++;
                    }
                    if (truncate) {
                        assertTrue(problems.stream().anyMatch(p -> p.contains(name)),
                                label + ": problems do not name " + name + ": " + problems);
                    }
                    if (!truncate && (name.equals(".debug_info") || name.equals(".debug_line"))) {
                        isolatedChecks += checkOtherUnits(good, goodUnits, goodAnswers, answers, text, name, damagedAt, damagedEnd,
                                label);
                    }
                }
            }
        }
        System.out.println("DamagedDwarfTest: " + variants + " damaged variants (" + truncations + " truncations), " + reported
                + " reported problems, " + isolatedChecks + " answers of undamaged units unchanged");
        assertTrue(variants >= 250, "too few variants: " + variants);
        assertTrue(reported > variants / 2, "damage mostly unnoticed: " + reported + " of " + variants);
    }

    /** Answers for addresses of units other than the damaged one must not change; returns how many were compared. */
    private static int checkOtherUnits(SymbolFile good, List<Unit> goodUnits, List<List<SourceLocation>> goodAnswers,
            List<List<SourceLocation>> answers, List<Long> text, String section, long damagedAt, long damagedEnd,
            String label) {
        Unit damaged = damagedUnit(good, section, damagedAt);
        if (damaged == null || damagedUnit(good, section, damagedEnd) != damaged) {
            return 0; // a unit header, or the damage spans two units
        }
        int n = 0;
        Set<Long> units = new java.util.HashSet<>();
        for (int i = 0; i < text.size(); i++) {
            Unit u = goodUnits.get(i);
            if (u == null || u.offset() == damaged.offset()) {
                continue;
            }
            units.add(u.offset());
            assertEquals(goodAnswers.get(i), answers.get(i), label + ": answer at 0x" + Long.toHexString(text.get(i))
                    + " of the undamaged unit at 0x" + Long.toHexString(u.offset()) + " changed");
            n++;
        }
        return n;
    }

    private static Unit damagedUnit(SymbolFile good, String section, long at) {
        Unit damaged = null;
        for (Unit u : good.dwarf().units()) {
            if (section.equals(".debug_info")) {
                // a damaged unit header loses the units after it too: only entries are checked here
                if (at >= u.offset() + 16 && at < u.end()) {
                    damaged = u;
                }
            } else {
                long stmt = u.root().unsigned(io.el2studio.engine.dwarf.Dw.AT_stmt_list, -1);
                if (stmt >= 0 && at >= stmt && (damaged == null || stmt > damaged.root().unsigned(
                        io.el2studio.engine.dwarf.Dw.AT_stmt_list, -1))) {
                    damaged = u; // the program starting last at or before the damage
                }
            }
        }
        return damaged;
    }

    /** Every public question, over every .text address, every line of the sources and every function. */
    static List<List<SourceLocation>> exercise(SymbolFile sf, List<Long> text, String label) {
        List<List<SourceLocation>> out = new ArrayList<>();
        try {
            for (long a : text) {
                out.add(sf.locationsAt(a));
                sf.lineAt(a);
                sf.scopesAt(a);
                sf.functionAt(a);
                sf.unitAt(a);
                sf.symbolAt(a);
                sf.describe(a);
            }
            for (String f : sf.sourceFiles()) {
                String base = f.substring(f.lastIndexOf('/') + 1);
                for (int line = 0; line < 120; line += 3) {
                    for (BreakpointLocation b : sf.breakpoint(base, line).locations()) {
                        sf.locationsAt(b.address());
                    }
                }
            }
            for (ElfImage.Symbol s : sf.elf().symbols()) {
                if (s.type() == 2) {
                    sf.functionBreakpoints(s.name());
                    sf.functionBreakpoint(s.name());
                }
            }
            sf.problems();
        } catch (Throwable t) {
            t.printStackTrace();
            fail(label + ": the API threw " + t);
        }
        return out;
    }

    static List<Long> textAddresses(ElfImage image) {
        ElfImage.Section text = image.sections().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        List<Long> out = new ArrayList<>();
        for (long a = text.addr(); a < text.addr() + text.size(); a += 4) {
            out.add(a);
        }
        return out;
    }

    /** Rewrites sh_size of the section header of {@code sec} (ELF64: e_shoff at 0x28, sh_size at +32). */
    static void setSectionSize(byte[] elf, ElfImage.Section sec, long size) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int entsize = b.getShort(0x3a) & 0xffff, num = b.getShort(0x3c) & 0xffff;
        for (int i = 0; i < num; i++) {
            int h = (int) (shoff + (long) i * entsize);
            if (b.getLong(h + 24) == sec.offset() && b.getLong(h + 32) == sec.size()) {
                b.putLong(h + 32, size);
                return;
            }
        }
        fail("no section header for " + sec.name());
    }
}
