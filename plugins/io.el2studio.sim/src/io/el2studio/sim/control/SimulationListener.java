package io.el2studio.sim.control;

import io.el2studio.sim.cpu.Cpu;

/**
 * Events of a {@link Simulation}, delivered on the simulation thread: a handler must return quickly
 * (queue the work for another thread), since the simulation waits for it.
 */
public interface SimulationListener {
    default void stopped(Debug.StopReason reason) {
    }

    default void resumed() {
    }

    /** An exception was taken; {@code esr} is ESR_ELx of the target EL (meaningful for synchronous exceptions and SError). */
    default void exceptionTaken(Cpu cpu, int fromEl, int toEl, int kind, long esr) {
    }

    default void exceptionReturned(Cpu cpu, int fromEl, int toEl) {
    }

    /** The PE's exception level changed (exception entry or return). */
    default void elChanged(Cpu cpu, int fromEl, int toEl) {
    }

    default void psci(Cpu cpu, long function, long result) {
    }

    default void uartOutput(int b) {
    }
}
