package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.engine.dwarf.Cursor;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfException;
import io.el2studio.engine.dwarf.Unit;

/**
 * A location list (DWARF 5, 2.6.2): the entries of .debug_loclists (DWARF 5, every DW_LLE kind and
 * gcc's DW_LLE_GNU_view_pair) or .debug_loc (DWARF 2-4, with base address selection entries) that a
 * DW_AT_location or DW_AT_frame_base of class loclist / loclistptr names, as link-time addresses.
 * Reading bad bytes throws {@link DwarfException} naming the section and offset; {@link #read} keeps
 * the entries before the damage and says where it is in {@link #damage()}.
 */
public final class LocationList {
    /** DW_LLE_* (DWARF 5, 7.7.3). */
    static final int LLE_end_of_list = 0, LLE_base_addressx = 1, LLE_startx_endx = 2, LLE_startx_length = 3,
            LLE_offset_pair = 4, LLE_default_location = 5, LLE_base_address = 6, LLE_start_end = 7,
            LLE_start_length = 8, LLE_GNU_view_pair = 9;

    /** What an entry is: a range with its expression, a new base address (gdb prints it), or the default. */
    public enum Kind { RANGE, BASE_ADDRESS, DEFAULT }

    /**
     * One entry: {@code [low, high)} in link addresses (offset pairs already based), the expression bytes.
     * For {@link Kind#BASE_ADDRESS} low is the new base and there is no expression.
     */
    public record Entry(Kind kind, long low, long high, byte[] expression) {
    }

    private final List<Entry> entries;
    private final String damage;
    private final String section;
    private final long offset;

