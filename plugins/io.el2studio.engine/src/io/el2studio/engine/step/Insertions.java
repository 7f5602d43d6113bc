package io.el2studio.engine.step;

import java.util.HashMap;
import java.util.Map;

import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Simulation;

/**
 * The breakpoints inserted in the simulation, counted: a user breakpoint and the stepper's
 * temporary one at the same address (a step-resume at a return address that is also a user
 * location) are one simulator breakpoint, removed when the last user of it is gone.
 */
public final class Insertions {
    private final Simulation sim;
    private final Map<Long, Integer> counts = new HashMap<>();

    public Insertions(Simulation sim) {
        this.sim = sim;
    }

    public synchronized void insert(long address) {
        if (counts.merge(address, 1, Integer::sum) == 1) {
            sim.addBreakpoint(Breakpoint.va(address));
        }
    }

    public synchronized void remove(long address) {
        Integer n = counts.get(address);
        if (n == null) {
            return;
        }
        if (n == 1) {
            counts.remove(address);
            sim.removeBreakpoint(Breakpoint.va(address));
        } else {
            counts.put(address, n - 1);
        }
    }

    public synchronized boolean insertedAt(long address) {
        return counts.containsKey(address);
    }
}
