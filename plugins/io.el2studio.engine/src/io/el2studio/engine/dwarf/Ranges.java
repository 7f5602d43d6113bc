package io.el2studio.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * The address ranges of an entry (DWARF 5, 2.17): DW_AT_low_pc/DW_AT_high_pc, or DW_AT_ranges as an
 * offset into .debug_ranges (DWARF 2-4, 2.17.3 of DWARF 4) or .debug_rnglists (DWARF 5, 7.25), or a
 * DW_FORM_rnglistx index through the unit's DW_AT_rnglists_base. Damaged lists throw
 * {@link DwarfException} naming the section and offset; callers record it and go on.
 */
public final class Ranges {
    /** One range [low, high) of link addresses. */
    public record Range(long low, long high) {
        public boolean contains(long pc) {
            return Long.compareUnsigned(pc, low) >= 0 && Long.compareUnsigned(pc, high) < 0;
        }

        public long size() {
            return high - low;
        }
    }

    // DWARF 5, 7.25 Range List Entries
    static final int RLE_end_of_list = 0, RLE_base_addressx = 1, RLE_startx_endx = 2, RLE_startx_length = 3,
            RLE_offset_pair = 4, RLE_base_address = 5, RLE_start_end = 6, RLE_start_length = 7;

    private Ranges() {
    }

    /** The ranges of {@code d}; empty when it has neither DW_AT_low_pc nor DW_AT_ranges. */
    public static List<Range> of(Die d) {
        if (d.has(Dw.AT_ranges)) {
            Unit u = d.unit();
            long v = d.raw(Dw.AT_ranges, 0);
            long base = unitBase(u, d);
            if (d.form(Dw.AT_ranges) == Dw.FORM_rnglistx) {
                return rnglist(u, offsetOfIndex(u, v), base);
            }
            return u.version() >= 5 ? rnglist(u, v, base) : debugRanges(u, v, base);
        }
        long low = d.lowPc();
        if (low == -1 || !d.has(Dw.AT_high_pc)) {
            return List.of();
        }
        long high = d.highPc();
        if (Long.compareUnsigned(high, low) <= 0) {
            return List.of(); // an empty or inverted range covers nothing (gcc emits none, damage can)
        }
        return List.of(new Range(low, high));
    }

    /**
     * The base address that offset pairs are relative to: the unit entry's DW_AT_low_pc (DWARF 5,
     * 2.17.3), 0 when absent. For the unit entry itself that is its own low_pc.
     */
    private static long unitBase(Unit u, Die d) {
        Die root = d.parent == null && d.tag() == Dw.TAG_compile_unit ? d : u.root();
        long low = root.lowPc();
        return low == -1 ? 0 : low;
    }

    /** DW_FORM_rnglistx: the offset table entry {@code index} after DW_AT_rnglists_base (DWARF 5, 7.28). */
    static long offsetOfIndex(Unit u, long index) {
        long base = u.rnglistsBase();
        if (base < 0) {
            base = u.offsetSize() == 8 ? 20 : 12; // just past the first table's header
        }
        Cursor c = u.info().sections().cursor("debug_rnglists", 0);
        c.seek(base + index * u.offsetSize());
        return base + c.offset(u.offsetSize());
    }

    /** A range list of .debug_rnglists at {@code offset} (DWARF 5, 2.17.3 and 7.25). */
    public static List<Range> rnglist(Unit u, long offset, long base) {
        Cursor c = u.info().sections().cursor("debug_rnglists", offset);
        int as = u.addressSize();
        List<Range> out = new ArrayList<>();
        for (int guard = 0; guard < 1_000_000; guard++) {
            int kind = c.u8();
            switch (kind) {
                case RLE_end_of_list -> {
                    return out;
                }
                case RLE_base_addressx -> base = u.addrx(c.uleb());
                case RLE_startx_endx -> add(out, u.addrx(c.uleb()), u.addrx(c.uleb()));
                case RLE_startx_length -> {
                    long s = u.addrx(c.uleb());
                    add(out, s, s + c.uleb());
                }
                case RLE_offset_pair -> {
                    long s = c.uleb(), e = c.uleb();
                    add(out, base + s, base + e);
                }
                case RLE_base_address -> base = c.unsigned(as);
                case RLE_start_end -> add(out, c.unsigned(as), c.unsigned(as));
                case RLE_start_length -> {
                    long s = c.unsigned(as);
                    add(out, s, s + c.uleb());
                }
                default -> throw c.fail("unknown range list entry kind 0x" + Integer.toHexString(kind));
            }
        }
        throw c.fail("range list does not end");
    }

    /** A range list of .debug_ranges at {@code offset} (DWARF 4, 2.17.3): address pairs, base selection entries. */
    public static List<Range> debugRanges(Unit u, long offset, long base) {
        Cursor c = u.info().sections().cursor("debug_ranges", offset);
        int as = u.addressSize();
        long max = as == 8 ? -1L : 0xffff_ffffL;
        List<Range> out = new ArrayList<>();
        for (int guard = 0; guard < 1_000_000; guard++) {
            long s = c.unsigned(as), e = c.unsigned(as);
            if (s == 0 && e == 0) {
                return out;
            }
            if (s == max) {
                base = e; // base address selection entry
            } else {
                add(out, base + s, base + e);
            }
        }
        throw c.fail("range list does not end");
    }

    /**
     * Walks the chain of range list tables of .debug_rnglists (DWARF 5, 7.28: each with its header),
     * so that a damaged or truncated section is reported even where no unit has asked for a list yet.
     * Returns what is wrong, or null.
     */
    public static String checkRnglistsTables(byte[] data) {
        if (data == null) {
            return null;
        }
        Cursor c = new Cursor(".debug_rnglists", data, 0);
        try {
            while (c.remaining() > 0) {
                int[] os = new int[1];
                long length = c.initialLength(os);
                if (length > c.remaining()) {
                    throw c.fail("table length 0x" + Long.toHexString(length) + " runs past the end of the section ("
                            + c.remaining() + " bytes left)");
                }
                long end = c.pos() + length;
                int version = c.u16();
                if (version != 5) {
                    throw c.fail("unsupported range list table version " + version);
                }
                c.seek(end);
            }
            return null;
        } catch (DwarfException e) {
            return e.getMessage();
        }
    }

    private static void add(List<Range> out, long s, long e) {
        if (Long.compareUnsigned(e, s) > 0) {
            out.add(new Range(s, e));
        }
    }
}
