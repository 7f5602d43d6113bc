package io.el2studio.debug.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.sysreg.SysReg;

/**
 * The state of every PE at one stop, read in one request on the simulation thread (so all views
 * of a stop agree and none of them waits on the simulation): general registers, PSTATE, EL and
 * every system register of the Registers view. Frames are computed from it on first request.
 */
final class Snapshot {
    /** Stop number (Simulation.stopCount at the stop); increases at every stop. */
    final long stop;
    final Pe[] pes;

    record Pe(int index, boolean on, long[] x, long sp, long pc, long pstate, int el, Map<String, Long> sysregs) {
        long sysreg(String name) {
            Long v = sysregs.get(name);
            return v == null ? 0 : v;
        }

        /**
         * The VMID of the VM this PE runs, or -1: VTTBR_EL2.VMID (bits 55:48, Arm ARM D19.2.164) while the
         * PE is at EL1 or EL0 with stage 2 on (HCR_EL2.VM, bit 0).
         */
        int vmid() {
            if (el >= 2 || (sysreg("HCR_EL2") & 1) == 0) {
                return -1;
            }
            return (int) ((sysreg("VTTBR_EL2") >>> 48) & 0xFF);
        }
    }

    private Snapshot(long stop, Pe[] pes) {
        this.stop = stop;
        this.pes = pes;
    }

    static Snapshot take(Simulation sim, List<SysReg> sysregs) {
        long stop = sim.stopCount();
        Pe[] pes = sim.call(b -> {
            Pe[] out = new Pe[b.cpus.size()];
            for (int i = 0; i < out.length; i++) {
                Cpu c = b.cpu(i);
                long[] x = new long[31];
                System.arraycopy(c.x, 0, x, 0, 31);
                Map<String, Long> regs = new HashMap<>();
                for (SysReg r : sysregs) {
                    try {
                        regs.put(r.name, r.read(c));
                    } catch (RuntimeException e) {
                        // a reader that needs state this PE does not have: left out of the view
                    }
                }
                out[i] = new Pe(i, b.isOn(i), x, c.sp(), c.pc, c.pstateToSpsr(), c.el, regs);
            }
            return out;
        }, 5000);
        return new Snapshot(stop, pes);
    }
}
