package io.el2studio.engine.tests.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.unwind.CallFrameInfo;
import io.el2studio.engine.unwind.CfiRules;
import io.el2studio.sim.loader.ElfImage;

/**
 * The CFI table the engine computes equals the one {@code aarch64-linux-gnu-readelf
 * --debug-dump=frames-interp} prints, row by row and register by register, for every FDE of the
 * engine's test programs at every level, of cfiops.S (every DW_CFA op, "zR", "zRB", "zPLRS"; in
 * .eh_frame, in .debug_frame and in both) and of a program built with pac-ret.
 */
class CallFrameInfoTest {

    static Stream<Path> elves() {
        List<Path> all = new ArrayList<>(EngineGuests.all());
        all.add(UnwindGuests.cfiOps(""));
        all.add(UnwindGuests.cfiOps("-DDEBUG_FRAME"));
        all.add(UnwindGuests.cfiOps("-DBOTH"));
        all.add(UnwindGuests.engineProgram("recurse-pac", "recurse", List.of("-O2", "-mbranch-protection=pac-ret+leaf+b-key")));
        all.add(UnwindGuests.engineProgram("types-debugframe", "types",
                List.of("-O2", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables")));
        return all.stream();
    }

    /** One row of readelf's table: LOC and the column texts by heading. */
    record Row(long loc, List<String> headings, List<String> cells) {
    }

    record ReadelfFde(String section, long start, long end, List<Row> rows) {
    }

    static List<ReadelfFde> readelf(Path elf) {
        String text = UnwindGuests.tool("aarch64-linux-gnu-readelf", "--debug-dump=frames-interp", elf.toString());
        List<ReadelfFde> out = new ArrayList<>();
        String section = null;
        ReadelfFde cur = null;
        List<String> headings = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Contents of the .")) {
                section = line.substring("Contents of the .".length(), line.indexOf(" section"));
                cur = null;
            } else if (line.contains(" FDE cie=")) {
                String pc = line.substring(line.indexOf("pc=") + 3).trim();
                String[] se = pc.split("\\.\\.");
                cur = new ReadelfFde(section, Long.parseUnsignedLong(se[0], 16), Long.parseUnsignedLong(se[1], 16), new ArrayList<>());
                out.add(cur);
                headings = null;
            } else if (line.contains(" CIE ")) {
                cur = null;
            } else if (cur != null && line.trim().startsWith("LOC")) {
                headings = List.of(line.trim().split("\\s+"));
            } else if (cur != null && headings != null && !line.isBlank()) {
                // cells are separated by blanks, but "r9 (x9)" holds one
                String[] parts = line.trim().replaceAll("r(\\d+) \\(x\\d+\\)", "r$1").split("\\s+");
                cur.rows.add(new Row(Long.parseUnsignedLong(parts[0], 16), headings, List.of(parts).subList(1, parts.length)));
            }
        }
        return out;
    }

    static String cfaText(CfiRules.Cfa cfa) {
        if (cfa instanceof CfiRules.RegOffset ro) {
            return DwarfRegs.name(ro.reg()) + (ro.offset() >= 0 ? "+" : "") + ro.offset();
        }
        return "exp";
    }

    static String ruleText(CfiRules.Rule r) {
        if (r == null || r instanceof CfiRules.Undefined) {
            return "u";
        }
        if (r instanceof CfiRules.SameValue) {
            return "s";
        }
        if (r instanceof CfiRules.Offset o) {
            return "c" + (o.offset() >= 0 ? "+" : "") + o.offset();
        }
        if (r instanceof CfiRules.ValOffset o) {
            return "v" + (o.offset() >= 0 ? "+" : "") + o.offset();
        }
        if (r instanceof CfiRules.InRegister ir) {
            return "r" + ir.reg();
        }
        return r instanceof CfiRules.Expression ? "exp" : "vexp";
    }

    static int regOf(String heading) {
        if (heading.equals("ra")) {
            return DwarfRegs.LR;
        }
        if (heading.equals("sp")) {
            return DwarfRegs.SP;
        }
        return Integer.parseInt(heading.substring(1));
    }

    @ParameterizedTest
    @MethodSource("elves")
    void everyRowEqualsReadelfs(Path elf) throws Exception {
        ElfImage image = ElfImage.read(elf);
        CallFrameInfo cfi = CallFrameInfo.of(image, 0);
        assertEquals(List.of(), cfi.problems(), "problems reading the CFI of " + elf);
        List<ReadelfFde> expected = readelf(elf);
        assertFalse(expected.isEmpty(), "readelf shows no FDE in " + elf);
        boolean both = expected.stream().map(ReadelfFde::section).distinct().count() > 1;
        int rows = 0;
        for (ReadelfFde f : expected) {
            CallFrameInfo.Fde ours = cfi.fdeFor(f.start).orElse(null);
            assertNotNull(ours, elf + ": no FDE for 0x" + Long.toHexString(f.start));
            if (both && !ours.section().equals(f.section)) {
                // gdb prefers .debug_frame where both sections describe a function; so do we
                assertEquals("debug_frame", ours.section(), elf + " at 0x" + Long.toHexString(f.start));
                continue;
            }
            assertEquals(f.start, ours.start());
            assertEquals(f.end, ours.end());
            for (int i = 0; i < f.rows.size(); i++) {
                Row row = f.rows.get(i);
                if (Long.compareUnsigned(row.loc, f.end) >= 0) {
                    continue; // readelf prints a row for an advance to the FDE's end
                }
                long next = i + 1 < f.rows.size() ? Math.min(f.rows.get(i + 1).loc, f.end) : f.end;
                for (long pc : new long[] {row.loc, next - 1}) {
                    CfiRules r = cfi.rulesAt(pc);
                    String where = String.format("%s %s pc 0x%x", elf.getFileName(), f.section, pc);
                    assertEquals(row.loc, r.start(), where + ": row start");
                    assertEquals(row.cells.get(0), cfaText(r.cfa()), where + ": CFA");
                    for (int c = 2; c < row.headings.size(); c++) {
                        int reg = regOf(row.headings.get(c));
                        assertEquals(row.cells.get(c - 1), ruleText(r.rule(reg)), where + ": rule of " + row.headings.get(c));
                    }
                    rows++;
                }
            }
        }
        assertTrue(rows > 0 || expected.stream().allMatch(f -> f.rows.isEmpty()), "no row compared in " + elf);
    }

    @Test
    void negateRaStateTogglesTheSigningStateAndBKeyIsSeen() throws Exception {
        Path elf = UnwindGuests.cfiOps("");
        ElfImage image = ElfImage.read(elf);
        long pac = image.symbol("cfi_pac").orElseThrow().value();
        CallFrameInfo cfi = CallFrameInfo.of(image, 0);
        assertFalse(cfi.rulesAt(pac).raSigned(), "before pacibsp");
        assertTrue(cfi.rulesAt(pac + 4).raSigned(), "after pacibsp");
        assertTrue(cfi.rulesAt(pac + 12).raSigned(), "before autibsp");
        assertFalse(cfi.rulesAt(pac + 16).raSigned(), "after autibsp");
        assertTrue(cfi.fdeFor(pac).orElseThrow().cie().bKey());
        long sig = image.symbol("cfi_sig").orElseThrow().value();
        CallFrameInfo.Cie cie = cfi.fdeFor(sig).orElseThrow().cie();
        assertEquals("zPLRS", cie.augmentation());
        assertTrue(cfi.rulesAt(sig).signalFrame());
        assertEquals(16, cfi.rulesAt(image.symbol("cfi_a").orElseThrow().value() + 0x2c).argsSize());
    }

    @Test
    void aBiasMovesEveryFde() throws Exception {
        ElfImage image = ElfImage.read(EngineGuests.build("recurse", "-O2"));
        CallFrameInfo plain = CallFrameInfo.of(image, 0);
        CallFrameInfo moved = CallFrameInfo.of(image, 0x1000_0000L);
        for (CallFrameInfo.Fde f : plain.fdes()) {
            CallFrameInfo.Fde m = moved.fdeFor(f.start() + 0x1000_0000L).orElseThrow();
            assertEquals(f.end() + 0x1000_0000L, m.end());
            assertEquals(plain.rulesAt(f.start()).cfa(), moved.rulesAt(m.start()).cfa());
        }
    }

    /**
     * The 64-bit DWARF format (CIE id all ones, 8-byte lengths and CIE pointers) and CIE version 4
     * (address and segment selector sizes), which gas does not emit: a program's .debug_frame rewritten
     * into that form gives the same rules at every address as the original.
     */
    @Test
    void sixtyFourBitDebugFrameWithVersion4CiesReadsAlike() throws Exception {
        Path elf = UnwindGuests.engineProgram("types-debugframe", "types",
                List.of("-O2", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables"));
        ElfImage image = ElfImage.read(elf);
        ElfImage.Section sec = image.sections().stream().filter(x -> x.name().equals(".debug_frame")).findFirst().orElseThrow();
        byte[] d = image.sectionBytes(sec);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.Map<Integer, Integer> moved = new java.util.HashMap<>();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos < d.length) {
            int len = in.getInt(pos);
            int id = in.getInt(pos + 4);
            moved.put(pos, out.size());
            java.nio.ByteBuffer body;
            if (id == -1) { // CIE: version 1 -> 4, with address_size 8 and segment_selector_size 0 after the augmentation
                int augEnd = pos + 9;
                while (d[augEnd] != 0) {
                    augEnd++;
                }
                byte[] head = java.util.Arrays.copyOfRange(d, pos + 9, augEnd + 1);
                byte[] rest = java.util.Arrays.copyOfRange(d, augEnd + 1, pos + 4 + len);
                body = java.nio.ByteBuffer.allocate(8 + 1 + head.length + 2 + rest.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                body.putLong(-1L).put((byte) 4).put(head).put((byte) 8).put((byte) 0).put(rest);
            } else {
                byte[] rest = java.util.Arrays.copyOfRange(d, pos + 8, pos + 4 + len);
                body = java.nio.ByteBuffer.allocate(8 + rest.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                body.putLong(moved.get(id)).put(rest); // CIEs come first in gcc's output, so they have moved already
            }
            java.nio.ByteBuffer hdr = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            hdr.putInt(-1).putLong(body.capacity());
            out.write(hdr.array());
            out.write(body.array());
            pos += 4 + len;
        }
        CallFrameInfo wide = new CallFrameInfo(new io.el2studio.engine.dwarf.DwarfSections(
                java.util.Map.of("debug_frame", out.toByteArray())), 0, null);
        CallFrameInfo plain = CallFrameInfo.of(image, 0);
        assertEquals(List.of(), wide.problems());
        assertEquals(plain.fdes().size(), wide.fdes().size());
        assertEquals(8, wide.fdes().get(0).cie().addressSize());
        assertEquals(4, wide.fdes().get(0).cie().version());
        int compared = 0;
        for (CallFrameInfo.Fde f : plain.fdes()) {
            for (long pc = f.start(); pc < f.end(); pc += 4) {
                CfiRules a = plain.rulesAt(pc), b = wide.rulesAt(pc);
                assertEquals(a.cfa(), b.cfa(), "pc 0x" + Long.toHexString(pc));
                assertEquals(a.registers(), b.registers(), "pc 0x" + Long.toHexString(pc));
                assertEquals(a.start(), b.start());
                compared++;
            }
        }
        assertTrue(compared > 50, compared + " addresses");
    }
}
