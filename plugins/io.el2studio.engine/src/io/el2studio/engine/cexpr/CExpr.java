package io.el2studio.engine.cexpr;

import io.el2studio.engine.types.Type;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.values.Value;

/**
 * C expressions as people type them in gdb's print, watch and breakpoint conditions: identifiers,
 * {@code .} {@code ->} {@code []}, unary {@code * & - ! ~}, casts to named types, sizeof, arithmetic
 * with C's conversions, comparisons, {@code && || ?:}, literals, {@code @}, assignment, registers
 * ({@code $x0}, {@code $pc}, {@code $HCR_EL2}). Errors carry gdb's wording. Nothing here throws.
 */
public final class CExpr {
    private CExpr() {
    }

    /** The outcome of an expression: a value, or the error line gdb prints. {@code typeOnly}: the text named a type. */
    public record Result(Value value, Type type, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Evaluates {@code text}; a text that names a type gives an error for use as a value. */
    public static Result evaluate(String text, SymbolScope scope) {
        try {
            Node n = new Parser(text, scope).parseTop();
            if (n instanceof Node.TypeName tn) {
                return new Result(null, tn.type(), "Attempt to use a type name as an expression");
            }
            Value v = new Eval(scope, false).eval(n);
            return new Result(v, v.type(), null);
        } catch (CExprException e) {
            return new Result(null, null, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(null, null, "<error: " + e + ">");
        }
    }

    /** The type for ptype/whatis: of the named type, or of the expression. */
    public static Result typeOf(String text, SymbolScope scope) {
        try {
            Node n = new Parser(text, scope).parseTop();
            if (n instanceof Node.TypeName tn) {
                return new Result(null, tn.type(), null);
            }
            Value v = new Eval(scope, true).eval(n);
            return new Result(v, v.type(), null);
        } catch (CExprException e) {
            return new Result(null, null, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(null, null, "<error: " + e + ">");
        }
    }

    /** A condition's truth (breakpoint {@code if COND}); an error is reported as the Result's error. */
    public static Result condition(String text, SymbolScope scope) {
        return evaluate(text, scope);
    }

    /** The output of gdb's {@code print[/fmt] text} after {@code $N = }, or the error line. */
    public static GdbFormat.Printed print(String text, char fmt, SymbolScope scope) {
        Result r = evaluate(text, scope);
        if (!r.ok()) {
            return new GdbFormat.Printed(r.error(), true);
        }
        return new GdbFormat(scope.symbolizer()).print(r.value(), fmt);
    }

    /** gdb's {@code ptype text}: {@code type = ...}, or the error line. */
    public static String ptype(String text, SymbolScope scope) {
        Result r = typeOf(text, scope);
        return r.ok() ? GdbFormat.ptype(r.type()) : r.error();
    }

    /**
     * gdb's {@code whatis text}: the expression's type by name; for a type name, that type with one
     * typedef level removed (gdb's whatis_exp).
     */
    public static String whatis(String text, SymbolScope scope) {
        try {
            Node n = new Parser(text, scope).parseTop();
            if (n instanceof Node.TypeName tn) {
                Type t = tn.type();
                if (t.kind() == Type.Kind.TYPEDEF && t.target() != null) {
                    t = t.target();
                }
                return GdbFormat.whatis(t);
            }
            Value v = new Eval(scope, true).eval(n);
            return GdbFormat.whatis(v.type());
        } catch (CExprException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "<error: " + e + ">";
        }
    }
}
