package io.el2studio.engine.expr;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.target.TargetMemory;

/**
 * Where a {@link Variable} is in a frame: its DW_AT_location (an expression, or the location list
 * entry for the frame's pc; DWARF 5, 2.6), its DW_AT_const_value, or its ELF symbol. Never throws.
 */
final class Locator {
    private Locator() {
    }

    static Location locate(Variable v, ExpressionContext ctx) {
        try {
            return switch (v.storage()) {
                case MINIMAL, MINIMAL_TEXT, UNRESOLVED -> v.elfAddress() == -1
                        ? new Location.Unavailable("Missing ELF symbol \"" + v.name() + "\".")
                        : new Location.InMemory(v.elfAddress());
                case OPTIMIZED_OUT -> Location.OPTIMIZED_OUT;
                case CONST, CONST_BYTES -> constValue(v.die().withInherited(Dw.AT_const_value));
                case STATIC, COMPUTED -> location(v.die().withInherited(Dw.AT_location), Dw.AT_location, ctx);
            };
        } catch (RuntimeException e) {
            return new Location.Unavailable(e.getMessage());
        }
    }

    /** The location {@code at} (DW_AT_location, or an exprloc/loclist attribute like it) of {@code d} in the frame. */
    static Location location(Die d, int at, ExpressionContext ctx) {
        if (d == null || !d.has(at)) {
            return Location.OPTIMIZED_OUT;
        }
        ctx = inUnit(ctx, d.unit());
        if (d.isBlock(at)) {
            return DwarfExpression.location(d.block(at), ctx);
        }
        byte[] expr;
        try {
            expr = listExpression(d, at, ctx);
        } catch (ExpressionException e) {
            return e.optimizedOut() ? Location.OPTIMIZED_OUT : new Location.Unavailable(e.getMessage());
        }
        return expr == null ? Location.OPTIMIZED_OUT : DwarfExpression.location(expr, ctx);
    }

    /** {@code ctx} reading operands (base types, .debug_addr) of unit {@code u}: a global of another unit needs its own. */
    static ExpressionContext inUnit(ExpressionContext ctx, Unit u) {
        if (ctx.unit() == u) {
            return ctx;
        }
        if (ctx instanceof FrameExpressionContext f) {
            return f.withUnit(u);
        }
        return new ExpressionContext() {
            @Override
            public long register(int reg) throws ExpressionException {
                return ctx.register(reg);
            }

            @Override
            public TargetMemory memory() {
                return ctx.memory();
            }

            @Override
            public long frameBase() throws ExpressionException {
                return ctx.frameBase();
            }

            @Override
            public long cfa() throws ExpressionException {
                return ctx.cfa();
            }

            @Override
            public Unit unit() {
                return u;
            }

            @Override
            public long bias() {
                return ctx.bias();
            }

            @Override
            public long pc() {
                return ctx.pc();
            }

            @Override
            public long functionEntry() {
                return ctx.functionEntry();
            }

            @Override
            public long entryValue(byte[] expression) throws ExpressionException {
                return ctx.entryValue(expression);
            }

            @Override
            public long parameterRef(long dieOffset) throws ExpressionException {
                return ctx.parameterRef(dieOffset);
            }

            @Override
            public long objectAddress() throws ExpressionException {
                return ctx.objectAddress();
            }
        };
    }

    /** The expression of a location list attribute that applies at the frame's pc; null where none does. */
    static byte[] listExpression(Die d, int at, ExpressionContext ctx) throws ExpressionException {
        if (!LocationList.isList(d, at)) {
            throw new ExpressionException("DW_AT 0x" + Integer.toHexString(at) + " of " + d + " has an unexpected form 0x"
                    + Integer.toHexString(d.form(at)));
        }
        long pc = ctx.pc();
        if (pc == -1) {
            throw new ExpressionException("No frame selected.");
        }
        LocationList list = LocationList.read(d, at);
        long entry = ctx.functionEntry();
        byte[] e = list.expressionAt(pc - ctx.bias(), entry == -1 ? -1 : entry - ctx.bias());
        if (e == null && list.damage() != null) {
            throw new ExpressionException("Corrupted DWARF expression for symbol (" + list.damage() + ")");
        }
        return e;
    }

    /** DW_AT_const_value as bytes (DWARF 5, 4.1 item 10): a constant form little-endian, a block or string as is. */
    static Location constValue(Die d) {
        if (d == null) {
            return Location.OPTIMIZED_OUT;
        }
        int at = Dw.AT_const_value;
        if (d.isBlock(at)) {
            return new Location.ValueOf(d.block(at));
        }
        int f = d.form(at);
        return switch (f) {
            case Dw.FORM_string, Dw.FORM_strp, Dw.FORM_line_strp, Dw.FORM_strx, Dw.FORM_strx1, Dw.FORM_strx2, Dw.FORM_strx3,
                    Dw.FORM_strx4 -> {
                byte[] s = d.string(at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                yield new Location.ValueOf(java.util.Arrays.copyOf(s, s.length + 1));
            }
            case Dw.FORM_sdata, Dw.FORM_implicit_const -> Location.ValueOf.ofLong(d.signed(at, 0), 8);
            default -> Location.ValueOf.ofLong(d.unsigned(at, 0), 8);
        };
    }
}
