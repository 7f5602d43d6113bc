package io.el2studio.engine.values;

import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Type.Kind;
import io.el2studio.engine.types.TypeNames;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Values as gdb 13 prints them for C (gdb/c-valprint.c, valprint.c, printcmd.c) with the default print
 * settings ({@link FormatLimits}): {@link #print} for the {@code print[/FMT]} command (the text after
 * {@code $N = }, or the error gdb prints instead), {@link #value} for a value inside {@code info locals}
 * lines and tree views, {@link #ptype}/{@link #whatis} for types. Never throws: unreadable memory and
 * damaged types become the text gdb prints for them.
 */
public final class GdbFormat {
    /** What a print command shows: {@code text} after {@code $N = }, or, when {@code error}, the whole line. */
    public record Printed(String text, boolean error) {
    }

    private static final String FORMATS = "xduotacfsz";

    private final Symbolizer symbols;

    public GdbFormat(Symbolizer symbols) {
        this.symbols = symbols == null ? Symbolizer.NONE : symbols;
    }

    /** gdb's "Cannot access memory at address 0x..." for a failed read. */
    public static String memoryError(MemoryException e) {
        String m = e.getMessage();
        if (m != null && (m.startsWith("Cannot access memory") || m.startsWith("value requires") || m.startsWith("<"))) {
            return m;
        }
        return "Cannot access memory at address 0x" + Long.toHexString(e.address());
    }

    /** {@code type = ...} of gdb's ptype. */
    public static String ptype(Type t) {
        return "type = " + TypeNames.ptype(t);
    }

    /** {@code type = ...} of gdb's whatis. */
    public static String whatis(Type t) {
        return "type = " + TypeNames.name(t);
    }

    /** The line of {@code info locals}/{@code info args}: {@code name = value}. */
    public String infoLine(String name, Value v) {
        return name + " = " + value(v, (char) 0);
    }

    /**
     * {@code print/FMT} of {@code v} ({@code fmt} 0 for none): gdb fetches the whole value first, so an
     * unreadable top-level value is an error line, while unreadable parts inside print as {@code <error: ...>}.
     */
    public Printed print(Value v, char fmt) {
        if (fmt != 0 && FORMATS.indexOf(fmt) < 0) {
            return new Printed("Undefined output format \"" + fmt + "\".", true);
        }
        try {
            if (v.unavailableReason() == null && v.type().isFunction()) {
                v.bytes(0, 1); // a function's value is its first byte: gdb reads it, so a null function pointer fails
            } else if (v.unavailableReason() == null && v.type().strip().kind() != Kind.VOID
                    && !(v.type().isArray() && v.type().strip().count() < 0)) {
                v.fetch(); // gdb's value_fetch_lazy: the whole value or an error
                v = v.snapshot();
            }
        } catch (MemoryException e) {
            return new Printed(memoryError(e), true);
        } catch (RuntimeException e) {
            return new Printed("<error: " + e.getMessage() + ">", false);
        }
        StringBuilder out = new StringBuilder();
        try {
            Type t = v.type().strip();
            boolean plain = fmt == 0 || fmt == 's';
            if (plain && t.kind() == Kind.POINTER && v.unavailableReason() == null && !isUnnamedCharPointer(v.type())) {
                // c_value_print: the pointer's type in front, except for a char pointer (its string says it)
                out.append('(').append(TypeNames.name(v.type())).append(") ");
            }
            format(v, fmt, 0, out);
        } catch (RuntimeException e) {
            out.append("<error: ").append(e.getMessage()).append('>');
        }
        return new Printed(out.toString(), false);
    }

    /** gdb omits the "(type) " only for an unnamed pointer whose target's name is "char" (qualifiers ignored). */
    private static boolean isUnnamedCharPointer(Type declared) {
        Type p = declared;
        while (p.kind() == Kind.QUALIFIED && p.target() != null) {
            p = p.target();
        }
        if (p.kind() != Kind.POINTER) {
            return false;
        }
        Type target = p.target();
        while (target != null && target.kind() == Kind.QUALIFIED) {
            target = target.target();
        }
        return target != null && target.kind() == Kind.BASE && "char".equals(target.tagName());
    }

    /** The value's text as gdb prints it inside an aggregate or an {@code info locals} line. */
    public String value(Value v, char fmt) {
        StringBuilder out = new StringBuilder();
        try {
            format(v, fmt, 0, out);
        } catch (RuntimeException e) {
            out.append("<error: ").append(e.getMessage()).append('>');
        }
        return out.toString();
    }

    private void format(Value v, char fmt, int depth, StringBuilder out) {
        if (v.unavailableReason() != null) {
            out.append(v.unavailableReason());
            return;
        }
        if (depth > FormatLimits.MAX_DEPTH || out.length() > FormatLimits.MAX_TEXT) {
            out.append("...");
            return;
        }
        Type t = v.type().strip();
        switch (t.kind()) {
            case STRUCT, UNION, CLASS -> formatStruct(v, t, fmt, depth, out);
            case ARRAY -> formatArray(v, t, fmt, depth, out);
            case FUNCTION -> {
                out.append('{').append(TypeNames.name(v.type())).append("} ");
                address(v.address(), out);
            }
            case VOID -> out.append("void");
            case ERROR -> out.append("<error: ").append(t.errorText()).append('>');
            default -> formatScalar(v, t, fmt, out);
        }
    }

    private void formatStruct(Value v, Type t, char fmt, int depth, StringBuilder out) {
        if (t.isIncomplete() && t.members().isEmpty()) {
            out.append("<incomplete type>");
            return;
        }
        List<Type.Member> ms = t.members();
        if (ms.isEmpty()) {
            out.append("{<No data fields>}");
            return;
        }
        out.append('{');
        for (int i = 0; i < ms.size(); i++) {
            Type.Member m = ms.get(i);
            if (i > 0) {
                out.append(", ");
            }
            if (m.name() != null) {
                out.append(m.name()).append(" = ");
            }
            format(v.member(m), fmt, depth + 1, out);
        }
        out.append('}');
    }

    private void formatArray(Value v, Type t, char fmt, int depth, StringBuilder out) {
        Type elem = t.target() == null ? Type.voidType() : t.target();
        long count = t.count();
        if (count < 0) {
            // an array of unknown bound (a flexible member): gdb prints where it starts
            address(v.address(), out);
            return;
        }
        long es = elem.sizeOf();
        if (elem.isCharLike() && (fmt == 0 || fmt == 's') && es == 1) {
            int n = (int) Math.min(count, FormatLimits.MAX_VALUE_SIZE);
            byte[] s;
            try {
                s = v.bytes(0, n);
            } catch (MemoryException e) {
                out.append("<error: ").append(memoryError(e)).append('>');
                return;
            }
            out.append(CharText.string(s, n, false, true));
            return;
        }
        if (count == 0 || es <= 0) {
            out.append("{}");
            return;
        }
        out.append('{');
        long i = 0;
        int things = 0;
        for (; i < count && things < FormatLimits.PRINT_MAX && out.length() <= FormatLimits.MAX_TEXT; i++) {
            if (i != 0) {
                out.append(", ");
            }
            byte[] cur = elementBytes(v, i, es);
            long rep1 = i + 1;
            long reps = 1;
            if (cur != null) {
                // (a damaged bound cannot make the scan longer than a fetchable value has elements)
                long scanEnd = Math.min(count, i + 1 + FormatLimits.MAX_VALUE_SIZE);
                while (rep1 < scanEnd) {
                    byte[] next = elementBytes(v, rep1, es);
                    if (next == null || !Arrays.equals(cur, next)) {
                        break;
                    }
                    reps++;
                    rep1++;
                }
            }
            format(v.element(i), fmt, depth + 1, out);
            if (reps > FormatLimits.REPEAT_THRESHOLD) {
                out.append(" <repeats ").append(reps).append(" times>");
                i = rep1 - 1;
                things += FormatLimits.REPEAT_THRESHOLD;
            } else {
                things++;
            }
        }
        if (i < count) {
            out.append("...");
        }
        out.append('}');
    }

    private static byte[] elementBytes(Value v, long i, long es) {
        if (es > FormatLimits.MAX_VALUE_SIZE) {
            return null;
        }
        try {
            return v.bytes(i * es, (int) es);
        } catch (MemoryException e) {
            return null;
        }
    }

    private void formatScalar(Value v, Type t, char fmt, StringBuilder out) {
        byte[] b;
        try {
            b = v.bytes();
        } catch (MemoryException e) {
            out.append("<error: ").append(memoryError(e)).append('>');
            return;
        }
        if (!v.isFullyAvailable()) {
            out.append("<optimized out>");
            return;
        }
        int size = b.length;
        boolean signed = v.type().isSigned();
        if (t.isFloat() && fmt == 'c') {
            // /c of a float converts the value (not its bits) to a character
            long n;
            try {
                n = (long) v.asDouble();
            } catch (MemoryException e) {
                n = 0;
            }
            out.append((byte) n).append(' ').append(CharText.charLiteral((int) n));
            return;
        }
        if (t.isFloat() && fmt != 0 && fmt != 'f' && fmt != 's' && fmt != 'a') {
            signed = fmt == 'd';
            integerFormat(b, size, signed, fmt, out);
            return;
        }
        if (fmt == 0 || fmt == 's') {
            natural(v, t, b, out);
            return;
        }
        if (fmt == 'f') {
            if (t.isFloat()) {
                out.append(FloatText.format(b));
            } else if (size == 4 || size == 8 || size == 16) {
                out.append(FloatText.format(b));
            } else {
                out.append(decimal(b, size, signed));
            }
            return;
        }
        if (fmt == 'a') {
            // value_as_address: the value sign- or zero-extended to 64 bits
            long a = Value.le(b, 0, Math.min(8, size));
            if (signed && size < 8 && size > 0 && (a >>> (8 * size - 1) & 1) != 0) {
                a |= -1L << (8 * size);
            }
            address(a, out);
            return;
        }
        if (fmt == 'c') {
            int c = b.length > 0 ? b[0] : 0;
            long n = signed ? (byte) c : c & 0xff;
            out.append(n).append(' ').append(CharText.charLiteral(c));
            return;
        }
        integerFormat(b, size, signed, fmt, out);
    }

    private static void integerFormat(byte[] b, int size, boolean signed, char fmt, StringBuilder out) {
        if (size <= 8 && (fmt == 'x' || fmt == 'u' || fmt == 'd')) {
            long v = Value.le(b, 0, size);
            out.append(fmt == 'x' ? "0x" + Long.toHexString(v) : decimal(b, size, fmt == 'd'));
            return;
        }
        BigInteger u = unsignedOf(b, size);
        switch (fmt) {
            case 'x' -> out.append("0x").append(u.toString(16));
            case 'z' -> {
                String h = u.toString(16);
                out.append("0x").append("0".repeat(Math.max(0, 2 * size - h.length()))).append(h);
            }
            case 'o' -> out.append(u.signum() == 0 ? "0" : "0" + u.toString(8));
            case 't' -> out.append(u.toString(2));
            case 'u' -> out.append(u);
            case 'd' -> out.append(decimal(b, size, true));
            default -> out.append(decimal(b, size, signed));
        }
    }

    private static BigInteger unsignedOf(byte[] b, int size) {
        byte[] be = new byte[size + 1];
        for (int i = 0; i < size && i < b.length; i++) {
            be[size - i] = b[i];
        }
        return new BigInteger(be);
    }

    private static String decimal(byte[] b, int size, boolean signed) {
        if (size <= 8) {
            long v = Value.le(b, 0, size);
            if (size == 0) {
                return "0";
            }
            if (signed) {
                int shift = 64 - 8 * size;
                return Long.toString(v << shift >> shift);
            }
            return Long.toUnsignedString(v);
        }
        BigInteger u = unsignedOf(b, size);
        if (signed && size > 0 && u.testBit(8 * size - 1)) {
            u = u.subtract(BigInteger.ONE.shiftLeft(8 * size));
        }
        return u.toString();
    }

    private void natural(Value v, Type t, byte[] b, StringBuilder out) {
        int size = b.length;
        switch (t.kind()) {
            case POINTER, REFERENCE -> {
                long a = Value.le(b, 0, Math.min(8, size));
                Type target = t.target() == null ? Type.voidType() : t.target();
                if (target.isFunction()) {
                    address(a, out);
                    return;
                }
                out.append("0x").append(Long.toHexString(a));
                String sym = a == 0 ? null : symbols.symbolize(a);
                if (sym != null) {
                    out.append(" <").append(sym).append('>');
                }
                if (target.isCharLike() && a != 0) {
                    out.append(' ');
                    pointedString(v, a, out);
                }
            }
            case ENUM -> enumText(t, v.type().isSigned() ? signedOf(b) : Value.le(b, 0, Math.min(8, size)), out);
            case BASE -> {
                if (t.isFloat()) {
                    out.append(FloatText.format(b));
                } else if (t.isBool()) {
                    long n = Value.le(b, 0, Math.min(8, size));
                    out.append(n == 0 ? "false" : n == 1 ? "true" : Long.toString(n));
                } else if (t.isCharLike()) {
                    out.append(decimal(b, size, v.type().isSigned())).append(' ').append(CharText.charLiteral(b[0]));
                } else {
                    out.append(decimal(b, size, v.type().isSigned()));
                }
            }
            default -> out.append(decimal(b, size, false));
        }
    }

    private static long signedOf(byte[] b) {
        int n = Math.min(8, b.length);
        long v = Value.le(b, 0, n);
        if (n > 0 && n < 8) {
            int shift = 64 - 8 * n;
            v = v << shift >> shift;
        }
        return v;
    }

    /** gdb's generic_val_print_enum_1: the name, a flag enum's names joined by " | " with the unknown rest in hex, or the number. */
    private static void enumText(Type t, long val, StringBuilder out) {
        for (Type.Enumerator e : t.enumerators()) {
            if (e.value() == val) {
                out.append(e.name());
                return;
            }
        }
        if (!t.isFlagEnum()) {
            out.append(t.isUnsignedEnum() ? Long.toUnsignedString(val) : Long.toString(val));
            return;
        }
        boolean first = true;
        for (Type.Enumerator e : t.enumerators()) {
            if ((val & e.value()) != 0) {
                out.append(first ? "(" : " | ").append(e.name());
                first = false;
                val &= ~e.value();
            }
        }
        if (val != 0) {
            out.append(first ? "(unknown: " : " | unknown: ").append("0x").append(Long.toHexString(val)).append(')');
        } else if (first) {
            out.append('0');
        } else {
            out.append(')');
        }
    }

    /** The string a char pointer points to: at most 200 characters up to the NUL (gdb's val_print_string). */
    private void pointedString(Value v, long a, StringBuilder out) {
        byte[] buf = new byte[FormatLimits.PRINT_MAX];
        int n = 0;
        boolean nul = false;
        MemoryException err = null;
        if (v.memory() == null) {
            err = new MemoryException(a, null);
        }
        while (err == null && n < FormatLimits.PRINT_MAX) {
            int chunk = (int) Math.min(FormatLimits.PRINT_MAX - n, 64 - ((a + n) & 63)); // never read across a 64-byte boundary at once
            byte[] got;
            try {
                got = readChecked(v, a + n, chunk);
            } catch (MemoryException e) {
                // retry byte by byte so the characters before the unreadable byte still print
                got = null;
                for (int i = 0; i < chunk; i++) {
                    try {
                        byte[] one = readChecked(v, a + n, 1);
                        buf[n++] = one[0];
                        if (one[0] == 0) {
                            nul = true;
                            break;
                        }
                    } catch (MemoryException e1) {
                        err = e1;
                        break;
                    }
                }
                if (nul) {
                    n--;
                    break;
                }
                continue;
            }
            int i = 0;
            for (; i < got.length; i++) {
                if (got[i] == 0) {
                    nul = true;
                    break;
                }
                buf[n++] = got[i];
            }
            if (nul) {
                break;
            }
        }
        if (n > 0 || err == null) {
            out.append(CharText.string(buf, n, err == null && !nul && n >= FormatLimits.PRINT_MAX, false));
        }
        if (err != null) {
            if (n > 0) {
                out.append(' ');
            }
            out.append("<error: Cannot access memory at address 0x").append(Long.toHexString(err.address())).append('>');
        }
    }

    /** A read that turns a binding's runtime failure or an address range that wraps into a memory error. */
    private static byte[] readChecked(Value v, long a, int n) throws MemoryException {
        if (Long.compareUnsigned(a + n - 1, a) < 0) {
            throw new MemoryException(a, null);
        }
        try {
            byte[] b = v.memory().read(a, n);
            if (b == null || b.length < n) {
                throw new MemoryException(a, null);
            }
            return b;
        } catch (RuntimeException e) {
            throw new MemoryException(a, null);
        }
    }

    private void address(long a, StringBuilder out) {
        out.append("0x").append(Long.toHexString(a));
        String sym = a == 0 ? null : symbols.symbolize(a);
        if (sym != null) {
            out.append(" <").append(sym).append('>');
        }
    }

    /** A node of a tree view: its label as gdb/MI names children, and its value. */
    public record Child(String name, Value value) {
    }

    /**
     * The children of a value for a tree view: struct and union members (an anonymous member as
     * {@code <anonymous union>}), array elements {@code [0]}... (at most {@code max}), the object a
     * pointer to a struct, union or array points to ({@code *name}); scalars have none.
     */
    public static List<Child> children(Value v, String name, int max) {
        List<Child> out = new ArrayList<>();
        if (v.unavailableReason() != null) {
            return out;
        }
        Type t = v.type().strip();
        try {
            switch (t.kind()) {
                case STRUCT, UNION, CLASS -> {
                    for (Type.Member m : t.members()) {
                        String n = m.name() != null ? m.name() : "<anonymous " + keyword(m.type().strip().kind()) + ">";
                        out.add(new Child(n, v.member(m)));
                    }
                }
                case ARRAY -> {
                    long count = t.count();
                    for (long i = 0; i < count && i < max; i++) {
                        out.add(new Child("[" + (i + t.lowerBound()) + "]", v.element(i)));
                    }
                }
                case POINTER -> {
                    Type target = t.target() == null ? Type.voidType() : t.target();
                    Kind k = target.strip().kind();
                    if (k != Kind.VOID && k != Kind.FUNCTION && k != Kind.ERROR && target.sizeOf() > 0) {
                        out.add(new Child("*" + name, v.deref(target)));
                    }
                }
                default -> {
                }
            }
        } catch (MemoryException | RuntimeException e) {
            // a pointer that cannot be read has no children to show
        }
        return out;
    }

    private static String keyword(Kind k) {
        return k == Kind.UNION ? "union" : k == Kind.CLASS ? "class" : "struct";
    }
}
