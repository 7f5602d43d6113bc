package io.el2studio.engine.step;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.step.StepModel.FrameId;
import io.el2studio.engine.step.StepModel.FrameRef;
import io.el2studio.engine.step.StepModel.LineRange;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;

/**
 * Source and instruction stepping over the control API, leaving the PE where gdb 13 leaves it
 * (infrun.c, process_event_stop_test):
 * <ul>
 * <li>{@code step}/{@code next} single-step while the pc stays in the line-table row it started
 * in (the "step range"). Out of it: a call (the new frame's caller is the stepping frame) is run
 * over by a temporary breakpoint at the return address that only counts in the stepping frame
 * (recursion-safe), or for {@code step} into a function with line information run to the end of
 * its prologue; at the start of a row of another line that is a statement it stops; anywhere else
 * (the middle of a line, as after returning into the caller, or a row that is no statement) it
 * takes that row as the new range and goes on: gdb's "stepped into the middle of a statement".</li>
 * <li>{@code finish}, {@code until LOCATION}, {@code advance LOCATION}: temporary breakpoints
 * (momentary breakpoints in gdb) with a frame condition, and a run.</li>
 * <li>A user breakpoint reached on the way stops the command there.</li>
 * </ul>
 * Calls are never single-stepped through: the callee runs at full speed to its return address.
 */
public final class Stepper {
    /** What a user breakpoint at a pc says when the PE reaches it: which breakpoints stop (conditions true, hits counted). */
    @FunctionalInterface
    public interface UserBreakpoints {
        /** The numbers of the user breakpoints at {@code pc} that stop the PE now; empty for none. */
        List<Integer> hitsAt(long pc);
    }

    private final SimTarget target;
    private final StepModel model;
    private final Insertions insertions;
    private final UserBreakpoints user;
    private long waitMillis = Long.MAX_VALUE;

    public Stepper(SimTarget target, StepModel model, Insertions insertions, UserBreakpoints user) {
        this.target = target;
        this.model = model;
        this.insertions = insertions;
        this.user = user;
    }

    /** Longest wall-clock wait for one run (tests bound it); then the command stops with {@link Stop.Kind#OTHER}. */
    public void setWaitMillis(long ms) {
        waitMillis = ms;
    }

    private Simulation sim() {
        return target.simulation();
    }

    private long pc() {
        return target.registers().pc();
    }

    // ---- instruction steps ----

    /** {@code stepi}: one instruction, into calls. */
    public Stop stepi(int count) {
        Stop s = null;
        for (int i = 0; i < count; i++) {
            FrameId startFrame = ids().frame;
            long startFunction = functionStart(pc());
            Raw r = singleStep();
            model.instructionStop();
            s = r.stop != null ? r.stop : Stop.stepped(r.pc, sameFrameAndFunction(startFrame, startFunction, r.pc, ids().frame));
            if (s.kind() != Stop.Kind.STEPPED) {
                return s;
            }
        }
        return s;
    }

    /** {@code nexti}: one instruction, a call (bl, blr) run to its return in this frame. */
    public Stop nexti(int count) {
        Stop s = null;
        for (int i = 0; i < count; i++) {
            Ids start = ids();
            long startFunction = functionStart(pc());
            Raw r = singleStep();
            model.instructionStop();
            if (r.stop != null) {
                return r.stop;
            }
            Ids now = ids();
            if (steppedIntoSubroutine(now, start)) {
                Stop back = runUntil(Map.of(now.callerPc, start.stack));
                model.instructionStop();
                if (back.kind() != Stop.Kind.LOCATION) {
                    return back;
                }
                now = ids();
            }
            s = Stop.stepped(pc(), sameFrameAndFunction(start.frame, startFunction, pc(), now.frame));
        }
        return s;
    }

    // ---- source steps ----

    /** {@code step}: to the next line, into functions that have line information. */
    public Stop step(int count) {
        return lines(count, false, false);
    }

