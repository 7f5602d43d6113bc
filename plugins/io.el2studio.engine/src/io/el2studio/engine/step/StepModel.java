package io.el2studio.engine.step;

import java.util.List;
import java.util.Optional;

/**
 * What the {@link Stepper} needs to know of the program and of the stopped PE's frames: the line
 * table (symbols), function bounds, and frame identities (the unwinder). {@link EngineStepModel}
 * binds it to the engine's SymbolFiles and Unwinder; tests may bind it to anything real.
 */
public interface StepModel {
    /**
     * The line-table row covering {@code pc}: gdb's "step range" [start, end) of that row, its file
     * and line, and whether it starts a statement; empty where there is no line information.
     */
    Optional<LineRange> line(long pc);

    /** The function containing {@code pc}: its name, [start, end) ; empty when no symbol covers it. */
    Optional<Function> function(long pc);

    /**
     * gdb's find_pc_partial_function start: the symbol at or below {@code pc}, sized or not (an
     * assembler label without .size too); -1 when there is none.
     */
    default long partialFunctionStart(long pc) {
        return function(pc).map(Function::start).orElse(-1L);
    }

    /**
     * Where {@code step} stops when it enters the function starting at {@code start}: after the
     * prologue, as gdb's {@code break FUNCTION} (gdb: handle_step_into_function and
     * gdbarch_skip_prologue); -1 when the function has no line information (step goes over it).
     */
    long stepIntoStop(long start);

    /**
     * The innermost {@code max} frames of the stopped PE, innermost first (fewer at the outermost
     * frame), inline frames included, exception markers left out, past main (as gdb's
     * get_prev_frame_always, which stepping uses).
     */
    List<FrameRef> frames(int max);

    /**
     * How many inlined calls whose blocks start at the pc are hidden at this stop (gdb's
     * inline_skipped_frames: frame 0 is then the frame they are inlined into, at their call site).
     */
    default int skippedInlineFrames() {
        return 0;
    }

    /** Frame 0's source line while inline frames are hidden: the call site of the outermost hidden one. */
    default Optional<LineRange> skippedCallSite() {
        return Optional.empty();
    }

    /** gdb's step_into_inline_frame: shows the outermost hidden inline frame as frame 0 (without moving). */
    default void stepIntoInlineFrame() {
    }

    /**
     * This stop ends a stepi or nexti: gdb hides no inline frame then (handle_signal_stop calls
     * skip_inline_frames only when step_range_end is not 1), so the PE shows in the inlined function.
     */
    default void instructionStop() {
    }

    /** A new stop (a step, a run): which inline frames are hidden is decided afresh. */
    default void newStop() {
    }

    /** A line-table row: [start, end) is the range a source step stays in. */
    record LineRange(long start, long end, String file, int line, boolean isStmt) {
        public boolean contains(long pc) {
            return Long.compareUnsigned(pc, start) >= 0 && Long.compareUnsigned(pc, end) < 0;
        }
    }

    /** A function's name and bounds. */
    record Function(String name, long start, long end) {
    }

    /**
     * gdb's frame identity: the canonical frame address and the function's start, and for an inline
     * frame how deep it is inlined (gdb's artificial_depth); equal in two stops when they are the same
     * activation (recursion-safe: a deeper call has another CFA).
     */
    record FrameId(long cfa, long function, int inlineDepth) {
        /** A concrete (not inline) frame's identity. */
        public FrameId(long cfa, long function) {
            this(cfa, function, 0);
        }
    }

    /**
     * A frame: its identity, its pc (for a caller frame: the return address), and whether it stands
     * for an inlined call (gdb's INLINE_FRAME: same pc and CFA as the frame it is inlined into, its
     * identity carries the inlined function's start).
     */
    record FrameRef(FrameId id, long pc, boolean inline) {
    }
}
