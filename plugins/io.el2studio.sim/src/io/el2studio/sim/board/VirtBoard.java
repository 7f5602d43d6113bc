package io.el2studio.sim.board;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.DecodeCache;
import io.el2studio.sim.cpu.ExceptionListener;
import io.el2studio.sim.cpu.Semihosting;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.mem.PhysBus;
import io.el2studio.sim.mem.Ram;
import io.el2studio.sim.mmu.Mmu;
import io.el2studio.sim.sysreg.SysRegTable;
import io.el2studio.sim.trace.TrapRecorder;
import io.el2studio.sim.uart.Pl011;

/**
 * The {@code virt} board, compatible with QEMU 7.2's {@code -M virt,gic-version=3} memory map
 * ({@link MemoryMap}): RAM, a PL011 UART, the GICv3 regions (placeholders until the GIC model), N PEs
 * with built-in PSCI firmware, and a deterministic round-robin scheduler on one thread.
 *
 * <p>Boot EL: 2 (default, as QEMU's {@code virtualization=on}; PSCI through SMC: the PE's EL3 is the
 * built-in firmware), 1 (as {@code virtualization=off}; PSCI through HVC), or 3 (the guest is the
 * firmware: SMC goes to its EL3 vectors, no built-in PSCI, secondaries stay off). PE 0 starts at
 * the image's entry point; the others are powered off until PSCI CPU_ON, as on QEMU.
 *
 * <p>Scheduling: each powered-on PE runs a quantum of {@link #QUANTUM} instructions in turn, PE 0
 * first. The schedule depends on instruction counts only, so a run reproduces exactly (the
 * {@link VirtualClock} is derived from the same counts). Stopping in the middle of a quantum and
 * resuming continues the same schedule.
 *
 * <p>Sleep: a PE in WFI or WFE gives up the rest of its turn. When a whole round passes with every
 * powered-on PE asleep, virtual time jumps to the next deadline of their timers (or event-stream
 * event, for WFE) instead of running empty rounds ({@link VirtualClock#jumpTo}), so idling costs no
 * host time; with nothing armed the board is {@link #idle} and {@link #advance} returns 0 until input
 * or a client changes something (the runner then waits for input instead of spinning). With
 * {@link #setIdleSleep idle sleep} on, a jump first waits until the wall clock reaches its target.
 */
public final class VirtBoard {
    public static final int QUANTUM = 1000;

    /** The configuration of a board: CPU profile, number of PEs, RAM size, boot exception level. */
    public record Config(CpuProfile profile, int smp, long ramSize, int bootEl) {
        public Config {
            if (smp < 1 || smp > 8) {
                throw new IllegalArgumentException("smp must be 1..8: " + smp);
            }
            if (bootEl < 1 || bootEl > 3) {
                throw new IllegalArgumentException("boot EL must be 1, 2 or 3: " + bootEl);
            }
        }
    }

    /** Why the run ended: PSCI SYSTEM_OFF / SYSTEM_RESET (status 0) or a semihosting exit. */
    public record Shutdown(String reason, int status) {
    }

    /** Runs one PE for up to {@code max} instructions (the control API substitutes a checking runner). */
    @FunctionalInterface
    public interface PeRunner {
        long run(Cpu cpu, long max);
    }

    public final Config config;
    public final PhysBus bus;
    public final DecodeCache decodeCache;
    public final List<Cpu> cpus;
    public final Pl011 uart;
    public final VirtualClock clock;
    /** The GICv3 (distributor, redistributors, CPU interfaces) and each PE's generic timers. */
    public final io.el2studio.sim.gic.Gicv3 gic;
    public final io.el2studio.sim.timer.GenericTimer[] timers;
    /** Null when booting at EL3 (no built-in firmware). */
    public final Psci psci;
    public final TrapRecorder traps = new TrapRecorder(4096);
    private final boolean[] on;
    private final List<BoardListener> listeners = new CopyOnWriteArrayList<>();
    private final VmContexts vms = new VmContexts(this);
    private final Consumer<String> log;
    private IntSupplier input = () -> -1;
    private volatile Shutdown shutdown;

    // Scheduler position: the PE whose turn it is and what is left of its quantum.
    private int turn;
    private long left = QUANTUM;
    /** Set by a client to leave {@link #advance} after the current PE's run returns. */
    public volatile boolean breakRequested;