    /** {@code next}: to the next line of this frame, over calls. */
    public Stop next(int count) {
        return lines(count, true, false);
    }

    /**
     * {@code until} without argument: as {@code next}, but the step range starts at the function's
     * start, so a jump back (a loop's end) does not stop (gdb: until_next_command).
     */
    public Stop until() {
        return lines(1, true, true);
    }

    /** The message gdb prints before stepping in a function without line information. */
    public Optional<String> noLineInfoMessage() {
        long pc = pc();
        if (model.line(pc).isPresent()) {
            return Optional.empty();
        }
        return model.function(pc).map(f -> "Single stepping until exit from function " + f.name()
                + ",\nwhich has no line number information.");
    }

    private Stop lines(int count, boolean overCalls, boolean fromFunctionStart) {
        Stop s = null;
        for (int i = 0; i < count; i++) {
            if (!overCalls && model.skippedInlineFrames() > 0) {
                // gdb: "Step at an inlined function behaves like down": the hidden inline frame becomes
                // frame 0 and the PE does not move.
                model.stepIntoInlineFrame();
                s = Stop.stepped(pc(), false);
                continue;
            }
            s = oneLine(overCalls, fromFunctionStart);
            if (s.kind() != Stop.Kind.STEPPED) {
                return s;
            }
        }
        return s;
    }

    /**
     * {@code finish} out of an inline frame (gdb: finish_command for an INLINE_FRAME): stepping over
     * calls, in the frame it is inlined into, with an empty range and no line, so it stops at the
     * first statement once out of the inlined block. No value is returned.
     */
    public Stop finishInline(int level) {
        List<FrameRef> frames = model.frames(level + INLINE_DEPTH);
        if (frames.size() < level + 2) {
            return Stop.stepped(pc(), false);
        }
        long pc = pc();
        Ids caller = ids(frames.subList(level + 1, frames.size()));
        Stop st = steps(pc, pc, 0, null, true, caller, -1);
        return st.kind() == Stop.Kind.STEPPED ? Stop.stepped(st.pc(), false) : st;
    }

    private Stop oneLine(boolean overCalls, boolean fromFunctionStart) {
        long pc = pc();
        long rangeStart, rangeEnd;
        int currentLine;
        String currentFile;
        Optional<LineRange> row = model.line(pc);
        Optional<StepModel.Function> fn = model.function(pc);
        if (row.isPresent()) {
            rangeStart = row.get().start();
            rangeEnd = row.get().end();
            // The step's line is frame 0's (gdb: set_step_frame with find_frame_sal): the call site
            // while inline frames are hidden at this pc.
            Optional<LineRange> call = model.skippedCallSite();
            currentLine = call.orElse(row.get()).line();
            currentFile = call.orElse(row.get()).file();
        } else if (fn.isPresent()) {
            // No line information: step until out of the function (gdb: "Single stepping until exit
            // from function X, which has no line number information"), over its calls.
            rangeStart = fn.get().start();
            rangeEnd = fn.get().end();
            currentLine = 0;
            currentFile = null;
            overCalls = true;
        } else {
            return stepi(1); // gdb: "Cannot find bounds of current function" is the client's error
        }
        if (fromFunctionStart && fn.isPresent()) {
            rangeStart = fn.get().start();
        }
        return steps(rangeStart, rangeEnd, currentLine, currentFile, overCalls, ids(), fn.map(StepModel.Function::start).orElse(-1L));
    }

