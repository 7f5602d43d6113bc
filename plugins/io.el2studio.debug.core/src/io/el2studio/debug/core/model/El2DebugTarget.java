package io.el2studio.debug.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrievalExtension;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.launch.El2Session;
import io.el2studio.debug.core.symbols.EngineProgram;
import io.el2studio.debug.core.symbols.ProgramInfo;
import io.el2studio.engine.step.Insertions;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.SimulationListener;

/**
 * The debug target of one session: the whole virt board. Suspend, resume and terminate act on
 * every PE at once; each PE is a thread ({@link El2Thread}).
 *
 * <p>Threading, after the platform's PDA example and LSP4E's DSPDebugTarget: every request (resume,
 * step, suspend, register write) is queued to one executor thread and the call returns at once; the
 * simulation's stops come back through its listener, are queued to the same thread, which reads one
 * {@link Snapshot} of every PE and only then fires the SUSPEND events, so that the views find the
 * state they ask for already there. Nothing here runs on, or waits in, the UI thread.
 */
public final class El2DebugTarget extends El2DebugElement implements IDebugTarget, IMemoryBlockRetrievalExtension {
    private final ILaunch launch;
    private final El2Session session;
    private final Simulation sim;
    private final El2Thread[] threads;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "el2studio-debug-target");
        t.setDaemon(true);
        return t;
    });
    private final Breakpoints breakpoints;
    /** The simulator breakpoints, counted: user breakpoints, the stop-at-symbol one, the engine stepper's momentary ones. */
    private final Insertions insertions;
    final RegisterLayout layout = RegisterLayout.get();
    private volatile Snapshot snapshot;
    private volatile Snapshot previous;
    private volatile boolean suspended;
    private volatile boolean terminated;
    private volatile StopReason lastStop;
    /** Stops up to this number are consumed (by a step in progress, or already handled). */
    private volatile long handled;
    /** A temporary breakpoint (stop at symbol, run to return address), removed at the next stop. */
    private volatile long temporary = -1;

    public El2DebugTarget(ILaunch launch, El2Session session) {
        super(null);
        this.launch = launch;
        this.session = session;
        this.sim = session.simulation();
        int n = sim.board().cpus.size();
        threads = new El2Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = new El2Thread(this, i);
        }
        insertions = new Insertions(sim);
        breakpoints = new Breakpoints(this);
        sim.addListener(new SimulationListener() {
            @Override
            public void stopped(StopReason r) {
                long count = sim.stopCount();
                submit(() -> {
                    if (count > handled) {
                        handled = count;
                        onStop(r);
                    }
                });
            }

            /**
             * A resume by another client of the simulation (gdb through the GDB server): the views must
             * show the board running. The runs of a step are not (their stops are consumed by it).
             */
            @Override
            public void resumed() {
                long count = sim.stopCount();
                submit(() -> {
                    if (suspended && count >= handled && !terminated) {
                        resumeState(DebugEvent.CLIENT_REQUEST);
                    }
                });
            }
        });
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    Simulation simulation() {
        return sim;
    }

    public El2Session session() {
        return session;
    }

    /** The program of the image, or null. */
    ProgramInfo program() {
        return session.program();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** After a register write: the same stop, read again (the stop before stays the reference for changes). */
    void refreshSnapshot() {
        snapshot = Snapshot.take(sim, layout.sysregs());
    }

    Snapshot previousSnapshot() {
        return previous;
    }

    StopReason lastStop() {
        return lastStop;
    }

    Insertions insertions() {
        return insertions;
    }

    /**
     * Whether {@code b} is installed in the simulation now: the platform tells its breakpoints' changes
     * through resource deltas, after the change itself, and this target applies them on its executor.
     */
    public boolean isInstalled(IBreakpoint b) {
        return breakpoints.isInstalled(b);
    }

    Breakpoints breakpointTable() {
        return breakpoints;
    }

    void submit(Runnable r) {
        if (!executor.isShutdown()) {
            executor.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    if (!terminated) {
                        session.uart().log("el2studio debugger: " + e);
                    }
                }
            });
        }
    }

    /** Installs the breakpoints and stops as the Debugger tab asks: at the entry, at a symbol, or not at all. */
    public void start(String stop, String symbol) {
        fireCreationEvent();
        for (El2Thread t : threads) {
            t.fireCreationEvent();
        }
        submit(() -> {
            breakpoints.installAll();
            DebugPlugin.getDefault().getBreakpointManager().addBreakpointListener(breakpoints);
            if (El2Launch.STOP_ENTRY.equals(stop)) {
                onStop(new StopReason(StopKind.USER, 0, sim.registers(0).pc(), "entry"));
                return;
            }
            if (El2Launch.STOP_SYMBOL.equals(stop) && program() != null && !symbol.isEmpty()) {
                OptionalLong a = program().functionBreakpoint(symbol);
                if (a.isPresent()) {
                    setTemporary(a.getAsLong());
                } else {
                    session.uart().log("el2studio debugger: no symbol '" + symbol + "' in " + session.image()
                            + ": stopped at the entry point");
                    onStop(new StopReason(StopKind.USER, 0, sim.registers(0).pc(), "entry"));
                    return;
                }
            }
            resumeNow(DebugEvent.CLIENT_REQUEST);
        });
    }

    void setTemporary(long address) {
        clearTemporary();
        temporary = address;
        insertions.insert(address);
    }

    void clearTemporary() {
        if (temporary != -1) {
            insertions.remove(temporary);
            temporary = -1;
        }
    }

    long temporary() {
        return temporary;
    }

    /** On the executor: a stop of the simulation; read the snapshot, then tell the views. */
    void onStop(StopReason r) {
        if (terminated || r.kind() == StopKind.SHUTDOWN || r.kind() == StopKind.ALL_PES_OFF) {
            return;
        }
        boolean atTemporary = r.kind() == StopKind.BREAKPOINT && r.pc() == temporary;
        clearTemporary();
        previous = snapshot;
        snapshot = Snapshot.take(sim, layout.sysregs());
        lastStop = atTemporary ? new StopReason(StopKind.USER, r.pe(), r.pc(), "temporary breakpoint") : r;
        suspended = true;
        int detail = switch (r.kind()) {
            case BREAKPOINT, WATCHPOINT -> atTemporary ? DebugEvent.CLIENT_REQUEST : DebugEvent.BREAKPOINT;
            case STEP -> DebugEvent.STEP_END;
            case EXCEPTION -> Breakpoints.isTrapStop(r) ? DebugEvent.BREAKPOINT : DebugEvent.CLIENT_REQUEST;
            default -> DebugEvent.CLIENT_REQUEST;
        };
        List<DebugEvent> events = new ArrayList<>();
        for (El2Thread t : threads) {
            t.stopped();
            if (t.pe() != r.pe()) {
                events.add(new DebugEvent(t, DebugEvent.SUSPEND, DebugEvent.CLIENT_REQUEST));
            }
        }
        // the frames of every PE now, on this thread: whoever asks later (a view's job, an action's
        // enablement on the UI thread) gets them from the cache and never waits on the simulation
        for (El2Thread t : threads) {
            try {
                t.getStackFrames();
            } catch (DebugException e) {
                // left to the view's own request, which reports it
            }
        }
        // the PE that caused the stop last: the Debug view selects its top frame
        events.add(new DebugEvent(threads[Math.min(r.pe(), threads.length - 1)], DebugEvent.SUSPEND, detail));
        DebugPlugin.getDefault().fireDebugEventSet(events.toArray(DebugEvent[]::new));
    }

    /** On the executor: resume every PE and tell the views at once. */
    void resumeNow(int detail) {
        resumeState(detail);
        sim.run();
    }

    private void resumeState(int detail) {
        suspended = false;
        DebugEvent[] events = new DebugEvent[threads.length];
        for (int i = 0; i < threads.length; i++) {
            threads[i].resumed();
            events[i] = new DebugEvent(threads[i], DebugEvent.RESUME, detail);
        }
        DebugPlugin.getDefault().fireDebugEventSet(events);
    }

    /** A step of {@code thread} (on the executor): the others stay suspended, as a board stepped by gdb. */
    void step(El2Thread thread, Stepper.Kind kind) {
        if (!suspended || terminated) {
            return;
        }
        // the state changes at once (LSP4E: resume fired at once); the step itself runs on the executor
        suspended = false;
        thread.resumed();
        int detail = switch (kind) {
            case INTO -> DebugEvent.STEP_INTO;
            case OVER -> DebugEvent.STEP_OVER;
            case RETURN -> DebugEvent.STEP_RETURN;
        };
        thread.fireResumeEvent(detail);
        submit(() -> {
            if (terminated) {
                return;
            }
            StopReason r;
            try {
                boolean instructions = SteppingMode.isInstructionStepping();
                r = program() instanceof EngineProgram p ? EngineStepping.step(this, p, thread.pe(), kind, instructions)
                        : new Stepper(this, thread.pe(), instructions).step(kind);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // as LSP4E re-suspends a thread whose resume failed: the views must not show it stepping forever
                session.uart().log("el2studio debugger: the step failed: " + e.getMessage());
                r = new StopReason(StopKind.USER, thread.pe(), sim.registers(thread.pe()).pc(), "step failed");
            }
            handled = sim.stopCount();
            if (r != null) {
                onStop(r);
            }
        });
    }

    /**
     * Run to Line: the board runs until {@code thread}'s PE reaches code of {@code file}:{@code line}
     * (the addresses a breakpoint there would have), a breakpoint stops it, or Suspend (gdb's advance).
     * False when nothing maps to the line.
     */
    public boolean runToLine(El2Thread thread, String file, int line) {
        if (!suspended || terminated || program() == null) {
            return false;
        }
        java.util.List<Long> addresses = program().breakpointAddresses(file, line).addresses();
        if (addresses.isEmpty()) {
            return false;
        }
        suspended = false;
        for (El2Thread t : threads) {
            t.resumed();
        }
        thread.fireResumeEvent(DebugEvent.CLIENT_REQUEST);
        submit(() -> {
            StopReason r;
            if (program() instanceof EngineProgram p) {
                r = EngineStepping.runTo(this, p, thread.pe(), addresses);
            } else {
                try {
                    r = new Stepper(this, thread.pe(), true).runToAny(addresses);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            handled = sim.stopCount();
            if (r != null) {
                onStop(r);
            }
        });
        return true;
    }

    El2Thread thread(int pe) {
        return threads[pe];
    }

    // ---- IDebugTarget ----

    @Override
    public IProcess getProcess() {
        return session.uart();
    }

    @Override
    public IThread[] getThreads() {
        return terminated ? new IThread[0] : threads.clone();
    }

    @Override
    public boolean hasThreads() {
        return !terminated;
    }

    @Override
    public String getName() {
        return "EL2 Studio virt board (" + threads.length + (threads.length == 1 ? " PE" : " PEs") + "): "
                + session.image().getFileName();
    }

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return El2Launch.MODEL_ID.equals(breakpoint.getModelIdentifier());
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() {
        // closing the simulation joins its thread: not on the caller's (possibly the UI) thread
        Thread t = new Thread(session::terminate, "el2studio-terminate");
        t.setDaemon(true);
        t.start();
    }

    /** The session ended (terminated, or the guest shut down). */
    public void sessionEnded() {
        if (terminated) {
            return;
        }
        terminated = true;
        suspended = false;
        DebugPlugin p = DebugPlugin.getDefault();
        if (p != null) {
            p.getBreakpointManager().removeBreakpointListener(breakpoints);
            List<DebugEvent> events = new ArrayList<>();
            for (El2Thread t : threads) {
                events.add(new DebugEvent(t, DebugEvent.TERMINATE));
            }
            events.add(new DebugEvent(this, DebugEvent.TERMINATE));
            p.fireDebugEventSet(events.toArray(DebugEvent[]::new));
        }
        executor.shutdownNow();
    }

    @Override
    public boolean canResume() {
        return suspended && !terminated;
    }

    @Override
    public boolean canSuspend() {
        return !suspended && !terminated;
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    @Override
    public void resume() {
        if (!suspended || terminated) {
            return;
        }
        suspended = false;
        submit(() -> resumeNow(DebugEvent.CLIENT_REQUEST));
    }

    @Override
    public void suspend() {
        // Simulation.stop returns at once; the stop comes back as an event. Once now, for a guest
        // running or a step in progress on the executor, and once after the requests queued before
        // it (a run still in the queue would otherwise start after the stop was spent).
        if (!terminated) {
            sim.stop();
            submit(() -> {
                if (!suspended) {
                    sim.stop();
                }
            });
        }
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        breakpoints.breakpointAdded(breakpoint);
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpoints.breakpointRemoved(breakpoint, delta);
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpoints.breakpointChanged(breakpoint, delta);
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() throws DebugException {
        throw error("an EL2 Studio target cannot be disconnected; terminate it");
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    @Override
    public boolean supportsStorageRetrieval() {
        return true;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        return getExtendedMemoryBlock(String.format("0x%x", startAddress), this);
    }

    /**
     * A Memory view block for {@code expression}: an address with IDE.md's space prefix
     * ({@code NP:0x40000000}, {@code EL2:0x40001000}, none = the PE's current regime), for the PE of
     * {@code context} (a thread or frame; else PE 0). A bad prefix or number is an error that says which.
     */
    @Override
    public IMemoryBlockExtension getExtendedMemoryBlock(String expression, Object context) throws DebugException {
        io.el2studio.engine.sim.AddressSpaces.Address a;
        try {
            a = io.el2studio.engine.sim.AddressSpaces.parse(expression);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        int pe = context instanceof El2Thread t ? t.pe()
                : context instanceof El2StackFrame f ? ((El2Thread) f.getThread()).pe() : 0;
        return new El2MemoryBlock(this, expression.strip(), a, pe);
    }
}
