package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.engine.dwarf.Cursor;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.expr.Location.Piece;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;

/**
 * The DWARF expression stack machine (DWARF 5, 2.5 "DWARF Expressions" and 2.6 "Location
 * Descriptions"), with the GNU forms gcc 12 emits for DWARF 2-4 (DW_OP_GNU_entry_value, typed stack
 * ops, implicit pointers, parameter references, .debug_addr indices).
 *
 * <p>{@link #location} evaluates a location description and never throws: damaged bytes, unreadable
 * memory or registers become {@link Location.Unavailable} with a one-line reason, and what the compiler
 * did not keep becomes {@link Location.OptimizedOut}. {@link #value} evaluates a DWARF expression for
 * its value (CFA rules of the unwinder, DW_AT_frame_base, DW_AT_call_value) and throws
 * {@link ExpressionException} instead.
 *
 * <p>Stack entries are 64 bits wide with an optional base type (DWARF 5, 2.5.1: the "generic type" is
 * the address size with unspecified signedness; typed entries come from DW_OP_const_type,
 * regval_type, deref_type, convert). Base types wider than 8 bytes are not supported on the stack.
 */
public final class DwarfExpression {
    /** Bound on executed operations, so a DW_OP_skip loop in damaged data ends (gdb has no bound; it hangs). */
    private static final int MAX_STEPS = 100_000;
    private static final int MAX_DEPTH = 1024;
    private static final int MAX_CALL_DEPTH = 16;

    private final ExpressionContext ctx;
    private final Unit unit;
    private final int addressSize;
    private final int offsetSize;
    private final int version;
    private long[] values = new long[16];
    private Die[] types = new Die[16];
    private int sp;
    private int steps;
    private int callDepth;

    /** Where the expression has said its value is, when not on the stack (DWARF 5, 2.6.1.1). */
    private Location pending;
    private final List<Piece> pieces = new ArrayList<>();

    private DwarfExpression(ExpressionContext ctx) {
        this.ctx = ctx;
        this.unit = ctx.unit();
        this.addressSize = unit != null ? unit.addressSize() : 8;
        this.offsetSize = unit != null ? unit.offsetSize() : 4;
        this.version = unit != null ? unit.version() : 5;
    }

    /**
     * The location {@code expr} describes (DW_AT_location, one entry of a location list). An empty
     * expression is optimized out (DWARF 5, 2.6.1.1.1). {@code initial} is pushed first, bottom first.
     */
    public static Location location(byte[] expr, ExpressionContext ctx, long... initial) {
        if (expr == null || expr.length == 0) {
            return Location.OPTIMIZED_OUT;
        }
        DwarfExpression m = new DwarfExpression(ctx);
        try {
            for (long v : initial) {
                m.push(v, null);
            }
            m.run(expr);
            return m.result();
        } catch (ExpressionException e) {
            return e.optimizedOut() ? Location.OPTIMIZED_OUT : new Location.Unavailable(e.getMessage());
        } catch (RuntimeException e) {
            return new Location.Unavailable("DWARF expression error: " + e.getMessage());
        }
    }

