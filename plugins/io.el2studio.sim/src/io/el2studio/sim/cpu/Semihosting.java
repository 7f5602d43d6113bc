package io.el2studio.sim.cpu;

/** The Arm semihosting interface, reached through {@code HLT #0xF000}: operation in W0, block in X1. */
public interface Semihosting {
    void call(Cpu cpu);
}
