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
            FrameId startFrame = frame0();
            long startFunction = functionStart(pc());
            Raw r = singleStep();
            s = r.stop != null ? r.stop : Stop.stepped(r.pc, sameFrameAndFunction(startFrame, startFunction, r.pc));
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
            List<FrameRef> before = model.frames(1);
            FrameId startFrame = before.isEmpty() ? null : before.get(0).id();
            long startFunction = functionStart(pc());
            Raw r = singleStep();
            if (r.stop != null) {
                return r.stop;
            }
            List<FrameRef> now = model.frames(2);
            if (startFrame != null && steppedIntoSubroutine(now, startFrame)) {
                Stop back = runUntil(Map.of(now.get(1).pc(), startFrame));
                if (back.kind() != Stop.Kind.LOCATION) {
                    return back;
                }
            }
            s = Stop.stepped(pc(), sameFrameAndFunction(startFrame, startFunction, pc()));
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
            s = oneLine(overCalls, fromFunctionStart);
            if (s.kind() != Stop.Kind.STEPPED) {
                return s;
            }
        }
        return s;
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
            currentLine = row.get().line();
            currentFile = row.get().file();
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
        FrameId stepFrame = frame0();
        long startFunction = fn.map(StepModel.Function::start).orElse(-1L);
        while (true) {
            Raw r = singleStep();
            if (r.stop != null) {
                return r.stop;
            }
            pc = r.pc;
            if (pc >= rangeStart && pc < rangeEnd) {
                continue; // still in the step range
            }
            List<FrameRef> frames = model.frames(2);
            FrameId now = frames.isEmpty() ? null : frames.get(0).id();
            if (stepFrame != null && steppedIntoSubroutine(frames, stepFrame)) {
                long callee = functionStart(pc);
                long stop = overCalls || callee == -1 ? -1 : model.stepIntoStop(callee);
                if (stop == -1) {
                    // next, or a function without line information: run to the return, in this frame.
                    Stop back = runUntil(Map.of(frames.get(1).pc(), stepFrame));
                    if (back.kind() != Stop.Kind.LOCATION) {
                        return back;
                    }
                    pc = back.pc();
                    if (pc >= rangeStart && pc < rangeEnd) {
                        continue;
                    }
                    frames = model.frames(2);
                    now = frames.isEmpty() ? null : frames.get(0).id();
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
                return Stop.stepped(pc, sameFrameAndFunction(stepFrame, startFunction, pc, now));
            }
            LineRange h = here.get();
            boolean refresh = true;
            if (pc == h.start() && (h.line() != currentLine || !h.file().equals(currentFile))) {
                if (h.isStmt()) {
                    return Stop.stepped(pc, sameFrameAndFunction(stepFrame, startFunction, pc, now));
                }
                if (now != null && now.equals(stepFrame)) {
                    refresh = false; // not a statement, same frame: ignore this row, keep the line
                } else {
                    h = new LineRange(h.start(), h.end(), h.file(), 0, h.isStmt()); // another frame: forget the line
                }
            }
            if (refresh) {
                stepFrame = now;
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
        List<FrameRef> frames = model.frames(level + 2);
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
        List<FrameRef> frames = model.frames(2);
        Map<Long, FrameId> targets = new HashMap<>();
        if (frames.size() == 2) {
            targets.put(frames.get(1).pc(), frames.get(1).id());
        }
        FrameId here = anywhere || frames.isEmpty() ? ANY_FRAME : frames.get(0).id();
        for (long a : addresses) {
            targets.put(a, here);
        }
        return runUntil(targets);
    }

    /** {@code continue}: runs until a user breakpoint stops it or the guest exits. */
    public Stop resume() {
        return runUntil(Map.of());
    }

    /** Any frame (gdb's null_frame_id for a momentary breakpoint). */
    private static final FrameId ANY_FRAME = new FrameId(Long.MIN_VALUE, Long.MIN_VALUE);

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
                    List<FrameRef> f = model.frames(1);
                    if (!f.isEmpty() && f.get(0).id().equals(want)) {
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

    private FrameId frame0() {
        List<FrameRef> f = model.frames(1);
        return f.isEmpty() ? null : f.get(0).id();
    }

    private long functionStart(long pc) {
        return model.function(pc).map(StepModel.Function::start).orElse(-1L);
    }

    /** gdb's "stepped into subroutine": frame 0 is new and its caller is the frame the step started in. */
    private static boolean steppedIntoSubroutine(List<FrameRef> frames, FrameId stepFrame) {
        return frames.size() == 2 && !frames.get(0).id().equals(stepFrame) && frames.get(1).id().equals(stepFrame);
    }

    private boolean sameFrameAndFunction(FrameId stepFrame, long startFunction, long pc) {
        return sameFrameAndFunction(stepFrame, startFunction, pc, frame0());
    }

    private boolean sameFrameAndFunction(FrameId stepFrame, long startFunction, long pc, FrameId now) {
        return stepFrame != null && stepFrame.equals(now) && startFunction == functionStart(pc);
    }
}