    /**
     * @param uartOut receives every byte the PL011 transmits
     * @param log     one-line diagnostics (unmodelled devices touched); the runner prints them on stderr
     */
    public VirtBoard(Config config, IntConsumer uartOut, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.bus = new PhysBus(new Ram(MemoryMap.RAM, config.ramSize()));
        this.decodeCache = new DecodeCache(bus, new Decoder(config.profile().features()));
        this.uart = new Pl011(b -> {
            uartOut.accept(b);
            for (BoardListener l : listeners) {
                l.uartOutput(b);
            }
        });
        bus.map(MemoryMap.UART, MemoryMap.UART_SIZE, uart);
        this.gic = io.el2studio.sim.gic.Gicv3.forVirt(config.smp());
        bus.map(MemoryMap.GIC_DIST, MemoryMap.GIC_DIST_SIZE, gic.distributor());
        bus.map(MemoryMap.GIC_ITS, MemoryMap.GIC_ITS_SIZE, new Placeholder("GICv3 ITS", log));
        bus.map(MemoryMap.GIC_REDIST, MemoryMap.GIC_REDIST_SIZE, gic.redistributors());
        List<Cpu> list = new ArrayList<>();
        for (int i = 0; i < config.smp(); i++) {
            list.add(new Cpu(i, config.profile(), bus, decodeCache));
        }
        this.cpus = Collections.unmodifiableList(list);
        Mmu.install(cpus);
        this.clock = new VirtualClock(config.smp());
        gic.attach(cpus);
        gic.setListener((pe, lines) -> io.el2studio.sim.cpu.Interrupts.setGicLines(cpus.get(pe), lines));
        this.timers = io.el2studio.sim.timer.GenericTimer.attach(cpus, clock::counter, gic::setPpiLevel);
        uart.connect(gic.spiLine(32 + MemoryMap.UART_SPI));
        this.on = new boolean[config.smp()];
        this.psci = config.bootEl() == 3 ? null : new Psci(config.bootEl() == 2, config.smp(), new PowerControl());
        ExceptionListener dispatch = new ExceptionListener() {
            @Override
            public void exceptionTaken(Cpu cpu, int fromEl, int targetEl, int kind) {
                vms.exceptionTaken(cpu, fromEl, targetEl);
                traps.exceptionTaken(cpu, fromEl, targetEl, kind);
                for (BoardListener l : listeners) {
                    l.exceptionTaken(cpu, fromEl, targetEl, kind);
                }
            }

            @Override
            public void exceptionReturned(Cpu cpu, int fromEl) {
                vms.exceptionReturned(cpu);
                for (BoardListener l : listeners) {
                    l.exceptionReturned(cpu, fromEl);
                }
            }
        };
        for (Cpu c : cpus) {
            c.firmware = psci;
            c.exceptionListener = dispatch;
        }
    }

    /** The VMs this board has run, by VMID, with the translation registers each last ran with. */
    public VmContexts vms() {
        return vms;
    }

    public void addListener(BoardListener l) {
        listeners.add(l);
    }

    public void removeListener(BoardListener l) {
        listeners.remove(l);
    }

    /** The source of the UART's received characters: returns -1 when none is waiting (never blocks). */
    public void setInput(IntSupplier input) {
        this.input = input;
    }

    /** Enables Arm semihosting (HLT #0xF000) on every PE. */
    public void setSemihosting(Semihosting s) {
        for (Cpu c : cpus) {
            c.semihosting = s;
        }
    }

    public Cpu cpu(int i) {
        return cpus.get(i);
    }

    public boolean isOn(int pe) {
        return on[pe];
    }

    public Shutdown shutdown() {
        return shutdown;
    }

    /** Ends the run (semihosting exit, the runner's timeout, ...); every PE leaves its run loop. */
    public void shutdown(Shutdown s) {
        if (shutdown == null) {
            shutdown = s;
            for (Cpu c : cpus) {
                c.halted = true;
            }
            for (BoardListener l : listeners) {
                l.shutdown(s);
            }
        }
    }

    void log(String line) {
        log.accept(line);
    }

