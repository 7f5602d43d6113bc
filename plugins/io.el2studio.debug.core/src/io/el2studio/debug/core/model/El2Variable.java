package io.el2studio.debug.core.model;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import io.el2studio.debug.core.symbols.EngineProgram;
import io.el2studio.engine.expr.Block;
import io.el2studio.engine.expr.FrameExpressionContext;
import io.el2studio.engine.expr.Scopes;
import io.el2studio.engine.expr.Variable;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Types;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.values.Value;

/**
 * A variable of a frame (argument or local) or a child of one (struct member, array element, the
 * object a pointer points to), with the value text gdb prints for it (the engine's GdbFormat) and
 * the children a tree view shows (GdbFormat.children). Read at the stop, off the UI thread.
 */
public final class El2Variable extends El2DebugElement implements IVariable {
    /** Array elements shown under an array, as gdb's default {@code print elements} limit. */
    static final int MAX_CHILDREN = 200;

    private final El2StackFrame frame;
    private final String path;
    private final String name;
    private final Value value;
    private final GdbFormat format;

    private El2Variable(El2StackFrame frame, String path, String name, Value value, GdbFormat format) {
        super(frame.getDebugTarget());
        this.frame = frame;
        this.path = path;
        this.name = name;
        this.value = value;
        this.format = format;
    }

    /** Arguments then locals of engine frame {@code level}, in gdb's order (info args, info locals). */
    static IVariable[] ofFrame(El2StackFrame frame, EngineProgram program, List<Frame> frames, int level) {
        if (level >= frames.size() || frames.get(level).isExceptionMarker()) {
            return new IVariable[0];
        }
        List<IVariable> out = new ArrayList<>();
        try {
            FrameExpressionContext ctx = FrameExpressionContext.of(frames, level, f -> program.scopes());
            Block block = ctx.block();
            if (block == null) {
                return new IVariable[0];
            }
            Frame f = frames.get(level);
            Types types = Types.of(program.symbolFile().dwarf());
            List<Variable> all = new ArrayList<>(Scopes.arguments(block));
            all.addAll(Scopes.locals(block));
            for (Variable v : all) {
                Type t = types.type(v.type());
                Value val;
                try {
                    val = Value.fromLocation(t, v.location(ctx), f.registers(), f.memory());
                } catch (RuntimeException e) {
                    val = Value.unavailable(t, "<error: " + e.getMessage() + ">");
                }
                out.add(new El2Variable(frame, v.name(), v.name(), val, program.format()));
            }
        } catch (RuntimeException e) {
            // damaged DWARF: the frame shows no variables rather than an error dialog
        }
        return out.toArray(IVariable[]::new);
    }

    @Override
    public IValue getValue() {
        return new VariableValue();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getReferenceTypeName() {
        try {
            return value.type().name();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    @Override
    public boolean hasValueChanged() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof El2Variable v && v.frame == frame && v.path.equals(path);
    }

    @Override
    public int hashCode() {
        return frame.hashCode() * 31 + path.hashCode();
    }

    @Override
    public void setValue(String expression) throws DebugException {
        throw error("editing variables is not supported yet");
    }

    @Override
    public void setValue(IValue v) throws DebugException {
        throw error("editing variables is not supported yet");
    }

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public boolean verifyValue(String expression) {
        return false;
    }

    @Override
    public boolean verifyValue(IValue v) {
        return false;
    }

    private final class VariableValue extends El2DebugElement implements IValue {
        private IVariable[] children;

        VariableValue() {
            super(frame.getDebugTarget());
        }

        @Override
        public String getReferenceTypeName() {
            return El2Variable.this.getReferenceTypeName();
        }

        @Override
        public String getValueString() {
            try {
                return format.value(value, (char) 0);
            } catch (RuntimeException e) {
                return "<error: " + e.getMessage() + ">";
            }
        }

        @Override
        public boolean isAllocated() {
            return true;
        }

        @Override
        public synchronized IVariable[] getVariables() {
            if (children == null) {
                List<IVariable> out = new ArrayList<>();
                try {
                    for (GdbFormat.Child c : GdbFormat.children(value, name, MAX_CHILDREN)) {
                        out.add(new El2Variable(frame, path + "/" + c.name(), c.name(), c.value(), format));
                    }
                } catch (RuntimeException e) {
                    // unreadable memory: no children
                }
                children = out.toArray(IVariable[]::new);
            }
            return children.clone();
        }

        @Override
        public boolean hasVariables() {
            return getVariables().length > 0;
        }
    }
}
