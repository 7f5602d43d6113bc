package io.el2studio.engine.tests.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.BreakpointLocation;
import io.el2studio.engine.symbols.BreakpointResult;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.sim.loader.ElfImage;

/**
 * {@code break FILE:LINE} for every line of every source file of each test program (blank and
 * comment lines too, which gdb moves forward, and two past the end, which it refuses) and
 * {@code break FUNCTION} for every function and code symbol: our locations (address, line, file
 * and function) equal those gdb-multiarch places from the ELF alone (one gdb run per ELF; the
 * locations are read back with {@code info breakpoints}).
 */
class BreakpointLocationsTest {
    private static final Pattern SET = Pattern.compile("^Breakpoint (\\d+) at 0x([0-9a-f]+)(?:: (?:file (\\S+), line (\\d+)\\.|(\\S+):(\\d+)\\. \\((\\d+) locations\\)))?");
    private static final Pattern LOC = Pattern.compile("^(\\d+)(?:\\.(\\d+))?\\s.*?0x([0-9a-f]{16})\\s+(?:in (\\S+) )?(?:at )?(?:(\\S+):(\\d+))?");

    @Test
    void everyLineAndFunctionAgreesWithGdb() throws Exception {
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Path elf : EngineGuests.all()) {
            compared += compare(elf, diffs);
        }
        System.out.println("BreakpointLocationsTest: " + compared + " breakpoints compared with gdb, " + diffs.size() + " differ");
        assertTrue(compared > 500, "too few breakpoints compared: " + compared);
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    @Test
    void olderDwarfVersionsAgreeWithGdb() throws Exception {
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Path elf : OlderDwarf.all()) {
            compared += compare(elf, diffs);
        }
        System.out.println("BreakpointLocationsTest: " + compared + " breakpoints of DWARF 2-4 builds compared with gdb, "
                + diffs.size() + " differ");
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    @Test
    void theSimulatorsCProgramsAgreeWithGdb() throws Exception {
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Path elf : OlderDwarf.diffPrograms()) {
            compared += compare(elf, diffs, OlderDwarf.diffDir());
        }
        System.out.println("BreakpointLocationsTest: " + compared + " breakpoints of tests/guests/diff programs compared with gdb, "
                + diffs.size() + " differ");
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    /**
     * Without debug information gdb places {@code break FUNCTION} by its AArch64 prologue scan alone
     * and addr2line names the symbol below the address: the stripped test programs agree with both.
     */
    @Test
    void withoutDebugInformationAgreesWithGdbAndAddr2line() throws Exception {
        int breaks = 0, addresses = 0;
        List<String> diffs = new ArrayList<>();
        for (Path elf : EngineGuests.all()) {
            Path bare = OlderDwarf.stripped(elf);
            breaks += compare(bare, diffs);
            addresses += AddressToLineTest.compare(bare, 0, diffs);
        }
        System.out.println("BreakpointLocationsTest: without debug information " + breaks + " breakpoints and " + addresses
                + " addresses compared with gdb and addr2line, " + diffs.size() + " differ");
        assertTrue(breaks > 50);
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    /** Source files of a program: the ones its line tables name that exist in tests/guests/engine. */
    static List<Path> sources(SymbolFile sf, Path dir) {
        Set<Path> out = new LinkedHashSet<>();
        for (String f : sf.sourceFiles()) {
            Path p = dir.resolve(Path.of(f).getFileName().toString());
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** Every function name: DWARF subprograms and inlined instances, and code symbols. */
    static Set<String> functions(SymbolFile sf) {
        Set<String> out = new LinkedHashSet<>();
        for (Unit u : sf.dwarf().units()) {
            for (Die d : u.entries().values()) {
                if (d.tag() == Dw.TAG_subprogram && d.name() != null && !d.flag(Dw.AT_declaration)) {
                    out.add(d.name());
                }
            }
        }
        for (ElfImage.Symbol s : sf.elf().symbols()) {
            if ((s.type() == 2 || s.type() == 0) && !s.name().isEmpty() && !s.name().startsWith("$") && s.shndx() == 1) {
                out.add(s.name());
            }
        }
        return out;
    }

    static String gdbKey(long addr, String fn, String file, int line) {
        String base = file == null ? null : file.substring(file.lastIndexOf('/') + 1);
        return "0x" + Long.toHexString(addr) + " in " + fn + " at " + base + ":" + line;
    }

    static int compare(Path elf, List<String> diffs) throws Exception {
        return compare(elf, diffs, EngineGuests.sourceDir());
    }

    /** Compares every line of the program's sources found in {@code dir}, and every function. */
    static int compare(Path elf, List<String> diffs, Path dir) throws Exception {
        SymbolFile sf = SymbolFile.open(elf, 0, AddressSpace.of(2, -1));
        String label = elf.getFileName().toString();
        List<String> specs = new ArrayList<>();
        for (Path src : sources(sf, dir)) {
            int lines = Files.readAllLines(src).size();
            for (int n = 1; n <= lines + 2; n++) {
                specs.add(src.getFileName() + ":" + n);
            }
        }
        specs.addAll(functions(sf));
        List<String> cmds = new ArrayList<>();
        for (int k = 0; k < specs.size(); k++) {
            cmds.add("echo @@" + k + "\\n");
            cmds.add("break " + specs.get(k));
        }
        cmds.add("echo @@info\\n");
        cmds.add("info breakpoints");
        List<String> out = Tools.gdb(elf, cmds);

        Map<Integer, Integer> specOfNumber = new TreeMap<>();
        Map<Integer, String> reportedLine = new TreeMap<>();
        Map<Integer, List<String>> locations = new LinkedHashMap<>();
        int current = -1;
        boolean info = false;
        for (String line : out) {
            if (line.startsWith("@@info")) {
                info = true;
                continue;
            }
            if (line.startsWith("@@")) {
                current = Integer.parseInt(line.substring(2).trim());
                continue;
            }
            if (!info) {
                Matcher m = SET.matcher(line);
                if (m.find()) {
                    int num = Integer.parseInt(m.group(1));
                    specOfNumber.put(num, current);
                    String l = m.group(4) != null ? m.group(4) : m.group(6);
                    reportedLine.put(num, l);
                }
                continue;
            }
            Matcher m = LOC.matcher(line);
            if (m.find()) {
                int num = Integer.parseInt(m.group(1));
                long addr = Long.parseUnsignedLong(m.group(3), 16);
                String fn = m.group(4);
                String file = m.group(5);
                int l = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
                locations.computeIfAbsent(num, x -> new ArrayList<>()).add(gdbKey(addr, fn, file, l));
            }
        }
        Map<Integer, Integer> numberOfSpec = new TreeMap<>();
        specOfNumber.forEach((num, spec) -> numberOfSpec.put(spec, num));
        int compared = 0;
        for (int k = 0; k < specs.size(); k++) {
            String spec = specs.get(k);
            Integer num = numberOfSpec.get(k);
            List<String> want = num == null ? List.of() : locations.getOrDefault(num, List.of());
            BreakpointResult r;
            int colon = spec.lastIndexOf(':');
            if (colon > 0) {
                r = sf.breakpoint(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
            } else {
                r = sf.functionBreakpoints(spec);
            }
            List<String> got = new ArrayList<>();
            for (BreakpointLocation b : r.locations()) {
                got.add(gdbKey(b.address(), b.function(), b.file(), b.line()));
            }
            if (!want.equals(got)) {
                diffs.add(label + " break " + spec + ": gdb " + want + " engine " + got);
            }
            compared++;
        }
        assertEquals(List.of(), sf.problems(), label + ": problems on a sound file");
        return compared;
    }
}
