package io.el2studio.engine.expr;

import java.util.List;
import java.util.function.Function;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.unwind.Frame;

/**
 * The {@link ExpressionContext} of one frame of a backtrace (B's {@link Frame}s, innermost first):
 * its registers (an unknown register is optimized out, as gdb's {@code <not saved>}), memory, CFA, the
 * frame base of the function it runs (DW_AT_frame_base, DWARF 5 3.3.5), the lookup pc for location
 * lists, and entry values through the caller's call site ({@link EntryValues}). The block it sees is
 * the one gdb's frame has: for an inline frame the inlined instance, for the frame an inline frame is
 * inlined into the block around the inlined call. Nothing is cached: make one per stop.
 */
public final class FrameExpressionContext implements ExpressionContext {
    private final List<Frame> frames;
    private final int index;
    private final Function<Frame, Scopes> scopesOf;
    private final Scopes scopes;
    private final Block block;
    private final Unit unit;
    private int frameBaseDepth;

    private final int extraDepth;

    private FrameExpressionContext(List<Frame> frames, int index, Function<Frame, Scopes> scopesOf, Unit unit, int extraDepth) {
        this.frames = frames;
        this.index = index;
        this.scopesOf = scopesOf;
        this.extraDepth = extraDepth;
        Frame f = frames.get(index);
        this.scopes = f.isExceptionMarker() ? null : scopesOf.apply(f);
        this.block = scopes == null ? null : scopes.frameBlock(f.lookupPc(), inlineDepth(frames, index) + extraDepth);
        this.unit = unit != null ? unit : block == null ? null : block.die().unit();
    }

    /** Frame {@code index} of {@code frames}; {@code scopesOf} gives the Scopes of a frame's symbol file (or null). */
    public static FrameExpressionContext of(List<Frame> frames, int index, Function<Frame, Scopes> scopesOf) {
        return new FrameExpressionContext(frames, index, scopesOf, null, 0);
    }

    /** All frames in one symbol file. */
    public static FrameExpressionContext of(List<Frame> frames, int index, Scopes scopes) {
        return new FrameExpressionContext(frames, index, f -> scopes, null, 0);
    }

    /**
     * Frame {@code index} seen {@code inlineLevels} function levels further out at its pc than its
     * {@link Frame.Kind#INLINE} neighbours say: for a backtrace without inline frames, level 1 is the
     * function that inlined the code frame {@code index} stops in (gdb's {@code up} from an inline frame).
     */
    public static FrameExpressionContext of(List<Frame> frames, int index, int inlineLevels, Function<Frame, Scopes> scopesOf) {
        return new FrameExpressionContext(frames, index, scopesOf, null, inlineLevels);
    }

    /** The same frame evaluating expressions of another unit (base types, .debug_addr of that unit). */
    FrameExpressionContext withUnit(Unit u) {
        return new FrameExpressionContext(frames, index, scopesOf, u, extraDepth);
    }

    /** How many inline frames just inside this one share its pc (gdb's inline frames come first). */
    static int inlineDepth(List<Frame> frames, int index) {
        int d = 0;
        for (int k = index - 1; k >= 0 && frames.get(k).isInline(); k--) {
            d++;
        }
        return d;
    }

    public Frame frame() {
        return frames.get(index);
    }

    /** The block the frame sees (for {@link Scopes#arguments}, {@link Scopes#locals}, lookups), or null. */
    public Block block() {
        return block;
    }

    public Scopes scopes() {
        return scopes;
    }

    List<Frame> frames() {
        return frames;
    }

    int index() {
        return index;
    }

    Function<Frame, Scopes> scopesOf() {
        return scopesOf;
    }

    @Override
    public long register(int reg) throws ExpressionException {
        RegisterSet r = frame().registers();
        if (r == null || !r.isKnown(reg)) {
            throw ExpressionException.optimizedOut("register " + io.el2studio.engine.target.DwarfRegs.name(reg) + " is not saved");
        }
        return r.get(reg);
    }

    @Override
    public TargetMemory memory() {
        return frame().memory();
    }

    @Override
    public long cfa() throws ExpressionException {
        long c = frame().cfa();
        if (c == -1) {
            throw new ExpressionException("Could not compute CFA for frame " + frame().level());
        }
        return c;
    }

    @Override
    public long frameBase() throws ExpressionException {
        if (block == null) {
            throw new ExpressionException("DW_OP_fbreg outside a function (no frame base)");
        }
        Die fn = block.outerFunction().die();
        if (!fn.has(Dw.AT_frame_base)) {
            throw new ExpressionException("Could not find the frame base for \"" + fn.nameInherited() + "\".");
        }
        if (++frameBaseDepth > 4) {
            throw new ExpressionException("DW_AT_frame_base refers to itself");
        }
        try {
            byte[] e = fn.isBlock(Dw.AT_frame_base) ? fn.block(Dw.AT_frame_base)
                    : Locator.listExpression(fn, Dw.AT_frame_base, this);
            if (e == null) {
                throw ExpressionException.optimizedOut("no frame base at this pc");
            }
            return DwarfExpression.value(e, fn.unit() == unit ? this : withUnit(fn.unit()));
        } finally {
            frameBaseDepth--;
        }
    }

    @Override
    public Unit unit() {
        return unit;
    }

    @Override
    public long bias() {
        return scopes == null ? 0 : scopes.bias();
    }

    @Override
    public long pc() {
        return frame().lookupPc();
    }

    @Override
    public long functionEntry() {
        return block == null ? -1 : block.outerFunction().entryPc() + bias();
    }

    @Override
    public long entryValue(byte[] expression) throws ExpressionException {
        return EntryValues.entryValue(this, expression);
    }

    @Override
    public long parameterRef(long dieOffset) throws ExpressionException {
        return EntryValues.parameterRef(this, dieOffset);
    }
}
