package io.el2studio.engine.cexpr;

import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.types.BuiltinTypes;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Type.Kind;
import io.el2studio.engine.values.Value;
import io.el2studio.sim.sysreg.SysRegTable;
import java.nio.charset.StandardCharsets;

/** Evaluates a parsed C expression over a {@link SymbolScope} as gdb's evaluate_subexp does for C. */
final class Eval {
    private final SymbolScope scope;

    private final boolean typeOnly;

    /** {@code typeOnly}: for whatis/ptype, where gdb evaluates without side effects (EVAL_AVOID_SIDE_EFFECTS). */
    Eval(SymbolScope scope, boolean typeOnly) {
        this.scope = scope;
        this.typeOnly = typeOnly;
    }

    private Value mem(Value v) {
        return v.memory() == null && scope.memory() != null ? v.withMemory(scope.memory()) : v;
    }

    Value eval(Node n) {
        return mem(evalRaw(n));
    }

    private Value evalRaw(Node n) {
        if (n instanceof Node.Literal l) {
            return l.value();
        }
        if (n instanceof Node.Str s) {
            byte[] b = s.text().getBytes(StandardCharsets.ISO_8859_1);
            byte[] z = java.util.Arrays.copyOf(b, b.length + 1);
            return Value.of(Type.arrayOf(BuiltinTypes.CHAR, z.length), z);
        }
        if (n instanceof Node.Ident id) {
            Value v = scope.lookup(id.name());
            if (v == null) {
                throw new CExprException("No symbol \"" + id.name() + "\" in current context.");
            }
            return v;
        }
        if (n instanceof Node.Register r) {
            return register(r.name());
        }
        if (n instanceof Node.Member m) {
            return member(eval(m.base()), m.name(), m.arrow());
        }
        if (n instanceof Node.Index ix) {
            return index(eval(ix.base()), eval(ix.index()));
        }
        if (n instanceof Node.Call) {
            throw new CExprException(scope.registers() == null ? "You can't do that without a process to debug."
                    : "Calling functions in the program is not supported.");
        }
        if (n instanceof Node.Unary u) {
            return unary(u.op(), eval(u.operand()));
        }
        if (n instanceof Node.Cast c) {
            return Arith.cast(eval(c.operand()), c.type());
        }
        if (n instanceof Node.SizeofType st) {
            return sizeOf(st.type());
        }
        if (n instanceof Node.Sizeof so) {
            return sizeOf(eval(so.operand()).type());
        }
        if (n instanceof Node.TypeName tn) {
            throw new CExprException("Attempt to use a type name as an expression");
        }
        if (n instanceof Node.Conditional c) {
            return Arith.truth(eval(c.condition())) ? eval(c.ifTrue()) : eval(c.ifFalse());
        }
        if (n instanceof Node.Assign a) {
            return assign(eval(a.target()), eval(a.value()));
        }
        Node.Binary b = (Node.Binary) n;
        switch (b.op()) {
            case "&&" -> {
                boolean l = Arith.truth(eval(b.left()));
                return Value.ofLong(BuiltinTypes.INT, l && Arith.truth(eval(b.right())) ? 1 : 0);
            }
            case "||" -> {
                boolean l = Arith.truth(eval(b.left()));
                return Value.ofLong(BuiltinTypes.INT, l || Arith.truth(eval(b.right())) ? 1 : 0);
            }
            case "," -> {
                eval(b.left());
                return eval(b.right());
            }
            case "@" -> {
                return repeat(eval(b.left()), eval(b.right()));
            }
            default -> {
                return Arith.binary(b.op(), eval(b.left()), eval(b.right()));
            }
        }
    }

    private static Value sizeOf(Type t) {
        long s = t.sizeOf();
        if (t.strip().kind() == Kind.STRUCT && t.strip().isIncomplete() || s < 0) {
            throw new CExprException("Attempt to take the size of an incomplete type.");
        }
        return Value.ofLong(BuiltinTypes.INT, s);
    }

