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

    private static final io.el2studio.sim.sysreg.SysReg HPFAR = io.el2studio.sim.sysreg.SysRegTable.byName("HPFAR_EL2");

    /** The record of the exception {@code cpu} has just taken (called at exception entry, on the simulation thread). */
    public static TrapRecord of(io.el2studio.sim.cpu.Cpu cpu, int fromEl, int toEl, int kind) {
        long esr = cpu.esr[toEl];
        boolean syndrome = kind == Exceptions.SYNC || kind == Exceptions.SERROR;
        return new TrapRecord(cpu.index, fromEl, toEl, kindName(kind), syndrome ? (int) (esr >>> 26) & 0x3F : 0,
                syndrome ? (int) esr & 0x1FFFFFF : 0, syndrome ? esr : 0, cpu.far[toEl],
                HPFAR != null && HPFAR.modelled() ? HPFAR.read(cpu) : 0, cpu.elr[toEl], (int) (cpu.vttbrEl2 >>> 48) & 0xFFFF,
                cpu.instructionCount);
    }

    /** The faulting IPA of a stage-2 abort: HPFAR_EL2.FIPA (IPA[51:12]) and the page offset from FAR_EL2. */
    public long ipa() {
        return (hpfar & 0x0FFF_FFFF_FFF0L) << 8 | (far & 0xFFF);
    }

    /** The exception class's short name (DABT_LOW, HVC64 ...), or IRQ/FIQ for interrupts. */
    public String shortName() {
        return switch (kind) {
            case "irq" -> "IRQ";
            case "fiq" -> "FIQ";
            default -> ExceptionClasses.shortName(ec);
        };
    }

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
