package io.el2studio.engine.cexpr;

import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.types.BuiltinTypes;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Type.Kind;
import io.el2studio.engine.values.Value;

/**
 * C's arithmetic as gdb performs it (gdb/eval.c binop_promote, unop_promote; valarith.c): operands
 * shorter than int become int; the result is int, unsigned int, long or unsigned long by the longer
 * operand's length and signedness; a float operand makes the operation floating; pointer arithmetic is
 * scaled by the target's size (1 for void and functions, as GNU C).
 */
final class Arith {
    private Arith() {
    }

    private static long raw(Value v) {
        try {
            return v.asLong();
        } catch (MemoryException e) {
            throw new CExprException(Eval.memoryText(e));
        }
    }

    private static double dbl(Value v) {
        try {
            return v.asDouble();
        } catch (MemoryException e) {
            throw new CExprException(Eval.memoryText(e));
        }
    }

    static boolean truth(Value v) {
        Type t = v.type().strip();
        if (t.isAggregate()) {
            throw new CExprException("Structure has no component named operator!.");
        }
        if (t.isFloat()) {
            return dbl(v) != 0;
        }
        if (t.kind() == Kind.ARRAY || t.kind() == Kind.FUNCTION) {
            return true;
        }
        return raw(v) != 0;
    }

    /** An integer operand (an index, a count, an address). */
    static long integer(Value v, String what) {
        Type t = v.type().strip();
        if (t.isFloat()) {
            return (long) dbl(v);
        }
        if (t.isIntegral() || t.kind() == Kind.POINTER) {
            return raw(v);
        }
        throw new CExprException(what.isEmpty() ? "Value can't be converted to integer." : what);
    }

    private static boolean isUnsigned(Type t) {
        return t.isIntegral() && !t.isSigned();
    }

    /** gdb's binop_promote for two integer operands. */
    private static Type promoteInts(Type a, Type b) {
        long la = Math.max(1, a.sizeOf()), lb = Math.max(1, b.sizeOf());
        boolean ua = isUnsigned(a), ub = isUnsigned(b);
        if (la < 4) {
            ua = false;
            la = 4;
        }
        if (lb < 4) {
            ub = false;
            lb = 4;
        }
        boolean unsigned;
        long len;
        if (la > lb) {
            unsigned = ua;
            len = la;
        } else if (lb > la) {
            unsigned = ub;
            len = lb;
        } else {
            unsigned = ua || ub;
            len = la;
        }
        if (len <= 4) {
            return unsigned ? BuiltinTypes.UNSIGNED_INT : BuiltinTypes.INT;
        }
        return unsigned ? BuiltinTypes.UNSIGNED_LONG : BuiltinTypes.LONG;
    }

    static Value unary(String op, Value v) {
        Type t = v.type().strip();
        if (t.kind() == Kind.POINTER || t.kind() == Kind.ARRAY || t.kind() == Kind.FUNCTION) {
            if (op.equals("!")) {
                return Value.ofLong(BuiltinTypes.INT, truth(v) ? 0 : 1);
            }
            throw new CExprException(op.equals("~") ? "Argument to complement operation not an integer, boolean."
                    : op.equals("-") ? "Argument to negate operation not a number." : "Argument to positive operation not a number.");
        }
        if (op.equals("!")) {
            return Value.ofLong(BuiltinTypes.INT, truth(v) ? 0 : 1);
        }
        if (t.isFloat()) {
            if (op.equals("~")) {
                throw new CExprException("Argument to complement operation not an integer, boolean.");
            }
            return Value.ofDouble(v.type(), op.equals("-") ? -dbl(v) : dbl(v));
        }
        if (!t.isIntegral()) {
            throw new CExprException("Argument to arithmetic operation not a number or boolean.");
        }
        // unop_promote: shorter than int becomes int; otherwise the type without typedefs, qualifiers kept
        Type rt = t.sizeOf() < 4 ? BuiltinTypes.INT : Type.qualified(t, v.type().allQualifiers());
        long x = raw(v);
        return Value.ofLong(rt, switch (op) {
            case "-" -> -x;
            case "~" -> ~x;
            default -> x;
        });
    }

    private static Value decay(Value v) {
        Type t = v.type().strip();
        if (t.kind() == Kind.ARRAY) {
            if (v.address() < 0) {
                throw new CExprException("Attempt to take address of value not located in memory.");
            }
            return Value.ofLong(Type.pointerTo(t.target() == null ? Type.voidType() : t.target()), v.address());
        }
        if (t.kind() == Kind.FUNCTION) {
            return Value.ofLong(Type.pointerTo(v.type()), v.address());
        }
        return v;
    }