    /**
     * gdb's value history: {@code $N} absolute, {@code $} the last value, {@code $$} the one before,
     * {@code $$N} N back from the last (gdb manual, "Value History").
     */
    private Value history(String name) {
        int last = scope.historyLength();
        int n;
        if (name.matches("[0-9]+")) {
            n = Integer.parseInt(name);
        } else if (name.isEmpty()) {
            n = last;
        } else {
            n = last - (name.length() == 1 ? 1 : Integer.parseInt(name.substring(1)));
        }
        if (n <= 0 && !name.matches("[0-9]+")) {
            return Value.of(Type.voidType(), new byte[0]); // an empty history gives void, as gdb's access_value_history
        }
        Value v = n > last ? null : scope.history(n);
        if (v == null) {
            throw new CExprException("History has not yet reached $" + n + ".");
        }
        return v;
    }

    private Value register(String name) {
        if (name.matches("[0-9]*|\\$[0-9]*")) {
            return history(name);
        }
        Type type;
        int reg;
        boolean w = false;
        if (name.matches("x([0-9]|[12][0-9]|30)")) {
            reg = Integer.parseInt(name.substring(1));
            type = BuiltinTypes.LONG;
        } else if (name.matches("w([0-9]|[12][0-9]|30)")) {
            reg = Integer.parseInt(name.substring(1));
            type = BuiltinTypes.UINT32;
            w = true;
        } else {
            switch (name) {
                case "sp" -> {
                    reg = DwarfRegs.SP;
                    type = BuiltinTypes.DATA_PTR;
                }
                case "pc" -> {
                    reg = DwarfRegs.PC;
                    type = BuiltinTypes.CODE_PTR;
                }
                case "fp" -> {
                    reg = DwarfRegs.FP;
                    type = BuiltinTypes.DATA_PTR;
                }
                case "lr" -> {
                    reg = DwarfRegs.LR;
                    type = BuiltinTypes.LONG;
                }
                case "cpsr" -> {
                    reg = -2;
                    type = BuiltinTypes.INT;
                }
                default -> {
                    return systemRegister(name);
                }
            }
        }
        RegisterSet regs = scope.registers();
        if (regs == null) {
            throw new CExprException("No registers.");
        }
        if (reg == -2) {
            return regs.pstate() < 0 ? Value.unavailable(type, "<not saved>") : Value.ofLong(type, regs.pstate());
        }
        if (!regs.isKnown(reg)) {
            return Value.unavailable(type, "<not saved>");
        }
        long v = regs.get(reg);
        return Value.ofLong(type, w ? v & 0xffffffffL : v);
    }

    private Value systemRegister(String name) {
        // any register of the simulator's table by its Arm ARM name; an unknown $name is gdb's unset
        // convenience variable, whose value is void
        // (names are case-sensitive, as gdb's register names)
        if (SysRegTable.byName(name) != null) {
            Value v = scope.systemRegister(name);
            if (v != null) {
                return v;
            }
        }
        return Value.of(Type.voidType(), new byte[0]);
    }

    private Value member(Value base, String name, boolean arrow) {
        Type t = base.type().strip();
        if (t.kind() == Kind.POINTER) {
            Type target = t.target() == null ? Type.voidType() : t.target();
            if (!target.isAggregate()) {
                throw new CExprException(arrow ? "The -> operator must be applied to a pointer to a structure or union."
                        : "Attempt to extract a component of a value that is not a structure pointer.");
            }
            base = deref(base);
            t = base.type().strip();
        } else if (!t.isAggregate()) {
            throw new CExprException(arrow ? "The -> operator must be applied to a pointer to a structure or union."
                    : "Attempt to extract a component of a value that is not a structure.");
        }
        Value m = findMember(base, t, name, 0);
        if (m == null) {
            throw new CExprException("There is no member named " + name + ".");
        }
        return m;
    }

