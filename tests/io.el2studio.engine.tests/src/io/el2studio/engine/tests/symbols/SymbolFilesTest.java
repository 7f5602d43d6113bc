package io.el2studio.engine.tests.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.ElfSymbol;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.symbols.SymbolFiles;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.sim.loader.ImageException;

/** Address spaces, the choice of file by exception level and VMID, ELF symbols and line rows against gdb. */
class SymbolFilesTest {
    @Test
    void addressSpacesAreWrittenAsTheIdeWritesThem() {
        assertEquals("EL2", AddressSpace.of(2, 3).toString());
        assertEquals("EL3", AddressSpace.of(3, -1).toString());
        assertEquals("EL1 VMID 2", AddressSpace.of(0, 2).toString());
        assertEquals(AddressSpace.of(1, 2), AddressSpace.of(0, 2));
        assertEquals("EL1", AddressSpace.of(1, -1).toString());
        assertThrows(IllegalArgumentException.class, () -> AddressSpace.of(4, 0));
    }

    @Test
    void theFileIsChosenByExceptionLevelAndVmidNeverByAddress() throws Exception {
        Path a = EngineGuests.build("types", "-O0"), b = EngineGuests.build("list", "-O0"), c = EngineGuests.build("inline", "-O0");
        SymbolFile hyp = SymbolFile.open(a, 0, AddressSpace.of(2, -1));
        SymbolFile vm1 = SymbolFile.open(b, 0, AddressSpace.of(1, 1));
        SymbolFile anyGuest = SymbolFile.open(c, 0, AddressSpace.of(1, -1));
        SymbolFiles files = new SymbolFiles(List.of(hyp, vm1, anyGuest));
        assertSame(hyp, files.forContext(2, 1));
        assertSame(hyp, files.forContext(3, -1));
        assertSame(vm1, files.forContext(1, 1));
        assertSame(vm1, files.forContext(0, 1));
        assertSame(anyGuest, files.forContext(1, 7));
        assertSame(anyGuest, files.forContext(1, -1));
        SymbolFiles one = new SymbolFiles(List.of(vm1));
        assertSame(vm1, one.forContext(2, -1));
        SymbolFiles none = new SymbolFiles(List.of(hyp, vm1));
        assertNull(none.forContext(1, 5));
    }

    @Test
    void symbolsAndBiasAsObjdumpNamesThem() throws Exception {
        Path elf = EngineGuests.build("inline", "-O2");
        SymbolFile sf = SymbolFile.open(elf, 0x1000, AddressSpace.of(2, -1));
        long fill = sf.address("fill").orElseThrow();
        List<String> nm = Tools.run(List.of("aarch64-linux-gnu-nm", elf.toString()), "");
        String fillLine = nm.stream().filter(l -> l.endsWith(" fill")).findFirst().orElseThrow();
        assertEquals(Long.parseUnsignedLong(fillLine.substring(0, 16), 16) + 0x1000, fill);
        assertEquals("fill", sf.describe(fill));
        assertEquals("fill+8", sf.describe(fill + 8));
        ElfSymbol s = sf.symbolAt(fill + 4).orElseThrow();
        assertEquals("fill", s.name());
        assertEquals(fill, s.address());
        assertTrue(sf.address("no_such_symbol").isEmpty());
    }

    /** gdb matches FILE by the tail of the path at a '/' boundary (break engine/inline.c:26 yes, ngine/inline.c:26 no). */
    @Test
    void breakpointFilesMatchAsGdbMatchesThem() throws Exception {
        Path elf = EngineGuests.build("inline", "-O2");
        SymbolFile sf = SymbolFile.open(elf, 0, AddressSpace.of(2, -1));
        String abs = EngineGuests.sourceDir().resolve("inline.c").toAbsolutePath().toString();
        List<String> specs = List.of("inline.c", "engine/inline.c", abs, "line.c", "guests/engine/inline.c", "ngine/inline.c");
        List<String> cmds = specs.stream().map(f -> "break " + f + ":26").toList();
        List<String> gdb = Tools.gdb(elf, cmds).stream().filter(l -> l.startsWith("Breakpoint") || l.startsWith("No source"))
                .toList();
        assertEquals(specs.size(), gdb.size(), gdb.toString());
        for (int i = 0; i < specs.size(); i++) {
            List<Long> ours = sf.breakpointAddresses(specs.get(i), 26);
            if (gdb.get(i).startsWith("No source")) {
                assertEquals(List.of(), ours, specs.get(i));
            } else {
                assertEquals(List.of(Long.parseUnsignedLong(gdb.get(i).replaceAll(".* at 0x([0-9a-f]+):.*", "$1"), 16)), ours,
                        specs.get(i));
            }
        }
    }

