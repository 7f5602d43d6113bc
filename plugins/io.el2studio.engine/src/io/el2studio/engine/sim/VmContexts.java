package io.el2studio.engine.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.SimulationListener;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The EL1&amp;0 translation registers each VMID last ran with, for {@code VM<n>:} and
 * {@code IPA<n>:} while that VM is not loaded: learnt at every exception return from EL2 into
 * EL1/EL0 with stage 2 enabled (the hypervisor has just loaded VTTBR_EL2, VTCR_EL2 and the
 * guest's stage-1 registers), as the GDB server's MemoryView learns them.
 *
 * <p>IDE.md wants one such registry, in the simulator, shared by the GDB server, the engine and
 * the views; until the simulator has it, this is the engine's. It only knows VMs entered after the
 * binding was attached.
 */
final class VmContexts implements SimulationListener {
    private final Map<Integer, MmuRegs> byVmid = new ConcurrentHashMap<>();

    @Override
    public void exceptionReturned(Cpu cpu, int fromEl, int toEl) {
        // Called on the simulation thread, between two instructions.
        if (toEl <= 1 && El2Regs.el2Enabled(cpu) && (cpu.hcrEl2 & MmuRegs.HCR_VM) != 0) {
            MmuRegs regs = MmuRegs.of(cpu, Regime.EL10);
            byVmid.put(regs.vmid(), regs);
        }
    }

    /** VMID {@code vmid}'s registers: those loaded on a PE running it, else the last seen; null if unknown. */
    MmuRegs of(VirtBoard b, int vmid) {
        for (Cpu c : b.cpus) {
            MmuRegs r = MmuRegs.of(c, Regime.EL10);
            if (r.stage2Enabled() && r.vmid() == vmid) {
                return r;
            }
        }
        return byVmid.get(vmid);
    }
}
