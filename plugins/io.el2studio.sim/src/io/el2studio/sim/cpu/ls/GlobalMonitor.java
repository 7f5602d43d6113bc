package io.el2studio.sim.cpu.ls;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mem.PhysBus;

/**
 * One PE's part of the global exclusive monitor (Arm ARM B2.9.3): the physical reservation granule
 * the PE marked with its last load-exclusive. Any store to that granule by another observer (another
 * PE, or a bus master with no PE) clears the PE's exclusive state, so its next store-exclusive fails.
 *
 * <p>The entry is created and registered as a store observer of the bus on the PE's first
 * load-exclusive ({@link Cpu#exclusiveGlobal}), so machines that never use exclusives pay nothing
 * per store, and nothing static keeps a machine alive.
 */
final class GlobalMonitor implements PhysBus.StoreObserver {
    /**
     * Exclusives reservation granule: 64 bytes, as CTR_EL0.ERG = 4 of Cortex-A57 (and QEMU max)
     * advertises. A store anywhere in the granule clears the monitor.
     */
    static final long ERG_BYTES = 64;

    private final Cpu cpu;
    private long granule;

    private GlobalMonitor(Cpu cpu) {
        this.cpu = cpu;
    }

    /** Marks the granule of {@code pa} for {@code cpu} (whose local monitor is already set). */
    static void mark(Cpu cpu, long pa) {
        GlobalMonitor m = (GlobalMonitor) cpu.exclusiveGlobal;
        if (m == null) {
            m = new GlobalMonitor(cpu);
            cpu.exclusiveGlobal = m;
            cpu.bus.addStoreObserver(m);
        }
        m.granule = pa & -ERG_BYTES;
    }

    @Override
    public void stored(long pa, int size, Object writer) {
        if (writer != cpu && cpu.exclusiveValid && pa < granule + ERG_BYTES && pa + size > granule) {
            cpu.exclusiveValid = false;
            // The global monitor leaving the Exclusive state for this PE is a WFE wake-up event
            // (Arm ARM D1.6.1): a PE waiting in LDXR + WFE for a lock word to change wakes up.
            io.el2studio.sim.cpu.Interrupts.sendEvent(cpu);
        }
    }
}