    /**
     * Puts PE {@code pe} in the state a direct kernel boot or PSCI CPU_ON gives it: reset system
     * registers (MMU and caches off), general registers zero, X0 = {@code x0}, at the boot EL with
     * SP_ELx selected and D, A, I, F masked, PC = {@code entry}; then powers it on.
     */
    public void startPe(int pe, long entry, long x0) {
        Cpu c = cpus.get(pe);
        java.util.Arrays.fill(c.x, 0);
        java.util.Arrays.fill(c.sp, 0);
        java.util.Arrays.fill(c.v, 0);
        c.nzcv = 0;
        c.fpcr = 0;
        c.fpsr = 0;
        SysRegTable.reset(c);
        c.el = config.bootEl();
        c.spsel = true;
        c.daif = 0x3C0;
        c.il = false;
        c.ss = false;
        c.pan = false;
        c.btype = 0;
        c.exclusiveValid = false;
        c.sleeping = io.el2studio.sim.cpu.Interrupts.AWAKE;
        c.eventRegister = false;
        io.el2studio.sim.cpu.Interrupts.stateChanged(c);
        c.x[0] = x0;
        c.pc = entry;
        c.npc = entry;
        c.halted = false;
        on[pe] = true;
    }

    /** Powers PE {@code pe} off (PSCI CPU_OFF): it leaves its run loop and is skipped until CPU_ON. */
    public void stopPe(int pe) {
        on[pe] = false;
        cpus.get(pe).halted = true;
    }

    /** Every powered-on PE is asleep in WFI or WFE with no wake-up event (cpu.Interrupts). */
    public boolean allAsleep() {
        for (Cpu c : cpus) {
            if (on[c.index] && io.el2studio.sim.cpu.Interrupts.hasWakeUpEvent(c)) {
                return false;
            }
        }
        return true;
    }

    /** Null: idle jumps happen at once (the default); else they wait for the wall clock (IdleSleep). */
    private volatile IdleSleep idleSleep;

    /**
     * On: an idle jump never takes virtual time ahead of the wall clock ({@link IdleSleep}), the
     * reference point starting now. Off (the default): idle jumps happen at once. Call it on the thread
     * that runs the board, or before it runs.
     */
    public void setIdleSleep(boolean on) {
        idleSleep = on ? new IdleSleep(clock.roundStart()) : null;
    }

    public boolean idleSleep() {
        return idleSleep != null;
    }

    /** Ends a wait of {@link #setIdleSleep idle sleep} early (input, a client request); any thread. */
    public void wakeIdleSleep() {
        IdleSleep s = idleSleep;
        if (s != null) {
            s.wake();
        }
    }

    /**
     * Forgets earlier {@link #wakeIdleSleep} calls; the runner calls it before it looks at its queued
     * requests and the input, so that a wake-up it has already handled does not end the next wait.
     */
    public void clearIdleSleepWake() {
        IdleSleep s = idleSleep;
        if (s != null) {
            s.clearWake();
        }
    }

    /** Idle jumps in one {@link #advance} call at most, so that a client is answered between them. */
    static final int MAX_JUMPS = 1000;

    /**
     * The physical count at which something may wake a PE of this board by itself: the earliest
     * deadline of an enabled, unmasked timer of a powered-on PE and, when one of them sleeps in WFE,
     * the next event-stream event. Long.MAX_VALUE when nothing is scheduled (only UART input or a
     * debugger can then change anything).
     */
    public long nextWakeCount() {
        long best = Long.MAX_VALUE;
        for (Cpu c : cpus) {
            if (!on[c.index]) {
                continue;
            }
            // Counts are unsigned: a CVAL at or beyond 2^63 (a "never" some guests write) is never here.
            long d = timers[c.index].nextDeadline();
            if (d >= 0) {
                best = Math.min(best, d);
            }
            if (c.sleeping == io.el2studio.sim.cpu.Interrupts.IN_WFE) {
                long e = timers[c.index].nextEvent();
                if (e >= 0) {
                    best = Math.min(best, e);
                }
            }
        }
        return best;
    }

    /**
     * Every powered-on PE sleeps and no timer will wake one: the board can only be woken from
     * outside (UART input, a debugger), so its runner may block instead of spinning.
     */
    public boolean idle() {
        return anyOn() && allAsleep() && VirtualClock.instructionsFor(nextWakeCount()) == Long.MAX_VALUE;
    }

