package io.el2studio.sim.timer;

import io.el2studio.sim.cpu.Cpu;

/**
 * The system counter as a PE sees it (Arm ARM D11.1.2): the physical count CNTPCT_EL0 at this
 * instant. The virt board derives it from instruction counts so that runs reproduce
 * (io.el2studio.sim.board.VirtualClock); tests use a {@link ManualClock}.
 */
@FunctionalInterface
public interface Clock {
    /** The physical count seen by {@code cpu} now (monotonic per PE). */
    long count(Cpu cpu);
}
