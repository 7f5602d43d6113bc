package io.el2studio.sim.timer;

import io.el2studio.sim.cpu.Cpu;

/** A system counter that moves only when told to: the same count for every PE (tests, single stepping). */
public final class ManualClock implements Clock {
    private long count;

    public ManualClock(long start) {
        this.count = start;
    }

    @Override
    public long count(Cpu cpu) {
        return count;
    }

    public long now() {
        return count;
    }

    public void set(long value) {
        this.count = value;
    }

    public void advance(long ticks) {
        this.count += ticks;
    }
}
