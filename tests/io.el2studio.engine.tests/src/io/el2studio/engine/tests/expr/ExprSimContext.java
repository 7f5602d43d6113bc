package io.el2studio.engine.tests.expr;

import io.el2studio.engine.sim.AddressSpaces;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.UnwindContext;

/** The unwinder's input over a stopped simulator (one snapshot per instance: make one per stop), one symbol file at EL1. */
final class ExprSimContext implements UnwindContext {
    private final SimTarget target;
    private final SimTarget.Snapshot snapshot;
    private final FrameSymbols symbols;

    ExprSimContext(SimTarget target, FrameSymbols symbols) {
        this.target = target;
        this.snapshot = target.snapshot();
        this.symbols = symbols;
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
        return el >= 2 ? target.memory(new AddressSpaces.OfEl(el)) : target.memory();
    }

    @Override
    public long sysreg(String name) {
        return target.sysreg(name);
    }

    @Override
    public FrameSymbols symbols(int el, int vmid) {
        return symbols;
    }
}
