package io.el2studio.sim.profile;

import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The exit reason a world switch is grouped by: the exception class (Linux's short names) with the
 * ISS field that tells a hypervisor's handlers apart (Arm ARM D17.2.37): a data abort's direction,
 * the trapped system register and direction, the HVC/SMC immediate, WFI or WFE; IRQ and FIQ for
 * interrupts.
 */
final class ExitReasons {
    private ExitReasons() {
    }

    static String of(TrapRecord r) {
        if (!r.kind().equals("sync")) {
            return r.shortName();
        }
        int iss = r.iss();
        return switch (r.ec()) {
            case TrapFilter.EC_DABT_LOW -> "DABT_LOW " + ((iss >>> 6 & 1) == 1 ? "write" : "read");
            case TrapFilter.EC_SYS64 -> "SYS64 " + ((iss & 1) == 1 ? "MRS " : "MSR ") + TrapFilter.sysRegName(iss);
            case TrapFilter.EC_HVC64, TrapFilter.EC_SMC64 -> r.shortName() + String.format(" #0x%x", iss & 0xFFFF);
            case TrapFilter.EC_WFX -> (iss & 1) == 1 ? "WFx WFE" : "WFx WFI";
            default -> r.shortName();
        };
    }
}
