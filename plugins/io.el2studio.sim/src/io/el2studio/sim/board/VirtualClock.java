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
 *
 * <p>Idle jumps: when every powered-on PE sleeps in WFI or WFE, nothing happens until the next timer
 * deadline, so the scheduler moves the start of the next round straight to it ({@link #jumpTo})
 * instead of running empty rounds: a guest that idles for a second of virtual time costs no
 * second of host time, and the jump depends on guest state only, so runs still reproduce. With
 * {@link IdleSleep} ({@code run --idle-sleep}) the board makes each jump wait for the wall clock, so
 * that an interactive guest's time follows the host's while it idles; the jumps land where they do
 * without it.
 */
public final class VirtualClock implements io.el2studio.sim.timer.Clock {
    public static final long FREQUENCY_HZ = 62_500_000L;
    /** Ticks per instruction as a fraction: 5/8 = 0.625 (100 MIPS of virtual time). */
    static final long TICKS_NUM = 5, TICKS_DEN = 8;
    /** Nanoseconds of virtual time per instruction (100 million instructions per second). */
    public static final long NANOS_PER_INSTRUCTION = 10;

    /** Instructions of virtual time at the start of the current round. */
    private long roundStart;
    private final long[] countAtRoundStart;

    /** Idle jumps so far and the virtual time they skipped, in instructions. */
    private long idleJumps, idleInstructions;

    /**
     * Counts further ahead than this many instructions (about 180 years of virtual time) are treated
     * as never: a timer armed with CVAL near 2^64 must not make the counter wrap.
     */
    static final long MAX_INSTRUCTIONS = 1L << 59;

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

    /**
     * The first instant, in instructions of virtual time, at which the physical count is at least
     * {@code count} (the inverse of {@link #counter}, rounded up); Long.MAX_VALUE when that lies beyond
     * {@link #MAX_INSTRUCTIONS}.
     */
    public static long instructionsFor(long count) {
        if (count < 0 || count > MAX_INSTRUCTIONS / TICKS_DEN * TICKS_NUM) {
            return Long.MAX_VALUE;
        }
        return (count * TICKS_DEN + TICKS_NUM - 1) / TICKS_NUM;
    }

    /**
     * Called by the scheduler between two rounds in which no PE executed an instruction (every PE
     * asleep): the next round starts when the physical count reaches {@code count}. Returns false,
     * changing nothing, when {@code count} is not ahead of the next round or too far ahead.
     */
    boolean jumpTo(long count) {
        long target = instructionsFor(count);
        if (target == Long.MAX_VALUE || target <= roundStart) {
            return false;
        }
        idleInstructions += target - roundStart;
        idleJumps++;
        roundStart = target;
        return true;
    }

    /** The start of the current round in instructions of virtual time (every PE's clock at its turn's start). */
    public long roundStart() {
        return roundStart;
    }

    /** Number of idle jumps ({@link #jumpTo}) so far. */
    public long idleJumps() {
        return idleJumps;
    }

    /** Virtual time skipped by idle jumps, in instructions (10 ns each). */
    public long idleInstructions() {
        return idleInstructions;
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
        return instructions(cpu) * NANOS_PER_INSTRUCTION;
    }

    /** {@code instructions} of virtual time in seconds. */
    public static double seconds(long instructions) {
        return instructions * (NANOS_PER_INSTRUCTION / 1e9);
    }
}
