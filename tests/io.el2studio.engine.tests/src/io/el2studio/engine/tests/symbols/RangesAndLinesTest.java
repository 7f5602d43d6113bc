package io.el2studio.engine.tests.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.dwarf.Aranges;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.DwarfSections;
import io.el2studio.engine.dwarf.LineProgram;
import io.el2studio.engine.dwarf.Ranges;
import io.el2studio.engine.dwarf.Ranges.Range;

/**
 * The parts of DWARF that gcc 12 does not emit for the test programs, written byte by byte after the
 * DWARF 5 standard: every DW_RLE kind (7.25) with DW_FORM_rnglistx through DW_AT_rnglists_base and
 * DW_AT_addr_base (7.28, 7.27), DWARF 4 .debug_ranges with a base address selection entry, a DWARF 5
 * line table header with line_strp/strp/udata/data16 entry formats (6.2.4.1) and every standard and
 * extended opcode (6.2.5), and .debug_aranges with its tuple padding (6.1.2).
 */
class RangesAndLinesTest {
    /** Little-endian byte builder. */
    static final class B {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        B u8(int v) {
            out.write(v);
            return this;
        }

        B u16(int v) {
            return u8(v & 0xff).u8(v >> 8 & 0xff);
        }

        B u32(long v) {
            return u16((int) (v & 0xffff)).u16((int) (v >> 16 & 0xffff));
        }

        B u64(long v) {
            return u32(v & 0xffff_ffffL).u32(v >>> 32);
        }

