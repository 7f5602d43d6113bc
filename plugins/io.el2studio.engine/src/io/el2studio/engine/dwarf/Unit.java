package io.el2studio.engine.dwarf;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One unit of .debug_info (DWARF 5, 7.5.1; DWARF 2-4 headers too): its header, and its entries, read
 * on first use. A unit whose entries cannot be read is {@link #damaged}: the entries read before the
 * damage stay available and the message says where it is.
 */
public final class Unit {
    private final DwarfInfo info;
    private final long offset;
    private final long end;
    private final int version;
    private final int unitType;
    private final int addressSize;
    private final int offsetSize;
    private final long abbrevOffset;
    private final long firstDie;

    private Map<Long, Abbrev> abbrevs;
    private Die root;
    private Map<Long, Die> dies;
    private String damage;
    private long strOffsetsBase = -1, addrBase = -1, rnglistsBase = -1, loclistsBase = -1;

    Unit(DwarfInfo info, Cursor c) {
        this.info = info;
        this.offset = c.pos();
        int[] os = new int[1];
        long length = c.initialLength(os);
        offsetSize = os[0];
        if (length > c.remaining()) {
            throw c.fail("unit length 0x" + Long.toHexString(length) + " runs past the end of .debug_info");
        }
        end = c.pos() + length;
        version = c.u16();
        if (version < 2 || version > 5) {
            c.seek(end);
            throw new DwarfException(where(offset) + ": unsupported DWARF version " + version);
        }
        if (version >= 5) {
            unitType = c.u8();
            addressSize = c.u8();
            abbrevOffset = c.offset(offsetSize);
            if (unitType == Dw.UT_skeleton || unitType == Dw.UT_split_compile) {
                c.u64(); // dwo_id
            } else if (unitType == Dw.UT_type || unitType == Dw.UT_split_type) {
                c.u64();
                c.offset(offsetSize);
            }
        } else {
            unitType = Dw.UT_compile;
            abbrevOffset = c.offset(offsetSize);
            addressSize = c.u8();
        }
        if (addressSize != 8 && addressSize != 4) {
            c.seek(end);
            throw new DwarfException(where(offset) + ": unsupported address size " + addressSize);
        }
        firstDie = c.pos();
        c.seek(end);
    }

    public DwarfInfo info() {
        return info;
    }

    /** Offset of the unit header in .debug_info. */
    public long offset() {
        return offset;
    }

    /** Offset just past the unit. */
    public long end() {
        return end;
    }

    public int version() {
        return version;
    }

    public int unitType() {
        return unitType;
    }

    public int addressSize() {
        return addressSize;
    }

    public int offsetSize() {
        return offsetSize;
    }

    public boolean contains(long dieOffset) {
        return dieOffset >= firstDie && dieOffset < end;
    }

    String where(long at) {
        return ".debug_info+0x" + Long.toHexString(at);
    }

    /** Null when every entry of the unit was read; otherwise what stopped the reading, and where. */
    public synchronized String damaged() {
        entries();
        return damage;
    }

    /** The unit's first entry (DW_TAG_compile_unit, DW_TAG_partial_unit ...), read alone if the tree is not read yet. */
    public synchronized Die root() {
        if (root == null) {
            if (dies != null) {
                throw new DwarfException(damage != null ? damage : where(firstDie) + ": the unit has no entries");
            }
            Cursor c = info.sections().cursor("debug_info", firstDie);
            c.limit(end);
            root = readOne(c);
            if (root == null) {
                throw new DwarfException(where(firstDie) + ": the unit has no entries");
            }
            readBases(root);
        }
        return root;
    }

    /** The entry at {@code dieOffset} of this unit, or null. */
    public synchronized Die dieAt(long dieOffset) {
        return entries().get(dieOffset);
    }

    /** Every entry of the unit by offset, read on the first call. */
    public synchronized Map<Long, Die> entries() {
        if (dies == null) {
            readTree();
        }
        return dies;
    }

    private void readTree() {
        dies = new HashMap<>();
        try {
            Cursor c = info.sections().cursor("debug_info", firstDie);
            c.limit(end);
            Deque<Die> stack = new ArrayDeque<>();
            Die top = null;
            while (!c.atEnd()) {
                long at = c.pos();
                Die d = readOne(c);
                if (d != null && at == firstDie && root != null) {
                    d = root; // keep the identity of the root handed out before the tree was read
                }
                if (d == null) {
                    if (stack.isEmpty()) {
                        continue; // padding after the last entry
                    }
                    stack.pop();
                    continue;
                }
                dies.put(at, d);
                if (stack.isEmpty()) {
                    if (top != null) {
                        throw new DwarfException(where(at) + ": a second top-level entry in the unit");
                    }
                    top = d;
                } else {
                    stack.peek().addChild(d);
                }
                if (d.hasChildrenFlag) {
                    stack.push(d);
                }
            }
            if (top == null) {
                throw new DwarfException(where(firstDie) + ": the unit has no entries");
            }
            root = top;
            readBases(root);
        } catch (DwarfException e) {
            damage = e.getMessage();
            if (root == null && !dies.isEmpty()) {
                root = dies.get(firstDie);
            }
        }
    }

    private void readBases(Die r) {
        strOffsetsBase = r.raw(Dw.AT_str_offsets_base, -1);
        addrBase = r.raw(Dw.AT_addr_base, -1);
        rnglistsBase = r.raw(Dw.AT_rnglists_base, -1);
        loclistsBase = r.raw(Dw.AT_loclists_base, -1);
    }

    private Map<Long, Abbrev> abbrevs() {
        if (abbrevs == null) {
            abbrevs = info.abbrevTable(abbrevOffset);
        }
        return abbrevs;
    }

    /** Reads one entry at the cursor; null for a null entry (end of siblings). */
    private Die readOne(Cursor c) {
        long at = c.pos();
        long code = c.uleb();
        if (code == 0) {
            return null;
        }
        Abbrev a = abbrevs().get(code);
        if (a == null) {
            throw new DwarfException(where(at) + ": unknown abbreviation code " + code);
        }
        int n = a.attributes().length;
        int[] forms = a.forms();
        long[] values = new long[n];
        Object[] objects = null;
        for (int i = 0; i < n; i++) {
            int form = forms[i];
            if (form == Dw.FORM_indirect) {
                if (forms == a.forms()) {
                    forms = forms.clone();
                }
                form = c.ulebInt();
                forms[i] = form;
            }
            switch (form) {
                case Dw.FORM_string -> {
                    objects = objects == null ? new Object[n] : objects;
                    objects[i] = c.cstring();
                }
                case Dw.FORM_block1 -> {
                    objects = objects == null ? new Object[n] : objects;
                    objects[i] = c.bytes(c.u8());
                }
                case Dw.FORM_block2 -> {
                    objects = objects == null ? new Object[n] : objects;
                    objects[i] = c.bytes(c.u16());
                }
                case Dw.FORM_block4 -> {
                    objects = objects == null ? new Object[n] : objects;
                    objects[i] = c.bytes(c.u32());
                }
                case Dw.FORM_block, Dw.FORM_exprloc -> {
                    objects = objects == null ? new Object[n] : objects;
                    objects[i] = c.bytes(c.uleb());
                }
                case Dw.FORM_data16 -> {
                    objects = objects == null ? new Object[n] : objects;
                    objects[i] = c.bytes(16);
                }
                default -> values[i] = readValue(c, form, a.implicitConsts()[i], at);
            }
        }
        Die d = new Die(this, at, a, forms, values, objects);
        d.hasChildrenFlag = a.hasChildren();
        return d;
    }

    private long readValue(Cursor c, int form, long implicit, long at) {
        return switch (form) {
            case Dw.FORM_addr -> c.unsigned(addressSize);
            case Dw.FORM_data1, Dw.FORM_ref1, Dw.FORM_flag, Dw.FORM_strx1, Dw.FORM_addrx1 -> c.u8();
            case Dw.FORM_data2, Dw.FORM_ref2, Dw.FORM_strx2, Dw.FORM_addrx2 -> c.u16();
            case Dw.FORM_strx3, Dw.FORM_addrx3 -> c.u24();
            case Dw.FORM_data4, Dw.FORM_ref4, Dw.FORM_ref_sup4, Dw.FORM_strx4, Dw.FORM_addrx4 -> c.u32();
            case Dw.FORM_data8, Dw.FORM_ref8, Dw.FORM_ref_sig8, Dw.FORM_ref_sup8 -> c.u64();
            case Dw.FORM_sdata -> c.sleb();
            case Dw.FORM_udata, Dw.FORM_ref_udata, Dw.FORM_strx, Dw.FORM_addrx, Dw.FORM_loclistx, Dw.FORM_rnglistx,
                    Dw.FORM_GNU_addr_index, Dw.FORM_GNU_str_index -> c.uleb();
            case Dw.FORM_strp, Dw.FORM_line_strp, Dw.FORM_sec_offset, Dw.FORM_strp_sup, Dw.FORM_GNU_ref_alt,
                    Dw.FORM_GNU_strp_alt -> c.offset(offsetSize);
            // DWARF 2 wrote ref_addr in the address size, later versions in the offset size (7.5.4)
            case Dw.FORM_ref_addr -> version <= 2 ? c.unsigned(addressSize) : c.offset(offsetSize);
            case Dw.FORM_flag_present -> 1;
            case Dw.FORM_implicit_const -> implicit;
            default -> throw new DwarfException(where(at) + ": unknown attribute form 0x" + Integer.toHexString(form));
        };
    }

    /** A string by index through .debug_str_offsets (DW_FORM_strx*). */
    String strx(long index) {
        long base = strOffsetsBase >= 0 ? strOffsetsBase : 8;
        Cursor c = info.sections().cursor("debug_str_offsets", 0);
        c.seek(base + index * offsetSize);
        return info.strp(c.offset(offsetSize));
    }

    /** An address by index through .debug_addr (DW_FORM_addrx*, DW_OP_addrx). */
    public long addrx(long index) {
        long base = addrBase >= 0 ? addrBase : 8;
        Cursor c = info.sections().cursor("debug_addr", 0);
        c.seek(base + index * addressSize);
        return c.unsigned(addressSize);
    }

    /** DW_AT_rnglists_base of the unit, -1 when absent. */
    public long rnglistsBase() {
        root();
        return rnglistsBase;
    }

    /** DW_AT_loclists_base of the unit, -1 when absent. */
    public long loclistsBase() {
        root();
        return loclistsBase;
    }

    @Override
    public String toString() {
        return "unit@0x" + Long.toHexString(offset) + " v" + version;
    }
}
