package io.el2studio.sim.board;

import io.el2studio.sim.cpu.Cpu;

/**
 * Deterministic virtual time: the system counter (CNTPCT) is derived from instruction counts, never
 * from the host clock, so that a run reproduces exactly. The counter runs at 62.5 MHz, the CNTFRQ_EL0
 * of QEMU 7.2's virt board (GTIMER_SCALE = 16 ns), and a PE is taken to execute 100 million
 * instructions per second of virtual time, so one instruction is 0.625 counter ticks.
 *
 * <p>With several PEs, the scheduler runs them in turn for a quantum each; all PEs of a round cover
 * the same span of virtual time. A PE reading the counter in the middle of its quantum sees the
 * start of the round plus the instructions it has executed in this round, so the counter is
 * monotonic on every PE and identical from run to run.
 */
public final class VirtualClock implements io.el2studio.sim.timer.Clock {
    public static final long FREQUENCY_HZ = 62_500_000L;
    /** Ticks per instruction as a fraction: 5/8 = 0.625 (100 MIPS of virtual time). */
    static final long TICKS_NUM = 5, TICKS_DEN = 8;

    /** Instructions of virtual time at the start of the current round. */
    private long roundStart;
    private final long[] countAtRoundStart;

    public VirtualClock(int pes) {
        countAtRoundStart = new long[pes];
    }

    /** Called by the scheduler when PE {@code i} starts its turn in a round. */
    void beginTurn(Cpu cpu) {
        countAtRoundStart[cpu.index] = cpu.instructionCount;
    }

    /** Called by the scheduler at the end of a round that lasted {@code instructions} per PE. */
    void endRound(long instructions) {
        roundStart += instructions;
    }

    /** Virtual time, in instructions, as seen by {@code cpu} now. */
    public long instructions(Cpu cpu) {
        long inRound = cpu.instructionCount - countAtRoundStart[cpu.index];
        return roundStart + Math.max(0, inRound);
    }

    /** The physical count (CNTPCT_EL0) as seen by {@code cpu} now. */
    public long counter(Cpu cpu) {
        return instructions(cpu) * TICKS_NUM / TICKS_DEN;
    }

    /** The system counter for the generic timers (io.el2studio.sim.timer): {@link #counter}. */
    @Override
    public long count(Cpu cpu) {
        return counter(cpu);
    }

    /** Virtual nanoseconds (10 ns per instruction). */
    public long nanos(Cpu cpu) {
        return instructions(cpu) * 10;
    }
}
