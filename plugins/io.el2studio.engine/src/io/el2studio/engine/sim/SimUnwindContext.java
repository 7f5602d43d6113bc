package io.el2studio.engine.sim;

import io.el2studio.engine.sim.AddressSpaces.Current;
import io.el2studio.engine.sim.AddressSpaces.GuestEl1;
import io.el2studio.engine.sim.AddressSpaces.OfEl;
import io.el2studio.engine.sim.AddressSpaces.Space;
import io.el2studio.engine.sim.AddressSpaces.Vm;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.UnwindContext;

/**
 * The unwinder's view of one stop of a {@link SimTarget}: frame 0's registers, EL and VMID as one
 * snapshot taken when the context is made (make a new one at each stop), memory of the address
 * space code at an EL and VMID runs in, system registers, and the symbol file of each space.
 */
public final class SimUnwindContext implements UnwindContext {
    /** The symbol file of code at an EL in a VMID (-1: outside a VM), or null. */
    @FunctionalInterface
    public interface SymbolsBySpace {
        FrameSymbols symbols(int el, int vmid);
    }

    /** Which user breakpoints caused the stop (gdb shows an inlined function as frame 0 when one in it did). */
    public interface StopBreakpoints {
        /** A user breakpoint with a location in the inlined function {@code function} caused the stop. */
        boolean in(String function);

        /** An address breakpoint ({@code break *ADDR}) caused the stop. */
        boolean byAddress();

        StopBreakpoints NONE = new StopBreakpoints() {
            @Override
            public boolean in(String function) {
                return false;
            }

            @Override
            public boolean byAddress() {
                return false;
            }
        };
    }

    private final SimTarget target;
    private final SimTarget.Snapshot now;
    private final SymbolsBySpace symbols;
    private final StopBreakpoints stop;

    /** A stop no user breakpoint caused (a step, a run to a location, the start). */
    public SimUnwindContext(SimTarget target, SymbolsBySpace symbols) {
        this(target, symbols, StopBreakpoints.NONE);
    }

    public SimUnwindContext(SimTarget target, SymbolsBySpace symbols, StopBreakpoints stop) {
        this.target = target;
        this.now = target.snapshot();
        this.symbols = symbols;
        this.stop = stop;
    }

    @Override
    public boolean stoppedAtBreakpointIn(String function) {
        return stop.in(function);
    }

    @Override
    public boolean stoppedAtAddressBreakpoint() {
        return stop.byAddress();
    }

    @Override
    public RegisterSet registers() {
        return now.registers().copy();
    }

    @Override
    public int el() {
        return now.el();
    }

    @Override
    public int vmid() {
        return now.vmid();
    }

    /**
     * EL2/EL3: that EL's regime. EL1/EL0: the PE's current regime when it runs there (in that VMID),
     * else VMID {@code vmid}'s EL1&amp;0 regime as it last ran ({@code VM<n>:}), or with no VM the
     * EL1&amp;0 registers loaded now ({@code EL1N:}).
     */
    @Override
    public TargetMemory memory(int el, int vmid) {
        return target.memory(space(el, vmid));
    }

    Space space(int el, int vmid) {
        if (el >= 2) {
            return el == now.el() ? new Current() : new OfEl(el);
        }
        if (now.el() <= 1 && vmid == now.vmid()) {
            return new Current();
        }
        return vmid >= 0 ? new Vm(vmid) : new GuestEl1();
    }

    @Override
    public long sysreg(String name) {
        return target.sysreg(name);
    }

    @Override
    public FrameSymbols symbols(int el, int vmid) {
        return symbols.symbols(el, vmid);
    }
}
