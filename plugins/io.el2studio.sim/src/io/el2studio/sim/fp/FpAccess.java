package io.el2studio.sim.fp;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.sysreg.FpTraps;

/**
 * The access check every SIMD&FP instruction makes before touching FP state:
 * CheckFPAdvSIMDEnabled64 of the Arm ARM (CPACR_EL1.FPEN, CPTR_EL2.TFP/FPEN, CPTR_EL3.TFP; the trap
 * has ESR_ELx.EC = 0x07). The decision itself lives with the system registers in
 * {@link FpTraps}; handlers call this one method first, before reading any operand, so that a
 * trapped instruction changes no state.
 */
public final class FpAccess {
    private FpAccess() {
    }

    /** Throws the FP access trap when SIMD&FP is disabled at the current EL. */
    public static void check(Cpu cpu) {
        GuestFault trap = FpTraps.check(cpu);
        if (trap != null) {
            throw trap;
        }
    }
}