    /** The stepping loop of step, next, until and finish-from-inline (infrun.c process_event_stop_test). */
    private Stop steps(long rangeStart, long rangeEnd, int currentLine, String currentFile, boolean overCalls, Ids step,
            long startFunction) {
        long pc;
        while (true) {
            Raw r = singleStep();
            if (r.stop != null) {
                return r.stop;
            }
            pc = r.pc;
            if (pc >= rangeStart && pc < rangeEnd) {
                continue; // still in the step range
            }
            Ids now = ids();
            if (steppedIntoSubroutine(now, step)) {
                long callee = model.partialFunctionStart(pc);
                long stop = overCalls || callee == -1 ? -1 : model.stepIntoStop(callee);
                if (stop == -1) {
                    // next, or a function without line information: run to the return, in this frame.
                    Stop back = runUntil(Map.of(now.callerPc, step.stack));
                    if (back.kind() != Stop.Kind.LOCATION) {
                        return back;
                    }
                    pc = back.pc();
                    if (pc >= rangeStart && pc < rangeEnd) {
                        continue;
                    }
                    now = ids();
                } else {
                    // step into a function with line information: to the end of its prologue, in any frame.
                    if (stop != pc) {
                        Stop at = runUntil(Map.of(stop, ANY_FRAME));
                        if (at.kind() != Stop.Kind.LOCATION) {
                            return at;
                        }
                    }
                    return Stop.stepped(pc(), false);
                }
            }
            Optional<LineRange> here = model.line(pc);
            if (here.isEmpty()) {
                // Stepped into code without line information (gdb: "stepped into the middle of a
                // function with no line number info"): stop.
                return Stop.stepped(pc, sameFrameAndFunction(step.frame, startFunction, pc, now.frame));
            }
            int skipped = model.skippedInlineFrames();
            if (skipped > 0 && now.frame != null && now.frame.equals(step.frame)) {
                // gdb: "stepped into inlined function" (calls to inlined functions, part one): the pc
                // enters an inlined block, shown at its call site. On the line being stepped, step goes
                // down into it and next goes on through it; elsewhere both stop at the call site.
                Optional<LineRange> call = model.skippedCallSite();
                boolean sameLine = call.isPresent() && call.get().line() == currentLine && call.get().file().equals(currentFile);
                if (overCalls && sameLine) {
                    continue;
                }
                if (!overCalls && sameLine) {
                    model.stepIntoInlineFrame();
                    return Stop.stepped(pc, false);
                }
                return Stop.stepped(pc, sameFrameAndFunction(step.frame, startFunction, pc, now.frame));
            }
            if (now.frame != null && !now.frame.equals(step.frame) && steppedInFrom(now.frames, step.frame)) {
                // gdb: "stepping through inlined function" (an inlined call beyond its call site,
                // still in the frame being stepped): next goes on through it, step stops in it.
                if (overCalls) {
                    continue;
                }
                return Stop.stepped(pc, false);
            }
            LineRange h = here.get();
            boolean refresh = true;
            if (pc == h.start() && (h.line() != currentLine || !h.file().equals(currentFile))) {
                if (h.isStmt()) {
                    return Stop.stepped(pc, sameFrameAndFunction(step.frame, startFunction, pc, now.frame));
                }
                if (now.frame != null && now.frame.equals(step.frame)) {
                    refresh = false; // not a statement, same frame: ignore this row, keep the line
                } else {
                    h = new LineRange(h.start(), h.end(), h.file(), 0, h.isStmt()); // another frame: forget the line
                }
            }
            if (refresh) {
                step = now; // gdb's set_step_info: the frame being stepped is this one now
                currentLine = h.line();
                currentFile = h.file();
            }
            rangeStart = h.start();
            rangeEnd = h.end();
        }
    }

    // ---- runs to a location ----

    /**
     * {@code finish} of frame {@code level} (0: the innermost): runs until that frame returns into its
     * caller (a breakpoint at the return address that counts only in the caller's frame). Empty when
     * the frame is the outermost ({@code "finish" not meaningful in the outermost frame.}).
     */
    public Optional<Stop> finish(int level) {
        List<FrameRef> frames = concrete(model.frames(level + INLINE_DEPTH));
        if (frames.size() < level + 2) {
            return Optional.empty();
        }
        FrameRef caller = frames.get(level + 1);
        Stop s = runUntil(Map.of(caller.pc(), caller.id()));
        if (s.kind() == Stop.Kind.LOCATION) {
            s = Stop.of(Stop.Kind.FINISHED, s.pc());
        }
        return Optional.of(s);
    }