        B uleb(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                u8(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        B sleb(long v) {
            while (true) {
                int b = (int) (v & 0x7f);
                v >>= 7;
                boolean done = v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0;
                u8(done ? b : b | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        B str(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return u8(0);
        }

        B bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] get() {
            return out.toByteArray();
        }
    }

    /** A 32-bit DWARF 5 unit of one DW_TAG_compile_unit with the given abbreviation attributes and values. */
    private static DwarfInfo unit(B abbrevAttrs, B values, Map<String, byte[]> more) {
        B abbrev = new B().uleb(1).uleb(0x11).u8(0).bytes(abbrevAttrs.get()).u8(0).u8(0).u8(0);
        B body = new B().u16(5).u8(1).u8(8).u32(0).uleb(1).bytes(values.get());
        B info = new B().u32(body.size()).bytes(body.get());
        java.util.HashMap<String, byte[]> m = new java.util.HashMap<>(more);
        m.put("debug_info", info.get());
        m.put("debug_abbrev", abbrev.get());
        return new DwarfInfo(new DwarfSections(m));
    }

    @Test
    void everyRangeListEntryKindThroughRnglistx() {
        // .debug_addr (7.27): header, then addresses 0x1000, 0x2000, 0x3000, 0x5000
        B addr = new B().u32(4 + 32).u16(5).u8(8).u8(0).u64(0x1000).u64(0x2000).u64(0x3000).u64(0x5000);
        // .debug_rnglists (7.28): header with 2 offsets, list 0 (all kinds), list 1 (empty)
        B list0 = new B()
                .u8(1).uleb(0) // DW_RLE_base_addressx: base = 0x1000
                .u8(4).uleb(0x10).uleb(0x20) // DW_RLE_offset_pair: [0x1010, 0x1020)
                .u8(2).uleb(1).uleb(2) // DW_RLE_startx_endx: [0x2000, 0x3000)
                .u8(3).uleb(3).uleb(0x40) // DW_RLE_startx_length: [0x5000, 0x5040)
                .u8(5).u64(0x8000) // DW_RLE_base_address: base = 0x8000
                .u8(4).uleb(4).uleb(8) // DW_RLE_offset_pair: [0x8004, 0x8008)
                .u8(6).u64(0x9000).u64(0x9100) // DW_RLE_start_end
                .u8(7).u64(0xa000).uleb(0x10) // DW_RLE_start_length
                .u8(4).uleb(0x30).uleb(0x30) // an empty pair covers nothing
                .u8(0); // DW_RLE_end_of_list
        B list1 = new B().u8(0);
        int offsets = 8;
        B tables = new B().u32(offsets).u32(offsets + list0.size()).bytes(list0.get()).bytes(list1.get());
        B rng = new B().u32(2 + 1 + 1 + 4 + tables.size()).u16(5).u8(8).u8(0).u32(2).bytes(tables.get());
        // DW_AT_ranges rnglistx 0, DW_AT_rnglists_base sec_offset 12, DW_AT_addr_base sec_offset 8
        B attrs = new B().uleb(0x55).uleb(0x23).uleb(0x74).uleb(0x17).uleb(0x73).uleb(0x17);
        B vals = new B().uleb(0).u32(12).u32(8);
        DwarfInfo info = unit(attrs, vals, Map.of("debug_addr", addr.get(), "debug_rnglists", rng.get()));
        Die cu = info.units().get(0).root();
        assertEquals(List.of(new Range(0x1010, 0x1020), new Range(0x2000, 0x3000), new Range(0x5000, 0x5040),
                new Range(0x8004, 0x8008), new Range(0x9000, 0x9100), new Range(0xa000, 0xa010)), Ranges.of(cu));
        assertNull(Ranges.checkRnglistsTables(rng.get()));
        byte[] cut = java.util.Arrays.copyOf(rng.get(), rng.size() - 5);
        String p = Ranges.checkRnglistsTables(cut);
        assertNotNull(p);
        assertTrue(p.startsWith(".debug_rnglists+0x"), p);
    }

    @Test
    void dwarf4RangesWithABaseAddressSelectionEntry() {
        B ranges = new B().u64(0x10).u64(0x20).u64(-1L).u64(0x7000).u64(0x4).u64(0x8).u64(0).u64(0);
        // DWARF 4 unit: low_pc 0x400000 (addr), ranges sec_offset 0
        B abbrev = new B().uleb(1).uleb(0x11).u8(0).uleb(0x11).uleb(0x01).uleb(0x55).uleb(0x17).u8(0).u8(0).u8(0);
        B body = new B().u16(4).u32(0).u8(8).uleb(1).u64(0x400000).u32(0);
        B info = new B().u32(body.size()).bytes(body.get());
        DwarfInfo d = new DwarfInfo(new DwarfSections(Map.of("debug_info", info.get(), "debug_abbrev", abbrev.get(),
                "debug_ranges", ranges.get())));
        assertEquals(List.of(new Range(0x400010, 0x400020), new Range(0x7004, 0x7008)), Ranges.of(d.units().get(0).root()));
    }

    @Test
    void dwarf5LineProgramWithEveryOpcode() {
        byte[] lineStr = new B().str("/src").str("inc").str("main.c").get();
        byte[] str = new B().str("pad").str("util.h").get();
        B hdr = new B()
                .u8(4) // minimum_instruction_length
                .u8(1) // maximum_operations_per_instruction
                .u8(1) // default_is_stmt
                .u8(0xfb) // line_base -5
                .u8(14) // line_range
                .u8(14) // opcode_base: 13 standard opcodes, 13 is unknown to the reader and takes 2 operands
                .u8(0).u8(1).u8(1).u8(1).u8(1).u8(0).u8(0).u8(0).u8(1).u8(0).u8(0).u8(1).u8(2)
                .u8(1).uleb(1).uleb(0x1f) // directory formats: DW_LNCT_path line_strp
                .uleb(2).u32(0).u32(5) // "/src", "inc"
                .u8(3).uleb(1).uleb(0x0e).uleb(2).uleb(0x0f).uleb(5).uleb(0x1e) // files: path strp, dir udata, MD5 data16
                .uleb(2);
        hdr.u32(0).uleb(0).bytes(new byte[16]); // file 0: "pad" (strp 0) in /src
        hdr.u32(4).uleb(1).bytes(new byte[16]); // file 1: "util.h" in /src/inc
        B prog = new B()
                .u8(0).uleb(9).u8(2).u64(0x40000000) // DW_LNE_set_address
                .u8(3).sleb(9) // advance_line to 10
                .u8(1) // copy: row 0x40000000 line 10
                .u8(5).uleb(7) // set_column 7
                .u8(14 + 5 + 14 * 2) // special: address += 2*4, line += 0 -> row 0x40000008 line 10
                .u8(6) // negate_stmt
                .u8(0).uleb(2).u8(4).uleb(3) // DW_LNE_set_discriminator 3
                .u8(2).uleb(1) // advance_pc 1 instruction
                .u8(1) // copy: row 0x4000000c line 10 not stmt, discriminator 3
                .u8(6).u8(8) // negate_stmt, const_add_pc: (255-14)/14 = 17 instructions
                .u8(9).u16(4) // fixed_advance_pc 4
                .u8(4).uleb(1) // set_file 1
                .u8(10).u8(11).u8(7).u8(12).uleb(0) // prologue_end, epilogue_begin, basic_block, set_isa
                .u8(13).uleb(5).uleb(6) // an opcode this reader does not know, skipped by its 2 operands
                .u8(0).uleb(3).u8(0x80).u8(1).u8(2) // a vendor extended opcode, skipped by its length
                .u8(1) // copy: row 0x40000000 + 12 + 68 + 4 = 0x40000054, util.h line 10
                .u8(2).uleb(1).u8(0).uleb(1).u8(1); // advance_pc 1, DW_LNE_end_sequence at 0x40000058
        B afterLength = new B().u16(5).u8(8).u8(0).u32(hdr.size()).bytes(hdr.get()).bytes(prog.get());
        B line = new B().u32(afterLength.size()).bytes(afterLength.get());
        DwarfInfo info = new DwarfInfo(new DwarfSections(Map.of("debug_line", line.get(), "debug_line_str", lineStr, "debug_str", str)));
        LineProgram p = new LineProgram(info, 0, 8, "/build", "main.c");
        assertNull(p.damage());
        assertEquals(5, p.version());
        assertEquals(5, p.rowCount());
        assertEquals("/src/pad", p.path(0));
        assertEquals("/src/inc/util.h", p.path(1));
        long[] addr = {0x40000000L, 0x40000008L, 0x4000000cL, 0x40000054L, 0x40000058L};
        int[] lines = {10, 10, 10, 10, 10};
        for (int i = 0; i < 5; i++) {
            assertEquals(addr[i], p.address(i), "row " + i);
            assertEquals(lines[i], p.line(i), "row " + i);
        }
        assertEquals(7, p.column(1));
        assertTrue(p.isStmt(1));
        assertTrue(!p.isStmt(2));
        assertEquals(3, p.discriminator(2));
        assertEquals(0, p.discriminator(3));
        assertTrue(p.lineDiscriminated(2));
        assertTrue(p.prologueEnd(3));
        assertEquals(1, p.file(3));
        assertTrue(p.endSequence(4));
        // cut inside the program: the rows before the damage stay, and the damage names the place
        byte[] cut = java.util.Arrays.copyOf(line.get(), line.size() - 3);
        LineProgram q = new LineProgram(new DwarfInfo(new DwarfSections(Map.of("debug_line", cut, "debug_line_str", lineStr,
                "debug_str", str))), 0, 8, "/build", "main.c");
        assertNotNull(q.damage());
        assertTrue(q.damage().startsWith(".debug_line"), q.damage());
    }

    @Test
    void dwarf3LineProgramWithIncludeDirectoriesAndDefineFile() {
        B hdr = new B().u8(4).u8(1).u8(0xfb).u8(14).u8(13).u8(0).u8(1).u8(1).u8(1).u8(1).u8(0).u8(0).u8(0).u8(1).u8(0).u8(0)
                .u8(1).str("lib").u8(0) // include_directories
                .str("a.c").uleb(0).uleb(0).uleb(0).str("b.h").uleb(1).uleb(0).uleb(0).u8(0); // file_names
        B prog = new B().u8(0).uleb(9).u8(2).u64(0x1000).u8(1)
                .u8(0).uleb(8).u8(3).str("c.h").uleb(1).uleb(0).uleb(0) // DW_LNE_define_file: file 3
                .u8(4).uleb(3).u8(13 + 14 + 8).u8(0).uleb(1).u8(1); // special: +1 instruction, line += -5 + 8
        B after = new B().u16(3).u32(hdr.size()).bytes(hdr.get()).bytes(prog.get());
        B line = new B().u32(after.size()).bytes(after.get());
        LineProgram p = new LineProgram(new DwarfInfo(new DwarfSections(Map.of("debug_line", line.get()))), 0, 8, "/w", "a.c");
        assertNull(p.damage());
        assertEquals("/w/a.c", p.path(1));
        assertEquals("/w/lib/b.h", p.path(2));
        assertEquals("/w/lib/c.h", p.path(3));
        assertEquals(3, p.rowCount());
        assertEquals(0x1004, p.address(1));
        assertEquals(4, p.line(1));
        assertEquals(3, p.file(1));
    }

    @Test
    void arangesSkipTheirTuplePadding() {
        // header: length, version 2, unit 0x40, address size 8, segment size 0 = 12 bytes, padded to 16
        B body = new B().u16(2).u32(0x40).u8(8).u8(0).u32(0).u64(0x1000).u64(0x80).u64(0x2000).u64(0x10).u64(0).u64(0);
        B ar = new B().u32(body.size()).bytes(body.get());
        Aranges a = new Aranges(ar.get());
        assertEquals(List.of(new Aranges.Entry(0x1000, 0x1080, 0x40), new Aranges.Entry(0x2000, 0x2010, 0x40)), a.entries());
        assertEquals(List.of(), a.problems());
        Aranges cut = new Aranges(java.util.Arrays.copyOf(ar.get(), 20));
        assertEquals(1, cut.problems().size());
        assertTrue(cut.problems().get(0).startsWith(".debug_aranges+0x"), cut.problems().get(0));
    }
}
