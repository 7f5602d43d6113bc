package io.el2studio.engine.types;

import io.el2studio.engine.dwarf.Dw;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * C's own types as gdb's C parser knows them for literals, casts and sizeof (AArch64 LP64, AAPCS64
 * 5.1: int 4, long 8, pointer 8, long double 16 bytes quad precision), named as gdb prints them.
 */
public final class BuiltinTypes {
    private BuiltinTypes() {
    }

    public static final Type INT = Type.base("int", 4, Dw.ATE_signed);
    public static final Type UNSIGNED_INT = Type.base("unsigned int", 4, Dw.ATE_unsigned);
    public static final Type LONG = Type.base("long", 8, Dw.ATE_signed);
    public static final Type UNSIGNED_LONG = Type.base("unsigned long", 8, Dw.ATE_unsigned);
    public static final Type LONG_LONG = Type.base("long long", 8, Dw.ATE_signed);
    public static final Type UNSIGNED_LONG_LONG = Type.base("unsigned long long", 8, Dw.ATE_unsigned);
    public static final Type SHORT = Type.base("short", 2, Dw.ATE_signed);
    public static final Type UNSIGNED_SHORT = Type.base("unsigned short", 2, Dw.ATE_unsigned);
    /** AArch64's plain char is unsigned (AAPCS64 10.1.1). */
    public static final Type CHAR = Type.base("char", 1, Dw.ATE_unsigned_char);
    public static final Type SIGNED_CHAR = Type.base("signed char", 1, Dw.ATE_signed_char);
    public static final Type UNSIGNED_CHAR = Type.base("unsigned char", 1, Dw.ATE_unsigned_char);
    public static final Type BOOL = Type.base("_Bool", 1, Dw.ATE_boolean);
    public static final Type FLOAT = Type.base("float", 4, Dw.ATE_float);
    public static final Type DOUBLE = Type.base("double", 8, Dw.ATE_float);
    public static final Type LONG_DOUBLE = Type.base("long double", 16, Dw.ATE_float);
    public static final Type VOID = Type.voidType();
    /** gdb's type of the W registers (AArch64 pseudo registers). */
    public static final Type UINT32 = Type.base("uint32_t", 4, Dw.ATE_unsigned);
    /** What gdb gives a value read from a register it has no type for (the X registers: {@code long}). */
    public static final Type INT64 = LONG;
    /** gdb's type of $pc: a code pointer {@code void (*)()}. */
    public static final Type CODE_PTR;
    /** gdb's type of $sp and $fp: {@code void *}. */
    public static final Type DATA_PTR = Type.pointerTo(VOID);

    static {
        Type fn = new Type(Type.Kind.FUNCTION);
        fn.target = VOID;
        CODE_PTR = Type.pointerTo(fn);
    }

    private static final Map<String, Type> BY_NAME = new LinkedHashMap<>();

    static {
        for (Type t : List.of(INT, UNSIGNED_INT, LONG, UNSIGNED_LONG, LONG_LONG, UNSIGNED_LONG_LONG, SHORT, UNSIGNED_SHORT,
                CHAR, SIGNED_CHAR, UNSIGNED_CHAR, BOOL, FLOAT, DOUBLE, LONG_DOUBLE, VOID)) {
            BY_NAME.put(t.tagName(), t);
        }
    }

    /**
     * The built-in type for a list of C type specifiers in any order ({@code unsigned long int},
     * {@code long unsigned}, {@code signed char}), or null when they name no C type.
     */
    public static Type fromSpecifiers(List<String> words) {
        int longs = 0, shorts = 0;
        boolean unsigned = false, signed = false, isInt = false, isChar = false, isDouble = false;
        String other = null;
        for (String w : words) {
            switch (w) {
                case "long" -> longs++;
                case "short" -> shorts++;
                case "unsigned" -> unsigned = true;
                case "signed" -> signed = true;
                case "int" -> isInt = true;
                case "char" -> isChar = true;
                case "double" -> isDouble = true;
                case "float", "_Bool", "void" -> {
                    if (other != null) {
                        return null;
                    }
                    other = w;
                }
                default -> {
                    return null;
                }
            }
        }
        if (other != null) {
            return longs + shorts == 0 && !unsigned && !signed && !isInt && !isChar && !isDouble ? BY_NAME.get(other) : null;
        }
        if (isDouble) {
            return shorts == 0 && !unsigned && !signed && !isInt && !isChar && longs <= 1 ? (longs == 1 ? LONG_DOUBLE : DOUBLE) : null;
        }
        if (unsigned && signed || longs > 2 || shorts > 1 || longs > 0 && shorts > 0) {
            return null;
        }
        if (isChar) {
            return longs + shorts > 0 || isInt ? null : unsigned ? UNSIGNED_CHAR : signed ? SIGNED_CHAR : CHAR;
        }
        if (shorts == 1) {
            return unsigned ? UNSIGNED_SHORT : SHORT;
        }
        if (longs == 2) {
            return unsigned ? UNSIGNED_LONG_LONG : LONG_LONG;
        }
        if (longs == 1) {
            return unsigned ? UNSIGNED_LONG : LONG;
        }
        return unsigned ? UNSIGNED_INT : INT;
    }

    /** True for a word that starts or continues a C built-in type name. */
    public static boolean isSpecifier(String w) {
        return switch (w) {
            case "long", "short", "unsigned", "signed", "int", "char", "double", "float", "_Bool", "void" -> true;
            default -> false;
        };
    }
}
