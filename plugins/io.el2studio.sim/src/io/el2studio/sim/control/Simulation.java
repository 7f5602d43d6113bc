package io.el2studio.sim.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.el2studio.sim.board.BoardListener;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Debug.ExceptionCatch;
import io.el2studio.sim.control.Debug.Registers;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Debug.Watchpoint;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.Exceptions;
import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * The control API shared by the headless runner, the GDB server and the Eclipse debugger: a
 * {@link VirtBoard} run on its own thread, with run / stop / step, breakpoints (VA, IPA + VMID, PA),
 * watchpoints, stop on exception entry, state snapshots and events.
 *
 * <p>Threading: every method may be called from any thread and returns promptly. Commands are
 * queued to the simulation thread, which executes them between slices of at most {@link #SLICE}
 * instructions; {@link #stop()} additionally raises the PEs' {@code stopRequested}, which their run
 * loops poll every 1024 instructions, so a stop takes effect within about a thousand instructions
 * whatever the guest does. Snapshots ({@link #registers}, {@link #readMemory}) run on the simulation
 * thread too, so they see a consistent state between two instructions.
 *
 * <p>Cost: the PEs always run through {@link Cpu#run}, translated blocks included. Breakpoints are
 * marked in the decoded pages they are in, so execution leaves the run loop only before a slot that
 * may hold one; watchpoints take the slow, checked data path only for the pages they cover; exception
 * catches are checked at exception entry (see {@link Checks}). Only {@link #step} and {@link #stepAll}
 * go one instruction at a time. {@code el2studio bench debug} measures it.
 */
public final class Simulation implements AutoCloseable {
    /** Instructions between two looks at the command queue while running. */
    public static final long SLICE = 50_000;
    /** While the board is idle (every PE asleep, no timer armed): how often the input is looked at. */
    static final long IDLE_POLL_MS = 5;

    public enum State { STOPPED, RUNNING, SHUTDOWN, CLOSED }

    private final VirtBoard board;
    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final List<SimulationListener> listeners = new CopyOnWriteArrayList<>();
    private final Checks checks;

    private volatile State state = State.STOPPED;
    private volatile StopReason lastStop;
    private final Object stopLock = new Object();
    private long stopCount;
    private volatile boolean stopFlag;
    private long budget = Long.MAX_VALUE;
    private volatile boolean stepEntersInterrupts;

    public Simulation(VirtBoard board) {
        this.board = board;
        this.checks = new Checks(board, this::debugHit);
        board.addListener(new Events());
        thread = new Thread(this::loop, "el2studio-simulation");
        thread.setDaemon(true);
        thread.start();
    }

    public VirtBoard board() {
        return board;
    }

    public State state() {
        return state;
    }

    public void addListener(SimulationListener l) {
        listeners.add(l);
    }

    public void removeListener(SimulationListener l) {
        listeners.remove(l);
    }

    // ---- execution control ----

    /**
     * Resumes all powered-on PEs (the schedule continues where it stopped). Returns the number of
     * stops so far, for {@link #awaitStopAfter}.
     */
    public long run() {
        long token = stopCount();
        submit(() -> {
            if (state == State.STOPPED) {
                clearStopFlags();
                state = State.RUNNING;
                for (SimulationListener l : listeners) {
                    l.resumed();
                }
            }
        });
        return token;
    }

    /** Stops after at most {@code n} more instructions in total (StopKind.LIMIT); Long.MAX_VALUE = no limit. */
    public void setInstructionBudget(long n) {
        submit(() -> budget = n);
    }

    /** Requests a stop; returns at once. Use {@link #awaitStop} to wait for the {@link StopReason}. */
    public void stop() {
        stopFlag = true;
        board.breakRequested = true;
        for (Cpu c : board.cpus) {
            c.stopRequested = true;
        }
        // Also queued, so that a stop requested before a queued run() took effect still stops it. When
        // the simulation is already stopped the request is spent: the flags must not end the next run
        // or step at once.
        commands.add(() -> {
            if (state == State.RUNNING) {
                int pe = board.currentPe();
                stopped(new StopReason(StopKind.USER, pe, board.cpu(pe).pc, "stop requested"));
            } else {
                clearStopFlags();
            }
        });
        board.wakeIdleSleep();
    }

    /**
     * Whether {@link #step} may enter a pending interrupt (default false). Off, a step executes the
     * next instruction of the code being stepped and a pending interrupt stays pending until a later
     * run, as engineers stepping through a handler expect (and as QEMU's gdbstub steps by default, with
     * interrupts held off). On, a step that finds a takeable interrupt takes it: that entry is the step,
     * and the PE stops at the first instruction of the vector, not yet executed.
     */
    public void setStepEntersInterrupts(boolean on) {
        stepEntersInterrupts = on;
    }

    public boolean stepEntersInterrupts() {
        return stepEntersInterrupts;
    }

    /**
     * Makes {@code n} steps on PE {@code pe} alone (the others stay where they are). A step executes one
     * instruction, or, when {@link #setStepEntersInterrupts} is on and an interrupt is takeable, takes
     * it (the PE is then at the vector's first instruction, not executed). A breakpoint at the current
     * PC does not stop the first step; a breakpoint or watchpoint ends the steps early, as does
     * {@link #stop}, a shutdown, and a PE asleep in WFI/WFE with nothing to wake it.
     */
    public long step(int pe, long n) {
        long token = stopCount();
        submit(() -> {
            if (state != State.STOPPED) {
                return;
            }
            Cpu c = board.cpu(pe);
            if (!board.isOn(pe)) {
                stopped(new StopReason(StopKind.STEP, pe, c.pc, "PE " + pe + " is powered off"));
                return;
            }
            checks.skipBreakpointAt(c);
            finishStep(pe, steps(c, n, stepEntersInterrupts));
        });
        return token;
    }

    /**
     * Wakes the simulation thread if it waits on an idle board (every PE asleep with no timer armed),
     * so that new UART input reaches the guest at once. Cheap; any thread.
     */
    public void wakeUp() {
        if (state != State.CLOSED) {
            commands.add(() -> { });
            board.wakeIdleSleep();
        }
    }

    /**
     * Idle sleep (off by default; VirtBoard#setIdleSleep): on, while every PE sleeps, virtual time
     * follows the wall clock instead of jumping ahead at once, as an engineer at an interactive guest
     * shell expects. Runs stay reproducible only without input or client requests during the waits,
     * which end them early ({@link #wakeUp}, any command, {@link #stop}).
     */
    public void setIdleSleep(boolean on) {
        submit(() -> board.setIdleSleep(on));
    }

    /**
     * Makes {@code n} steps of the schedule (all PEs, in turn), each step as in {@link #step}: one
     * instruction, or, when {@link #setStepEntersInterrupts} is on and an interrupt is takeable, the
     * entry into it (the PE is then at the vector's first instruction, not executed); off, pending
     * interrupts stay pending during the steps.
     */
    public long stepAll(long n) {
        long token = stopCount();
        submit(() -> {
            if (state != State.STOPPED) {
                return;
            }
            for (Cpu c : board.cpus) {
                checks.skipBreakpointAt(c);
            }
            boolean irqs = stepEntersInterrupts;
            long done = board.advance(n, (c, max) -> steps(c, max, irqs));
            finishStep(board.currentPe(), done);
        });
        return token;
    }

    /**
     * Up to {@code max} steps of one PE, for {@link #step} and {@link #stepAll}: an interrupt entry is a
     * step (Cpu.run and the checking runner count instructions only, so an entry followed by the
     * vector's first instruction would be one step). Ends early on a stop (stop() raises stopFlag and
     * the PEs' stopRequested together), a breakpoint or watchpoint, a shutdown, or a halted PE.
     */
    private long steps(Cpu c, long max, boolean irqs) {
        long done = 0;
        c.halted = false;
        try {
            while (done < max && !c.halted && !stopFlag && checks.pending == null && board.shutdown() == null) {
                boolean irqCheck = c.irqCheck;
                if (!irqs) {
                    c.irqCheck = false; // the interrupt stays pending; evaluated again after the steps
                }
                if (!checks.stepChecked(c)) {
                    break;
                }
                if (!irqs) {
                    c.irqCheck |= irqCheck;
                }
                done++;
            }
        } finally {
            if (c.mmu != null) {
                c.mmu.leave(c);
            }
        }
        return done;
    }

    private void finishStep(int pe, long done) {
        StopReason r = endReason();
        if (r == null) {
            Cpu c = board.cpu(pe);
            r = new StopReason(StopKind.STEP, pe, c.pc, done + " step(s)");
        }
        stopped(r);
    }

    /** Waits until the simulation is stopped (or shut down) and returns the last stop; null on timeout. */
    public StopReason awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (stopLock) {
            while (state == State.RUNNING || lastStop == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(stopLock, left);
            }
            return lastStop;
        }
    }

    /** Waits for the next stop after the {@code count}-th (see {@link #stopCount}); null on timeout. */
    public StopReason awaitStopAfter(long count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (stopLock) {
            while (stopCount <= count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(stopLock, left);
            }
            return lastStop;
        }
    }

    /** Number of stops so far. */
    public long stopCount() {
        synchronized (stopLock) {
            return stopCount;
        }
    }

    public StopReason lastStop() {
        return lastStop;
    }

    // ---- breakpoints, watchpoints, exception catches (take effect at the next slice) ----

    public void addBreakpoint(Breakpoint b) {
        submit(() -> checks.addBreakpoint(b));
    }

    public void removeBreakpoint(Breakpoint b) {
        submit(() -> checks.removeBreakpoint(b));
    }

    public void addWatchpoint(Watchpoint w) {
        submit(() -> checks.addWatchpoint(w));
    }

    public void removeWatchpoint(Watchpoint w) {
        submit(() -> checks.removeWatchpoint(w));
    }

    public void addExceptionCatch(ExceptionCatch c) {
        submit(() -> checks.catches.add(c));
    }

    public void removeExceptionCatch(ExceptionCatch c) {
        submit(() -> checks.catches.remove(c));
    }

    // ---- snapshots ----

    /**
     * Runs {@code f} on the simulation thread, between two instructions, and returns its result
     * (waiting at most {@code timeoutMs}). The function must not keep references to live state.
     */
    public <T> T call(Function<VirtBoard, T> f, long timeoutMs) {
        CompletableFuture<T> r = new CompletableFuture<>();
        submit(() -> {
            try {
                r.complete(f.apply(board));
            } catch (RuntimeException e) {
                r.completeExceptionally(e);
            }
        });
        try {
            return r.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulation thread did not answer within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    public Registers registers(int pe) {
        return call(b -> snapshot(b, pe), 5000);
    }

    static Registers snapshot(VirtBoard b, int pe) {
        Cpu c = b.cpu(pe);
        long[] x = new long[31];
        System.arraycopy(c.x, 0, x, 0, 31);
        return new Registers(pe, b.isOn(pe), x, c.sp(), c.pc, c.pstateToSpsr(), c.el, c.sp.clone(), c.elr.clone(),
                c.spsr.clone(), c.esr.clone(), c.far.clone(), c.vbar.clone(), c.instructionCount);
    }

    /** A system register by name (as the Arm ARM spells it, e.g. HCR_EL2), read without side effects. */
    public long readSysreg(int pe, String name) {
        SysReg r = SysRegTable.byName(name);
        if (r == null || !r.modelled()) {
            throw new IllegalArgumentException("system register " + name + (r == null ? " is unknown" : " is not modelled"));
        }
        return call(b -> r.read(b.cpu(pe)), 5000);
    }

    /** Reads guest memory through {@code t} without side effects (RAM only); see {@link Translation}. */
    public byte[] readMemory(Translation t, long address, int length) {
        return call(b -> t.read(b, address, length), 5000);
    }

    /** Writes guest RAM through {@code t} (see {@link Translation}); all or nothing. */
    public void writeMemory(Translation t, long address, byte[] data) {
        byte[] copy = data.clone();
        call(b -> {
            t.write(b, address, copy);
            return null;
        }, 5000);
    }

    // ---- the simulation thread ----

    private void submit(Runnable r) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("simulation closed");
        }
        commands.add(r);
        board.wakeIdleSleep(); // a wait for the wall clock (idle sleep) must not hold the command up
    }

    private void loop() {
        try {
            while (state != State.CLOSED) {
                if (state == State.RUNNING) {
                    board.clearIdleSleepWake(); // what woke an idle sleep is queued (or input): seen from here on
                    Runnable cmd;
                    while ((cmd = commands.poll()) != null) {
                        cmd.run();
                    }
                    if (state != State.RUNNING) {
                        continue;
                    }
                    if (stopFlag) {
                        stopped(new StopReason(StopKind.USER, board.currentPe(), board.cpu(board.currentPe()).pc, "stop requested"));
                        continue;
                    }
                    long n = board.advance(Math.min(SLICE, budget), checks.runner(true));
                    if (budget != Long.MAX_VALUE) {
                        budget -= n;
                    }
                    StopReason r = endReason();
                    if (r == null && stopFlag) {
                        r = new StopReason(StopKind.USER, board.currentPe(), board.cpu(board.currentPe()).pc, "stop requested");
                    }
                    if (r == null && budget <= 0) {
                        r = new StopReason(StopKind.LIMIT, board.currentPe(), board.cpu(board.currentPe()).pc, "instruction budget reached");
                        budget = Long.MAX_VALUE;
                    }
                    if (r != null) {
                        stopped(r);
                    } else if (n == 0 && board.idle()) {
                        // Every PE sleeps and no timer is armed: only input or a client can wake the board, so
                        // wait for a command (a stop, a wake-up) instead of spinning, and look at the input again.
                        Runnable c = commands.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                        if (c != null) {
                            c.run();
                        }
                        board.pollInput();
                    }
                } else {
                    Runnable cmd = commands.take();
                    cmd.run();
                }
            }
        } catch (InterruptedException e) {
            state = State.CLOSED;
        } catch (RuntimeException | Error e) {
            // A simulator bug: report it as a stop instead of dying silently.
            stopped(new StopReason(StopKind.USER, board.currentPe(), board.cpu(board.currentPe()).pc,
                    "internal error: " + e));
            throw e;
        }
    }

    /** The stop a debug hit, a shutdown or powered-off PEs cause; null if none. */
    private StopReason endReason() {
        if (checks.pending != null) {
            StopReason r = checks.pending;
            checks.pending = null;
            return r;
        }
        VirtBoard.Shutdown s = board.shutdown();
        if (s != null) {
            int pe = board.currentPe();
            return new StopReason(StopKind.SHUTDOWN, pe, board.cpu(pe).pc, s.reason());
        }
        if (!board.anyOn()) {
            return new StopReason(StopKind.ALL_PES_OFF, 0, board.cpu(0).pc, "every PE is powered off");
        }
        return null;
    }

    private void debugHit(Cpu cpu) {
        board.breakRequested = true;
    }

    private void clearStopFlags() {
        board.breakRequested = false;
        stopFlag = false;
        for (Cpu c : board.cpus) {
            c.stopRequested = false;
        }
    }

    private void stopped(StopReason r) {
        clearStopFlags();
        State s = r.kind() == StopKind.SHUTDOWN ? State.SHUTDOWN : State.STOPPED;
        synchronized (stopLock) {
            lastStop = r;
            stopCount++;
            if (state != State.CLOSED) {
                state = s;
            }
            stopLock.notifyAll();
        }
        for (SimulationListener l : listeners) {
            l.stopped(r);
        }
    }

    @Override
    public void close() {
        stop();
        state = State.CLOSED;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Events implements BoardListener {
        @Override
        public void uartOutput(int b) {
            for (SimulationListener l : listeners) {
                l.uartOutput(b);
            }
        }

        @Override
        public void exceptionTaken(Cpu cpu, int fromEl, int toEl, int kind) {
            long esr = kind == Exceptions.SYNC || kind == Exceptions.SERROR ? cpu.esr[toEl] : 0;
            checks.exceptionTaken(cpu, fromEl, toEl, kind, esr);
            for (SimulationListener l : listeners) {
                l.exceptionTaken(cpu, fromEl, toEl, kind, esr);
                if (fromEl != toEl) {
                    l.elChanged(cpu, fromEl, toEl);
                }
            }
        }

        @Override
        public void exceptionReturned(Cpu cpu, int fromEl) {
            for (SimulationListener l : listeners) {
                l.exceptionReturned(cpu, fromEl, cpu.el);
                if (fromEl != cpu.el) {
                    l.elChanged(cpu, fromEl, cpu.el);
                }
            }
        }

        @Override
        public void psci(Cpu cpu, long function, long result) {
            for (SimulationListener l : listeners) {
                l.psci(cpu, function, result);
            }
        }
    }

    /** For tests and tools: the breakpoints currently set (a copy, read on the simulation thread). */
    public List<Breakpoint> breakpoints() {
        return call(b -> new ArrayList<>(checks.breakpoints), 5000);
    }
}
