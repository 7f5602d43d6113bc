package io.el2studio.engine.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * The .debug_aranges lookup table (DWARF 5, 6.1.2): address ranges, each naming the offset of its unit
 * in .debug_info. A damaged set ends the reading there ({@link #problems}); the sets before it are kept.
 */
public final class Aranges {
    /** One range [low, high) of unit {@code unitOffset}. */
    public record Entry(long low, long high, long unitOffset) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public Aranges(byte[] data) {
        if (data == null) {
            return;
        }
        Cursor c = new Cursor(".debug_aranges", data, 0);
        while (c.remaining() > 0) {
            long setStart = c.pos();
            try {
                int[] os = new int[1];
                long length = c.initialLength(os);
                if (length > c.remaining()) {
                    throw c.fail("set length 0x" + Long.toHexString(length) + " runs past the end of the section");
                }
                long end = c.pos() + length;
                int version = c.u16();
                if (version != 2) {
                    throw c.fail("unsupported .debug_aranges version " + version);
                }
                long unit = c.offset(os[0]);
                int as = c.u8();
                int seg = c.u8();
                if (as != 4 && as != 8 || seg != 0) {
                    throw c.fail("unsupported address size " + as + " / segment selector size " + seg);
                }
                // tuples start at a multiple of twice the address size from the set's start (6.1.2)
                long tuple = 2L * as;
                long at = c.pos() - setStart;
                c.skip((tuple - at % tuple) % tuple);
                Cursor t = new Cursor(".debug_aranges", data, c.pos(), (int) end);
                while (t.remaining() >= tuple) {
                    long lo = t.unsigned(as), len = t.unsigned(as);
                    if (lo == 0 && len == 0) {
                        break;
                    }
                    if (len != 0) {
                        entries.add(new Entry(lo, lo + len, unit));
                    }
                }
                c.seek(end);
            } catch (DwarfException e) {
                problems.add(e.getMessage());
                break;
            }
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<String> problems() {
        return problems;
    }
}
