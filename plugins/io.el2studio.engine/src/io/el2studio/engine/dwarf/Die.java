package io.el2studio.engine.dwarf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A debugging information entry (DWARF 5, 2.1): tag, attributes and children. Values are kept as read
 * (a constant, an offset, an index) and interpreted on access, so strings, addresses and references
 * cost nothing until asked for; {@code strx}/{@code addrx} forms use the unit's bases.
 *
 * <p>Attributes that gcc places on an abstract instance or a declaration are reached by the
 * {@code *Inherited} accessors, which follow DW_AT_abstract_origin and DW_AT_specification as gdb does.
 */
public final class Die {
    private static final int MAX_ORIGIN_DEPTH = 8;

    private final Unit unit;
    private final long offset;
    private final Abbrev abbrev;
    private final int[] forms;
    private final long[] values;
    private final Object[] objects;
    Die parent;
    List<Die> children = List.of();
    boolean hasChildrenFlag;

    Die(Unit unit, long offset, Abbrev abbrev, int[] forms, long[] values, Object[] objects) {
        this.unit = unit;
        this.offset = offset;
        this.abbrev = abbrev;
        this.forms = forms;
        this.values = values;
        this.objects = objects;
    }

    void addChild(Die d) {
        if (children.isEmpty()) {
            children = new ArrayList<>(4);
        }
        children.add(d);
        d.parent = this;
    }

    public Unit unit() {
        return unit;
    }

    /** Offset of this entry in .debug_info. */
    public long offset() {
        return offset;
    }

    public int tag() {
        return abbrev.tag();
    }

    public Die parent() {
        return parent;
    }

    public List<Die> children() {
        return Collections.unmodifiableList(children);
    }

    private int index(int at) {
        int[] a = abbrev.attributes();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == at) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(int at) {
        return index(at) >= 0;
    }

    /** The attribute's form (after DW_FORM_indirect), or 0 when absent. */
    public int form(int at) {
        int i = index(at);
        return i < 0 ? 0 : forms[i];
    }

    /** Attribute codes in the order of the abbreviation. */
    public int[] attributes() {
        return abbrev.attributes().clone();
    }

    /** True for the constant classes (data1..8, sdata, udata, implicit_const). */
    public boolean isConstant(int at) {
        return switch (form(at)) {
            case Dw.FORM_data1, Dw.FORM_data2, Dw.FORM_data4, Dw.FORM_data8, Dw.FORM_sdata, Dw.FORM_udata,
                    Dw.FORM_implicit_const -> true;
            default -> false;
        };
    }

    /** True when the attribute is an expression or block (exprloc, block*). */
    public boolean isBlock(int at) {
        int i = index(at);
        return i >= 0 && objects != null && objects[i] instanceof byte[];
    }

    /** The raw stored value: constant, offset, index or address, as read; {@code dflt} when absent. */
    public long raw(int at, long dflt) {
        int i = index(at);
        return i < 0 ? dflt : values[i];
    }

    /** An unsigned constant (or flag, offset); {@code dflt} when absent. */
    public long unsigned(int at, long dflt) {
        return raw(at, dflt);
    }

    /**
     * A signed constant: data1/2/4 are sign-extended from their size (gdb reads DW_AT_const_value and
     * bounds of signed types this way), sdata and implicit_const are signed already.
     */
    public long signed(int at, long dflt) {
        int i = index(at);
        if (i < 0) {
            return dflt;
        }
        return switch (forms[i]) {
            case Dw.FORM_data1 -> (byte) values[i];
            case Dw.FORM_data2 -> (short) values[i];
            case Dw.FORM_data4 -> (int) values[i];
            default -> values[i];
        };
    }

    public boolean flag(int at) {
        int i = index(at);
        return i >= 0 && (forms[i] == Dw.FORM_flag_present || values[i] != 0);
    }

    /** The attribute's block or expression bytes (exprloc, block*, data16), or null. */
    public byte[] block(int at) {
        int i = index(at);
        return i < 0 || objects == null || !(objects[i] instanceof byte[] b) ? null : b;
    }

