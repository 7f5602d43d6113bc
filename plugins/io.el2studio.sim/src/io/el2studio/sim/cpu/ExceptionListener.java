package io.el2studio.sim.cpu;

/**
 * Sees every exception entry and exception return of a PE, after the architectural state is
 * updated (the syndrome is in ESR_ELx of the target EL, the PE is at the vector). Used for the trap
 * event records (io.el2studio.sim.trace) and the debugger's stop-on-exception.
 */
public interface ExceptionListener {
    /**
     * An exception was taken from {@code fromEl} to {@code targetEl}; {@code kind} is the vector
     * offset of its type ({@link Exceptions#SYNC}, IRQ, FIQ, SERROR).
     */
    void exceptionTaken(Cpu cpu, int fromEl, int targetEl, int kind);

    /** An ERET from {@code fromEl} completed (the PE is at the new EL; PSTATE.IL set if it was illegal). */
    default void exceptionReturned(Cpu cpu, int fromEl) {
    }
}
