package io.el2studio.sim.board;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The one registry of the VMs a board has run (IDE.md, "One machine, one engine"): per VMID, the
 * EL1&amp;0 translation registers the VM last ran with (its stage-1 SCTLR/TCR/TTBR0/TTBR1/MAIR_EL1
 * and its stage 2, VTTBR_EL2 and VTCR_EL2), so that a debugger can translate for a VM that is not
 * loaded on any PE. Updated on the simulation thread whenever a PE leaves a VM (an exception from
 * EL1/EL0 taken to EL2 while stage 2 is enabled: the guest's registers are still loaded) and whenever
 * it enters one (an exception return from EL2 to EL1/EL0 with stage 2 enabled: the hypervisor has
 * just loaded them). A VM loaded on a PE (HCR_EL2.VM set with its VMID in VTTBR_EL2, at any EL) is
 * answered from that PE's registers.
 *
 * <p>The GDB server's memory spaces, the debug engine's {@code VM<n>:} and {@code IPA<n>:} and the
 * IDE's views all read this one registry (control.Translation#vm, #ipa).
 */
public final class VmContexts {
    private final Map<Integer, MmuRegs> byVmid = new ConcurrentHashMap<>();
    private final VirtBoard board;

    VmContexts(VirtBoard board) {
        this.board = board;
    }

    /** Records the EL1&amp;0 registers of the VM loaded on {@code c}, if stage 2 is on. */
    void record(Cpu c) {
        if (!El2Regs.el2Enabled(c) || (c.hcrEl2 & MmuRegs.HCR_VM) == 0) {
            return;
        }
        MmuRegs r = MmuRegs.of(c, Regime.EL10);
        byVmid.put(r.vmid(), r);
    }

    void exceptionTaken(Cpu c, int fromEl, int toEl) {
        if (fromEl <= 1 && toEl == 2) {
            record(c);
        }
    }

    void exceptionReturned(Cpu c) {
        if (c.el <= 1) {
            record(c);
        }
    }

    /**
     * Whether {@code c} has a VM loaded: stage 2 enabled (HCR_EL2.VM) with its VTTBR_EL2, whether the
     * PE runs the guest at EL1/EL0 or the hypervisor at EL2 on its behalf.
     */
    private static boolean loaded(Cpu c) {
        return El2Regs.el2Enabled(c) && (c.hcrEl2 & MmuRegs.HCR_VM) != 0;
    }

    /**
     * VMID {@code vmid}'s EL1&amp;0 registers with its stage 2: those of a PE running it now, else the
     * last recorded; null when the board has never run that VM.
     */
    public MmuRegs of(int vmid) {
        for (Cpu c : board.cpus) {
            if (loaded(c)) {
                MmuRegs r = MmuRegs.of(c, Regime.EL10);
                if (r.vmid() == vmid) {
                    return r;
                }
            }
        }
        return byVmid.get(vmid);
    }

    /** Every VMID the board has run, in order. */
    public Set<Integer> vmids() {
        TreeSet<Integer> s = new TreeSet<>(byVmid.keySet());
        for (Cpu c : board.cpus) {
            if (loaded(c)) {
                s.add(MmuRegs.of(c, Regime.EL10).vmid());
            }
        }
        return s;
    }
}
