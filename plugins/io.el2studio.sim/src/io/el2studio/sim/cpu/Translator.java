package io.el2studio.sim.cpu;

/** Virtual to physical translation for the PE's current regime; raises aborts as {@link GuestFault}. */
public interface Translator {
    long translate(Cpu cpu, long va, int kind, int size);

    /**
     * The fetch translation of {@link Cpu#run}'s page loop: the loop leaves its page after every
     * instruction that may change the translation registers (system instructions, ERET, an EL change,
     * an exception), so until the next call or {@link #leave} the translator may skip re-checking them.
     */
    default long translateFetchInRun(Cpu cpu, long va) {
        return translate(cpu, va, Cpu.FETCH, 4);
    }

    /**
     * Called when {@link Cpu#run} or {@link Cpu#step} returns: register values may change from
     * outside before the next access, so nothing validated during the run may be trusted any more.
     */
    default void leave(Cpu cpu) {
    }
}
