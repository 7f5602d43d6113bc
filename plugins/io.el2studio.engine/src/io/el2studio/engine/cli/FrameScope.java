package io.el2studio.engine.cli;

import java.util.Optional;
import java.util.OptionalLong;

import io.el2studio.engine.cexpr.SymbolScope;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.expr.Block;
import io.el2studio.engine.expr.FrameExpressionContext;
import io.el2studio.engine.expr.Variable;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.values.Symbolizer;
import io.el2studio.engine.values.Value;

/**
 * What an expression can name in the selected frame (C2's SymbolScope): the variables visible at
 * its pc with C scoping (C1's Scopes.lookup), functions (their value is the function), the file's
 * types, the frame's registers and memory, and system registers of the PE.
 */
final class FrameScope implements SymbolScope {
    private final SymbolFile file;
    private final Frame frame;
    private final Block block;
    private final FrameExpressionContext ctx;
    private final FrameValues values;
    private final Program program;

    private java.util.List<Value> history = java.util.List.of();

    /** With gdb's value history ($1, $, $$N). */
    FrameScope withHistory(java.util.List<Value> h) {
        history = h;
        return this;
    }

    @Override
    public int historyLength() {
        return history.size();
    }

    @Override
    public Value history(int n) {
        return n >= 1 && n <= history.size() ? history.get(n - 1) : null;
    }

    FrameScope(Program program, FrameValues values, SymbolFile file, Frame frame, FrameExpressionContext ctx) {
        this.program = program;
        this.values = values;
        this.file = file;
        this.frame = frame;
        this.ctx = ctx;
        this.block = ctx == null ? null : ctx.block();
    }

    @Override
    public Value lookup(String name) {
        if (file == null) {
            return null;
        }
        Optional<Variable> v = values.scopes(file).lookup(name, block);
        if (v.isPresent() && v.get().kind() != Variable.Kind.NO_DEBUG_INFO) {
            return ctx == null ? null : values.value(file, ctx, v.get());
        }
        // A function: its value is the function itself, at its address (gdb: {int (int)} 0x... <f>).
        OptionalLong a = file.address(name);
        if (a.isPresent()) {
            Die fn = file.functionAt(a.getAsLong());
            if (fn != null && name.equals(fn.nameInherited())) {
                return Value.at(FrameValues.types(file).functionType(fn), a.getAsLong(), memory());
            }
        }
        return ctx == null ? null : v.map(x -> values.value(file, ctx, x)).orElse(null);
    }

    @Override
    public Type lookupType(String name) {
        return file == null ? null : FrameValues.types(file).lookup(name);
    }

    @Override
    public TargetMemory memory() {
        return frame == null ? program.target().memory() : frame.memory();
    }

    @Override
    public RegisterSet registers() {
        return frame == null ? null : frame.registers();
    }

    @Override
    public Value systemRegister(String name) {
        try {
            long v = program.target().sysreg(name);
            return Value.ofLong(Type.base("unsigned long", 8, Dw.ATE_unsigned), v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Symbolizer symbolizer() {
        return file == null ? Symbolizer.NONE : new Symbolic(file);
    }
}
