package io.el2studio.sim.cpu;

/** Virtual to physical translation for the PE's current regime; raises aborts as {@link GuestFault}. */
public interface Translator {
    long translate(Cpu cpu, long va, int kind, int size);
}