    /**
     * Between two rounds in which every powered-on PE slept: virtual time jumps to the next timer
     * deadline or event-stream event ({@link VirtualClock#jumpTo}), and the timers' outputs follow,
     * which wakes the PE they interrupt. False when there is nothing to jump to.
     */
    private boolean idleJump() {
        pollTimers(); // a deadline may have passed with the end of the round: no jump needed then
        if (!allAsleep()) {
            return true;
        }
        long count = nextWakeCount();
        IdleSleep s = idleSleep;
        if (s != null && !s.sleepUntil(clock.roundStart(), VirtualClock.instructionsFor(count))) {
            // Woken before the wall clock reached the deadline: by input (taken now, at the present
            // virtual time; the PE it wakes runs on) or by a client (the caller answers it).
            pollInput();
            return !allAsleep();
        }
        if (!clock.jumpTo(count)) {
            return false;
        }
        pollTimers();
        return true;
    }

    private void pollTimers() {
        for (Cpu c : cpus) {
            if (on[c.index]) {
                timers[c.index].poll();
            }
        }
    }

    public boolean anyOn() {
        for (boolean b : on) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Runs the PEs with {@link Cpu#run}. */
    public long advance(long budget) {
        return advance(budget, Cpu::run);
    }

    /**
     * Runs the schedule for up to {@code budget} instructions in total. Returns early (with what was
     * executed) on shutdown, when no PE is on, or when {@link #breakRequested} is set.
     */
    public long advance(long budget, PeRunner runner) {
        long done = 0;
        int n = cpus.size();
        long doneAtRound = -1;
        int jumps = 0;
        pollInput();
        if (idle()) {
            return 0; // nothing can happen until input or a client acts; no virtual time passes meanwhile
        }
        while (done < budget && shutdown == null && !breakRequested) {
            if (turn >= n) {
                clock.endRound(QUANTUM);
                turn = 0;
                left = QUANTUM;
                pollInput();
                if (done == doneAtRound && allAsleep() && (++jumps > MAX_JUMPS || !idleJump())) {
                    break; // a whole round with every PE asleep in WFI/WFE and no timer to wait for: the caller decides
                }
                doneAtRound = done;
            }
            if (!on[turn] || left == 0) {
                turn++;
                left = QUANTUM;
                if (!anyOn()) {
                    break;
                }
                continue;
            }
            Cpu c = cpus.get(turn);
            if (left == QUANTUM) {
                clock.beginTurn(c);
            }
            long k = runner.run(c, Math.min(left, budget - done));
            timers[turn].poll(); // timer outputs follow virtual time at every turn boundary
            done += k;
            left -= k;
            if (c.sleeping != 0) {
                left = 0; // asleep in WFI/WFE (cpu.Interrupts): its turn ends; it wakes at a later turn
            }
        }
        return done;
    }

    /** Moves waiting input characters into the UART's receive FIFO while it has room. */
    public void pollInput() {
        while (uart.rxSpace() > 0) {
            int b = input.getAsInt();
            if (b < 0) {
                break;
            }
            uart.receive(b);
        }
    }

    /** The index of the PE whose turn it is (the debugger's default thread). */
    public int currentPe() {
        return Math.min(turn, cpus.size() - 1);
    }

    /** Total instructions executed by all PEs. */
    public long instructions() {
        long s = 0;
        for (Cpu c : cpus) {
            s += c.instructionCount;
        }
        return s;
    }

    private final class PowerControl implements Psci.Power {
        @Override
        public boolean cpuOn(int target, long entry, long contextId) {
            if (on[target]) {
                return false;
            }
            startPe(target, entry, contextId);
            return true;
        }

        @Override
        public void cpuOff(Cpu cpu) {
            stopPe(cpu.index);
        }

        @Override
        public boolean isOn(int target) {
            return on[target];
        }

        @Override
        public void system(Cpu cpu, boolean reset) {
            shutdown(new Shutdown(reset ? "PSCI SYSTEM_RESET from PE " + cpu.index + " (the run ends: resets are not simulated)"
                    : "PSCI SYSTEM_OFF from PE " + cpu.index, 0));
        }

        @Override
        public void called(Cpu cpu, long function, long result) {
            for (BoardListener l : listeners) {
                l.psci(cpu, function, result);
            }
        }
    }
}
