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
import io.el2studio.sim.cpu.BreakpointMap;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.FaultHook;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.cpu.Translator;
import io.el2studio.sim.mmu.Walker;
import io.el2studio.sim.trace.ExceptionClasses;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The debug checks of a {@link Simulation}, all on the simulation thread, none of them per
 * instruction (the PEs run through {@link Cpu#run}, translated blocks included):
 * <ul>
 * <li>breakpoints through the PEs' {@link BreakpointMap}: the run loop leaves only before a slot of
 *     the page it runs that may hold one (same VA page, same PA page, or the page offset of an IPA
 *     breakpoint), and this class then makes the exact check and stops or steps that instruction;</li>
 * <li>watchpoints by a {@link Translator} wrapped around each PE's MMU while any watchpoint is set: it
 *     refuses the PE's direct RAM access for the pages a watchpoint covers, so every access to those
 *     pages, and only those, comes through it with its VA and PA;</li>
 * <li>exception catches at exception entry, by the board's exception events.</li>
 * </ul>
 * Only single-stepping ({@link #stepChecked}) goes one instruction at a time.
 *
 * <p>A watchpoint hit stops the PE before the access, as the architecture's watchpoint exception
 * does: the translator throws {@link #WATCH_ABORT}, which the PE's run loop hands to its fault hook
 * before anything is taken; the hook installed here consumes it, so the instruction has not executed
 * (the PC stays on it, no register is written, the instruction is not counted). Resuming executes that
 * instruction once without the watchpoint check, as resuming from a breakpoint steps over it.
 */
final class Checks implements BreakpointMap {
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
    /** The PA breakpoints' addresses, and the page offsets (word slots) of the IPA ones. */
    private long[] paBps = new long[0];
    private int[] ipaSlots = new int[0];
    /** Bit (page number mod 64) set for each page with a VA or a PA breakpoint: most pages are rejected by one test. */
    private long vaPageBits, paPageBits;
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
        paBps = breakpoints.stream().filter(b -> b.space() == Space.PA).mapToLong(Breakpoint::address).sorted().toArray();
        ipaSlots = breakpoints.stream().filter(b -> b.space() == Space.IPA).mapToInt(b -> slot(b.address())).distinct()
                .sorted().toArray();
        translatedBps = breakpoints.stream().anyMatch(b -> b.space() != Space.VA);
        vaPageBits = pageBits(vaBps);
        paPageBits = pageBits(paBps);
        lastSlots = null;
        vaPages = java.util.Arrays.stream(vaBps).map(a -> a & ~0xFFFL).distinct().toArray();
        vaPageSlots = new int[vaPages.length][];
        for (int i = 0; i < vaPages.length; i++) {
            long page = vaPages[i];
            vaPageSlots[i] = java.util.Arrays.stream(vaBps).filter(a -> (a & ~0xFFFL) == page).mapToInt(Checks::slot).distinct()
                    .sorted().toArray();
        }
        for (Cpu c : board.cpus) {
            c.breakpoints = breakpoints.isEmpty() ? null : this;
        }
    }

    private static int slot(long a) {
        return (int) (a >>> 2) & 1023;
    }

    private static long pageBits(long[] addresses) {
        long bits = 0;
        for (long a : addresses) {
            bits |= 1L << (a >>> 12);
        }
        return bits;
    }

    /**
     * The slots of a page where a breakpoint may be (BreakpointMap): exact for VA and PA breakpoints;
     * the IPA of the page is not known here (the run loop translates to the PA only), so every page
     * offers the slots of the IPA breakpoints' page offsets, which the exact check then decides.
     */
    @Override
    public int[] slots(Cpu c, long vaPage, long paPage) {
        boolean va = (vaPageBits >>> (vaPage >>> 12) & 1) != 0 && has(vaBps, vaPage);
        boolean pa = (paPageBits >>> (paPage >>> 12) & 1) != 0 && has(paBps, paPage);
        if (!pa && ipaSlots.length == 0) {
            return va ? vaPageSlots[index(vaPages, vaPage)] : null;
        }
        if (!va && !pa) {
            return ipaSlots; // the same array for every page: the marks of a page entered again stay
        }
        // The same page is entered again and again: the answer of the last one is kept (and is then the
        // very array the page is marked with, which the run loop compares by identity first).
        if (vaPage == lastVaPage && paPage == lastPaPage && lastSlots != null) {
            return lastSlots;
        }
        int[] r = new int[vaBps.length + paBps.length + ipaSlots.length];
        int n = 0;
        if (va) {
            for (long a : vaBps) {
                if ((a & ~0xFFFL) == vaPage) {
                    r[n++] = slot(a);
                }
            }
        }
        if (pa) {
            for (long a : paBps) {
                if ((a & ~0xFFFL) == paPage) {
                    r[n++] = slot(a);
                }
            }
        }
        for (int i : ipaSlots) {
            r[n++] = i;
        }
        int[] slots = java.util.Arrays.copyOf(r, n);
        java.util.Arrays.sort(slots);
        lastVaPage = vaPage;
        lastPaPage = paPage;
        lastSlots = java.util.Arrays.stream(slots).distinct().toArray();
        return lastSlots;
    }

    /** The page and answer of the last {@link #slots} that found any (reset when breakpoints change). */
    private long lastVaPage = -1, lastPaPage = -1;
    private int[] lastSlots;

    /** The distinct pages of the VA breakpoints, and the slots of each (the common answer of {@link #slots}). */
    private long[] vaPages = new long[0];
    private int[][] vaPageSlots = new int[0][];

    private static int index(long[] pages, long page) {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] == page) {
                return i;
            }
        }
        throw new IllegalStateException("no breakpoint page 0x" + Long.toHexString(page));
    }

    private static boolean has(long[] addresses, long page) {
        for (long a : addresses) {
            if ((a & ~0xFFFL) == page) {
                return true;
            }
        }
        return false;
    }

    /** The runner the board's scheduler uses: {@link Cpu#run} when nothing is checked. */
    VirtBoard.PeRunner runner(boolean fast) {
        if (!active()) {
            return Cpu::run;
        }
        return this::runChecked;
    }

    /**
     * Runs {@code c} through {@link Cpu#run} (with the watching translator and the breakpoint marks at
     * work) until the budget, a stop or a debug hit; returns the instructions executed. The instruction
     * being resumed from (a breakpoint or watchpoint stop), and each one the run loop stops before as a
     * possible breakpoint, go through {@link #stepChecked}, which makes the exact check.
     */
    private long runChecked(Cpu c, long max) {
        long start = c.instructionCount;
        int pe = c.index;
        while (pending == null && !c.stopRequested) {
            long left = max - (c.instructionCount - start);
            if (left <= 0) {
                break;
            }
            if (skipAt[pe] == c.pc || watchSkipAt[pe] == c.pc) {
                c.halted = false;
                boolean ran = stepChecked(c);
                if (c.mmu != null) {
                    c.mmu.leave(c);
                }
                if (!ran || c.halted) {
                    break;
                }
                continue;
            }
            skipAt[pe] = -1;
            c.run(left);
            if (!c.atBreakpoint) {
                break; // the budget, a stop, a sleep, a watchpoint or a caught exception
            }
            c.atBreakpoint = false;
            c.halted = false;
            boolean ran = stepChecked(c);
            if (c.mmu != null) {
                c.mmu.leave(c);
            }
            if (!ran || c.halted) {
                break;
            }
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
        watchIndex();
        watch(true);
    }

    void removeWatchpoint(Watchpoint w) {
        watchpoints.remove(w);
        watchIndex();
        watch(!watchpoints.isEmpty());
    }

    /** Bit (page number mod 64) set for each page a VA / a PA watchpoint covers: most accesses are passed by one test. */
    private long watchVaBits, watchPaBits;

    private void watchIndex() {
        long va = 0, pa = 0;
        for (Watchpoint w : watchpoints) {
            long first = w.address() >>> 12, last = (w.address() + w.length() - 1) >>> 12;
            long bits = last - first >= 63 ? -1L : 0;
            for (long p = first; p <= last && bits != -1L; p++) {
                bits |= 1L << p;
            }
            if (w.space() == Space.VA) {
                va |= bits;
            } else {
                pa |= bits;
            }
        }
        watchVaBits = va;
        watchPaBits = pa;
    }

    /** Whether [va, va + size) or [pa, pa + size) may be in a watched page (false: certainly not). */
    private boolean mayWatch(long va, long pa, int size) {
        return ((watchVaBits >>> (va >>> 12) | watchVaBits >>> ((va + size - 1) >>> 12)
                | watchPaBits >>> (pa >>> 12) | watchPaBits >>> ((pa + size - 1) >>> 12)) & 1) != 0;
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

        @Override
        public boolean fastPathAllowed() {
            return inner == null || inner.fastPathAllowed();
        }

        /** Pages a watchpoint covers never go to the direct RAM access: each access to them is checked here. */
        @Override
        public boolean cacheable(Cpu cpu, long va, long pa) {
            if (inner != null && !inner.cacheable(cpu, va, pa)) {
                return false;
            }
            if (!mayWatch(va & ~0xFFFL, pa & ~0xFFFL, 0x1000)) {
                return true;
            }
            for (Watchpoint w : watchpoints) {
                long page = (w.space() == Space.VA ? va : pa) & ~0xFFFL;
                if (w.overlaps(page, 0x1000)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Translator underlying() {
            return inner == null ? this : inner.underlying();
        }
    }

    private void checkAccess(Cpu c, long va, long pa, int size, boolean write) {
        if (pending != null || watchSkipping || !mayWatch(va, pa, size)) {
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
