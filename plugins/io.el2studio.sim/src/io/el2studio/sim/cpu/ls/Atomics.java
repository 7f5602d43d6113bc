package io.el2studio.sim.cpu.ls;

import io.el2studio.sim.isa.Exec;

/**
 * FEAT_LSE atomics (Arm ARM C3.2.12, "Atomic instructions"): compare-and-swap (CAS, CASP), swap
 * (SWP) and the atomic memory operations LD&lt;op&gt; (and their ST&lt;op&gt; aliases, which are
 * LD&lt;op&gt; with Rt = XZR). All require natural alignment of the whole access whatever SCTLR.A
 * is. The simulator runs one PE at a time, so a read-modify-write is trivially single-copy atomic;
 * its store goes through the bus like any other, so it clears other PEs' exclusive monitors.
 * Acquire/release semantics (the A and L variants) need no action in this memory model.
 */
public final class Atomics {
    private Atomics() {
    }

    /** LD&lt;op&gt; operations, in opc order (Arm ARM C6.2, LDADD .. LDUMIN). */
    public static final int ADD = 0, CLR = 1, EOR = 2, SET = 3, SMAX = 4, SMIN = 5, UMAX = 6, UMIN = 7;

    private static long sext(long v, int size) {
        return LoadStore.sext(v, 8 << size);
    }

    /** LD&lt;op&gt;: Rt := old (zero-extended), Mem := old op Rs. */
    public static Exec ldOp(int op, int size) {
        int bytes = 1 << size;
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            Exclusive.checkAligned(cpu, a, bytes, false);
            long s = cpu.x((w >>> 16) & 31);
            long old = cpu.read(a, bytes);
            long r = switch (op) {
                case ADD -> old + s;
                case CLR -> old & ~s;
                case EOR -> old ^ s;
                case SET -> old | s;
                case SMAX -> Math.max(sext(old, size), sext(s, size));
                case SMIN -> Math.min(sext(old, size), sext(s, size));
                case UMAX -> Long.compareUnsigned(old, mask(s, size)) >= 0 ? old : s;
                default -> Long.compareUnsigned(old, mask(s, size)) <= 0 ? old : s;
            };
            cpu.write(a, bytes, r);
            cpu.setX(w & 31, old);
        };
    }

    private static long mask(long v, int size) {
        return size == 3 ? v : v & ((1L << (8 << size)) - 1);
    }

    /** SWP: Rt := old, Mem := Rs (read before Rt is written, so Rs == Rt swaps). */
    public static Exec swap(int size) {
        int bytes = 1 << size;
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            Exclusive.checkAligned(cpu, a, bytes, false);
            long s = cpu.x((w >>> 16) & 31);
            long old = cpu.read(a, bytes);
            cpu.write(a, bytes, s);
            cpu.setX(w & 31, old);
        };
    }

    /**
     * CAS: if Mem == Rs (low {@code 8 << size} bits) then Mem := Rt; Rs := old, zero-extended.
     * When the comparison fails nothing is written (Arm ARM allows the store of the old value; we
     * take the option that does not disturb other PEs' monitors).
     */
    public static Exec cas(int size) {
        int bytes = 1 << size;
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            Exclusive.checkAligned(cpu, a, bytes, false);
            int s = (w >>> 16) & 31;
            long cmp = mask(cpu.x(s), size);
            long nv = cpu.x(w & 31);
            long old = cpu.read(a, bytes);
            if (old == cmp) {
                cpu.write(a, bytes, nv);
            }
            cpu.setX(s, old);
        };
    }

    /**
     * CASP: compares the pair Rs, Rs+1 with memory (Rs at the lower address) and, when equal,
     * stores Rt, Rt+1; Rs, Rs+1 receive the old pair. size = 2 (W pair) or 3 (X pair); Rs and Rt
     * are even by decode.
     */
    public static Exec casPair(int size) {
        return (cpu, w) -> {
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            int s = (w >>> 16) & 31, t = w & 31;
            long c1 = cpu.x(s), c2 = cpu.x(s + 1), n1 = cpu.x(t), n2 = cpu.x(t + 1);
            if (size == 2) {
                Exclusive.checkAligned(cpu, a, 8, false);
                long old = cpu.read(a, 8);
                long cmp = (c1 & 0xFFFFFFFFL) | (c2 << 32);
                if (old == cmp) {
                    cpu.write(a, 8, (n1 & 0xFFFFFFFFL) | (n2 << 32));
                }
                cpu.setW(s, old);
                cpu.setW(s + 1, old >>> 32);
            } else {
                Exclusive.checkAligned(cpu, a, 16, false);
                long lo = cpu.read(a, 8), hi = cpu.read(a + 8, 8);
                if (lo == c1 && hi == c2) {
                    cpu.write(a, 8, n1);
                    cpu.write(a + 8, 8, n2);
                }
                cpu.setX(s, lo);
                cpu.setX(s + 1, hi);
            }
        };
    }
}