    private static long targetSize(Type ptr) {
        Type target = ptr.strip().target();
        if (target == null) {
            return 1;
        }
        Kind k = target.strip().kind();
        if (k == Kind.VOID || k == Kind.FUNCTION) {
            return 1;
        }
        long s = target.sizeOf();
        return s <= 0 ? 1 : s;
    }

    static Value binary(String op, Value l, Value r) {
        if (l.type().isAggregate() || r.type().isAggregate()) {
            throw new CExprException("Structure has no component named operator" + op + ".");
        }
        l = decay(l);
        r = decay(r);
        Type lt = l.type().strip(), rt = r.type().strip();
        boolean lp = lt.kind() == Kind.POINTER, rp = rt.kind() == Kind.POINTER;
        if (lp || rp) {
            return pointerOp(op, l, r, lp, rp);
        }
        if (!lt.isScalar() || !rt.isScalar()) {
            throw new CExprException("Argument to arithmetic operation not a number or boolean.");
        }
        if (lt.isFloat() || rt.isFloat()) {
            return floatOp(op, l, r, lt, rt);
        }
        Type type = promoteInts(l.type(), r.type());
        if (op.equals("<<") || op.equals(">>")) {
            // gdb keeps the left operand's type for shifts (an enum stays an enum), promoted if shorter than int
            type = lt.sizeOf() < 4 ? BuiltinTypes.INT : l.type();
        }
        boolean unsigned = isUnsigned(type);
        long a = raw(l), b = raw(r);
        int bits = (int) type.sizeOf() * 8;
        if (bits == 32) {
            // operate on the values as the promoted 32-bit type holds them
            a = unsigned ? a & 0xffffffffL : (int) a;
            b = unsigned ? b & 0xffffffffL : (int) b;
        }
        long x;
        switch (op) {
            case "+" -> x = a + b;
            case "-" -> x = a - b;
            case "*" -> x = a * b;
            case "/", "%" -> {
                if (b == 0) {
                    throw new CExprException("Division by zero");
                }
                if (op.equals("/")) {
                    x = unsigned ? Long.divideUnsigned(a, b) : a / b;
                } else {
                    x = unsigned ? Long.remainderUnsigned(a, b) : a % b;
                }
            }
            case "<<" -> x = b < 0 || b >= bits ? 0 : a << b;
            case ">>" -> x = b < 0 || b >= bits ? 0 : unsigned ? a >>> b : a >> b;
            case "&" -> x = a & b;
            case "|" -> x = a | b;
            case "^" -> x = a ^ b;
            case "==", "!=", "<", ">", "<=", ">=" -> {
                int c = unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
                return Value.ofLong(BuiltinTypes.INT, compare(op, c) ? 1 : 0);
            }
            default -> throw new CExprException("A syntax error in expression, near `" + op + "'.");
        }
        return Value.ofLong(type, x);
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }

    private static Value floatOp(String op, Value l, Value r, Type lt, Type rt) {
        Type type;
        if (!lt.isFloat()) {
            type = r.type();
        } else if (!rt.isFloat()) {
            type = l.type();
        } else {
            type = rt.sizeOf() > lt.sizeOf() ? r.type() : l.type();
        }
        if (type.sizeOf() == 16) {
            Value q = quadOp(op, l, r, type);
            if (q != null) {
                return q;
            }
        }
        double a = dbl(l), b = dbl(r);
        double x;
        switch (op) {
            case "+" -> x = a + b;
            case "-" -> x = a - b;
            case "*" -> x = a * b;
            case "/" -> x = a / b;
            case "==", "!=", "<", ">", "<=", ">=" -> {
                boolean res = switch (op) {
                    case "==" -> a == b;
                    case "!=" -> a != b;
                    case "<" -> a < b;
                    case ">" -> a > b;
                    case "<=" -> a <= b;
                    default -> a >= b;
                };
                return Value.ofLong(BuiltinTypes.INT, res ? 1 : 0);
            }
            default -> throw new CExprException("Integer-only operation " + op + ".");
        }
        if (Double.isNaN(x) && !Double.isNaN(a) && !Double.isNaN(b)) {
            // gdb computes on the host: an x86-64 host's invalid operation gives the negative default NaN
            x = Double.longBitsToDouble(0xfff8000000000000L);
        }
        return Value.ofDouble(type, type.sizeOf() == 4 ? (float) x : x);
    }

