package io.el2studio.sim.profile;

import java.util.Map;

import io.el2studio.sim.trace.Json;
import io.el2studio.sim.trace.TrapRecord;

/**
 * One world switch: from a PE's exception out of a guest (EL1 or EL0 with stage 2 enabled, VMID
 * {@code vmid}) to the ERET that returns that PE to a guest at EL1/EL0 (normally the same VM:
 * {@code resumedVmid} says which). In between: the instructions executed at each EL, the exceptions
 * taken and ERETs executed (a split-mode hypervisor's round trip through its host shows here),
 * the system registers read and written by name, TLB maintenance, barriers, and virtual time.
 *
 * @param exit        the trap record of the exit
 * @param instructionsPerEl instructions executed at EL0..EL3 during the switch (the ERET that ends it included)
 * @param nested      exceptions taken during the switch (after the exit)
 * @param erets       ERETs executed during the switch, the last one included
 * @param reads       system register reads by name
 * @param writes      system register writes by name
 * @param virtualNanos virtual time from the exit to the return
 */
public record WorldSwitch(TrapRecord exit, long x0, int vmid, int pe, long[] instructionsPerEl, int nested, int erets,
        Map<String, Integer> reads, Map<String, Integer> writes, int tlbi, int barriers, long virtualNanos, int resumedVmid) {

    public long instructions() {
        long n = 0;
        for (long i : instructionsPerEl) {
            n += i;
        }
        return n;
    }

    public int sysregAccesses() {
        return reads.values().stream().mapToInt(Integer::intValue).sum() + writes.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The exit reason as the table groups it: the class's short name, HVC/SMC with its immediate. */
    public String reason() {
        return ExitReasons.of(exit);
    }

    /** One JSON object (the line format of {@code el2studio profile --json}). */
    public String toJson() {
        Json j = new Json().put("ec", exit.ec()).put("ec_name", exit.shortName()).put("reason", reason())
                .hex("esr", exit.esr()).hex("elr", exit.elr()).put("vmid", vmid).put("pe", pe)
                .put("instructions", instructions());
        for (int el = 0; el < 4; el++) {
            j.put("instructions_el" + el, instructionsPerEl[el]);
        }
        j.put("sysreg_reads", reads.values().stream().mapToInt(Integer::intValue).sum())
                .put("sysreg_writes", writes.values().stream().mapToInt(Integer::intValue).sum())
                .put("nested_exceptions", nested).put("erets", erets).put("tlbi", tlbi).put("barriers", barriers)
                .put("virtual_ns", virtualNanos).put("resumed_vmid", resumedVmid);
        StringBuilder regs = new StringBuilder();
        for (var e : reads.entrySet()) {
            regs.append(regs.length() > 0 ? "," : "").append(e.getKey()).append(":r").append(e.getValue());
        }
        for (var e : writes.entrySet()) {
            regs.append(regs.length() > 0 ? "," : "").append(e.getKey()).append(":w").append(e.getValue());
        }
        return j.put("sysregs", regs.toString()).toString();
    }
}