    /** A member by name, looking into anonymous struct and union members as C11 6.7.2.1p13 says. */
    private static Value findMember(Value base, Type t, String name, int depth) {
        if (depth > 16) {
            return null;
        }
        for (Type.Member m : t.members()) {
            if (name.equals(m.name())) {
                return base.member(m);
            }
        }
        for (Type.Member m : t.members()) {
            if (m.name() == null && m.type().isAggregate()) {
                Value v = findMember(base.member(m), m.type().strip(), name, depth + 1);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private Value deref(Value p) {
        Type t = p.type().strip();
        Type target = t.target() == null ? Type.voidType() : t.target();
        if (target.strip().kind() == Kind.VOID) {
            if (typeOnly) {
                return Value.of(target, new byte[0]); // whatis *voidp: gdb evaluates without side effects
            }
            throw new CExprException("Attempt to dereference a generic pointer.");
        }
        try {
            return Value.at(target, p.asLong(), scope.memory());
        } catch (MemoryException e) {
            throw new CExprException(memoryText(e));
        }
    }

    static String memoryText(MemoryException e) {
        return io.el2studio.engine.values.GdbFormat.memoryError(e);
    }

    private Value index(Value base, Value idx) {
        Type t = base.type().strip();
        if (t.isAggregate()) {
            throw new CExprException("Structure has no component named operator[].");
        }
        long i = Arith.integer(idx, "cannot subscript requested type");
        if (t.kind() == Kind.ARRAY) {
            if (base.unavailableReason() != null) {
                return base.element(i);
            }
            if (base.address() < 0 && (i < 0 || t.count() >= 0 && i >= t.count())) {
                throw new CExprException("no such vector element");
            }
            return base.element(i);
        }
        if (t.kind() == Kind.POINTER) {
            return deref(Arith.binary("+", base, idx));
        }
        Type st = base.type().strip();
        // gdb names the type by its own name: an enum's tag alone (`perm'), a base type without qualifiers
        String tn = st.kind() == Kind.ENUM && st.tagName() != null ? st.tagName() : st.name();
        throw new CExprException("cannot subscript something of type `" + tn + "'");
    }

    private Value unary(String op, Value v) {
        Type t = v.type().strip();
        switch (op) {
            case "*" -> {
                if (t.kind() == Kind.POINTER) {
                    return deref(v);
                }
                if (t.kind() == Kind.ARRAY) {
                    return v.element(0);
                }
                if (t.kind() == Kind.FUNCTION) {
                    return v;
                }
                if (t.isAggregate()) {
                    throw new CExprException("Structure has no component named operator*.");
                }
                if (t.kind() == Kind.BASE && t.isIntegral() && !t.isBool()) {
                    // gdb allows * on an integer: an int at that address (eval.c, unop_ind)
                    return Value.at(BuiltinTypes.INT, Arith.integer(v, ""), scope.memory());
                }
                throw new CExprException("Attempt to take contents of a non-pointer value.");
            }
            case "&" -> {
                if (t.kind() == Kind.FUNCTION && v.address() >= 0) {
                    return Value.ofLong(Type.pointerTo(v.type()), v.address());
                }
                if (v.lval() != Value.Lval.MEMORY || v.address() < 0) {
                    throw new CExprException("Attempt to take address of value not located in memory.");
                }
                return Value.ofLong(Type.pointerTo(v.type()), v.address());
            }
            default -> {
                if (t.isAggregate()) {
                    throw new CExprException("Structure has no component named operator" + op + ".");
                }
                return Arith.unary(op, v);
            }
        }
    }

    private Value repeat(Value left, Value count) {
        long n = Arith.integer(count, "");
        if (left.lval() != Value.Lval.MEMORY || left.address() < 0) {
            throw new CExprException("Only values in memory can be extended with '@'.");
        }
        if (n <= 0) {
            throw new CExprException("Non-positive repeat count.");
        }
        return Value.at(Type.arrayOf(left.type(), n), left.address(), scope.memory());
    }

    private Value assign(Value target, Value v) {
        if (target.type().isAggregate() || target.type().isArray()) {
            if (!target.type().strip().name().equals(v.type().strip().name())) {
                throw new CExprException("Invalid cast.");
            }
        } else {
            v = Arith.cast(v, target.type());
        }
        byte[] b;
        try {
            b = v.bytes();
        } catch (MemoryException e) {
            throw new CExprException(memoryText(e));
        }
        String err = target.write(b, scope.registerWriter());
        if (err != null) {
            throw new CExprException(err);
        }
        // a memory lvalue reads its (new) contents when printed; a bitfield keeps its bits
        return target.lval() == Value.Lval.MEMORY ? target : v;
    }
}
