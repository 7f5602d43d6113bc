package io.el2studio.engine.tests.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.SourceLocation;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.sim.loader.ElfImage;

/**
 * Every instruction address of .text of every engine test program at -O0, -Og and -O2 maps to the
 * same function and file:line chain as {@code aarch64-linux-gnu-addr2line -f -i} (one addr2line
 * process per ELF, all addresses on its standard input).
 */
class AddressToLineTest {
    @Test
    void everyTextAddressAgreesWithAddr2line() throws Exception {
        int compared = 0, elves = 0;
        List<String> diffs = new ArrayList<>();
        for (Path elf : EngineGuests.all()) {
            compared += compare(elf, 0, diffs);
            elves++;
        }
        System.out.println("AddressToLineTest: " + compared + " addresses of " + elves + " ELFs compared with addr2line, "
                + diffs.size() + " differ");
        assertTrue(compared > 1000, "too few addresses compared: " + compared);
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    @Test
    void olderDwarfVersionsAgreeWithAddr2line() throws Exception {
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Path elf : OlderDwarf.all()) {
            compared += compare(elf, 0, diffs);
        }
        System.out.println("AddressToLineTest: " + compared + " addresses of DWARF 2-4 builds compared with addr2line, "
                + diffs.size() + " differ");
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    @Test
    void theSimulatorsCProgramsAgreeWithAddr2line() throws Exception {
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Path elf : OlderDwarf.diffPrograms()) {
            compared += compare(elf, 0, diffs);
        }
        System.out.println("AddressToLineTest: " + compared + " addresses of tests/guests/diff programs compared with addr2line, "
                + diffs.size() + " differ");
        assertEquals(List.of(), diffs.subList(0, Math.min(40, diffs.size())));
    }

    @Test
    void aBiasMovesEveryAnswer() throws Exception {
        Path elf = EngineGuests.build("inline", "-O2");
        List<String> diffs = new ArrayList<>();
        int n = compare(elf, 0x1000_0000L, diffs);
        assertTrue(n > 10);
        assertEquals(List.of(), diffs);
    }

    static List<String> addr2line(SourceLocation l) {
        String fn = l.function() == null ? "??" : l.function();
        String file = l.baseName() == null ? "??" : l.baseName();
        return List.of(fn, file + ":" + (l.line() == 0 ? "?" : Integer.toString(l.line())));
    }

    static int compare(Path elf, long bias, List<String> diffs) throws Exception {
        ElfImage image = ElfImage.read(elf);
        ElfImage.Section text = image.sections().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        StringBuilder in = new StringBuilder();
        for (long a = text.addr(); a < text.addr() + text.size(); a += 4) {
            in.append("0x").append(Long.toHexString(a)).append('\n');
        }
        // a sentinel after every address separates the chains of inlined calls
        List<String> out = Tools.run(List.of("aarch64-linux-gnu-addr2line", "-f", "-i", "-a", "-e", elf.toString()),
                in.toString());
        SymbolFile sf = SymbolFile.open(elf, bias, AddressSpace.of(1, -1));
        int i = 0, n = 0;
        String label = elf.getFileName().toString();
        while (i < out.size()) {
            long addr = Long.parseUnsignedLong(out.get(i).substring(2), 16);
            i++;
            List<String> want = new ArrayList<>();
            while (i < out.size() && !out.get(i).startsWith("0x")) {
                String line = out.get(i);
                int d = line.indexOf(" (discriminator");
                if (d >= 0) {
                    line = line.substring(0, d);
                }
                if (want.size() % 2 == 1) {
                    int c = line.lastIndexOf(':');
                    String f = line.substring(0, c);
                    line = f.substring(f.lastIndexOf('/') + 1) + line.substring(c);
                    if (line.equals("??:0")) {
                        line = "??:?";
                    }
                }
                want.add(line);
                i++;
            }
            List<String> got = new ArrayList<>();
            for (SourceLocation l : sf.locationsAt(addr + bias)) {
                got.addAll(addr2line(l));
            }
            if (!want.equals(got)) {
                diffs.add(label + " 0x" + Long.toHexString(addr) + ": addr2line " + want + " engine " + got);
            }
            n++;
        }
        assertEquals(List.of(), sf.problems(), label + ": problems on a sound file");
        return n;
    }
}
