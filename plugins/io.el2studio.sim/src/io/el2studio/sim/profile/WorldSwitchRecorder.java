package io.el2studio.sim.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.el2studio.sim.board.BoardListener;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.board.VirtualClock;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuObserver;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.sysreg.El2Regs;
import io.el2studio.sim.trace.TrapRecord;

/**
 * Records world switches (see {@link WorldSwitch}) on a board: off unless attached, and then it costs
 * only work at exception entries and returns (instructions per EL are the differences of the PE's
 * instruction count between those events: every EL change is one of them) plus a call per MRS, MSR,
 * TLBI and barrier. Runs on the simulation thread; {@link #switches} may be read from any thread.
 *
 * <p>A switch begins when a PE takes an exception to EL2 from EL1 or EL0 with stage 2 enabled
 * (HCR_EL2.VM, EL2 enabled) and ends at the next ERET of that PE to EL1/EL0 with stage 2 enabled,
 * normally into the same VMID. An ERET into EL1 without stage 2 (a split-mode hypervisor's host, KVM
 * without VHE) continues the switch: its host-side instructions and its HVC back to EL2 are part of
 * the cost of the exit, as the ATC'17 measurements count them.
 */
public final class WorldSwitchRecorder implements BoardListener, CpuObserver {
    private final class Open {
        TrapRecord exit;
        long x0;
        int vmid;
        final long[] perEl = new long[4];
        int nested, erets, tlbi, barriers;
        final TreeMap<String, Integer> reads = new TreeMap<>(), writes = new TreeMap<>();
        long lastCount, startTime;
        int el;
    }

    private final VirtBoard board;
    private final Open[] open;
    private final List<WorldSwitch> switches = Collections.synchronizedList(new ArrayList<>());
    private boolean detached;
    private final List<Consumer<WorldSwitch>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private WorldSwitchRecorder(VirtBoard board) {
        this.board = board;
        this.open = new Open[board.cpus.size()];
    }

    /** Starts recording on {@code board} (before its guest runs, so that barriers are decoded to be seen). */
    public static WorldSwitchRecorder attach(VirtBoard board) {
        WorldSwitchRecorder r = new WorldSwitchRecorder(board);
        CpuObserver.Flags.attached();
        for (Cpu c : board.cpus) {
            c.observer = r;
        }
        board.addListener(r);
        return r;
    }

    /** Stops recording; what was recorded stays readable. */
    public synchronized void detach() {
        if (detached) {
            return;
        }
        detached = true;
        board.removeListener(this);
        CpuObserver.Flags.detached();
        for (Cpu c : board.cpus) {
            if (c.observer == this) {
                c.observer = null;
            }
        }
    }

    public void addListener(Consumer<WorldSwitch> l) {
        listeners.add(l);
    }

    /** The switches recorded so far, in the order they ended. */
    public List<WorldSwitch> switches() {
        synchronized (switches) {
            return List.copyOf(switches);
        }
    }

    private static boolean inGuest(Cpu c) {
        return c.el <= 1 && El2Regs.el2Enabled(c) && (c.hcrEl2 & MmuRegs.HCR_VM) != 0;
    }

    private static int vmid(Cpu c) {
        return MmuRegs.of(c, io.el2studio.sim.mmu.Regime.EL10).vmid();
    }

    private long now(Cpu c) {
        return board.clock.counter(c) * 1_000_000_000L / VirtualClock.FREQUENCY_HZ;
    }

    @Override
    public void exceptionTaken(Cpu c, int fromEl, int toEl, int kind) {
        Open o = open[c.index];
        if (o == null) {
            if (toEl == 2 && fromEl <= 1 && El2Regs.el2Enabled(c) && (c.hcrEl2 & MmuRegs.HCR_VM) != 0) {
                o = new Open();
                o.exit = TrapRecord.of(c, fromEl, toEl, kind);
                o.x0 = c.x[0];
                o.vmid = vmid(c);
                o.lastCount = c.instructionCount;
                o.startTime = now(c);
                o.el = toEl;
                open[c.index] = o;
            }
            return;
        }
        o.perEl[o.el] += c.instructionCount - o.lastCount;
        o.lastCount = c.instructionCount;
        o.el = toEl;
        o.nested++;
    }

    @Override
    public void exceptionReturned(Cpu c, int fromEl) {
        Open o = open[c.index];
        if (o == null) {
            return;
        }
        // The PE counts an instruction when its handler returns, so the ERET is not in instructionCount
        // yet (an instruction that faults is counted before the exception is taken): count it here.
        long now = c.instructionCount + 1;
        o.perEl[o.el] += now - o.lastCount;
        o.lastCount = now;
        o.el = c.el;
        o.erets++;
        if (inGuest(c)) {
            open[c.index] = null;
            WorldSwitch w = new WorldSwitch(o.exit, o.x0, o.vmid, c.index, o.perEl.clone(), o.nested, o.erets,
                    Collections.unmodifiableMap(o.reads), Collections.unmodifiableMap(o.writes), o.tlbi, o.barriers,
                    now(c) - o.startTime, vmid(c));
            switches.add(w);
            for (Consumer<WorldSwitch> l : listeners) {
                l.accept(w);
            }
        }
    }

    @Override
    public void sysreg(Cpu c, String name, boolean read) {
        Open o = open[c.index];
        if (o != null) {
            (read ? o.reads : o.writes).merge(name, 1, Integer::sum);
        }
    }

    @Override
    public void tlbi(Cpu c, String op) {
        Open o = open[c.index];
        if (o != null) {
            o.tlbi++;
        }
    }

    @Override
    public void barrier(Cpu c, int insn) {
        Open o = open[c.index];
        if (o != null) {
            o.barriers++;
        }
    }
}
