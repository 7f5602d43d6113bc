package io.el2studio.engine.unwind;

import io.el2studio.sim.trace.ExceptionClasses;

/**
 * The text of an exception marker frame, from the vector entry taken and ESR_ELx (Arm ARM D17.2.37:
 * EC in [31:26], ISS in [24:0]): {@code exception from EL1 (VMID 1): HVC #0x42},
 * {@code exception from EL0: SVC #0}, {@code exception from EL1 (VMID 2): Data Abort from a lower EL at
 * 0x9000000 (write)}, {@code exception from EL1 (VMID 1): IRQ}. Class names are the simulator's
 * (io.el2studio.sim.trace.ExceptionClasses), so the trap history and the frames spell them alike.
 */
final class ExceptionText {
    private ExceptionText() {
    }

    static String marker(int fromEl, boolean aarch32, int vmid, boolean showVmid, long esr, long vectorOffset,
            UnwindContext ctx, int el) {
        StringBuilder b = new StringBuilder("exception from EL").append(fromEl);
        if (aarch32) {
            b.append(" (AArch32)");
        }
        if (showVmid && vmid >= 0) {
            b.append(" (VMID ").append(vmid).append(')');
        }
        b.append(": ").append(what(esr, vectorOffset, ctx, el));
        return b.toString();
    }

    /** The exception: the vector entry's kind (Arm ARM D1.3.1, Table D1-7) for asynchronous ones, else the syndrome. */
    static String what(long esr, long vectorOffset, UnwindContext ctx, int el) {
        if (vectorOffset >= 0) {
            switch ((int) (vectorOffset & 0x180)) {
                case 0x080:
                    return "IRQ";
                case 0x100:
                    return "FIQ";
                case 0x180:
                    return "SError";
                default:
                    break;
            }
        }
        int ec = (int) (esr >>> 26) & 0x3f;
        int iss = (int) (esr & 0x1FF_FFFF);
        return switch (ec) {
            case 0x15 -> String.format("SVC #0x%x", iss & 0xFFFF);
            case 0x16 -> String.format("HVC #0x%x", iss & 0xFFFF);
            case 0x17 -> String.format("SMC #0x%x", iss & 0xFFFF);
            case 0x20, 0x21, 0x24, 0x25 -> {
                String s = ExceptionClasses.name(ec);
                try {
                    s += String.format(" at 0x%x", ctx.sysreg("FAR_EL" + el));
                } catch (IllegalArgumentException e) {
                    // no FAR: the class alone
                }
                if (ec >= 0x24) {
                    s += (iss & (1 << 6)) != 0 ? " (write)" : " (read)"; // ISS.WnR
                }
                yield s;
            }
            case 0x18 -> String.format("%s, %s op0=%d op1=%d CRn=%d CRm=%d op2=%d", ExceptionClasses.name(ec),
                    (iss & 1) != 0 ? "MRS" : "MSR", (iss >>> 20) & 3, (iss >>> 14) & 7, (iss >>> 10) & 15, (iss >>> 1) & 15,
                    (iss >>> 17) & 7);
            default -> ExceptionClasses.name(ec);
        };
    }
}
