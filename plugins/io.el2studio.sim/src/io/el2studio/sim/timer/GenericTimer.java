package io.el2studio.sim.timer;

import io.el2studio.sim.cpu.Cpu;

/**
 * The generic timers of one PE (Arm ARM D11.2): the EL1 physical timer (CNTP_*), the EL1 virtual
 * timer (CNTV_*), the EL2 physical timer (CNTHP_*) and, with FEAT_VHE, the EL2 virtual timer
 * (CNTHV_*), plus CNTKCTL_EL1. Each timer's output is level-sensitive into a PPI as QEMU's virt wires
 * them: EL1 physical INTID 30, EL1 virtual 27, EL2 physical 26, EL2 virtual 28. CNTVOFF_EL2 and
 * CNTHCTL_EL2 are read from the Cpu's fields (the system-register table holds them).
 *
 * <p>The condition of a timer (ISTATUS) is evaluated against the {@link Clock} whenever it is read;
 * the output levels are refreshed by every register write and by {@link #poll()}, which the board
 * calls as time passes (at least once per quantum, and when {@link #nextDeadline()} is reached).
 *
 * <p>Offsets, as QEMU 7.2: the EL1 virtual timer compares CVAL with CNTPCT - CNTVOFF_EL2, the EL2
 * virtual timer with CNTPCT (the virtual count as EL2 sees it with HCR_EL2.{E2H, TGE} = {1, 1}).
 */
public final class GenericTimer {
    /** Index in {@link Cpu#ext} of the PE's timers. */
    public static final int EXT_SLOT = 5;
    /** CNTFRQ_EL0 of QEMU 7.2's virt (read 0x3b9aca0 on qemu-system-aarch64): 62.5 MHz. */
    public static final long FREQUENCY_HZ = 62_500_000L;

    /** The timers, with the INTID QEMU's virt wires each to. */
    public enum Kind {
        EL1_PHYS(30), EL1_VIRT(27), EL2_PHYS(26), EL2_VIRT(28);

        public final int intid;

        Kind(int intid) {
            this.intid = intid;
        }
    }

    /** Where the timer outputs go: the GIC's PPI inputs of this PE. */
    @FunctionalInterface
    public interface Output {
        void setPpiLevel(int pe, int intid, boolean high);
    }

    public static final long CTL_ENABLE = 1, CTL_IMASK = 2, CTL_ISTATUS = 4;
    static final long HCR_TGE = 1L << 27, HCR_E2H = 1L << 34;

    final Cpu cpu;
    final Clock clock;
    private final Output output;
    final long[] ctl = new long[4];
    final long[] cval = new long[4];
    long cntkctl;
    private final boolean[] level = new boolean[4];
    /** The physical count of the next event-stream event seen at the last poll. */
    private long eventAt = Long.MAX_VALUE;

    public GenericTimer(Cpu cpu, Clock clock, Output output) {
        this.cpu = cpu;
        this.clock = clock;
        this.output = output;
    }

    /** Creates and attaches a timer block to each PE. */
    public static GenericTimer[] attach(java.util.List<Cpu> cpus, Clock clock, Output output) {
        GenericTimer[] t = new GenericTimer[cpus.size()];
        for (Cpu c : cpus) {
            t[c.index] = new GenericTimer(c, clock, output);
            c.ext[EXT_SLOT] = t[c.index];
        }
        return t;
    }

    /** The timers of {@code cpu}, or null when none is attached. */
    public static GenericTimer of(Cpu cpu) {
        return (GenericTimer) cpu.ext[EXT_SLOT];
    }

    /**
     * CNTVOFF_EL2 was written: the EL1 virtual timer compares with CNTPCT - CNTVOFF_EL2, so a new offset
     * can meet or unmeet its condition at once, and its output follows at once (as QEMU 7.2's
     * gt_cntvoff_write recalculates the timer); the virtual event stream moves with the offset too.
     */
    public static void offsetWritten(Cpu cpu) {
        GenericTimer t = of(cpu);
        if (t != null) {
            t.poll();
        }
    }

    public void reset() {
        java.util.Arrays.fill(ctl, 0);
        java.util.Arrays.fill(cval, 0);
        cntkctl = 0;
        poll();
    }

    // ---- counters ----

    /** CNTPCT_EL0. */
    public long physicalCount() {
        return clock.count(cpu);
    }

    /** The offset between the physical count and the count a timer compares with. */
    long offset(Kind k) {
        return k == Kind.EL1_VIRT ? cpu.cntvoffEl2 : 0;
    }

    /**
     * CNTVCT_EL0 as the accessing EL sees it: CNTPCT - CNTVOFF_EL2, except at EL2 when HCR_EL2.E2H is 1
     * and at EL0 when HCR_EL2.{E2H, TGE} = {1, 1} (the VHE host), where the offset is zero (QEMU 7.2's
     * gt_virt_cnt_offset; checked on qemu-system-aarch64 by tests/guests/gic/timer.S).
     */
    public long virtualCount() {
        if ((cpu.hcrEl2 & HCR_E2H) != 0 && (cpu.el == 2 || cpu.el == 0 && (cpu.hcrEl2 & HCR_TGE) != 0)) {
            return physicalCount();
        }
        return physicalCount() - cpu.cntvoffEl2;
    }

