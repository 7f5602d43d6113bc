package io.el2studio.engine.types;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.types.Type.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The types of one ELF's DWARF (one per {@link DwarfInfo}, so one per symbol file), read from type
 * entries on demand and cached by entry offset (DWARF 5, 5). A type is entered in the cache before its
 * parts are read, so cycles through pointers, typedefs or damaged references end instead of recursing.
 * Nothing here throws for damaged information: the type becomes {@link Kind#ERROR} and the problem is
 * recorded in {@link #problems()}.
 */
public final class Types {
    private static final Map<DwarfInfo, Types> BY_INFO = new WeakHashMap<>();

    private final DwarfInfo info;
    private final Map<Long, Type> cache = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Map<String, Die> byName;

    public Types(DwarfInfo info) {
        this.info = info;
    }

    /** The shared instance for {@code info} (types are file-derived, so they may be kept across stops). */
    public static synchronized Types of(DwarfInfo info) {
        return BY_INFO.computeIfAbsent(info, Types::new);
    }

    public DwarfInfo info() {
        return info;
    }

    public synchronized List<String> problems() {
        return Collections.unmodifiableList(new ArrayList<>(problems));
    }

    /** The type an entry's DW_AT_type names (void when absent, as DWARF 5 5.2 says of a missing type). */
    public Type typeOfAttribute(Die owner) {
        if (owner == null) {
            return Type.VOID_TYPE;
        }
        try {
            Die t = owner.ref(Dw.AT_type);
            return t == null ? Type.VOID_TYPE : type(t);
        } catch (RuntimeException e) {
            return broken(e.getMessage());
        }
    }

    /** The type described by the type entry {@code die} (null: void). */
    public synchronized Type type(Die die) {
        if (die == null) {
            return Type.VOID_TYPE;
        }
        Type cached = cache.get(die.offset());
        if (cached != null) {
            return cached;
        }
        try {
            return read(die);
        } catch (RuntimeException e) {
            Type err = broken(die + ": " + e.getMessage());
            cache.put(die.offset(), err);
            return err;
        }
    }

    /**
     * The type of a function entry (DW_TAG_subprogram) as gdb shows it for the function's value:
     * {@code int (struct vcpu *, u64)}.
     */
    public synchronized Type functionType(Die subprogram) {
        Type cached = cache.get(subprogram.offset());
        if (cached != null) {
            return cached;
        }
        try {
            Type t = new Type(Kind.FUNCTION);
            t.dieOffset = subprogram.offset();
            cache.put(subprogram.offset(), t);
            Die d = subprogram;
            Die withType = subprogram.withInherited(Dw.AT_type);
            t.target = withType == null ? Type.VOID_TYPE : typeOfAttribute(withType);
            Die proto = subprogram.withInherited(Dw.AT_prototyped);
            t.prototyped = prototyped(proto != null ? proto : subprogram);
            // the parameters are the children of the entry that has them (a concrete instance may have
            // only an abstract origin)
            Die withKids = d;
            for (int i = 0; i < 8 && withKids != null && !hasParams(withKids) && withKids.origin() != null; i++) {
                withKids = withKids.origin();
            }
            readParams(t, withKids == null ? d : withKids);
            return t;
        } catch (RuntimeException e) {
            return broken(subprogram + ": " + e.getMessage());
        }
    }

    private static boolean hasParams(Die d) {
        for (Die c : d.children()) {
            if (c.tag() == Dw.TAG_formal_parameter || c.tag() == Dw.TAG_unspecified_parameters) {
                return true;
            }
        }
        return false;
    }

    private Type broken(String why) {
        synchronized (this) {
            if (problems.size() < 1000) {
                problems.add(why);
            }
        }
        return Type.error(why);
    }

    private Type read(Die die) {
        long off = die.offset();
        int tag = die.tag();
        Type t;
        switch (tag) {
            case Dw.TAG_base_type -> {
                t = Type.base(die.name(), die.unsigned(Dw.AT_byte_size, -1), (int) die.unsigned(Dw.AT_encoding, 0));
                cache.put(off, t);
            }
            case Dw.TAG_pointer_type, Dw.TAG_reference_type -> {
                t = new Type(tag == Dw.TAG_pointer_type ? Kind.POINTER : Kind.REFERENCE);
                t.size = die.unsigned(Dw.AT_byte_size, die.unit().addressSize());
                cache.put(off, t);
                t.target = typeOfAttribute(die);
            }
            case Dw.TAG_typedef -> {
                t = Type.named(Kind.TYPEDEF, die.name(), -1);
                cache.put(off, t);
                t.target = typeOfAttribute(die);
            }
            case Dw.TAG_const_type, Dw.TAG_volatile_type, Dw.TAG_restrict_type, Dw.TAG_atomic_type -> {
                t = new Type(Kind.QUALIFIED);
                t.qualifiers = switch (tag) {
                    case Dw.TAG_const_type -> Type.CONST;
                    case Dw.TAG_volatile_type -> Type.VOLATILE;
                    case Dw.TAG_restrict_type -> Type.RESTRICT;
                    default -> Type.ATOMIC;
                };
                cache.put(off, t);
                t.target = typeOfAttribute(die);
            }
            case Dw.TAG_structure_type, Dw.TAG_union_type, Dw.TAG_class_type -> {
                if (die.flag(Dw.AT_declaration) && die.name() != null) {
                    // an opaque `struct foo;`: gdb resolves it to the definition of the same name
                    Type full = lookupTag(tag, die.name(), off);
                    if (full != null) {
                        cache.put(off, full);
                        return full;
                    }
                }
                t = Type.named(tag == Dw.TAG_structure_type ? Kind.STRUCT : tag == Dw.TAG_union_type ? Kind.UNION : Kind.CLASS,
                        die.name(), die.unsigned(Dw.AT_byte_size, -1));
                t.declaration = die.flag(Dw.AT_declaration);
                cache.put(off, t);
                t.setMembers(() -> readMembers(die));
            }
            case Dw.TAG_enumeration_type -> {
                if (die.flag(Dw.AT_declaration) && die.name() != null) {
                    Type full = lookupTag(tag, die.name(), off);
                    if (full != null) {
                        cache.put(off, full);
                        return full;
                    }
                }
                t = Type.named(Kind.ENUM, die.name(), die.unsigned(Dw.AT_byte_size, -1));
                t.declaration = die.flag(Dw.AT_declaration);
                cache.put(off, t);
                t.target = die.has(Dw.AT_type) ? typeOfAttribute(die) : null;
                readEnumerators(t, die);
            }
            case Dw.TAG_array_type -> {
                t = new Type(Kind.ARRAY);
                cache.put(off, t);
                readArray(t, die);
            }
            case Dw.TAG_subroutine_type -> {
                t = new Type(Kind.FUNCTION);
                cache.put(off, t);
                t.target = typeOfAttribute(die);
                t.prototyped = prototyped(die);
                readParams(t, die);
            }
            case Dw.TAG_unspecified_type -> {
                t = Type.named(Kind.UNSPECIFIED, die.name(), 0);
                cache.put(off, t);
            }
            case Dw.TAG_subprogram -> {
                return functionType(die);
            }
            default -> {
                t = broken(die + ": not a type entry");
                cache.put(off, t);
            }
        }
        t.dieOffset = off;
        return t;
    }

    private void readParams(Type t, Die die) {
        List<Type> params = new ArrayList<>();
        for (Die c : die.children()) {
            if (c.tag() == Dw.TAG_formal_parameter) {
                params.add(typeOfAttribute(c.withInherited(Dw.AT_type) == null ? c : c.withInherited(Dw.AT_type)));
            } else if (c.tag() == Dw.TAG_unspecified_parameters) {
                t.varargs = true;
            }
        }
        t.params = List.copyOf(params);
    }

    private void readEnumerators(Type t, Die die) {
        boolean unsignedBase = t.target != null && t.target.isIntegral() && !t.target.isSigned();
        List<Type.Enumerator> list = new ArrayList<>();
        boolean flag = true, unsigned = true;
        long mask = 0;
        for (Die c : die.children()) {
            if (c.tag() != Dw.TAG_enumerator) {
                continue;
            }
            long v = unsignedBase ? c.unsigned(Dw.AT_const_value, 0) : c.signed(Dw.AT_const_value, 0);
            list.add(new Type.Enumerator(c.name(), v));
            // gdb's flag-enum test (dwarf2/read.c, update_enumeration_type_from_children): no negative
            // value, no value of two or more bits, no bit in two values
            if (v < 0 && !unsignedBase) {
                unsigned = false;
                flag = false;
            } else if (Long.bitCount(v) >= 2 || (mask & v) != 0) {
                flag = false;
            } else {
                mask |= v;
            }
        }
        t.enumerators = List.copyOf(list);
        t.flagEnum = flag;
        t.unsignedEnum = unsigned;
    }

    private void readArray(Type t, Die die) {
        Type elem = typeOfAttribute(die);
        List<long[]> dims = new ArrayList<>();
        for (Die c : die.children()) {
            if (c.tag() == Dw.TAG_subrange_type || c.tag() == Dw.TAG_enumeration_type) {
                long lower = !c.isConstant(Dw.AT_lower_bound) ? 0
                        : signedBounds(c) ? c.signed(Dw.AT_lower_bound, 0) : c.unsigned(Dw.AT_lower_bound, 0);
                long count = -1;
                if (c.isConstant(Dw.AT_count)) {
                    count = c.unsigned(Dw.AT_count, -1);
                } else if (c.isConstant(Dw.AT_upper_bound)) {
                    // gcc writes `int x[0]` with upper bound -1 and a flexible member with no bound at all
                    // a constant bound has the signedness of the subrange's type (DWARF 5 5.13; gcc's is sizetype)
                    long upper = signedBounds(c) ? c.signed(Dw.AT_upper_bound, -1) : c.unsigned(Dw.AT_upper_bound, -1);
                    count = upper - lower + 1;
                }
                if (count < 0) {
                    count = -1;
                }
                dims.add(new long[] { count, lower });
            }
        }
        if (dims.isEmpty()) {
            dims.add(new long[] { -1, 0 });
        }
        // DWARF 5 5.5: the first subrange is the outermost (row-major) dimension
        Type inner = elem;
        for (int i = dims.size() - 1; i >= 1; i--) {
            inner = Type.arrayOf(inner, dims.get(i)[0]);
            inner.lowerBound = dims.get(i)[1];
        }
        t.target = inner;
        t.count = dims.get(0)[0];
        t.lowerBound = dims.get(0)[1];
    }

    private boolean signedBounds(Die subrange) {
        if (!subrange.has(Dw.AT_type)) {
            return false;
        }
        Type t = typeOfAttribute(subrange);
        return t.isIntegral() && t.isSigned();
    }

    /**
     * gdb's prototyped_function_p: DW_AT_prototyped, or any language other than C and Objective C
     * (an assembler unit's functions are {@code void (void)}).
     */
    private static boolean prototyped(Die die) {
        if (die.flag(Dw.AT_prototyped)) {
            return true;
        }
        try {
            long lang = die.unit().root().unsigned(Dw.AT_language, 0x0c);
            return !(lang == 0x01 || lang == 0x02 || lang == 0x0c || lang == 0x1d || lang == 0x2c || lang == 0x10);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<Type.Member> readMembers(Die die) {
        List<Type.Member> out = new ArrayList<>();
        boolean union = die.tag() == Dw.TAG_union_type;
        for (Die c : die.children()) {
            if (c.tag() != Dw.TAG_member) {
                continue;
            }
            Type mt = typeOfAttribute(c);
            long loc = union ? 0 : memberLocation(c);
            int bitSize = (int) Math.max(0, Math.min(64, c.unsigned(Dw.AT_bit_size, 0)));
            long bitPos = loc * 8;
            if (bitSize > 0) {
                if (c.has(Dw.AT_data_bit_offset)) {
                    bitPos = c.unsigned(Dw.AT_data_bit_offset, 0); // DWARF 4+: from the start of the struct
                } else if (c.has(Dw.AT_bit_offset)) {
                    // DWARF 2/3: bit_offset counts from the most significant bit of a storage unit of
                    // byte_size bytes at data_member_location; on a little-endian target the LSB-based
                    // position is the unit's width minus bit_offset minus bit_size (DWARF 3, 5.6.6)
                    long unit = c.unsigned(Dw.AT_byte_size, Math.max(1, mt.sizeOf()));
                    bitPos = loc * 8 + unit * 8 - c.signed(Dw.AT_bit_offset, 0) - bitSize;
                }
            }
            long byteOffset = bitSize > 0 ? Math.floorDiv(bitPos, 8) : loc;
            out.add(new Type.Member(c.name(), mt, byteOffset, bitSize, bitPos));
        }
        return out;
    }

    /** DW_AT_data_member_location as a constant (DWARF 4+) or the expression gcc 2-3 wrote (DW_OP_plus_uconst N). */
    private static long memberLocation(Die c) {
        if (!c.has(Dw.AT_data_member_location)) {
            return 0;
        }
        if (c.isConstant(Dw.AT_data_member_location)) {
            return c.unsigned(Dw.AT_data_member_location, 0);
        }
        byte[] b = c.block(Dw.AT_data_member_location);
        if (b == null || b.length == 0) {
            return 0;
        }
        int[] pos = { 0 };
        long stack = 0;
        while (pos[0] < b.length) {
            int op = b[pos[0]++] & 0xff;
            switch (op) {
                case 0x23 -> stack += uleb(b, pos); // DW_OP_plus_uconst
                case 0x10 -> stack = uleb(b, pos); // DW_OP_constu
                case 0x22 -> { // DW_OP_plus after a constant: the constant was the offset
                }
                default -> {
                    return stack;
                }
            }
        }
        return stack;
    }

    private static long uleb(byte[] b, int[] pos) {
        long v = 0;
        int shift = 0;
        while (pos[0] < b.length && shift < 64) {
            int x = b[pos[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            shift += 7;
            if ((x & 0x80) == 0) {
                break;
            }
        }
        return v;
    }

    // ---- by name ----

    /**
     * A named type for a cast or sizeof: {@code struct vcpu}, {@code union esr}, {@code enum vm_state},
     * a typedef name; C's own type names ({@code unsigned long}) come from {@link BuiltinTypes}. Null
     * when the file declares no such type.
     */
    public synchronized Type lookup(String name) {
        String key = name.strip().replaceAll("\\s+", " ");
        Die d = index().get(key);
        return d == null ? null : type(d);
    }

    private Type lookupTag(int tag, String name, long except) {
        String kw = tag == Dw.TAG_structure_type ? "struct " : tag == Dw.TAG_union_type ? "union " : tag == Dw.TAG_class_type ? "class " : "enum ";
        Die d = index().get(kw + name);
        return d == null || d.offset() == except || d.flag(Dw.AT_declaration) ? null : type(d);
    }

    private Map<String, Die> index() {
        if (byName == null) {
            byName = new HashMap<>();
            for (Unit u : info.units()) {
                try {
                    u.entries();
                    Die root = u.root();
                    indexChildren(root, 0);
                } catch (RuntimeException e) {
                    broken(u + ": " + e.getMessage());
                }
            }
        }
        return byName;
    }

    private void indexChildren(Die parent, int depth) {
        for (Die c : parent.children()) {
            String n;
            try {
                n = c.name();
            } catch (RuntimeException e) {
                continue;
            }
            String key = switch (c.tag()) {
                case Dw.TAG_structure_type -> n == null ? null : "struct " + n;
                case Dw.TAG_union_type -> n == null ? null : "union " + n;
                case Dw.TAG_class_type -> n == null ? null : "class " + n;
                case Dw.TAG_enumeration_type -> n == null ? null : "enum " + n;
                case Dw.TAG_typedef, Dw.TAG_base_type -> n;
                default -> null;
            };
            if (key != null) {
                Die old = byName.get(key);
                if (old == null || old.flag(Dw.AT_declaration) && !c.flag(Dw.AT_declaration)) {
                    byName.put(key, c);
                }
            }
            // types declared inside functions are found too (gdb would prefer the innermost scope)
            if (depth < 4 && (c.tag() == Dw.TAG_subprogram || c.tag() == Dw.TAG_lexical_block)) {
                indexChildren(c, depth + 1);
            }
        }
    }
}
