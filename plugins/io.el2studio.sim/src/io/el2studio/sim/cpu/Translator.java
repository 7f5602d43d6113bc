package io.el2studio.sim.cpu;

/** Virtual to physical translation for the PE's current regime; raises aborts as {@link GuestFault}. */
public interface Translator {
    long translate(Cpu cpu, long va, int kind, int size);

    /**
     * True while instruction fetches at the PE's current EL are VA == PA without checks (stage 1 and
     * stage 2 off): the run loop may then fetch from the decode cache without calling translate.
     */
    default boolean fetchIsFlat(Cpu cpu) {
        return false;
    }
}
