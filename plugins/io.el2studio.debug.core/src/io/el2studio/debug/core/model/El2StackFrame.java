package io.el2studio.debug.core.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;

/**
 * A frame of a PE: {@code main() at main.c:19 0x400000b0} (CDT's wording), its source file for the
 * platform's source lookup (which opens the editor and puts the instruction pointer on the line).
 */
public final class El2StackFrame extends El2DebugElement implements IStackFrame {
    private final El2Thread thread;
    private final int level;
    private volatile FrameUnwinder.Frame frame;

    El2StackFrame(El2Thread thread, int level) {
        super(thread.getDebugTarget());
        this.thread = thread;
        this.level = level;
    }

    private IVariable[] variables;
    private long variablesStop = -1;
    private long stop = -1;

    void update(FrameUnwinder.Frame f, long stopNumber) {
        frame = f;
        stop = stopNumber;
    }

    public int level() {
        return level;
    }

    /** The frame's PC: the stop's PC for frame 0, the return address for a caller. */
    public long pc() {
        return frame.pc();
    }

    /** The source file as gdb shows it (relative to the compilation directory), or null when the PC has no line. */
    public String getSourceName() {
        return frame.line().map(l -> l.file()).orElse(null);
    }

    /** The source file as the line table names it (absolute when the compiler recorded its directory), or null. */
    public String getSourcePath() {
        return frame.line().map(l -> l.path()).orElse(null);
    }

    /** The text of an exception marker frame, or null. */
    public String marker() {
        return frame.marker();
    }

    public String function() {
        return frame.function().map(f -> f.name()).orElse(null);
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    /** Arguments, then locals, as gdb's info args and info locals list them (the engine's scopes); none without DWARF. */
    @Override
    public synchronized IVariable[] getVariables() {
        if (variables == null || variablesStop != stop) {
            El2DebugTarget t = (El2DebugTarget) getDebugTarget();
            variables = t.program() instanceof io.el2studio.debug.core.symbols.EngineProgram p
                    ? El2Variable.ofFrame(this, p, thread.engineFrames(), level)
                    : new IVariable[0];
            variablesStop = stop;
        }
        return variables.clone();
    }

    @Override
    public boolean hasVariables() {
        return getVariables().length > 0;
    }

    @Override
    public int getLineNumber() {
        return frame.line().map(l -> l.line()).orElse(-1);
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public String getName() {
        FrameUnwinder.Frame f = frame;
        if (f.marker() != null) {
            return "<" + f.marker() + ">";
        }
        StringBuilder b = new StringBuilder();
        if (f.function().isPresent()) {
            b.append(f.function().get().name()).append("()");
        } else {
            b.append("??");
        }
        f.line().ifPresent(l -> b.append(" at ").append(l.file()).append(':').append(l.line()));
        b.append(String.format(" 0x%x", f.pc()));
        return b.toString();
    }

    @Override
    public IRegisterGroup[] getRegisterGroups() {
        return thread.registerGroups().toArray(IRegisterGroup[]::new);
    }

    @Override
    public boolean hasRegisterGroups() {
        return true;
    }

    // ---- execution control: the thread's ----

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
    }

    @Override
    public boolean canStepReturn() {
        return thread.canStepReturn();
    }

    @Override
    public boolean isStepping() {
        return thread.isStepping();
    }

    @Override
    public void stepInto() throws DebugException {
        thread.stepInto();
    }

    @Override
    public void stepOver() throws DebugException {
        thread.stepOver();
    }

    @Override
    public void stepReturn() throws DebugException {
        thread.stepReturn();
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }
}
