package io.el2studio.engine.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.expr.Block;
import io.el2studio.engine.expr.DwarfExpression;
import io.el2studio.engine.expr.ExpressionContext;
import io.el2studio.engine.expr.ExpressionException;
import io.el2studio.engine.expr.Location;
import io.el2studio.engine.expr.Scopes;
import io.el2studio.engine.expr.Variable;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Types;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.values.ElfSymbolizer;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.values.Value;

/**
 * The variables of a frame as gdb prints them: the frame's block (C1's Scopes), each variable's
 * location evaluated in the frame (registers, memory, frame base, CFA), its value and text (C2's
 * types and GdbFormat). File-derived indexes are cached per symbol file; values never are.
 */
final class FrameValues {
    private final Map<SymbolFile, Scopes> scopes = new IdentityHashMap<>();
    private final Map<SymbolFile, GdbFormat> formats = new IdentityHashMap<>();

    synchronized Scopes scopes(SymbolFile f) {
        return scopes.computeIfAbsent(f, x -> new Scopes(x.dwarf(), x.elf(), x.bias()));
    }

    synchronized GdbFormat format(SymbolFile f) {
        return formats.computeIfAbsent(f, x -> new GdbFormat(new ElfSymbolizer(x.elf(), x.bias())));
    }

    static Types types(SymbolFile f) {
        return Types.of(f.dwarf());
    }

    /** The block frame {@code frame} sees, {@code inlineDepth} the number of inline frames inside it at its pc. */
    Block block(SymbolFile f, Frame frame, int inlineDepth) {
        return f == null ? null : scopes(f).frameBlock(frame.lookupPc(), inlineDepth);
    }

    /** The value of {@code v} in {@code frame}. */
    Value value(SymbolFile f, Frame frame, Block block, Variable v) {
        Type t = types(f).type(v.type());
        Location loc = v.location(context(f, frame, block));
        return Value.fromLocation(t, loc, frame.registers(), frame.memory());
    }

    /** {@code name=value} of each argument, as a frame line shows them (gdb's print frame-arguments scalars). */
    List<String> frameArguments(SymbolFile f, Frame frame, Block block) {
        List<String> out = new ArrayList<>();
        if (block == null) {
            return out;
        }
        for (Variable v : Scopes.arguments(block)) {
            Value val = value(f, frame, block, v);
            Type.Kind k = val.type().strip().kind();
            boolean scalar = !(k == Type.Kind.STRUCT || k == Type.Kind.UNION || k == Type.Kind.CLASS || k == Type.Kind.ARRAY);
            out.add(v.name() + "=" + (scalar ? format(f).value(val, (char) 0) : "..."));
        }
        return out;
    }

    /** {@code info args} / {@code info locals} lines; empty when there are none. */
    List<String> lines(SymbolFile f, Frame frame, Block block, boolean arguments) {
        List<String> out = new ArrayList<>();
        if (block == null) {
            return out;
        }
        for (Variable v : arguments ? Scopes.arguments(block) : Scopes.locals(block)) {
            out.add(format(f).infoLine(v.name(), value(f, frame, block, v)));
        }
        return out;
    }

    /** A DWARF expression's view of a frame (DWARF 5, 2.5.1): its registers, memory, frame base, CFA. */
    static ExpressionContext context(SymbolFile f, Frame frame, Block block) {
        Block outer = block == null ? null : block.outerFunction();
        Die fn = outer == null ? null : outer.die();
        return new ExpressionContext() {
            @Override
            public long register(int reg) throws ExpressionException {
                if (!frame.registers().isKnown(reg)) {
                    throw ExpressionException.optimizedOut("register " + reg + " is not saved in this frame");
                }
                return frame.registers().get(reg);
            }

            @Override
            public TargetMemory memory() {
                return frame.memory();
            }

            @Override
            public long frameBase() throws ExpressionException {
                if (fn == null || !fn.has(Dw.AT_frame_base) || !fn.isBlock(Dw.AT_frame_base)) {
                    throw new ExpressionException("the function has no DW_AT_frame_base");
                }
                return DwarfExpression.value(fn.block(Dw.AT_frame_base), this);
            }

            @Override
            public long cfa() throws ExpressionException {
                if (frame.cfa() == -1) {
                    throw new ExpressionException("the frame's CFA is not known");
                }
                return frame.cfa();
            }

            @Override
            public Unit unit() {
                return fn == null ? null : fn.unit();
            }

            @Override
            public long bias() {
                return f.bias();
            }

            @Override
            public long pc() {
                return frame.lookupPc();
            }

            @Override
            public long functionEntry() {
                return outer == null || outer.entryPc() == -1 ? -1 : outer.entryPc() + f.bias();
            }
        };
    }
}
