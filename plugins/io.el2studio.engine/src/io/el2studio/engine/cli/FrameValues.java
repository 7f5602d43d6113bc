package io.el2studio.engine.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.expr.Block;
import io.el2studio.engine.expr.ExpressionContext;
import io.el2studio.engine.expr.ExpressionException;
import io.el2studio.engine.expr.FrameExpressionContext;
import io.el2studio.engine.expr.Location;
import io.el2studio.engine.expr.Scopes;
import io.el2studio.engine.expr.Variable;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Types;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.values.Value;

/**
 * The variables of a frame as gdb prints them: the frame's block and DWARF context (C1's Scopes
 * and FrameExpressionContext: registers, memory, frame base, CFA, entry values through the
 * caller's call site), each variable's value and text (C2's types and GdbFormat), and the
 * {@code @entry} forms of gdb's frame lines. File-derived indexes are cached per symbol file;
 * values never are.
 */
final class FrameValues {
    /** DWARF 5, 7.7.1: DW_OP_reg0; DW_OP_regN is 0x50 + N for N up to 31. */
    private static final int DW_OP_reg0 = 0x50;

    private final Program program;
    private final Map<SymbolFile, Scopes> scopes = new IdentityHashMap<>();
    private final Map<SymbolFile, GdbFormat> formats = new IdentityHashMap<>();

    FrameValues(Program program) {
        this.program = program;
    }

    synchronized Scopes scopes(SymbolFile f) {
        return scopes.computeIfAbsent(f, x -> new Scopes(x.dwarf(), x.elf(), x.bias()));
    }

    synchronized GdbFormat format(SymbolFile f) {
        return formats.computeIfAbsent(f, x -> new GdbFormat(new Symbolic(x)));
    }

    static Types types(SymbolFile f) {
        return Types.of(f.dwarf());
    }

    SymbolFile fileOf(Frame f) {
        return program.file(f.el(), f.vmid());
    }

    /** The DWARF context of frame {@code i} of a backtrace. */
    FrameExpressionContext context(List<Frame> frames, int i) {
        return FrameExpressionContext.of(frames, i, program.skippedInline(frames, i), f -> {
            SymbolFile file = fileOf(f);
            return file == null ? null : scopes(file);
        });
    }

    /** The block frame {@code i} sees (the inlined instance for an inline frame), or null. */
    Block block(List<Frame> frames, int i) {
        return frames.get(i).isExceptionMarker() || fileOf(frames.get(i)) == null ? null : context(frames, i).block();
    }

    /** The value of {@code v} in the frame {@code ctx} describes. */
    Value value(SymbolFile f, FrameExpressionContext ctx, Variable v) {
        Type t = types(f).type(v.type());
        Location loc = v.location(ctx);
        Frame frame = ctx.frame();
        return Value.fromLocation(t, loc, frame.registers(), frame.memory());
    }

    /**
     * Each argument as a frame line shows it (gdb 13 stack.c read_frame_arg with the defaults
     * {@code print frame-arguments scalars} and {@code print entry-values default}): {@code name=VAL};
     * {@code name=name@entry=VAL} when the value at the function's entry (DW_OP_entry_value through
     * the caller's call site) is known and equal; {@code name=VAL, name@entry=ENTRY} when it differs;
     * {@code ...} for a composite.
     */
    List<String> frameArguments(List<Frame> frames, int i) {
        List<String> out = new ArrayList<>();
        SymbolFile f = fileOf(frames.get(i));
        if (f == null || frames.get(i).isExceptionMarker()) {
            return out;
        }
        FrameExpressionContext ctx = context(frames, i);
        if (ctx.block() == null) {
            return out;
        }
        GdbFormat fmt = format(f);
        for (Variable v : Scopes.arguments(ctx.block())) {
            Value val = value(f, ctx, v);
            Type.Kind k = val.type().strip().kind();
            boolean scalar = !(k == Type.Kind.STRUCT || k == Type.Kind.UNION || k == Type.Kind.CLASS || k == Type.Kind.ARRAY);
            Value entry = frames.get(i).isInline() ? null : entryValue(f, ctx, v, val.type());
            String text = scalar ? fmt.value(val, (char) 0) : "...";
            if (entry == null) {
                out.add(v.name() + "=" + text);
            } else if (sameContents(val, entry)) {
                out.add(v.name() + "=" + v.name() + "@entry=" + text);
            } else {
                out.add(v.name() + "=" + text + ", " + v.name() + "@entry=" + (scalar ? fmt.value(entry, (char) 0) : "..."));
            }
        }
        return out;
    }

    private static boolean sameContents(Value a, Value b) {
        try {
            return a.isFullyAvailable() && Arrays.equals(a.bytes(), b.bytes());
        } catch (MemoryException e) {
            return false;
        }
    }

    /**
     * The parameter's value at the function's entry (gdb: read_variable_at_entry): where its location
     * at the entry pc is a single register, that register's value in the caller's call site
     * parameter; null when gdb finds none (its NO_ENTRY_VALUE_ERROR is silent).
     */
    private Value entryValue(SymbolFile f, FrameExpressionContext ctx, Variable v, Type type) {
        long entryPc = ctx.functionEntry();
        if (entryPc == -1) {
            return null;
        }
        Location atEntry = v.location(new AtPc(ctx, entryPc));
        if (!(atEntry instanceof Location.InRegister r) || r.reg() > 31) {
            return null;
        }
        long size = type.sizeOf();
        if (size <= 0 || size > 8) {
            return null;
        }
        try {
            long value = ctx.entryValue(new byte[] {(byte) (DW_OP_reg0 + r.reg())});
            byte[] b = new byte[(int) size];
            for (int k = 0; k < size; k++) {
                b[k] = (byte) (value >>> (8 * k));
            }
            return Value.of(type, b);
        } catch (ExpressionException e) {
            return null;
        }
    }

    /** A frame's context looked at from another pc (the function's entry), for the location's form only. */
    private record AtPc(ExpressionContext ctx, long at) implements ExpressionContext {
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
            return ctx.unit();
        }

        @Override
        public long bias() {
            return ctx.bias();
        }

        @Override
        public long pc() {
            return at;
        }

        @Override
        public long functionEntry() {
            return ctx.functionEntry();
        }
    }

    /** {@code info args} / {@code info locals} lines of frame {@code i}; null when it has no symbols. */
    List<String> lines(List<Frame> frames, int i, boolean arguments) {
        SymbolFile f = fileOf(frames.get(i));
        FrameExpressionContext ctx = f == null ? null : context(frames, i);
        if (ctx == null || ctx.block() == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Variable v : arguments ? Scopes.arguments(ctx.block()) : Scopes.locals(ctx.block())) {
            out.add(format(f).infoLine(v.name(), value(f, ctx, v)));
        }
        return out;
    }
}
