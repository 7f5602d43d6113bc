package io.el2studio.engine.dwarf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units of .debug_info with their abbreviations and string sections. Opening reads only the unit
 * headers; a unit's entries are read when first asked for ({@link Unit#entries}). A header that
 * cannot be read ends the list there, recorded in {@link #problems}; the units before it still work.
 */
public final class DwarfInfo {
    private final DwarfSections sections;
    private final List<Unit> units = new ArrayList<>();
    private final Map<Long, Map<Long, Abbrev>> abbrevTables = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    public DwarfInfo(DwarfSections sections) {
        this.sections = sections;
        byte[] info = sections.get("debug_info");
        if (info == null) {
            return;
        }
        Cursor c = new Cursor(".debug_info", info, 0);
        while (c.remaining() > 0) {
            long at = c.pos();
            try {
                units.add(new Unit(this, c));
            } catch (DwarfException e) {
                problems.add(e.getMessage());
                if (c.pos() <= at) {
                    break; // the header itself is unreadable: nothing after it can be found
                }
            }
        }
    }

    public DwarfSections sections() {
        return sections;
    }

    public List<Unit> units() {
        return Collections.unmodifiableList(units);
    }

    /** Problems met reading unit headers (not those inside a unit: see {@link Unit#damaged}). */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The unit that holds the entry at {@code dieOffset}, or null. */
    public Unit unitAt(long dieOffset) {
        int lo = 0, hi = units.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Unit u = units.get(mid);
            if (dieOffset < u.offset()) {
                hi = mid - 1;
            } else if (dieOffset >= u.end()) {
                lo = mid + 1;
            } else {
                return u;
            }
        }
        return null;
    }

    /** The entry at {@code dieOffset} of .debug_info; a reference to no entry is an error. */
    public Die dieAt(long dieOffset) {
        Unit u = unitAt(dieOffset);
        Die d = u == null ? null : u.dieAt(dieOffset);
        if (d == null) {
            throw new DwarfException(".debug_info+0x" + Long.toHexString(dieOffset) + ": a reference to no entry");
        }
        return d;
    }

    synchronized Map<Long, Abbrev> abbrevTable(long offset) {
        Map<Long, Abbrev> t = abbrevTables.get(offset);
        if (t == null) {
            t = Abbrev.readTable(sections.cursor("debug_abbrev", offset));
            abbrevTables.put(offset, t);
        }
        return t;
    }

    /** A string of .debug_str (DW_FORM_strp). */
    public String strp(long offset) {
        return Cursor.stringAt(".debug_str", sections.get("debug_str"), offset);
    }

    /** A string of .debug_line_str (DW_FORM_line_strp). */
    public String lineStrp(long offset) {
        return Cursor.stringAt(".debug_line_str", sections.get("debug_line_str"), offset);
    }
}
