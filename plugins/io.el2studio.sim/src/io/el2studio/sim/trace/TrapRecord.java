package io.el2studio.sim.trace;

import io.el2studio.sim.cpu.Exceptions;

/**
 * One exception taken to EL2 or EL3: what a hypervisor engineer reads after a trap. The syndrome
 * registers are those of the target EL after entry (ESR_ELx, FAR_ELx, HPFAR_EL2, ELR_ELx); FAR and
 * HPFAR are UNKNOWN for exception classes that do not write them and are recorded as the PE holds
 * them. {@code kind} is the vector type: sync, irq, fiq or serror (EC/ISS only mean something for sync
 * and serror). {@code vmid} is VTTBR_EL2.VMID at the time of the exception; {@code insn} the PE's
 * instruction count.
 */
public record TrapRecord(int pe, int fromEl, int toEl, String kind, int ec, int iss, long esr, long far, long hpfar,
        long elr, int vmid, long insn) {

    public String ecName() {
        return ExceptionClasses.name(ec);
    }

    public static String kindName(int vectorKind) {
        return switch (vectorKind) {
            case Exceptions.SYNC -> "sync";
            case Exceptions.IRQ -> "irq";
            case Exceptions.FIQ -> "fiq";
            default -> "serror";
        };
    }

    /** One JSON object, the line format of {@code --trace-traps FILE}. */
    public String toJson() {
        return new Json().put("pe", pe).put("from_el", fromEl).put("to_el", toEl).put("kind", kind)
                .put("ec", ec).put("ec_name", ecName()).hex("iss", iss).hex("esr", esr).hex("far", far)
                .hex("hpfar", hpfar).hex("elr", elr).put("vmid", vmid).put("insn", insn).toString();
    }
}
