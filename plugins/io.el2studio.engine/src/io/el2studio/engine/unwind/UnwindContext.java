package io.el2studio.engine.unwind;

import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;

/**
 * What the unwinder reads of a stopped PE: the innermost frame's registers, its exception level and
 * VMID, memory and symbols per address space, and the system registers that describe an exception
 * entry. The simulator binding implements it; nothing is cached across stops.
 */
public interface UnwindContext {
    /** Every general register, SP, PC and PSTATE of the PE now (frame 0). */
    RegisterSet registers();

    /** The PE's current exception level. */
    int el();

    /** The VMID the PE runs under: VTTBR_EL2.VMID at EL1/EL0 with HCR_EL2.VM set, else -1. */
    int vmid();

    /**
     * Memory as code at {@code el} sees it: EL2 and EL3 their own regime, EL1 and EL0 the EL1&amp;0
     * regime of VMID {@code vmid} (through its stage 2; -1: no stage 2).
     */
    TargetMemory memory(int el, int vmid);

    /**
     * A system register by its Arm ARM name (ELR_EL2, SPSR_EL2, ESR_EL2, FAR_EL2, HPFAR_EL2, VBAR_EL2,
     * SP_EL1, SP_EL0, HCR_EL2, VTTBR_EL2 and their EL1/EL3 forms); an unknown or unmodelled one is an
     * IllegalArgumentException.
     */
    long sysreg(String name);

    /** The symbol file of code at {@code el} in VMID {@code vmid} (the hypervisor's for EL2/EL3), or null. */
    FrameSymbols symbols(int el, int vmid);

    /**
     * Whether the stop being unwound was caused by a user breakpoint with a location in the inlined
     * function {@code function} (gdb: stopped_by_user_bp_inline_frame; an address breakpoint counts for
     * every function). gdb then shows that inlined function as frame 0 even where the pc enters it;
     * otherwise it shows the caller's frame there. Default: no breakpoint caused the stop.
     */
    default boolean stoppedAtBreakpointIn(String function) {
        return false;
    }

    /** Whether an address breakpoint ({@code break *ADDR}) caused the stop: gdb then hides no inline frame. */
    default boolean stoppedAtAddressBreakpoint() {
        return false;
    }
}
