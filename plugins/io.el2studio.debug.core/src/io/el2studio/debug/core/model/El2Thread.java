package io.el2studio.debug.core.model;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;

import io.el2studio.debug.core.symbols.EngineProgram;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;

/**
 * One PE of the board, labelled as IDE.md shows it: {@code PE0 · EL2 · VMID - · suspended: breakpoint}.
 * Its frames are computed once per stop and reused (the viewers keep their expansion state).
 */
public final class El2Thread extends El2DebugElement implements IThread {
    private final El2DebugTarget target;
    private final int pe;
    private volatile boolean suspended;
    private volatile boolean stepping;
    /** Frames of the current stop (stop number {@link #framesStop}). */
    private List<El2StackFrame> frames = List.of();
    private long framesStop = -1;
    /** The engine's frames of the current stop (empty without DWARF), for the frames' variables. */
    private List<io.el2studio.engine.unwind.Frame> engineFrames = List.of();
    private final List<El2RegisterGroup> groups;

    El2Thread(El2DebugTarget target, int pe) {
        super(target);
        this.target = target;
        this.pe = pe;
        this.groups = target.layout.groupsFor(this);
    }

    public int pe() {
        return pe;
    }

    El2DebugTarget target() {
        return target;
    }

    void stopped() {
        suspended = true;
        stepping = false;
    }

    void resumed() {
        suspended = false;
    }

    @Override
    public void fireResumeEvent(int detail) {
        stepping = detail == org.eclipse.debug.core.DebugEvent.STEP_INTO || detail == org.eclipse.debug.core.DebugEvent.STEP_OVER
                || detail == org.eclipse.debug.core.DebugEvent.STEP_RETURN;
        super.fireResumeEvent(detail);
    }

    /** This PE's registers at the current stop, or null while running. */
    Snapshot.Pe state() {
        Snapshot s = target.snapshot();
        return s == null || !suspended ? null : s.pes[pe];
    }

    synchronized List<io.el2studio.engine.unwind.Frame> engineFrames() {
        return engineFrames;
    }

    List<El2RegisterGroup> registerGroups() {
        return groups;
    }

    @Override
    public synchronized IStackFrame[] getStackFrames() throws DebugException {
        Snapshot s = target.snapshot();
        if (!suspended || s == null) {
            return new IStackFrame[0];
        }
        if (framesStop != s.stop) {
            List<El2StackFrame> next = new ArrayList<>();
            List<FrameUnwinder.Frame> unwound;
            if (target.program() instanceof EngineProgram p) {
                EngineFrames.Unwound u = EngineFrames.unwind(target.simulation(), p, pe);
                unwound = u.frames();
                engineFrames = u.engineFrames();
            } else {
                unwound = new FrameUnwinder(target.simulation(), target.program(), s.pes[pe]).frames();
                engineFrames = List.of();
            }
            for (int i = 0; i < unwound.size(); i++) {
                // same object for the same level, so the viewers keep their selection between stops
                El2StackFrame f = i < frames.size() ? frames.get(i) : new El2StackFrame(this, i);
                f.update(unwound.get(i), s.stop);
                next.add(f);
            }
            frames = next;
            framesStop = s.stop;
        }
        return frames.toArray(IStackFrame[]::new);
    }

    @Override
    public boolean hasStackFrames() throws DebugException {
        return suspended && target.snapshot() != null;
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IStackFrame getTopStackFrame() throws DebugException {
        IStackFrame[] f = getStackFrames();
        return f.length == 0 ? null : f[0];
    }

    /** {@code PE0 · EL2 · VMID - · suspended: breakpoint}. */
    @Override
    public String getName() {
        Snapshot.Pe st = target.snapshot() == null ? null : target.snapshot().pes[pe];
        StringBuilder b = new StringBuilder("PE").append(pe);
        if (st != null) {
            int vmid = st.vmid();
            b.append(" · EL").append(st.el()).append(" · VMID ").append(vmid < 0 ? "-" : Integer.toString(vmid));
        }
        b.append(" · ");
        if (target.isTerminated()) {
            b.append("terminated");
        } else if (st != null && !st.on() && suspended) {
            b.append("suspended: powered off");
        } else if (suspended) {
            b.append("suspended");
            StopReason r = target.lastStop();
            if (r != null && r.pe() == pe) {
                b.append(": ").append(reason(r));
            }
        } else {
            b.append(stepping ? "stepping" : "running");
        }
        return b.toString();
    }

    private static String reason(StopReason r) {
        return switch (r.kind()) {
            case BREAKPOINT -> "breakpoint";
            case WATCHPOINT -> "watchpoint";
            case STEP -> "step";
            case EXCEPTION -> Breakpoints.isTrapStop(r) ? r.detail() : "exception";
            case LIMIT -> "instruction limit";
            case USER -> r.detail().equals("stop requested") ? "user request" : r.detail();
            default -> r.detail();
        };
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        StopReason r = target.lastStop();
        if (suspended && r != null && r.pe() == pe && r.kind() == StopKind.EXCEPTION) {
            return target.breakpointTable().trapsOf(r);
        }
        if (!suspended || r == null || r.pe() != pe || r.kind() != StopKind.BREAKPOINT) {
            return new IBreakpoint[0];
        }
        return target.breakpointTable().at(r.pc());
    }

    // ---- suspend/resume: the whole board ----

    @Override
    public boolean canResume() {
        return target.canResume();
    }

    @Override
    public boolean canSuspend() {
        return !suspended && !target.isTerminated();
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    @Override
    public void resume() {
        target.resume();
    }

    @Override
    public void suspend() {
        target.suspend();
    }

    // ---- stepping: this PE ----

    private boolean canStep() {
        return suspended && !target.isTerminated() && state() != null && state().on();
    }

    @Override
    public boolean canStepInto() {
        return canStep();
    }

    @Override
    public boolean canStepOver() {
        return canStep();
    }

    @Override
    public boolean canStepReturn() {
        return canStep();
    }

    @Override
    public boolean isStepping() {
        return stepping;
    }

    @Override
    public void stepInto() {
        target.step(this, Stepper.Kind.INTO);
    }

    @Override
    public void stepOver() {
        target.step(this, Stepper.Kind.OVER);
    }

    @Override
    public void stepReturn() {
        target.step(this, Stepper.Kind.RETURN);
    }

    /** Run to Line (see El2DebugTarget#runToLine). */
    public boolean runToLine(String file, int line) {
        return target.runToLine(this, file, line);
    }

    @Override
    public boolean canTerminate() {
        return target.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return target.isTerminated();
    }

    @Override
    public void terminate() {
        target.terminate();
    }
}
