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

    /**
     * Whether, inside a page of the run loop, the PE's direct RAM access (Cpu#read/write, translated
     * blocks) may stand in for this translator on the pages it has translated once: true only for
     * translators whose answer cannot change within the page (the Mmu, see Cpu#fastEnter).
     */
    default boolean fastPathAllowed() {
        return false;
    }

    /**
     * Whether the direct RAM access may keep the page of this data access (va to pa, just translated)
     * for later accesses; false keeps every access to that page coming through {@link #translate}
     * (a debugger's watchpoints: only the watched pages take the checked path).
     */
    default boolean cacheable(Cpu cpu, long va, long pa) {
        return true;
    }

    /** The translator this one delegates to (a debugger's wrapper), or itself. */
    default Translator underlying() {
        return this;
    }
}
