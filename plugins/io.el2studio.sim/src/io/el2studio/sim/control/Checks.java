package io.el2studio.sim.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Debug.ExceptionCatch;
import io.el2studio.sim.control.Debug.Space;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Debug.Watchpoint;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.FaultHook;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.cpu.Translator;
import io.el2studio.sim.mmu.Walker;
import io.el2studio.sim.trace.ExceptionClasses;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The debug checks of a {@link Simulation}, all on the simulation thread: breakpoints are tested
 * before each instruction by a stepping runner (used only while any check is set), watchpoints by a
 * {@link Translator} wrapped around each PE's MMU while any watchpoint is set (it sees every data
 * access with its VA and PA), and exception catches by the board's exception events.
 *
 * <p>A watchpoint hit stops the PE before the access, as the architecture's watchpoint exception
 * does: the translator throws {@link #WATCH_ABORT}, which the PE's run loop hands to its fault hook
 * before anything is taken; the hook installed here consumes it, so the instruction has not executed
 * (the PC stays on it, no register is written, the instruction is not counted). Resuming executes that
 * instruction once without the watchpoint check, as resuming from a breakpoint steps over it.
 */
final class Checks {
    final List<Breakpoint> breakpoints = new ArrayList<>();
    final List<Watchpoint> watchpoints = new ArrayList<>();
    final List<ExceptionCatch> catches = new ArrayList<>();
    /** The stop a check raised, taken by the simulation loop. */
    StopReason pending;

    private final VirtBoard board;
    private final Consumer<Cpu> onHit;
    /** Per PE: a PC at which the breakpoint check is skipped once (resuming from a breakpoint). */
    private final long[] skipAt;
    private long[] vaBps = new long[0];
    private boolean translatedBps;
    private final Translator[] inner;
    private final FaultHook[] innerHooks;
    private boolean watching;
    /** Per PE: the PC of an instruction stopped by a watchpoint, executed once unchecked when resumed. */
    private final long[] watchSkipAt;
    /** True while the instruction at a {@link #watchSkipAt} PC executes. */
    private boolean watchSkipping;

    /**
     * Thrown by the watching translator to abandon the instruction that makes a watched access; never
     * taken as an exception (the hook consumes it). EC 0x35 is "Watchpoint exception from the current
     * EL" (ESR_ELx.EC), for anyone who sees it in a log.
     */
    static final GuestFault WATCH_ABORT = new GuestFault(0x35, 0, -1, 0);

    Checks(VirtBoard board, Consumer<Cpu> onHit) {
        this.board = board;
        this.onHit = onHit;
        this.skipAt = new long[board.cpus.size()];
        java.util.Arrays.fill(skipAt, -1);
        this.inner = new Translator[board.cpus.size()];
        this.innerHooks = new FaultHook[board.cpus.size()];
        this.watchSkipAt = new long[board.cpus.size()];
        java.util.Arrays.fill(watchSkipAt, -1);
    }

    boolean active() {
        return !breakpoints.isEmpty() || !watchpoints.isEmpty() || !catches.isEmpty();
    }

    void skipBreakpointAt(Cpu c) {
        skipAt[c.index] = c.pc;
    }

    // ---- breakpoints ----

    void addBreakpoint(Breakpoint b) {
        if (!breakpoints.contains(b)) {
            breakpoints.add(b);
        }
        index();
    }

    void removeBreakpoint(Breakpoint b) {
        breakpoints.remove(b);
        index();
    }

    private void index() {
        vaBps = breakpoints.stream().filter(b -> b.space() == Space.VA).mapToLong(Breakpoint::address).sorted().toArray();
        translatedBps = breakpoints.stream().anyMatch(b -> b.space() != Space.VA);
    }

    /** The runner the board's scheduler uses: {@link Cpu#run} when nothing is checked. */
    VirtBoard.PeRunner runner(boolean fast) {
        if (!active()) {
            return Cpu::run;
        }
        return this::runChecked;
    }

    /** Steps {@code c} with the breakpoint check before each instruction; returns the instructions executed. */
    private long runChecked(Cpu c, long max) {
        long start = c.instructionCount;
        c.halted = false;
        int idle = 0;
        while (c.instructionCount - start < max && !c.halted && !c.stopRequested && pending == null) {
            long before = c.instructionCount;
            if (!stepChecked(c)) {
                break;
            }
            // nothing executed: asleep (halted is then set), an interrupt taken (the PE is at the vector)
            if (c.instructionCount == before && ++idle > 4) {
                break;
            }
        }
        if (c.mmu != null) {
            c.mmu.leave(c);
        }
        return c.instructionCount - start;
    }

    /**
     * One {@link Cpu#step} of {@code c} (an instruction, or the entry into a pending interrupt) with
     * the breakpoint check before it and the watchpoint checks during it; false, with nothing done,
     * when a breakpoint stops it. After a watchpoint hit, {@link #pending} is set and the PC is still
     * at the accessing instruction.
     */
    boolean stepChecked(Cpu c) {
        if (skipAt[c.index] != c.pc && breakpointAt(c)) {
            skipAt[c.index] = c.pc; // resuming steps over it
            onHit.accept(c);
            return false;
        }
        skipAt[c.index] = -1;
        watchSkipping = watchSkipAt[c.index] == c.pc;
        watchSkipAt[c.index] = -1;
        try {
            c.step();
        } finally {
            watchSkipping = false;
        }
        return true;
    }

    private boolean breakpointAt(Cpu c) {
        long pc = c.pc;
        if (vaBps.length > 0 && java.util.Arrays.binarySearch(vaBps, pc) >= 0) {
            pending = new StopReason(StopKind.BREAKPOINT, c.index, pc, String.format("breakpoint at VA 0x%x", pc));
            return true;
        }
        if (!translatedBps) {
            return false;
        }
        long pa = pc, ipa = pc;
        boolean ipaValid = false;
        if (c.mmu != null) {
            Walker.Result r = Walker.debugTranslate(c, pc);
            if (!r.ok()) {
                return false;
            }
            pa = r.entry().pa(pc);
            if (r.entry().s2Enabled) {
                ipa = r.entry().ipa(pc);
                ipaValid = true;
            }
        }
        int vmid = (int) (c.vttbrEl2 >>> 48) & 0xFFFF;
        for (Breakpoint b : breakpoints) {
            boolean hit = switch (b.space()) {
                case PA -> b.address() == pa;
                case IPA -> ipaValid && b.address() == ipa && (b.vmid() < 0 || b.vmid() == vmid);
                default -> false;
            };
            if (hit) {
                pending = new StopReason(StopKind.BREAKPOINT, c.index, pc,
                        String.format("breakpoint at %s 0x%x (VA 0x%x)", b.space(), b.address(), pc));
                return true;
            }
        }
        return false;
    }

    // ---- watchpoints ----

    void addWatchpoint(Watchpoint w) {
        if (!watchpoints.contains(w)) {
            watchpoints.add(w);
        }
        watch(true);
    }

    void removeWatchpoint(Watchpoint w) {
        watchpoints.remove(w);
        watch(!watchpoints.isEmpty());
    }

    private void watch(boolean on) {
        if (on == watching) {
            return;
        }
        watching = on;
        for (Cpu c : board.cpus) {
            if (on) {
                inner[c.index] = c.mmu;
                c.mmu = new Watching(c.mmu);
                FaultHook h = c.faultHook;
                innerHooks[c.index] = h;
                c.faultHook = (cpu, f) -> f == WATCH_ABORT ? abandoned(cpu) : h != null && h.onFault(cpu, f);
            } else {
                c.mmu = inner[c.index];
                c.faultHook = innerHooks[c.index];
            }
        }
    }

    /** The instruction that made a watched access did not execute: it is not counted either. */
    private static boolean abandoned(Cpu cpu) {
        cpu.instructionCount--;
        return true;
    }

    /** Delegates to the PE's translator (null = VA is PA) and checks every data access against the watchpoints. */
    private final class Watching implements Translator {
        private final Translator inner;

        Watching(Translator inner) {
            this.inner = inner;
        }

        @Override
        public long translate(Cpu cpu, long va, int kind, int size) {
            long pa = inner == null ? va : inner.translate(cpu, va, kind, size);
            if (kind != Cpu.FETCH) {
                checkAccess(cpu, va, pa, size, kind == Cpu.WRITE);
            }
            return pa;
        }

        @Override
        public long translateFetchInRun(Cpu cpu, long va) {
            return inner == null ? va : inner.translateFetchInRun(cpu, va);
        }

        @Override
        public void leave(Cpu cpu) {
            if (inner != null) {
                inner.leave(cpu);
            }
        }
    }

    private void checkAccess(Cpu c, long va, long pa, int size, boolean write) {
        if (pending != null || watchSkipping) {
            return;
        }
        for (Watchpoint w : watchpoints) {
            long a = w.space() == Space.VA ? va : pa;
            if (w.access().matches(write) && w.overlaps(a, size)) {
                pending = new StopReason(StopKind.WATCHPOINT, c.index, c.pc, String.format(
                        "%s of %d byte(s) at VA 0x%x (PA 0x%x) hits watchpoint %s 0x%x+%d", write ? "write" : "read", size, va, pa,
                        w.space(), w.address(), w.length()), w, Math.max(a, w.address()));
                watchSkipAt[c.index] = c.pc; // resuming executes the access
                c.halted = true; // the PE leaves its run loop
                onHit.accept(c);
                throw WATCH_ABORT; // before the access: the instruction does not complete
            }
        }
    }

    // ---- exception catches ----

    void exceptionTaken(Cpu c, int fromEl, int toEl, int kind, long esr) {
        if (catches.isEmpty() || pending != null) {
            return;
        }
        boolean sync = kind == io.el2studio.sim.cpu.Exceptions.SYNC;
        int ec = (int) (esr >>> 26) & 0x3F;
        int vmid = (int) (c.vttbrEl2 >>> 48) & 0xFFFF;
        TrapRecord record = null;
        for (ExceptionCatch x : catches) {
            String detail = null;
            if (x.filter() != null) {
                if (toEl >= 2) {
                    record = record != null ? record : TrapRecord.of(c, fromEl, toEl, kind);
                    if (x.filter().matches(record, c.x[0])) {
                        detail = TrapFilter.describe(record, c.x[0]);
                    }
                }
            } else if ((x.targetEls() == 0 || (x.targetEls() & (1 << toEl)) != 0) && (x.ec() < 0 || (sync && x.ec() == ec))
                    && (x.vmid() < 0 || x.vmid() == vmid)) {
                detail = String.format("%s taken to EL%d%s, ELR_EL%d 0x%x", sync ? ExceptionClasses.name(ec)
                        : "asynchronous exception", toEl, sync ? String.format(" (ESR 0x%x)", esr) : "", toEl, c.elr[toEl]);
            }
            if (detail != null) {
                pending = new StopReason(StopKind.EXCEPTION, c.index, c.pc, detail);
                c.halted = true; // stop at the vector, before the handler's first instruction
                onHit.accept(c);
                return;
            }
        }
    }
}
