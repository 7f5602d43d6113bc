package io.el2studio.sim.isa;

/** GNU objdump (binutils 2.40) text of one instruction; {@code pc} resolves PC-relative targets. */
@FunctionalInterface
public interface Disasm {
    String text(int w, long pc);
}