    /** A string attribute (string, strp, line_strp, strx*), or null when absent. */
    public String string(int at) {
        int i = index(at);
        if (i < 0) {
            return null;
        }
        return switch (forms[i]) {
            case Dw.FORM_string -> (String) objects[i];
            case Dw.FORM_strp -> unit.info().strp(values[i]);
            case Dw.FORM_line_strp -> unit.info().lineStrp(values[i]);
            case Dw.FORM_strx, Dw.FORM_strx1, Dw.FORM_strx2, Dw.FORM_strx3, Dw.FORM_strx4, Dw.FORM_GNU_str_index ->
                unit.strx(values[i]);
            case Dw.FORM_strp_sup, Dw.FORM_GNU_strp_alt -> throw new DwarfException(
                    "a string in a supplementary object file (dwz) is not supported");
            default -> throw new DwarfException(unit.where(offset) + ": attribute 0x" + Integer.toHexString(abbrev.attributes()[i])
                    + " is not a string (form 0x" + Integer.toHexString(forms[i]) + ")");
        };
    }

    public String name() {
        return string(Dw.AT_name);
    }

    /** An address attribute (addr, addrx*), or {@code dflt}. */
    public long address(int at, long dflt) {
        int i = index(at);
        if (i < 0) {
            return dflt;
        }
        return switch (forms[i]) {
            case Dw.FORM_addrx, Dw.FORM_addrx1, Dw.FORM_addrx2, Dw.FORM_addrx3, Dw.FORM_addrx4, Dw.FORM_GNU_addr_index ->
                unit.addrx(values[i]);
            default -> values[i];
        };
    }

    /** DW_AT_low_pc, or -1 when absent. */
    public long lowPc() {
        return has(Dw.AT_low_pc) ? address(Dw.AT_low_pc, 0) : -1;
    }

    /** DW_AT_high_pc as an address (DWARF 4+: a constant is an offset from low_pc), or -1 when absent. */
    public long highPc() {
        int i = index(Dw.AT_high_pc);
        if (i < 0) {
            return -1;
        }
        return isConstant(Dw.AT_high_pc) ? lowPc() + values[i] : address(Dw.AT_high_pc, -1);
    }

    /** The entry a reference attribute points to (ref1..8, ref_udata within the unit; ref_addr anywhere), or null. */
    public Die ref(int at) {
        int i = index(at);
        if (i < 0) {
            return null;
        }
        long target = switch (forms[i]) {
            case Dw.FORM_ref1, Dw.FORM_ref2, Dw.FORM_ref4, Dw.FORM_ref8, Dw.FORM_ref_udata -> unit.offset() + values[i];
            case Dw.FORM_ref_addr -> values[i];
            case Dw.FORM_ref_sig8 -> throw new DwarfException(unit.where(offset) + ": type unit references (DW_FORM_ref_sig8) are not supported");
            case Dw.FORM_GNU_ref_alt, Dw.FORM_ref_sup4, Dw.FORM_ref_sup8 -> throw new DwarfException(
                    unit.where(offset) + ": references into a supplementary object file (dwz) are not supported");
            default -> throw new DwarfException(unit.where(offset) + ": attribute 0x" + Integer.toHexString(at) + " is not a reference");
        };
        return unit.info().dieAt(target);
    }

    /** DW_AT_abstract_origin, else DW_AT_specification, else null. */
    public Die origin() {
        Die d = ref(Dw.AT_abstract_origin);
        return d != null ? d : ref(Dw.AT_specification);
    }

    /** The entry that carries {@code at}: this one, or the nearest along abstract_origin/specification; null if none. */
    public Die withInherited(int at) {
        Die d = this;
        for (int depth = 0; d != null && depth < MAX_ORIGIN_DEPTH; depth++) {
            if (d.has(at)) {
                return d;
            }
            d = d.origin();
        }
        return null;
    }

    /** DW_AT_name here or on the abstract origin / specification. */
    public String nameInherited() {
        Die d = withInherited(Dw.AT_name);
        return d == null ? null : d.name();
    }

    /** DW_AT_type here or on the abstract origin / specification (null: void). */
    public Die typeInherited() {
        Die d = withInherited(Dw.AT_type);
        return d == null ? null : d.ref(Dw.AT_type);
    }

    @Override
    public String toString() {
        String n = has(Dw.AT_name) ? " " + name() : "";
        return Dw.tagName(tag()) + "<0x" + Long.toHexString(offset) + ">" + n;
    }
}