    /**
     * {@code until LOCATION} ({@code anywhere} false: only in the current frame) or
     * {@code advance LOCATION} ({@code anywhere} true): runs to one of {@code addresses}, or until the
     * current frame returns to its caller, whichever comes first (gdb: until_break_command).
     */
    public Stop runTo(List<Long> addresses, boolean anywhere) {
        Ids here = ids();
        Map<Long, FrameId> targets = new HashMap<>();
        if (here.caller != null) {
            targets.put(here.callerPc, here.caller);
        }
        FrameId in = anywhere || here.stack == null ? ANY_FRAME : here.stack;
        for (long a : addresses) {
            targets.put(a, in);
        }
        return runUntil(targets);
    }

    /** {@code continue}: runs until a user breakpoint stops it or the guest exits. */
    public Stop resume() {
        return runUntil(Map.of());
    }

    /** Any frame (gdb's null_frame_id for a momentary breakpoint). */
    private static final FrameId ANY_FRAME = new FrameId(Long.MIN_VALUE, Long.MIN_VALUE, -1);

    /**
     * Runs until a user breakpoint stops the PE, or it reaches one of {@code targets} in the frame
     * given for it ({@link #ANY_FRAME}: any); the targets are temporary breakpoints removed at the end.
     */
    private Stop runUntil(Map<Long, FrameId> targets) {
        for (long a : targets.keySet()) {
            insertions.insert(a);
        }
        try {
            while (true) {
                Raw r = advance();
                if (r.stop != null) {
                    return r.stop;
                }
                long pc = r.pc;
                FrameId want = targets.get(pc);
                if (want != null) {
                    if (want == ANY_FRAME) {
                        return Stop.of(Stop.Kind.LOCATION, pc);
                    }
                    if (want.equals(ids().stack)) {
                        return Stop.of(Stop.Kind.LOCATION, pc);
                    }
                }
                // A temporary breakpoint of another frame (a deeper recursion): go on.
            }
        } finally {
            for (long a : targets.keySet()) {
                insertions.remove(a);
            }
        }
    }

    // ---- the simulator ----

    /** A low-level stop: {@code stop} set when it ends the command (exit, a user breakpoint, something else). */
    private record Raw(long pc, Stop stop) {
    }

    /** One instruction; a user breakpoint where it lands stops the command. */
    private Raw singleStep() {
        model.newStop();
        Raw r = await(sim().step(target.pe(), 1));
        return r.stop != null ? r : userStop(r.pc);
    }

    /**
     * Runs from here to the next inserted breakpoint: first one instruction alone when a breakpoint
     * is inserted at the pc (the simulator would stop on it again at once), as gdb steps over an
     * inserted breakpoint before it resumes.
     */
    private Raw advance() {
        if (insertions.insertedAt(pc())) {
            Raw r = singleStep();
            if (r.stop != null || insertions.insertedAt(r.pc)) {
                return r;
            }
        }
        model.newStop();
        Raw r = await(sim().run());
        return r.stop != null ? r : userStop(r.pc);
    }

    private Raw userStop(long pc) {
        if (insertions.insertedAt(pc)) {
            List<Integer> hits = user.hitsAt(pc);
            if (!hits.isEmpty()) {
                return new Raw(pc, new Stop(Stop.Kind.BREAKPOINT, pc, List.copyOf(hits), 0, "", false));
            }
        }
        return new Raw(pc, null);
    }