    /** long double arithmetic done exactly and rounded once to binary128; null where the double path applies (inf, NaN, x/0). */
    private static Value quadOp(String op, Value l, Value r, Type type) {
        java.math.BigDecimal a = exactOf(l), b = exactOf(r);
        if (a == null || b == null) {
            return null;
        }
        java.math.BigDecimal x;
        switch (op) {
            case "+" -> x = a.add(b);
            case "-" -> x = a.subtract(b);
            case "*" -> x = a.multiply(b);
            case "/" -> {
                if (b.signum() == 0) {
                    return null;
                }
                x = a.divide(b, new java.math.MathContext(80));
            }
            default -> {
                return null;
            }
        }
        return Value.of(type, io.el2studio.engine.values.FloatText.quadOf(x));
    }

    private static java.math.BigDecimal exactOf(Value v) {
        try {
            if (v.type().isFloat()) {
                return io.el2studio.engine.values.FloatText.exact(v.bytes());
            }
            long x = v.asLong();
            return isUnsigned(v.type().strip()) ? new java.math.BigDecimal(Long.toUnsignedString(x)) : java.math.BigDecimal.valueOf(x);
        } catch (MemoryException e) {
            throw new CExprException(Eval.memoryText(e));
        }
    }

    private static Value pointerOp(String op, Value l, Value r, boolean lp, boolean rp) {
        long a = raw(l), b = rp && !lp ? raw(r) : raw(r);
        switch (op) {
            case "+" -> {
                if (lp && rp) {
                    throw new CExprException("Argument to arithmetic operation not a number or boolean.");
                }
                Value p = lp ? l : r;
                long n = lp ? integer(r, "Argument to arithmetic operation not a number or boolean.")
                        : integer(l, "Argument to arithmetic operation not a number or boolean.");
                return Value.ofLong(p.type().stripTypedefs(), raw(p) + n * targetSize(p.type()));
            }
            case "-" -> {
                if (lp && rp) {
                    long sa = targetSize(l.type()), sb = targetSize(r.type());
                    if (sa != sb) {
                        throw new CExprException("First argument of `-' is a pointer and second argument is neither\n"
                                + "an integer nor a pointer of the same type.");
                    }
                    return Value.ofLong(BuiltinTypes.LONG, (a - b) / sa);
                }
                if (lp) {
                    long n = integer(r, "First argument of `-' is a pointer and second argument is neither\n"
                            + "an integer nor a pointer of the same type.");
                    return Value.ofLong(l.type().stripTypedefs(), a - n * targetSize(l.type()));
                }
                throw new CExprException("Argument to arithmetic operation not a number or boolean.");
            }
            case "==", "!=", "<", ">", "<=", ">=" -> {
                return Value.ofLong(BuiltinTypes.INT, compare(op, Long.compareUnsigned(a, b)) ? 1 : 0);
            }
            case "&", "|", "^", "<<", ">>", "*", "/", "%" -> {
                // gdb does these on the pointers' integer values
                return binary(op, Value.ofLong(BuiltinTypes.LONG, a), Value.ofLong(BuiltinTypes.LONG, b));
            }
            default -> throw new CExprException("Argument to arithmetic operation not a number or boolean.");
        }
    }

    /** gdb's value_cast for C. */
    static Value cast(Value v, Type to) {
        Type t = to.strip();
        Type from = v.type().strip();
        switch (t.kind()) {
            case VOID -> {
                return Value.of(to, new byte[0]);
            }
            case BASE, ENUM -> {
                if (from.isAggregate() || from.kind() == Kind.ARRAY && from.target() != null && from.target().isAggregate()) {
                    throw new CExprException("Invalid cast.");
                }
                Value src = decay(v);
                Type ft = src.type().strip();
                if (t.isFloat()) {
                    double d = ft.isFloat() ? dbl(src) : isUnsigned(ft) ? unsignedToDouble(raw(src)) : raw(src);
                    return Value.ofDouble(to, t.sizeOf() == 4 ? (float) d : d);
                }
                long x = ft.isFloat() ? (long) dbl(src) : raw(src);
                if (t.isBool()) {
                    x = x != 0 ? 1 : 0;
                }
                return Value.ofLong(to, x);
            }
            case POINTER, REFERENCE -> {
                Value src = decay(v);
                Type ft = src.type().strip();
                if (!(ft.isIntegral() || ft.kind() == Kind.POINTER)) {
                    throw new CExprException("Invalid cast.");
                }
                return Value.ofLong(to, raw(src));
            }
            case STRUCT, UNION, CLASS, ARRAY -> {
                if (from == t || from.kind() == t.kind() && from.sizeOf() == t.sizeOf()
                        && java.util.Objects.equals(from.tagName(), t.tagName()) && from.kind() != Kind.ARRAY) {
                    return v.withType(to);
                }
                throw new CExprException("Invalid cast.");
            }
            default -> throw new CExprException("Invalid cast.");
        }
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }
}
