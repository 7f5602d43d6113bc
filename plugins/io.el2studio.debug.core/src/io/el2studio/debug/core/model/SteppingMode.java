package io.el2studio.debug.core.model;

/**
 * Instruction stepping (CDT's "Instruction Stepping Mode"): while on, Step Into / Over / Return move
 * by one instruction (over a BL, to the return address) instead of by source line. One switch for
 * the workbench, toggled from the Debug view's toolbar.
 */
public final class SteppingMode {
    private static volatile boolean instructionStepping;

    private SteppingMode() {
    }

    public static boolean isInstructionStepping() {
        return instructionStepping;
    }

    public static void setInstructionStepping(boolean on) {
        instructionStepping = on;
    }
}
