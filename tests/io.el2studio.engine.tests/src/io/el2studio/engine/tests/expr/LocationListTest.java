package io.el2studio.engine.tests.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.DwarfSections;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.expr.LocationList;

/**
 * Every DW_LLE kind of DWARF 5 (7.7.3) and the DWARF 4 .debug_loc form, on hand-assembled sections
 * (gcc and clang between them emit only some kinds; the others are written out here byte by byte).
 */
class LocationListTest {
    /** Little-endian byte writer. */
    static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int... v) {
            for (int x : v) {
                out.write(x);
            }
            return this;
        }

        Bytes u16(int v) {
            return u8(v & 0xff, v >> 8 & 0xff);
        }

        Bytes u32(long v) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Bytes u64(long v) {
            return u32(v).u32(v >>> 32);
        }

        Bytes str(String s) {
            out.writeBytes(s.getBytes());
            return u8(0);
        }

        byte[] get() {
            return out.toByteArray();
        }
    }

    /** One DWARF 5 unit: low_pc 0x1000, addr_base 8, loclists_base 12, and variable "x" with DW_FORM_loclistx 0. */
    static DwarfInfo dwarf5() {
        byte[] abbrev = new Bytes()
                .u8(1, Dw.TAG_compile_unit, 1, Dw.AT_low_pc, Dw.FORM_addr, Dw.AT_addr_base, Dw.FORM_sec_offset)
                .u8(Dw.AT_loclists_base, 0x01, Dw.FORM_sec_offset, 0, 0) // DW_AT_loclists_base is 0x8c: uleb 8c 01
                .u8(2, Dw.TAG_variable, 0, Dw.AT_name, Dw.FORM_string, Dw.AT_location, Dw.FORM_loclistx, 0, 0).u8(0).get();
        Bytes body = new Bytes().u16(5).u8(Dw.UT_compile, 8).u32(0) // version, unit type, address size, abbrev offset
                .u8(1).u64(0x1000).u32(8).u32(12) // the unit entry
                .u8(2).str("x").u8(0) // x: DW_FORM_loclistx 0
                .u8(0);
        byte[] b = body.get();
        byte[] info = new Bytes().u32(b.length).get();
        info = concat(info, b);
        // .debug_addr (DWARF 5, 7.27): header of 8 bytes, then [0] 0x2000, [1] 0x2100, [2] 0x3000
        byte[] addr = new Bytes().u32(4 + 24).u16(5).u8(8, 0).u64(0x2000).u64(0x2100).u64(0x3000).get();
        // .debug_loclists (DWARF 5, 7.29): 12-byte header with one offset, the list at base + 4
        Bytes list = new Bytes()
                .u8(2, 0, 1, 1, 0x50) // DW_LLE_startx_endx [addr 0, addr 1) DW_OP_reg0
                .u8(5, 1, 0x51) // DW_LLE_default_location DW_OP_reg1
                .u8(7).u64(0x4000).u64(0x4010).u8(1, 0x52) // DW_LLE_start_end DW_OP_reg2
                .u8(8).u64(0x5000).u8(0x10, 1, 0x53) // DW_LLE_start_length DW_OP_reg3
                .u8(1, 2) // DW_LLE_base_addressx addr 2 (0x3000)
                .u8(4, 0, 8, 1, 0x54) // DW_LLE_offset_pair [0, 8) DW_OP_reg4
                .u8(3, 1, 0x10, 1, 0x55) // DW_LLE_startx_length addr 1 (0x2100) + 0x10 DW_OP_reg5 (shadowed by the first)
                .u8(6).u64(0x6000) // DW_LLE_base_address 0x6000
                .u8(9, 0, 0) // DW_LLE_GNU_view_pair (gcc's views): no addresses
                .u8(4, 4, 12, 1, 0x56) // DW_LLE_offset_pair [4, 12) DW_OP_reg6
                .u8(0); // DW_LLE_end_of_list
        byte[] l = list.get();
        byte[] loclists = concat(new Bytes().u32(8 + 4 + l.length).u16(5).u8(8, 0).u32(1).u32(4).get(), l);
        return new DwarfInfo(new DwarfSections(Map.of("debug_info", info, "debug_abbrev", abbrev, "debug_addr", addr,
                "debug_loclists", loclists)));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static Die variable(DwarfInfo info) {
        Unit u = info.units().get(0);
        u.entries();
        return u.root().children().get(0);
    }

    static int regAt(LocationList list, long pc) {
        byte[] e = list.expressionAt(pc, -1);
        return e == null ? -1 : (e[0] & 0xff) - 0x50;
    }

    @Test
    void everyDwarf5EntryKindThroughLoclistx() {
        Die x = variable(dwarf5());
        assertEquals("x", x.name());
        LocationList list = LocationList.read(x, Dw.AT_location);
        assertNull(list.damage());
        assertEquals(0, regAt(list, 0x2000)); // startx_endx
        assertEquals(0, regAt(list, 0x20ff));
        assertEquals(2, regAt(list, 0x400f)); // start_end
        assertEquals(3, regAt(list, 0x5000)); // start_length
        assertEquals(4, regAt(list, 0x3007)); // offset_pair on base_addressx
        assertEquals(5, regAt(list, 0x2108)); // startx_length
        assertEquals(6, regAt(list, 0x6004)); // offset_pair on base_address
        assertEquals(1, regAt(list, 0x6000)); // nothing covers it: the default location
        assertEquals(1, regAt(list, 0x100));
        assertEquals(LocationList.Kind.BASE_ADDRESS, list.entries().get(4).kind());
    }

    @Test
    void truncatedListKeepsWhatCameBefore() {
        DwarfInfo good = dwarf5();
        byte[] ll = good.sections().get("debug_loclists");
        DwarfInfo cut = new DwarfInfo(new DwarfSections(Map.of("debug_info", good.sections().get("debug_info"),
                "debug_abbrev", good.sections().get("debug_abbrev"), "debug_addr", good.sections().get("debug_addr"),
                "debug_loclists", java.util.Arrays.copyOf(ll, 16 + 5 + 3 + 4))));
        LocationList list = LocationList.read(variable(cut), Dw.AT_location);
        assertNotNull(list.damage());
        assertEquals(0, regAt(list, 0x2000));
        assertEquals(1, regAt(list, 0x9999));
    }

    @Test
    void dwarf4DebugLocWithBaseAddressSelection() {
        byte[] abbrev = new Bytes().u8(1, Dw.TAG_compile_unit, 1, Dw.AT_low_pc, Dw.FORM_addr, 0, 0)
                .u8(2, Dw.TAG_variable, 0, Dw.AT_name, Dw.FORM_string, Dw.AT_location, Dw.FORM_sec_offset, 0, 0).u8(0).get();
        byte[] b = new Bytes().u16(4).u32(0).u8(8) // version 4, abbrev offset, address size
                .u8(1).u64(0x1000).u8(2).str("y").u32(0).u8(0).get();
        byte[] info = concat(new Bytes().u32(b.length).get(), b);
        byte[] loc = new Bytes()
                .u64(0x10).u64(0x20).u16(1).u8(0x57) // [base+0x10, base+0x20) DW_OP_reg7
                .u64(-1L).u64(0x8000) // base address selection: 0x8000
                .u64(0).u64(4).u16(3).u8(0x08, 0x2a, 0x9f) // [0x8000, 0x8004) DW_OP_const1u 42 DW_OP_stack_value
                .u64(0).u64(0).get(); // end of list
        DwarfInfo d = new DwarfInfo(new DwarfSections(Map.of("debug_info", info, "debug_abbrev", abbrev, "debug_loc", loc)));
        LocationList list = LocationList.read(variable(d), Dw.AT_location);
        assertNull(list.damage());
        assertEquals("debug_loc", list.section());
        assertEquals(7, regAt(list, 0x1010));
        assertArrayEquals(new byte[] {0x08, 0x2a, (byte) 0x9f}, list.expressionAt(0x8003, -1));
        assertNull(list.expressionAt(0x8004, -1)); // no default in DWARF 4: optimized out there
        assertNull(list.expressionAt(0x1020, -1));
    }

    @Test
    void emptyRangeAtTheFunctionEntryIsGdbsEntryPcRecord() {
        byte[] abbrev = new Bytes().u8(1, Dw.TAG_compile_unit, 1, Dw.AT_low_pc, Dw.FORM_addr, 0, 0)
                .u8(2, Dw.TAG_variable, 0, Dw.AT_name, Dw.FORM_string, Dw.AT_location, Dw.FORM_sec_offset, 0, 0).u8(0).get();
        byte[] b = new Bytes().u16(5).u8(Dw.UT_compile, 8).u32(0).u8(1).u64(0).u8(2).str("z").u32(0).u8(0).get();
        byte[] info = concat(new Bytes().u32(b.length).get(), b);
        byte[] ll = new Bytes().u8(7).u64(0x4000).u64(0x4000).u8(1, 0x58).u8(0).get(); // [0x4000, 0x4000) DW_OP_reg8
        DwarfInfo d = new DwarfInfo(new DwarfSections(Map.of("debug_info", info, "debug_abbrev", abbrev, "debug_loclists", ll)));
        LocationList list = LocationList.read(variable(d), Dw.AT_location);
        assertEquals(-1, regAt(list, 0x4000)); // not the function's entry: not covered
        assertEquals(8, (list.expressionAt(0x4000, 0x4000)[0] & 0xff) - 0x50); // at the entry gdb takes it
    }
}
