package io.el2studio.engine.types;

import java.util.Collections;
import java.util.List;

/**
 * A C type as the DWARF debugging information describes it (DWARF 5, 5: type entries), in gdb's model:
 * a multi-dimensional array is an array of arrays, a chain of const/volatile/restrict/_Atomic entries
 * is one qualified type, a typedef keeps its name and its target.
 *
 * <p>Types are built by {@link Types} (one per DWARF reader, cached by entry offset) and are immutable
 * once handed out; struct members are read on first use so that a type graph with cycles (a struct
 * holding a pointer to itself) costs nothing until it is walked. Every method is safe on damaged
 * information: a size that cannot be known is -1, a type that cannot be read is {@link Kind#ERROR}.
 */
public final class Type {
    public enum Kind {
        VOID, BASE, POINTER, REFERENCE, STRUCT, UNION, CLASS, ARRAY, ENUM, TYPEDEF, QUALIFIED, FUNCTION,
        UNSPECIFIED, ERROR
    }

    /** Qualifier bits of a {@link Kind#QUALIFIED} type, in the order gdb prints them. */
    public static final int CONST = 1, VOLATILE = 2, RESTRICT = 4, ATOMIC = 8;

    /** A struct, union or class member (DWARF 5, 5.7.6); {@code bitSize} 0 for an ordinary member. */
    public record Member(String name, Type type, long byteOffset, int bitSize, long bitPosition) {
        /** True for a bitfield: {@code bitPosition} is then the bit number from the start of the struct (bit 0 = LSB of byte 0). */
        public boolean isBitfield() {
            return bitSize > 0;
        }

        /** An anonymous struct/union member (C11 6.7.2.1p13): its members are reached as if they were the parent's. */
        public boolean isAnonymous() {
            return name == null;
        }
    }

    /** An enumerator (DWARF 5, 5.7.2): name and value (as the enum's signedness reads it). */
    public record Enumerator(String name, long value) {
    }

    final Kind kind;
    String name;
    long size = -1;
    int encoding;
    Type target;
    int qualifiers;
    long count = -1;
    long lowerBound;
    boolean prototyped;
    boolean varargs;
    boolean declaration;
    boolean flagEnum;
    boolean unsignedEnum = true;
    long dieOffset = -1;
    List<Type> params = List.of();
    List<Enumerator> enumerators = List.of();
    private List<Member> members;
    private java.util.function.Supplier<List<Member>> memberReader;
    String error;

    Type(Kind kind) {
        this.kind = kind;
    }

    // ---- factories for types that are not read from DIEs (C literals, casts, sizeof) ----

    static final Type VOID_TYPE = named(Kind.VOID, "void", 1);

    static Type named(Kind k, String name, long size) {
        Type t = new Type(k);
        t.name = name;
        t.size = size;
        return t;
    }

    /** A base type of {@code size} bytes with DWARF encoding {@code encoding} (DW_ATE_*). */
    public static Type base(String name, long size, int encoding) {
        Type t = named(Kind.BASE, name, size);
        t.encoding = encoding;
        return t;
    }

    public static Type pointerTo(Type target) {
        Type t = new Type(Kind.POINTER);
        t.target = target;
        t.size = 8;
        return t;
    }

    public static Type arrayOf(Type element, long count) {
        Type t = new Type(Kind.ARRAY);
        t.target = element;
        t.count = count;
        return t;
    }

    /** {@code t} with qualifier bits {@code q} ({@link #CONST} ...); {@code t} itself when q is 0. */
    public static Type qualified(Type t, int q) {
        if (q == 0) {
            return t;
        }
        Type r = new Type(Kind.QUALIFIED);
        r.qualifiers = q;
        r.target = t;
        return r;
    }

    /** A function type returning {@code ret} with these parameter types (prototyped). */
    public static Type function(Type ret, List<Type> params, boolean prototyped) {
        Type r = new Type(Kind.FUNCTION);
        r.target = ret;
        r.params = List.copyOf(params);
        r.prototyped = prototyped;
        return r;
    }

    public static Type voidType() {
        return VOID_TYPE;
    }

    /** A type that could not be read; {@code why} says what is damaged and where. */
    public static Type error(String why) {
        Type t = new Type(Kind.ERROR);
        t.error = why;
        return t;
    }

    void setMembers(java.util.function.Supplier<List<Member>> reader) {
        this.memberReader = reader;
    }

    // ---- accessors ----

    public Kind kind() {
        return kind;
    }

    /** The name of a base type, typedef, or tag of a struct/union/enum (null when anonymous). */
    public String tagName() {
        return name;
    }

    /** DW_ATE_* of a base type (0 otherwise). */
    public int encoding() {
        return encoding;
    }

    /** Pointee, element, typedef target, qualified type, function return type or enum's underlying type; null for void. */
    public Type target() {
        return target;
    }

    public int qualifiers() {
        return qualifiers;
    }

    /** Element count of an array; -1 for a flexible or unknown bound. */
    public long count() {
        return count;
    }

    public long lowerBound() {
        return lowerBound;
    }

    public boolean prototyped() {
        return prototyped;
    }

    public boolean varargs() {
        return varargs;
    }

    /** A struct/union/enum declared but not defined in this file (`struct foo;`). */
    public boolean isIncomplete() {
        return declaration;
    }

    public List<Type> params() {
        return params;
    }

    public List<Enumerator> enumerators() {
        return enumerators;
    }

    /** gdb's flag-enum test: every enumerator non-negative and of at most one bit, the bits disjoint. */
    public boolean isFlagEnum() {
        return flagEnum;
    }

    public boolean isUnsignedEnum() {
        return unsignedEnum;
    }

    /** The .debug_info offset of the entry this type was read from, -1 for a built-in type. */
    public long dieOffset() {
        return dieOffset;
    }