    private LocationList(List<Entry> entries, String damage, String section, long offset) {
        this.entries = List.copyOf(entries);
        this.damage = damage;
        this.section = section;
        this.offset = offset;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Null when the list was read to its end; otherwise what stopped the reading. */
    public String damage() {
        return damage;
    }

    /** "debug_loclists" or "debug_loc", and the list's offset there. */
    public String section() {
        return section;
    }

    public long offset() {
        return offset;
    }

    /** True when {@code die}'s attribute {@code at} is a location list rather than one expression. */
    public static boolean isList(Die die, int at) {
        if (!die.has(at) || die.isBlock(at)) {
            return false;
        }
        int f = die.form(at);
        // DWARF 2/3 wrote loclistptr as data4/data8 (7.5.4: class loclistptr)
        return f == Dw.FORM_sec_offset || f == Dw.FORM_loclistx || f == Dw.FORM_data4 || f == Dw.FORM_data8;
    }

    /** The location list of {@code die}'s attribute {@code at} (DW_AT_location, DW_AT_frame_base ...). */
    public static LocationList read(Die die, int at) {
        Unit u = die.unit();
        long value = die.raw(at, -1);
        if (die.form(at) == Dw.FORM_loclistx) {
            // DWARF 5, 7.29: the index selects an offset (relative to DW_AT_loclists_base) in the offsets table
            long base = u.loclistsBase();
            if (base < 0) {
                base = u.offsetSize() == 8 ? 20 : 12; // the first table's header, as gdb assumes without the attribute
            }
            Cursor c = u.info().sections().cursor("debug_loclists", base);
            c.skip(value * u.offsetSize());
            value = base + c.offset(u.offsetSize());
        }
        return read(u, value, cuBase(u));
    }

    /**
     * The list at {@code offset} of the unit's location list section (.debug_loclists for DWARF 5,
     * .debug_loc before), with {@code base} as the initial base address (the unit's DW_AT_low_pc).
     */
    public static LocationList read(Unit u, long offset, long base) {
        boolean v5 = u.version() >= 5;
        String section = v5 ? "debug_loclists" : "debug_loc";
        List<Entry> out = new ArrayList<>();
        try {
            Cursor c = u.info().sections().cursor(section, offset);
            if (v5) {
                readLoclists(u, c, base, out);
            } else {
                readLoc(u, c, base, out);
            }
            return new LocationList(out, null, section, offset);
        } catch (DwarfException e) {
            return new LocationList(out, e.getMessage(), section, offset);
        }
    }

    /** The unit's base address for location lists (DWARF 5, 3.1.1: DW_AT_low_pc of the unit entry, else 0). */
    static long cuBase(Unit u) {
        long b = u.root().lowPc();
        return b < 0 ? 0 : b;
    }

    private static void readLoclists(Unit u, Cursor c, long base, List<Entry> out) {
        int as = u.addressSize();
        while (true) {
            int kind = c.u8();
            switch (kind) {
                case LLE_end_of_list -> {
                    return;
                }
                case LLE_base_addressx -> {
                    base = u.addrx(c.uleb());
                    out.add(new Entry(Kind.BASE_ADDRESS, base, base, null));
                }
                case LLE_startx_endx -> {
                    long lo = u.addrx(c.uleb());
                    long hi = u.addrx(c.uleb());
                    out.add(new Entry(Kind.RANGE, lo, hi, c.bytes(c.uleb())));
                }
                case LLE_startx_length -> {
                    long lo = u.addrx(c.uleb());
                    long len = c.uleb();
                    out.add(new Entry(Kind.RANGE, lo, lo + len, c.bytes(c.uleb())));
                }
                case LLE_offset_pair -> {
                    long lo = c.uleb();
                    long hi = c.uleb();
                    out.add(new Entry(Kind.RANGE, base + lo, base + hi, c.bytes(c.uleb())));
                }
                case LLE_default_location -> out.add(new Entry(Kind.DEFAULT, 0, -1, c.bytes(c.uleb())));
                case LLE_base_address -> {
                    base = c.unsigned(as);
                    out.add(new Entry(Kind.BASE_ADDRESS, base, base, null));
                }
                case LLE_start_end -> {
                    long lo = c.unsigned(as);
                    long hi = c.unsigned(as);
                    out.add(new Entry(Kind.RANGE, lo, hi, c.bytes(c.uleb())));
                }
                case LLE_start_length -> {
                    long lo = c.unsigned(as);
                    long len = c.uleb();
                    out.add(new Entry(Kind.RANGE, lo, lo + len, c.bytes(c.uleb())));
                }
                case LLE_GNU_view_pair -> {
                    // gcc's location views (begin and end view numbers of the next entry); no address meaning
                    c.uleb();
                    c.uleb();
                }
                default -> throw new DwarfException(c.section() + "+0x" + Integer.toHexString(c.pos() - 1)
                        + ": unknown location list entry kind 0x" + Integer.toHexString(kind));
            }
        }
    }

    private static void readLoc(Unit u, Cursor c, long base, List<Entry> out) {
        int as = u.addressSize();
        long all = as == 8 ? -1L : 0xffff_ffffL;
        while (true) {
            long lo = c.unsigned(as);
            long hi = c.unsigned(as);
            if (lo == all) {
                // a base address selection entry (DWARF 4, 2.6.2)
                base = hi;
                out.add(new Entry(Kind.BASE_ADDRESS, base, base, null));
                continue;
            }
            if (lo == 0 && hi == 0) {
                return;
            }
            byte[] expr = c.bytes(c.u16());
            out.add(new Entry(Kind.RANGE, base + lo, base + hi, expr));
        }
    }

    /**
     * The expression that applies at link-time address {@code pc}: the first range holding it, an empty
     * range at {@code functionEntry} when pc is that entry (gdb's rule for entry-pc records), else the
     * default entry; null when none does (the value is optimized out there).
     */
    public byte[] expressionAt(long pc, long functionEntry) {
        byte[] dflt = null;
        for (Entry e : entries) {
            switch (e.kind()) {
                case RANGE -> {
                    if (Long.compareUnsigned(pc, e.low()) >= 0 && Long.compareUnsigned(pc, e.high()) < 0) {
                        return e.expression();
                    }
                    if (e.low() == e.high() && pc == e.low() && pc == functionEntry) {
                        return e.expression();
                    }
                }
                case DEFAULT -> dflt = dflt == null ? e.expression() : dflt;
                default -> {
                }
            }
        }
        return dflt;
    }
}
