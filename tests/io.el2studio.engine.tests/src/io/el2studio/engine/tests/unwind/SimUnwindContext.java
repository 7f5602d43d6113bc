package io.el2studio.engine.tests.unwind;

import io.el2studio.engine.sim.AddressSpaces;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.UnwindContext;

/**
 * The unwinder's input over a real simulator run (D's SimTarget binding gives registers, system
 * registers and memory through control.Translation): one snapshot per instance, so make one per
 * stop. EL2/EL3 code uses {@code hypervisor}'s symbols and its own regime; EL1/EL0 code
 * {@code guest}'s and the EL1&amp;0 regime through the current stage 2 (the test boards run one VM).
 */
final class SimUnwindContext implements UnwindContext {
    private final SimTarget target;
    private final SimTarget.Snapshot snapshot;
    private final FrameSymbols hypervisor;
    private final FrameSymbols guest;

    SimUnwindContext(SimTarget target, FrameSymbols hypervisor, FrameSymbols guest) {
        this.target = target;
        this.snapshot = target.snapshot();
        this.hypervisor = hypervisor;
        this.guest = guest;
    }

    @Override
    public RegisterSet registers() {
        return snapshot.registers();
    }

    @Override
    public int el() {
        return snapshot.el();
    }

    @Override
    public int vmid() {
        return snapshot.vmid();
    }

    @Override
    public TargetMemory memory(int el, int vmid) {
        if (el >= 2) {
            return target.memory(new AddressSpaces.OfEl(el));
        }
        return el == snapshot.el() ? target.memory() : target.memory(new AddressSpaces.GuestEl1());
    }

    @Override
    public long sysreg(String name) {
        return target.sysreg(name);
    }

    @Override
    public FrameSymbols symbols(int el, int vmid) {
        return el >= 2 ? hypervisor : guest;
    }
}
