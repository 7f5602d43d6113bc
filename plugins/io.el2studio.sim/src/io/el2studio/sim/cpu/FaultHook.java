package io.el2studio.sim.cpu;

/** Sees a synchronous exception before it is taken; returns true when it consumed it. */
@FunctionalInterface
public interface FaultHook {
    boolean onFault(Cpu cpu, GuestFault fault);
}