    /** TimerConditionMet: enabled and (count - offset) - CVAL >= 0, unsigned 64-bit. */
    public boolean condition(Kind k) {
        int i = k.ordinal();
        return (ctl[i] & CTL_ENABLE) != 0 && Long.compareUnsigned(physicalCount() - offset(k), cval[i]) >= 0;
    }

    /** The level of the timer's interrupt output: condition met and not masked. */
    public boolean asserted(Kind k) {
        return condition(k) && (ctl[k.ordinal()] & CTL_IMASK) == 0;
    }

    /**
     * Refreshes the four output levels and, when an event-stream event has passed since the last
     * poll, sends the PE an event (the WFE wake-up of Arm ARM D11.2.3). Call as time passes.
     */
    public void poll() {
        if (eventAt != Long.MAX_VALUE && physicalCount() >= eventAt) {
            io.el2studio.sim.cpu.Interrupts.sendEvent(cpu);
        }
        eventAt = nextEvent();
        for (Kind k : Kind.values()) {
            boolean l = asserted(k);
            if (l != level[k.ordinal()]) {
                level[k.ordinal()] = l;
                if (output != null) {
                    output.setPpiLevel(cpu.index, k.intid, l);
                }
            }
        }
    }

    /**
     * The physical count at which the next enabled, unmasked timer whose condition is not yet met
     * will fire, or Long.MAX_VALUE when none will: a board whose PEs all sleep in WFI can jump its
     * virtual time to the earliest of these.
     */
    public long nextDeadline() {
        long best = Long.MAX_VALUE;
        for (Kind k : Kind.values()) {
            int i = k.ordinal();
            if ((ctl[i] & (CTL_ENABLE | CTL_IMASK)) == CTL_ENABLE && !condition(k)) {
                long at = cval[i] + offset(k);
                if (Long.compareUnsigned(at, best) < 0) {
                    best = at;
                }
            }
        }
        return best;
    }

    /**
     * The earliest physical count at which any of {@code timers} changes something a sleeping PE
     * waits for: a timer firing ({@link #nextDeadline}) or, when {@code events} is true (a PE in WFE),
     * an event-stream event ({@link #nextEvent}). Long.MAX_VALUE when nothing is scheduled: a board
     * whose PEs all sleep jumps its virtual time to this count (or reports that nothing can wake it).
     */
    public static long earliest(GenericTimer[] timers, boolean events) {
        long best = Long.MAX_VALUE;
        for (GenericTimer t : timers) {
            if (t != null) {
                best = Math.min(best, t.nextDeadline());
                if (events) {
                    best = Math.min(best, t.nextEvent());
                }
            }
        }
        return best;
    }

    /**
     * The physical count of the next event-stream event (Arm ARM D11.2.3): CNTKCTL_EL1.EVNTEN on the
     * virtual count and CNTHCTL_EL2.EVNTEN on the physical count, each when bit EVNTI of the count
     * goes 0 to 1 (EVNTDIR = 0) or 1 to 0 (EVNTDIR = 1). Long.MAX_VALUE when neither stream is on. WFE
     * wakes at this count.
     */
    public long nextEvent() {
        long now = physicalCount();
        long best = Long.MAX_VALUE;
        if ((cntkctl & 4) != 0) {
            best = Math.min(best, nextTransition(now - cpu.cntvoffEl2, cntkctl) + cpu.cntvoffEl2);
        }
        if ((cpu.cnthctlEl2 & 4) != 0) {
            best = Math.min(best, nextTransition(now, cpu.cnthctlEl2));
        }
        return best;
    }

    /** The first count after {@code c} where bit EVNTI [7:4] of the count makes the EVNTDIR [3] transition. */
    static long nextTransition(long c, long control) {
        int n = (int) (control >>> 4) & 15;
        long period = 1L << (n + 1);
        long phase = (control & 8) == 0 ? 1L << n : 0;
        long next = c - Math.floorMod(c, period) + phase;
        return next > c ? next : next + period;
    }

    // ---- register access (the EL0 encodings are redirected by the accessors in TimerSysRegs) ----

    public long readCtl(Kind k) {
        return (ctl[k.ordinal()] & (CTL_ENABLE | CTL_IMASK)) | (condition(k) ? CTL_ISTATUS : 0);
    }

    public void writeCtl(Kind k, long v) {
        ctl[k.ordinal()] = v & (CTL_ENABLE | CTL_IMASK);
        poll();
    }

    public long readCval(Kind k) {
        return cval[k.ordinal()];
    }

    public void writeCval(Kind k, long v) {
        cval[k.ordinal()] = v;
        poll();
    }

    /** TVAL reads (CVAL - (count - offset))[31:0], zero-extended as QEMU 7.2 returns it. */
    public long readTval(Kind k) {
        return (cval[k.ordinal()] - (physicalCount() - offset(k))) & 0xFFFF_FFFFL;
    }

    /** TVAL writes set CVAL = (count - offset) + SignExtend(value[31:0]). */
    public void writeTval(Kind k, long v) {
        cval[k.ordinal()] = physicalCount() - offset(k) + (int) v;
        poll();
    }

    public long readCntkctl() {
        return cntkctl;
    }

    /** CNTKCTL_EL1: EL0PCTEN, EL0VCTEN, EVNTEN, EVNTDIR, EVNTI, EL0VTEN, EL0PTEN (bits 9:0). */
    public void writeCntkctl(long v) {
        cntkctl = v & 0x3FF;
        eventAt = nextEvent();
    }
}
