package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.engine.dwarf.Cursor;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfException;
import io.el2studio.engine.dwarf.Unit;

/**
 * The code addresses of a scope entry (DWARF 5, 2.17): DW_AT_low_pc/high_pc or DW_AT_ranges through
 * .debug_rnglists (DWARF 5, 2.17.3, every DW_RLE kind) or .debug_ranges (DWARF 2-4). Link-time
 * addresses, half-open. A small reader of our own for scope lookup; damaged data reads as no ranges.
 */
final class PcRanges {
    private PcRanges() {
    }

    static final int RLE_end_of_list = 0, RLE_base_addressx = 1, RLE_startx_endx = 2, RLE_startx_length = 3,
            RLE_offset_pair = 4, RLE_base_address = 5, RLE_start_end = 6, RLE_start_length = 7;

    /** Flat {lo0, hi0, lo1, hi1, ...}; empty when the entry has no pc bounds (gdb then ignores it as a block). */
    static long[] of(Die d) {
        try {
            if (d.has(Dw.AT_low_pc) && d.has(Dw.AT_high_pc)) {
                long lo = d.lowPc(), hi = d.highPc();
                return Long.compareUnsigned(hi, lo) > 0 ? new long[] {lo, hi} : new long[0];
            }
            if (d.has(Dw.AT_ranges)) {
                return ranges(d);
            }
        } catch (DwarfException e) {
            // damaged: no ranges
        }
        return new long[0];
    }

    static boolean contains(long[] r, long pc) {
        for (int i = 0; i + 1 < r.length; i += 2) {
            if (Long.compareUnsigned(pc, r[i]) >= 0 && Long.compareUnsigned(pc, r[i + 1]) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The lowest address: gdb's BLOCK_ENTRY_PC is DW_AT_entry_pc, else low_pc, else the start of the first range. */
    static long entryPc(Die d, long[] r) {
        if (d.has(Dw.AT_entry_pc) && !d.isConstant(Dw.AT_entry_pc)) {
            return d.address(Dw.AT_entry_pc, -1);
        }
        if (d.has(Dw.AT_low_pc)) {
            return d.lowPc();
        }
        return r.length == 0 ? -1 : r[0];
    }

    private static long[] ranges(Die d) {
        Unit u = d.unit();
        long value = d.raw(Dw.AT_ranges, 0);
        Die root = u.root();
        long base = root.has(Dw.AT_low_pc) ? root.lowPc() : 0;
        List<Long> out = new ArrayList<>();
        if (u.version() >= 5) {
            if (d.form(Dw.AT_ranges) == Dw.FORM_rnglistx) {
                long rb = u.rnglistsBase() < 0 ? (u.offsetSize() == 8 ? 20 : 12) : u.rnglistsBase();
                Cursor c = u.info().sections().cursor("debug_rnglists", rb);
                c.skip(value * u.offsetSize());
                value = rb + c.offset(u.offsetSize());
            }
            Cursor c = u.info().sections().cursor("debug_rnglists", value);
            int as = u.addressSize();
            while (true) {
                int k = c.u8();
                switch (k) {
                    case RLE_end_of_list -> {
                        return toArray(out);
                    }
                    case RLE_base_addressx -> base = u.addrx(c.uleb());
                    case RLE_startx_endx -> add(out, u.addrx(c.uleb()), u.addrx(c.uleb()));
                    case RLE_startx_length -> {
                        long lo = u.addrx(c.uleb());
                        add(out, lo, lo + c.uleb());
                    }
                    case RLE_offset_pair -> {
                        long lo = c.uleb();
                        add(out, base + lo, base + c.uleb());
                    }
                    case RLE_base_address -> base = c.unsigned(as);
                    case RLE_start_end -> add(out, c.unsigned(as), c.unsigned(as));
                    case RLE_start_length -> {
                        long lo = c.unsigned(as);
                        add(out, lo, lo + c.uleb());
                    }
                    default -> throw c.fail("unknown range list entry kind 0x" + Integer.toHexString(k));
                }
            }
        }
        Cursor c = u.info().sections().cursor("debug_ranges", value);
        int as = u.addressSize();
        long all = as == 8 ? -1L : 0xffff_ffffL;
        while (true) {
            long lo = c.unsigned(as), hi = c.unsigned(as);
            if (lo == all) {
                base = hi;
            } else if (lo == 0 && hi == 0) {
                return toArray(out);
            } else {
                add(out, base + lo, base + hi);
            }
        }
    }

    private static void add(List<Long> out, long lo, long hi) {
        if (Long.compareUnsigned(hi, lo) > 0) {
            out.add(lo);
            out.add(hi);
        }
    }

    private static long[] toArray(List<Long> l) {
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
        }
        return r;
    }
}