    private Raw await(long token) {
        StopReason r;
        long deadline = waitMillis == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + waitMillis;
        try {
            while ((r = sim().awaitStopAfter(token, 1, TimeUnit.SECONDS)) == null) {
                if (System.currentTimeMillis() > deadline) {
                    sim().stop();
                    r = sim().awaitStopAfter(token, 10, TimeUnit.SECONDS);
                    long pc = r == null ? -1 : r.pc();
                    return new Raw(pc, new Stop(Stop.Kind.OTHER, pc, List.of(), 0,
                            "no stop within " + waitMillis + " ms", false));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sim().stop();
            return new Raw(-1, new Stop(Stop.Kind.OTHER, -1, List.of(), 0, "interrupted", false));
        }
        if (r.kind() == StopKind.SHUTDOWN) {
            VirtBoard.Shutdown s = sim().board().shutdown();
            return new Raw(r.pc(), new Stop(Stop.Kind.EXITED, r.pc(), List.of(), s == null ? 0 : s.status(), r.detail(), false));
        }
        if (r.kind() == StopKind.STEP || r.kind() == StopKind.BREAKPOINT) {
            return new Raw(r.pc(), null);
        }
        return new Raw(r.pc(), new Stop(Stop.Kind.OTHER, r.pc(), List.of(), 0, r.kind() + ": " + r.detail(), false));
    }

    // ---- frames ----

    /**
     * The frame identities gdb's stepping compares: {@code frame} the innermost (an inline frame's
     * own: step_frame_id), {@code stack} the innermost concrete frame (get_stack_frame_id),
     * {@code caller} the concrete frame that called it (frame_unwind_caller_id) and {@code callerPc}
     * the return address; null where there is no such frame.
     */
    private record Ids(FrameId frame, FrameId stack, FrameId caller, long callerPc, List<FrameRef> frames) {
    }

    private Ids ids() {
        return ids(model.frames(INLINE_DEPTH));
    }

    private static Ids ids(List<FrameRef> frames) {
        FrameId frame = frames.isEmpty() ? null : frames.get(0).id();
        int i = 0;
        while (i < frames.size() && frames.get(i).inline()) {
            i++;
        }
        FrameId stack = i < frames.size() ? frames.get(i).id() : null;
        long callerPc = i + 1 < frames.size() ? frames.get(i + 1).pc() : -1;
        int j = i + 1;
        while (j < frames.size() && frames.get(j).inline()) {
            j++;
        }
        FrameId caller = j < frames.size() ? frames.get(j).id() : null;
        return new Ids(frame, stack, caller, callerPc, frames);
    }

    /** The concrete frames (inline frames left out): what finish counts by. */
    private static List<FrameRef> concrete(List<FrameRef> frames) {
        return frames.stream().filter(f -> !f.inline()).toList();
    }

    private long functionStart(long pc) {
        return model.function(pc).map(StepModel.Function::start).orElse(-1L);
    }

    /** Inline frames looked through for {@link #steppedInFrom}. */
    private static final int INLINE_DEPTH = 16;

    /**
     * gdb's stepped_in_from: frame 0 is an inline frame and, going out through inline frames only,
     * the frame being stepped is reached.
     */
    private static boolean steppedInFrom(List<FrameRef> frames, FrameId stepFrame) {
        if (frames.isEmpty() || !frames.get(0).inline()) {
            return false;
        }
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).id().equals(stepFrame)) {
                return true;
            }
            if (!frames.get(i).inline()) {
                return false;
            }
        }
        return false;
    }

    /**
     * gdb's "stepped into subroutine": the innermost concrete frame is new and the frame that
     * called it is the concrete frame the step started in.
     */
    private static boolean steppedIntoSubroutine(Ids now, Ids start) {
        return start.stack != null && now.stack != null && !now.stack.equals(start.stack) && start.stack.equals(now.caller);
    }

    private boolean sameFrameAndFunction(FrameId stepFrame, long startFunction, long pc, FrameId now) {
        return stepFrame != null && stepFrame.equals(now) && startFunction == functionStart(pc);
    }
}
