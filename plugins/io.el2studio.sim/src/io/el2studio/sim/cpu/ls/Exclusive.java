package io.el2studio.sim.cpu.ls;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.isa.Exec;

/**
 * The exclusive monitors (Arm ARM B2.9, "Synchronization and semaphores") and the instructions
 * that use them: load-exclusive, store-exclusive (register and pair), and the ordered
 * load-acquire/store-release forms (LDAR, STLR, LDLAR, STLLR, LDAPR), which share their alignment
 * rule.
 *
 * <p>The local monitor is the PE's fields {@code exclusiveValid/exclusiveAddr/exclusiveSize}. The
 * global monitor is modelled by {@link GlobalMonitor}: a store by any other observer (another PE,
 * a device) to the reservation granule of a PE's marked address clears that PE's monitor. A store
 * by the PE itself does not clear its own monitor (IMPLEMENTATION DEFINED, Arm ARM B2.9.5; QEMU
 * does not either); a store-exclusive always clears it.
 */
public final class Exclusive {
    private Exclusive() {
    }

    /** Data abort DFSC for an alignment fault (Arm ARM D17.2.40, ISS encoding for a data abort). */
    public static final int DFSC_ALIGNMENT = 0b100001;

    /** ClearExclusiveLocal(): CLREX, exception entry/return hooks and every store-exclusive. */
    public static void clearLocal(Cpu cpu) {
        cpu.exclusiveValid = false;
    }

    /** SetExclusiveMonitors(address, size): marks the local and the global monitor. */
    public static void mark(Cpu cpu, long va, int size) {
        cpu.exclusiveValid = true;
        cpu.exclusiveAddr = va;
        cpu.exclusiveSize = size;
        GlobalMonitor.mark(cpu, cpu.translate(va, Cpu.READ, size));
    }

    /**
     * ExclusiveMonitorsPass(address, size): passes only if this PE marked exactly this address and
     * size and no other observer has stored to the granule since. A mismatching address or size is
     * CONSTRAINED UNPREDICTABLE (Arm ARM K1.2.5); like QEMU we fail the store.
     */
    static boolean pass(Cpu cpu, long va, int size) {
        boolean ok = cpu.exclusiveValid && cpu.exclusiveAddr == va && cpu.exclusiveSize == size;
        cpu.exclusiveValid = false;
        return ok;
    }

    /**
     * Alignment fault (DFSC 0b100001) on a data access at {@code va}. Exclusives, load-acquire,
     * store-release and atomics check alignment whatever SCTLR_ELx.A is (Arm ARM B2.5.2).
     * TODO(system): the SCTLR_ELx.A check of ordinary accesses belongs with the system registers;
     * it would call this same constructor.
     */
    public static GuestFault alignmentFault(Cpu cpu, long va, boolean write) {
        int ec = cpu.el == 0 ? GuestFault.EC_DATA_ABORT_LOWER : GuestFault.EC_DATA_ABORT_SAME;
        return new GuestFault(ec, DFSC_ALIGNMENT | (write ? 1 << 6 : 0), va, 0);
    }

    static void checkAligned(Cpu cpu, long va, int bytes, boolean write) {
        if ((va & (bytes - 1)) != 0) {
            throw alignmentFault(cpu, va, write);
        }
    }

    // ---- LDXR/LDAXR (size = log2 bytes) ----

    public static Exec loadExclusive(int size) {
        int bytes = 1 << size;
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            checkAligned(cpu, a, bytes, false);
            long v = cpu.read(a, bytes);
            mark(cpu, a, bytes);
            cpu.setX(w & 31, v);
        };
    }

    /**
     * STXR/STLXR. Rs receives 0 on success, 1 on failure. Rs == Rt or Rs == Rn is CONSTRAINED
     * UNPREDICTABLE (Arm ARM K1.2.5); the address and data are read before Rs is written.
     */
    public static Exec storeExclusive(int size) {
        int bytes = 1 << size;
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            long data = cpu.x(w & 31);
            checkAligned(cpu, a, bytes, true);
            int status = 1;
            if (pass(cpu, a, bytes)) {
                cpu.write(a, bytes, data);
                status = 0;
            }
            cpu.setW((w >>> 16) & 31, status);
        };
    }

    /** LDXP/LDAXP; size 2 (W pair, one 8-byte access) or 3 (X pair, 16 bytes, 16-aligned). */
    public static Exec loadExclusivePair(int size) {
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            int t = w & 31, t2 = (w >>> 10) & 31;
            if (size == 2) {
                checkAligned(cpu, a, 8, false);
                long v = cpu.read(a, 8);
                mark(cpu, a, 8);
                // Rt == Rt2 is CONSTRAINED UNPREDICTABLE; as QEMU, Rt2 is written last.
                cpu.setW(t, v);
                cpu.setW(t2, v >>> 32);
            } else {
                checkAligned(cpu, a, 16, false);
                long lo = cpu.read(a, 8), hi = cpu.read(a + 8, 8);
                mark(cpu, a, 16);
                cpu.setX(t, lo);
                cpu.setX(t2, hi);
            }
        };
    }

    /** STXP/STLXP. */
    public static Exec storeExclusivePair(int size) {
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            long d1 = cpu.x(w & 31), d2 = cpu.x((w >>> 10) & 31);
            int status = 1;
            if (size == 2) {
                checkAligned(cpu, a, 8, true);
                if (pass(cpu, a, 8)) {
                    cpu.write(a, 8, (d1 & 0xFFFFFFFFL) | (d2 << 32));
                    status = 0;
                }
            } else {
                checkAligned(cpu, a, 16, true);
                if (pass(cpu, a, 16)) {
                    // TODO(mmu): translate both doublewords before the first write.
                    cpu.write(a, 8, d1);
                    cpu.write(a + 8, 8, d2);
                    status = 0;
                }
            }
            cpu.setW((w >>> 16) & 31, status);
        };
    }

    // ---- ordered: LDAR, LDLAR, LDAPR, STLR, STLLR ----

    /** LDAR/LDLAR/LDAPR: a single-copy-atomic aligned load (the ordering is trivially met). */
    public static Exec loadAcquire(int size) {
        int bytes = 1 << size;
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            checkAligned(cpu, a, bytes, false);
            // Stage 2 aborts report ISV = 1 with AR = 1 for load-acquire/store-release (Arm ARM D17.2.37).
            cpu.accessInfo = 1 << 24 | size << 22 | (w & 31) << 16 | (size == 3 ? 1 << 15 : 0) | 1 << 14;
            long v = cpu.read(a, bytes);
            cpu.accessInfo = 0;
            cpu.setX(w & 31, v);
        };
    }

    /** STLR/STLLR. */
    public static Exec storeRelease(int size) {
        int bytes = 1 << size;
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            checkAligned(cpu, a, bytes, true);
            cpu.accessInfo = 1 << 24 | size << 22 | (w & 31) << 16 | (size == 3 ? 1 << 15 : 0) | 1 << 14;
            cpu.write(a, bytes, cpu.x(w & 31));
            cpu.accessInfo = 0;
        };
    }
}
