package io.el2studio.sim.gic;

import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;

/**
 * A system register implemented by a device model (the GIC CPU interfaces, the generic timers), as
 * the system-register table binds it: the encoding, the lowest EL, the accessors (null reader =
 * write-only, null writer = read-only) and the model's own access check (ICH_HCR_EL2 traps,
 * CNTHCTL_EL2/CNTKCTL_EL1 traps), which runs after the table's generic steps and returns null to
 * allow, or the fault (UNDEFINED or a trap with its target EL) to raise.
 */
public record SysRegBinding(String name, int op0, int op1, int crn, int crm, int op2, int minEl, ToLongFunction<Cpu> reader,
        ObjLongConsumer<Cpu> writer, Check check, boolean readHasSideEffects) {

    public SysRegBinding(String name, int op0, int op1, int crn, int crm, int op2, int minEl, ToLongFunction<Cpu> reader,
            ObjLongConsumer<Cpu> writer, Check check) {
        this(name, op0, op1, crn, crm, op2, minEl, reader, writer, check, false);
    }

    /**
     * The same register with accessors that read zero and ignore writes on a PE without the model
     * (a debugger view of a machine without a GIC must not fail; MRS/MSR there are UNDEFINED by the check).
     */
    public SysRegBinding guarded(java.util.function.Predicate<Cpu> present) {
        ToLongFunction<Cpu> r = reader == null ? null : c -> present.test(c) ? reader.applyAsLong(c) : 0;
        ObjLongConsumer<Cpu> w = writer == null ? null : (c, v) -> {
            if (present.test(c)) {
                writer.accept(c, v);
            }
        };
        return new SysRegBinding(name, op0, op1, crn, crm, op2, minEl, r, w, check, readHasSideEffects);
    }

    /** Marks a register whose read changes state (ICC_IAR*: acknowledge): debugger views must not read it. */
    public SysRegBinding sideEffectRead() {
        return new SysRegBinding(name, op0, op1, crn, crm, op2, minEl, reader, writer, check, true);
    }

    @FunctionalInterface
    public interface Check {
        GuestFault check(Cpu cpu, boolean read, int word);
    }

    public boolean readable() {
        return reader != null;
    }

    public boolean writable() {
        return writer != null;
    }
}
