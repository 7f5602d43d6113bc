package io.el2studio.sim.uart;

/** An interrupt output of a device: the level it drives (the interrupt controller is wired to it). */
@FunctionalInterface
public interface IrqLine {
    void setLevel(boolean high);

    IrqLine NONE = high -> { };
}
