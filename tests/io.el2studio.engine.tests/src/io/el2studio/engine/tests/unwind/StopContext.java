package io.el2studio.engine.tests.unwind;

import java.util.Set;

import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.sim.SimUnwindContext;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.UnwindContext;

/**
 * The unwinder's input at one stop of a real simulator run: the engine's own binding
 * (engine.sim.SimUnwindContext over SimTarget) plus what the stop was, as gdb knows it: the functions
 * of the breakpoint locations at the pc (gdb shows an inlined function entered there as frame 0 only
 * when a breakpoint in it caused the stop).
 */
final class StopContext implements UnwindContext {
    private final SimUnwindContext sim;
    private final Set<String> breakpointFunctions;

    StopContext(SimTarget target, FrameSymbols hypervisor, FrameSymbols guest, Set<String> breakpointFunctions) {
        this.sim = new SimUnwindContext(target, (el, vmid) -> el >= 2 ? hypervisor : guest);
        this.breakpointFunctions = breakpointFunctions;
    }

    @Override
    public RegisterSet registers() {
        return sim.registers();
    }

    @Override
    public int el() {
        return sim.el();
    }

    @Override
    public int vmid() {
        return sim.vmid();
    }

    @Override
    public TargetMemory memory(int el, int vmid) {
        return sim.memory(el, vmid);
    }

    @Override
    public long sysreg(String name) {
        return sim.sysreg(name);
    }

    @Override
    public FrameSymbols symbols(int el, int vmid) {
        return sim.symbols(el, vmid);
    }

    @Override
    public boolean stoppedAtBreakpointIn(String function) {
        return breakpointFunctions.contains(function);
    }
}