    /**
     * The value {@code expr} computes: the top of the stack at the end (DWARF 5, 2.5). A lone register
     * location (DW_OP_regN, as in a DW_AT_frame_base of DW_OP_reg29) gives the register's value, an
     * implicit or stack value gives that value.
     */
    public static long value(byte[] expr, ExpressionContext ctx, long... initial) throws ExpressionException {
        if (expr == null || expr.length == 0) {
            throw ExpressionException.optimizedOut("empty DWARF expression");
        }
        DwarfExpression m = new DwarfExpression(ctx);
        try {
            for (long v : initial) {
                m.push(v, null);
            }
            m.run(expr);
            if (!m.pieces.isEmpty()) {
                throw new ExpressionException("DWARF expression error: a composite location where a value is needed");
            }
            if (m.pending instanceof Location.InRegister r) {
                return ctx.register(r.reg());
            }
            if (m.pending instanceof Location.ValueOf v) {
                return v.asLong();
            }
            if (m.pending != null) {
                throw new ExpressionException("DWARF expression error: " + m.pending + " where a value is needed");
            }
            return m.pop();
        } catch (RuntimeException e) {
            throw new ExpressionException("DWARF expression error: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- the stack

    private void push(long v, Die type) throws ExpressionException {
        if (sp == MAX_DEPTH) {
            throw new ExpressionException("DWARF expression error: stack overflow");
        }
        if (sp == values.length) {
            values = java.util.Arrays.copyOf(values, sp * 2);
            types = java.util.Arrays.copyOf(types, sp * 2);
        }
        values[sp] = type == null ? generic(v) : BaseTypes.normalize(v, type);
        types[sp] = type;
        sp++;
    }

    private long generic(long v) {
        return addressSize == 4 ? v & 0xffff_ffffL : v;
    }

    private void need(int n, int op) throws ExpressionException {
        if (sp < n) {
            throw new ExpressionException("DWARF expression error: stack underflow at " + DwOp.name(op));
        }
    }

    private long pop() throws ExpressionException {
        if (sp == 0) {
            throw new ExpressionException("DWARF expression error: stack empty");
        }
        return values[--sp];
    }

    private long top() {
        return values[sp - 1];
    }

    // ---------------------------------------------------------------- the result

    private Location result() throws ExpressionException {
        if (!pieces.isEmpty()) {
            // Operations after the last piece are ill-formed (DWARF 5, 2.6.1.2); gdb ignores them too.
            return new Location.Pieces(pieces);
        }
        if (pending != null) {
            return pending;
        }
        if (sp == 0) {
            return Location.OPTIMIZED_OUT;
        }
        return new Location.InMemory(top());
    }

    /** DW_OP_piece / DW_OP_bit_piece: the location so far becomes one piece (DWARF 5, 2.6.1.2). */
    private void addPiece(long bitSize, long bitOffset) throws ExpressionException {
        Location l;
        if (pending != null) {
            l = pending;
        } else if (sp == 0) {
            l = Location.OPTIMIZED_OUT; // an empty description: the piece is not available
        } else {
            l = new Location.InMemory(pop());
        }
        pending = null;
        pieces.add(new Piece(l, bitSize, bitOffset));
    }

    /** After DW_OP_reg*, implicit_value, stack_value, implicit_pointer only a piece or the end may follow. */
    private void requireComposition(Cursor c, int op) throws ExpressionException {
        if (!c.atEnd()) {
            int next = c.data()[c.pos()] & 0xff;
            if (next != DwOp.piece && next != DwOp.bit_piece && next != DwOp.GNU_uninit) {
                throw new ExpressionException("DWARF expression error: " + DwOp.name(op)
                        + " must be used alone or with DW_OP_piece or DW_OP_bit_piece");
            }
        }
    }

    // ---------------------------------------------------------------- the interpreter

    private void run(byte[] expr) throws ExpressionException {
        Cursor c = new Cursor("DWARF expression", expr, 0);
        while (!c.atEnd()) {
            if (++steps > MAX_STEPS) {
                throw new ExpressionException("DWARF expression error: more than " + MAX_STEPS + " operations (a loop?)");
            }
            if (pending != null) {
                int op = c.data()[c.pos()] & 0xff;
                if (op != DwOp.piece && op != DwOp.bit_piece && op != DwOp.GNU_uninit) {
                    throw new ExpressionException("DWARF expression error: an operation after a register or value location");
                }
            }
            step(c);
        }
    }

    private void step(Cursor c) throws ExpressionException {
        int op = c.u8();
        if (op >= DwOp.lit0 && op <= DwOp.lit31) {
            push(op - DwOp.lit0, null);
            return;
        }
        if (op >= DwOp.reg0 && op <= DwOp.reg31) {
            pending = new Location.InRegister(op - DwOp.reg0);
            requireComposition(c, op);
            return;
        }
        if (op >= DwOp.breg0 && op <= DwOp.breg31) {
            long off = c.sleb();
            push(ctx.register(op - DwOp.breg0) + off, null);
            return;
        }
        switch (op) {
            case DwOp.addr -> push(c.unsigned(addressSize) + ctx.bias(), null);
            case DwOp.const1u -> push(c.u8(), null);
            case DwOp.const1s -> push(c.s8(), null);
            case DwOp.const2u -> push(c.u16(), null);
            case DwOp.const2s -> push((short) c.u16(), null);
            case DwOp.const4u -> push(c.u32(), null);
            case DwOp.const4s -> push(c.s32(), null);
            case DwOp.const8u, DwOp.const8s -> push(c.u64(), null);
            case DwOp.constu -> push(c.uleb(), null);
            case DwOp.consts -> push(c.sleb(), null);
            case DwOp.addrx, DwOp.GNU_addr_index -> push(unit().addrx(c.uleb()) + ctx.bias(), null);
            // constx names a constant that needs relocation only for TLS; it is not a code or data address
            case DwOp.constx, DwOp.GNU_const_index -> push(unit().addrx(c.uleb()), null);
            case DwOp.dup -> {
                need(1, op);
                push(top(), types[sp - 1]);
            }
            case DwOp.drop -> {
                need(1, op);
                sp--;
            }
            case DwOp.over -> pick(1, op);
            case DwOp.pick -> pick(c.u8(), op);
            case DwOp.swap -> {
                need(2, op);
                swap(sp - 1, sp - 2);
            }
            case DwOp.rot -> {
                need(3, op);
                // the top moves to third, second to top, third to second (DWARF 5, 2.5.1.3)
                long v = values[sp - 1];
                Die t = types[sp - 1];
                values[sp - 1] = values[sp - 2];
                types[sp - 1] = types[sp - 2];
                values[sp - 2] = values[sp - 3];
                types[sp - 2] = types[sp - 3];
                values[sp - 3] = v;
                types[sp - 3] = t;
            }
            case DwOp.deref -> derefOp(addressSize, null, op);
            case DwOp.deref_size -> derefOp(c.u8(), null, op);
            case DwOp.deref_type, DwOp.GNU_deref_type -> {
                int size = c.u8();
                Die t = baseType(c.uleb());
                derefOp(size, t, op);
            }
            case DwOp.xderef, DwOp.xderef_size, DwOp.xderef_type ->
                throw new ExpressionException("DWARF expression error: " + DwOp.name(op) + " (address spaces) is not supported");
            case DwOp.abs, DwOp.neg, DwOp.not -> unary(op);
            case DwOp.and, DwOp.div, DwOp.minus, DwOp.mod, DwOp.mul, DwOp.or, DwOp.plus, DwOp.shl, DwOp.shr, DwOp.shra,
                    DwOp.xor, DwOp.eq, DwOp.ge, DwOp.gt, DwOp.le, DwOp.lt, DwOp.ne -> binary(op);
            case DwOp.plus_uconst -> {
                need(1, op);
                long k = c.uleb();
                Die t = types[sp - 1];
                long v = pop();
                push(v + k, t);
            }
            case DwOp.skip -> jump(c, (short) c.u16());
            case DwOp.bra -> {
                int off = (short) c.u16();
                need(1, op);
                if (pop() != 0) {
                    jump(c, off);
                }
            }
            case DwOp.regx -> {
                pending = new Location.InRegister(c.ulebInt());
                requireComposition(c, op);
            }
            case DwOp.bregx -> {
                int reg = c.ulebInt();
                long off = c.sleb();
                push(ctx.register(reg) + off, null);
            }
            case DwOp.fbreg -> {
                long off = c.sleb();
                push(ctx.frameBase() + off, null);
            }
            case DwOp.call_frame_cfa -> push(ctx.cfa(), null);
            case DwOp.piece -> addPiece(c.uleb() * 8, 0);
            case DwOp.bit_piece -> {
                long size = c.uleb();
                addPiece(size, c.uleb());
            }
            case DwOp.nop -> {
            }
            case DwOp.GNU_uninit -> {
                // marks the value as uninitialized; gdb prints "[uninitialized] "; the location is unchanged
            }
            case DwOp.push_object_address -> push(ctx.objectAddress(), null);
            case DwOp.call2 -> call(unitOffset(c.u16()));
            case DwOp.call4 -> call(unitOffset(c.u32()));
            case DwOp.call_ref -> call(c.offset(offsetSize));
            case DwOp.form_tls_address, DwOp.GNU_push_tls_address ->
                throw new ExpressionException("Cannot access thread-local variables on this target");
            case DwOp.implicit_value -> {
                long n = c.uleb();
                pending = new Location.ValueOf(c.bytes(n));
                requireComposition(c, op);
            }
            case DwOp.stack_value -> {
                need(1, op);
                Die t = types[sp - 1];
                long v = pop();
                pending = Location.ValueOf.ofLong(v, t == null ? addressSize : BaseTypes.size(t));
                requireComposition(c, op);
            }
            case DwOp.implicit_pointer, DwOp.GNU_implicit_pointer -> {
                // DWARF 2 wrote DIE references in the address size (gdb reads GNU_implicit_pointer so)
                long die = c.unsigned(version <= 2 ? addressSize : offsetSize);
                long off = c.sleb();
                pending = new Location.ImplicitPointer(die, off);
                requireComposition(c, op);
            }
            case DwOp.entry_value, DwOp.GNU_entry_value -> {
                long n = c.uleb();
                byte[] sub = c.bytes(n);
                Die t = entryValueType(sub);
                push(ctx.entryValue(sub), t);
            }
            case DwOp.GNU_parameter_ref -> push(ctx.parameterRef(unitOffset(c.u32())), null);
            case DwOp.const_type, DwOp.GNU_const_type -> {
                Die t = baseType(c.uleb());
                int n = c.u8();
                byte[] b = c.bytes(n);
                if (n > 8) {
                    throw new ExpressionException("DWARF expression error: a " + n + "-byte constant is not supported");
                }
                long v = 0;
                for (int i = n - 1; i >= 0; i--) {
                    v = v << 8 | (b[i] & 0xff);
                }
                push(v, t);
            }
            case DwOp.regval_type, DwOp.GNU_regval_type -> {
                int reg = c.ulebInt();
                Die t = baseType(c.uleb());
                push(ctx.register(reg), t);
            }
            case DwOp.convert, DwOp.GNU_convert -> {
                need(1, op);
                long off = c.uleb();
                Die to = off == 0 ? null : baseType(off);
                Die from = types[sp - 1];
                long v = pop();
                push(BaseTypes.convert(v, from, to), to);
            }
            case DwOp.reinterpret, DwOp.GNU_reinterpret -> {
                need(1, op);
                long off = c.uleb();
                Die to = off == 0 ? null : baseType(off);
                long v = pop();
                push(v, to);
            }
            case DwOp.GNU_variable_value -> {
                c.offset(offsetSize);
                throw ExpressionException.optimizedOut("DW_OP_GNU_variable_value is not supported");
            }
            case DwOp.GNU_encoded_addr -> throw new ExpressionException("DWARF expression error: DW_OP_GNU_encoded_addr is not supported");
            default -> throw new ExpressionException("Unhandled dwarf expression opcode 0x" + Integer.toHexString(op));
        }
    }

    private Unit unit() throws ExpressionException {
        if (unit == null) {
            throw new ExpressionException("DWARF expression error: no unit for an index or type operand");
        }
        return unit;
    }

    private long unitOffset(long off) throws ExpressionException {
        return unit().offset() + off;
    }

    private void pick(int index, int op) throws ExpressionException {
        need(index + 1, op);
        push(values[sp - 1 - index], types[sp - 1 - index]);
    }

    private void swap(int a, int b) {
        long v = values[a];
        values[a] = values[b];
        values[b] = v;
        Die t = types[a];
        types[a] = types[b];
        types[b] = t;
    }

    private static void jump(Cursor c, int off) {
        c.seek(c.pos() + (long) off); // seek checks the target is inside the expression
    }

    private void derefOp(int size, Die type, int op) throws ExpressionException {
        need(1, op);
        if (size < 1 || size > 8) {
            throw new ExpressionException("DWARF expression error: " + DwOp.name(op) + " of " + size + " bytes");
        }
        long addr = pop();
        TargetMemory mem = ctx.memory();
        if (mem == null) {
            throw new ExpressionException("Cannot access memory at address 0x" + Long.toHexString(addr));
        }
        long v;
        try {
            v = mem.readLong(addr, size == 3 || (size > 4 && size < 8) ? 8 : size);
            if (size != 1 && size != 2 && size != 4 && size != 8) {
                v &= (1L << (8 * size)) - 1;
            }
        } catch (MemoryException e) {
            throw new ExpressionException("Cannot access memory at address 0x" + Long.toHexString(e.address()));
        }
        push(v, type);
    }

    private void call(long dieOffset) throws ExpressionException {
        if (++callDepth > MAX_CALL_DEPTH) {
            throw new ExpressionException("DWARF expression error: DW_OP_call nested too deeply");
        }
        Die d = unit().info().dieAt(dieOffset);
        // DWARF 5, 2.5.1.5: a DIE without DW_AT_location is a call of an empty expression
        if (d.has(Dw.AT_location)) {
            if (!d.isBlock(Dw.AT_location)) {
                throw new ExpressionException("DWARF expression error: DW_OP_call to a DIE with a location list");
            }
            run(d.block(Dw.AT_location));
        }
        callDepth--;
    }

    private Die baseType(long unitRelative) throws ExpressionException {
        Die d = unit().info().dieAt(unit().offset() + unitRelative);
        if (d.tag() != Dw.TAG_base_type) {
            throw new ExpressionException("DWARF expression error: type operand <0x" + Long.toHexString(d.offset())
                    + "> is not a base type");
        }
        if (BaseTypes.size(d) > 8) {
            throw new ExpressionException("DWARF expression error: a " + BaseTypes.size(d) + "-byte stack type is not supported");
        }
        return d;
    }

    /** DW_OP_entry_value(DW_OP_regval_type r t) keeps the type t for the value (gcc emits it for float arguments). */
    private Die entryValueType(byte[] sub) throws ExpressionException {
        if (sub.length > 0 && ((sub[0] & 0xff) == DwOp.regval_type || (sub[0] & 0xff) == DwOp.GNU_regval_type)) {
            Cursor c = new Cursor("DW_OP_entry_value", sub, 1);
            c.uleb();
            return baseType(c.uleb());
        }
        return null;
    }

    private void unary(int op) throws ExpressionException {
        need(1, op);
        Die t = types[sp - 1];
        long v = pop();
        if (BaseTypes.isFloat(t)) {
            double d = BaseTypes.toDouble(v, t);
            if (op == DwOp.not) {
                throw new ExpressionException("DWARF expression error: DW_OP_not on a floating-point value");
            }
            push(BaseTypes.fromDouble(op == DwOp.abs ? Math.abs(d) : -d, t), t);
            return;
        }
        long r = switch (op) {
            case DwOp.abs -> t != null && !BaseTypes.isSigned(t) ? v : Math.abs(signedGeneric(v, t));
            case DwOp.neg -> -v;
            default -> ~v;
        };
        push(r, t);
    }

    /** The generic type has the address size; on a 4-byte target its values are sign-extended for signed ops. */
    private long signedGeneric(long v, Die t) {
        return t == null && addressSize == 4 ? (int) v : v;
    }

    private void binary(int op) throws ExpressionException {
        need(2, op);
        Die tb = types[sp - 1];
        long b = pop();
        Die ta = types[sp - 1];
        long a = pop();
        // DWARF 5, 2.5.1.4: both operands have the same type; gdb lets the generic type meet any integral type
        Die t = ta != null ? ta : tb;
        boolean compare = op >= DwOp.eq && op <= DwOp.ne;
        if (BaseTypes.isFloat(t)) {
            double x = BaseTypes.toDouble(a, t), y = BaseTypes.toDouble(b, t);
            if (compare) {
                push(cmp(op, Double.compare(x, y)) ? 1 : 0, null);
                return;
            }
            double r = switch (op) {
                case DwOp.plus -> x + y;
                case DwOp.minus -> x - y;
                case DwOp.mul -> x * y;
                case DwOp.div -> x / y;
                default -> throw new ExpressionException("DWARF expression error: " + DwOp.name(op) + " on floating-point values");
            };
            push(BaseTypes.fromDouble(r, t), t);
            return;
        }
        // the generic type's signedness is unspecified; gdb (and DWARF 5 for div) treat it as signed
        boolean signed = t == null || BaseTypes.isSigned(t);
        long sa = signedGeneric(a, t), sb = signedGeneric(b, t);
        if (compare) {
            int c = signed ? Long.compare(sa, sb) : Long.compareUnsigned(a, b);
            push(cmp(op, c) ? 1 : 0, null);
            return;
        }
        long r;
        switch (op) {
            case DwOp.and -> r = a & b;
            case DwOp.or -> r = a | b;
            case DwOp.xor -> r = a ^ b;
            case DwOp.plus -> r = a + b;
            case DwOp.minus -> r = a - b;
            case DwOp.mul -> r = a * b;
            case DwOp.div -> {
                if (b == 0) {
                    throw new ExpressionException("Division by zero");
                }
                r = signed ? sa / sb : Long.divideUnsigned(a, b);
            }
            case DwOp.mod -> {
                if (b == 0) {
                    throw new ExpressionException("Division by zero");
                }
                // gdb treats the generic type as unsigned for DW_OP_mod (DWARF 2 said "modulus" unsigned)
                r = t == null || !BaseTypes.isSigned(t) ? Long.remainderUnsigned(a, b) : sa % sb;
            }
            case DwOp.shl -> r = Long.compareUnsigned(b, 64) >= 0 ? 0 : a << b;
            case DwOp.shr -> {
                long ua = t == null && addressSize == 4 ? a & 0xffff_ffffL : t != null ? BaseTypes.zeroExtend(a, t) : a;
                r = Long.compareUnsigned(b, 64) >= 0 ? 0 : ua >>> b;
            }
            default -> r = Long.compareUnsigned(b, 64) >= 0 ? (sa < 0 ? -1 : 0) : sa >> b; // shra
        }
        push(r, t);
    }

    private static boolean cmp(int op, int c) {
        return switch (op) {
            case DwOp.eq -> c == 0;
            case DwOp.ge -> c >= 0;
            case DwOp.gt -> c > 0;
            case DwOp.le -> c <= 0;
            case DwOp.lt -> c < 0;
            default -> c != 0;
        };
    }
}