    /** Why an {@link Kind#ERROR} type could not be read. */
    public String errorText() {
        return error;
    }

    /** Members of a struct, union or class (read on first use), empty for other kinds. */
    public synchronized List<Member> members() {
        if (members == null) {
            List<Member> m = List.of();
            if (memberReader != null) {
                java.util.function.Supplier<List<Member>> r = memberReader;
                memberReader = null;
                members = List.of(); // a re-entrant read during reading sees no members instead of looping
                try {
                    m = r.get();
                } catch (RuntimeException e) {
                    m = List.of();
                }
            }
            members = Collections.unmodifiableList(m);
        }
        return members;
    }

    // ---- structure ----

    /** This type without typedefs and qualifiers (gdb's check_typedef plus dropping cv). */
    public Type strip() {
        Type t = this;
        for (int i = 0; i < 64 && t != null && (t.kind == Kind.TYPEDEF || t.kind == Kind.QUALIFIED); i++) {
            t = t.target;
        }
        return t == null ? VOID_TYPE : t;
    }

    /** This type without typedefs (qualifiers stay). */
    public Type stripTypedefs() {
        Type t = this;
        for (int i = 0; i < 64 && t != null && t.kind == Kind.TYPEDEF; i++) {
            t = t.target;
        }
        return t == null ? VOID_TYPE : t;
    }

    /** Qualifier bits collected along typedefs and qualified types down to the first other type. */
    public int allQualifiers() {
        int q = 0;
        Type t = this;
        for (int i = 0; i < 64 && t != null && (t.kind == Kind.TYPEDEF || t.kind == Kind.QUALIFIED); i++) {
            q |= t.qualifiers;
            t = t.target;
        }
        return q;
    }

    /** Size in bytes (sizeof), -1 when it cannot be known (incomplete, flexible array, damaged). */
    public long sizeOf() {
        return sizeOf(0);
    }

    private long sizeOf(int depth) {
        if (depth > 64) {
            return -1;
        }
        return switch (kind) {
            case TYPEDEF, QUALIFIED -> target == null ? 1 : target.sizeOf(depth + 1);
            case ARRAY -> {
                if (count < 0 || target == null) {
                    yield count < 0 ? 0 : -1;
                }
                long e = target.sizeOf(depth + 1);
                if (e < 0) {
                    yield -1;
                }
                try {
                    yield Math.multiplyExact(e, count);
                } catch (ArithmeticException overflow) {
                    yield -1;
                }
            }
            case VOID -> 1;
            case FUNCTION -> 1; // gdb: sizeof a function is 1, as GNU C's arithmetic on function pointers
            case ENUM -> size >= 0 ? size : target != null ? target.sizeOf(depth + 1) : 4;
            default -> size;
        };
    }

    // ---- classification (on the stripped type) ----

    public boolean isIntegral() {
        Type t = strip();
        return t.kind == Kind.ENUM || t.kind == Kind.BASE && t.encoding != io.el2studio.engine.dwarf.Dw.ATE_float
                && t.encoding != io.el2studio.engine.dwarf.Dw.ATE_complex_float;
    }

    public boolean isFloat() {
        Type t = strip();
        return t.kind == Kind.BASE && t.encoding == io.el2studio.engine.dwarf.Dw.ATE_float;
    }

    public boolean isBool() {
        Type t = strip();
        return t.kind == Kind.BASE && t.encoding == io.el2studio.engine.dwarf.Dw.ATE_boolean;
    }

    /** A signed integer (an enum is signed when one of its values is negative, as gdb decides). */
    public boolean isSigned() {
        Type t = strip();
        if (t.kind == Kind.ENUM) {
            return !t.unsignedEnum;
        }
        return t.kind == Kind.BASE && (t.encoding == io.el2studio.engine.dwarf.Dw.ATE_signed
                || t.encoding == io.el2studio.engine.dwarf.Dw.ATE_signed_char || t.encoding == io.el2studio.engine.dwarf.Dw.ATE_float);
    }

    /**
     * A one-byte character type gdb prints as text (c_textual_element_type): DW_ATE_signed_char or
     * DW_ATE_unsigned_char of size 1 (char, signed char, unsigned char and typedefs of them such as
     * uint8_t); a one-byte DW_ATE_signed/unsigned integer is not text.
     */
    public boolean isCharLike() {
        Type t = strip();
        return t.kind == Kind.BASE && t.size == 1 && (t.encoding == io.el2studio.engine.dwarf.Dw.ATE_signed_char
                || t.encoding == io.el2studio.engine.dwarf.Dw.ATE_unsigned_char || t.encoding == io.el2studio.engine.dwarf.Dw.ATE_UTF);
    }

    public boolean isPointer() {
        Type t = strip();
        return t.kind == Kind.POINTER || t.kind == Kind.REFERENCE;
    }

    public boolean isArray() {
        return strip().kind == Kind.ARRAY;
    }

    public boolean isFunction() {
        return strip().kind == Kind.FUNCTION;
    }

    public boolean isAggregate() {
        Kind k = strip().kind;
        return k == Kind.STRUCT || k == Kind.UNION || k == Kind.CLASS;
    }

    /** Integer, enum, bool, float or pointer: a value arithmetic applies to. */
    public boolean isScalar() {
        Type t = strip();
        return t.kind == Kind.BASE || t.kind == Kind.ENUM || t.kind == Kind.POINTER || t.kind == Kind.REFERENCE;
    }

    // ---- names ----

    /** The type's name as gdb's {@code whatis} spells it: {@code struct vcpu *}, {@code int (*)(int, int)}, {@code int [2][3]}. */
    public String name() {
        return TypeNames.name(this);
    }

    @Override
    public String toString() {
        return name();
    }
}