    @Test
    void aBiasMovesBreakpointsAndLines() throws Exception {
        Path elf = EngineGuests.build("recurse", "-O2");
        SymbolFile at0 = SymbolFile.open(elf, 0, AddressSpace.of(2, -1));
        SymbolFile moved = SymbolFile.open(elf, 0x2000_0000L, AddressSpace.of(1, 1));
        for (int line = 1; line < 60; line++) {
            List<Long> a = at0.breakpointAddresses("recurse.c", line);
            List<Long> b = moved.breakpointAddresses("recurse.c", line);
            assertEquals(a.stream().map(x -> x + 0x2000_0000L).toList(), b, "line " + line);
        }
        long fib = at0.functionBreakpoint("fib").orElseThrow();
        assertEquals(fib + 0x2000_0000L, moved.functionBreakpoint("fib").orElseThrow());
        assertEquals(at0.lineAt(fib).orElseThrow().line(), moved.lineAt(fib + 0x2000_0000L).orElseThrow().line());
        assertEquals(at0.functionAt(fib).offset(), moved.functionAt(fib + 0x2000_0000L).offset());
        assertTrue(moved.lineAt(fib).isEmpty(), "the link address is not the runtime one");
    }

    @Test
    void notAnElfIsAnImageException() throws Exception {
        Path junk = Files.createTempFile("not-an-elf", ".bin");
        try {
            Files.writeString(junk, "hello");
            ImageException e = assertThrows(ImageException.class, () -> SymbolFile.open(junk, 0, AddressSpace.of(2, -1)));
            assertTrue(e.getMessage().contains("not an ELF"), e.getMessage());
        } finally {
            Files.delete(junk);
        }
    }

    /** lineAt against gdb's {@code info line *ADDR} for every instruction of every program and level (start and end of the line's range). */
    @Test
    void lineRowsAgreeWithGdbInfoLine() throws Exception {
        int compared = 0;
        for (Path elf : EngineGuests.all()) {
            String prog = EngineGuests.label(elf);
            SymbolFile sf = SymbolFile.open(elf, 0, AddressSpace.of(2, -1));
            io.el2studio.sim.loader.ElfImage.Section text = sf.elf().sections().stream().filter(x -> x.name().equals(".text"))
                    .findFirst().orElseThrow();
            List<String> cmds = new java.util.ArrayList<>();
            List<Long> addrs = new java.util.ArrayList<>();
            for (long a = text.addr(); a < text.addr() + text.size(); a += 4) {
                cmds.add("info line *0x" + Long.toHexString(a));
                addrs.add(a);
            }
            List<String> out = Tools.gdb(elf, cmds);
            assertEquals(addrs.size(), out.size(), prog + ": one line of gdb output per address");
            for (int i = 0; i < addrs.size(); i++) {
                String g = out.get(i);
                java.util.Optional<LineRow> r = sf.lineAt(addrs.get(i));
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("^Line (\\d+) of \"([^\"]+)\"\\s+(?:starts at address 0x([0-9a-f]+) \\S+ and ends at 0x([0-9a-f]+)|is at address 0x([0-9a-f]+) \\S+ but contains no code)")
                        .matcher(g);
                if (m.find()) {
                    assertTrue(r.isPresent(), prog + " " + g);
                    String ours = r.get().line() + " " + Path.of(r.get().file()).getFileName();
                    assertEquals(m.group(1) + " " + Path.of(m.group(2)).getFileName(), ours, g);
                    if (m.group(3) != null) {
                        assertEquals(Long.parseUnsignedLong(m.group(3), 16), r.get().address(), g);
                        assertEquals(Long.parseUnsignedLong(m.group(4), 16), r.get().end(), g);
                    }
                } else {
                    assertTrue(r.isEmpty(), prog + " 0x" + Long.toHexString(addrs.get(i)) + ": gdb says " + g + ", we " + r);
                }
                compared++;
            }
        }
        System.out.println("SymbolFilesTest: " + compared + " line rows compared with gdb info line");
    }
}
