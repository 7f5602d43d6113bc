package io.el2studio.sim.cpu;

/**
 * Firmware built into the board (the PSCI implementation of io.el2studio.sim.board), reached by SMC
 * when the PE boots at EL2 without modelled EL3 software, or by HVC when it boots at EL1 without
 * EL2 software, as QEMU's virt board does (its "psci-conduit"). Every call through the conduit goes
 * to the firmware (SMC Calling Convention: an unknown function answers NOT_SUPPORTED), after the
 * architectural UNDEFINED and trap checks that take priority (HCR_EL2.TSC).
 */
public interface Firmware {
    /** SMC #imm executed; returns true when handled (the PE continues after the SMC). */
    boolean smc(Cpu cpu, int imm16);

    /** HVC #imm executed; returns true when handled (the PE continues after the HVC). */
    boolean hvc(Cpu cpu, int imm16);
}
