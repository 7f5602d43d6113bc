package io.el2studio.sim.gic;

/**
 * The per-INTID state the GICv3 keeps for a range of interrupts (GICv3/v4 architecture
 * specification IHI0069, 4.1 "Interrupt states" and 12.9 / 12.11 register descriptions): group,
 * group modifier, enable, the pending latch, the input line level, active, priority and trigger
 * mode. The distributor holds one bank for the SPIs, each redistributor one for its SGIs and PPIs.
 * Indices are INTIDs (the distributor's bank leaves 0..31 unused, so no offsets are needed).
 */
final class IrqBank {
    final int count;
    final boolean[] group;
    final boolean[] grpmod;
    final boolean[] enabled;
    /** Pending state held by the GIC: an edge seen, a write to ISPENDR, a generated SGI. */
    final boolean[] latch;
    /** The level of the interrupt's input line (devices drive it with setLevel). */
    final boolean[] level;
    final boolean[] active;
    /** Edge-triggered (ICFGR bit 2n+1 = 1) rather than level-sensitive. */
    final boolean[] edge;
    final int[] priority;

    IrqBank(int count) {
        this.count = count;
        group = new boolean[count];
        grpmod = new boolean[count];
        enabled = new boolean[count];
        latch = new boolean[count];
        level = new boolean[count];
        active = new boolean[count];
        edge = new boolean[count];
        priority = new int[count];
    }

    /**
     * Pending: the latch, or for a level-sensitive interrupt the asserted line (4.1.2: a
     * level-sensitive interrupt is pending while its input is asserted).
     */
    boolean pending(int i) {
        return latch[i] || (!edge[i] && level[i]);
    }

    /** A new input level: a rising edge latches an edge-triggered interrupt pending. */
    void setLevel(int i, boolean high) {
        if (edge[i] && high && !level[i]) {
            latch[i] = true;
        }
        level[i] = high;
    }

    // ---- bitmap register helpers: 32 INTIDs per register, register n covers 32n..32n+31 ----

    /** The bits of {@code a} for INTIDs {@code first..first+31} (bits past the bank read as zero). */
    int bits(boolean[] a, int first) {
        int v = 0;
        for (int k = 0; k < 32 && first + k < count; k++) {
            if (a[first + k]) {
                v |= 1 << k;
            }
        }
        return v;
    }

    /** The pending bits (ISPENDR/ICPENDR reads). */
    int pendingBits(int first) {
        int v = 0;
        for (int k = 0; k < 32 && first + k < count; k++) {
            if (pending(first + k)) {
                v |= 1 << k;
            }
        }
        return v;
    }

    /** Sets (write-one-to-set) or clears (write-one-to-clear) the entries whose bit is one. */
    void writeBits(boolean[] a, int first, int value, boolean set, int writableMask) {
        value &= writableMask;
        for (int k = 0; k < 32 && first + k < count; k++) {
            if ((value & (1 << k)) != 0) {
                a[first + k] = set;
            }
        }
    }

    /** A plain register: every writable bit takes the written value. */
    void storeBits(boolean[] a, int first, int value, int writableMask) {
        for (int k = 0; k < 32 && first + k < count; k++) {
            if ((writableMask & (1 << k)) != 0) {
                a[first + k] = (value & (1 << k)) != 0;
            }
        }
    }

    /** ICFGR<n>: 16 INTIDs, two bits each; bit 2k+1 = edge-triggered, bit 2k RES0. */
    int cfgBits(int first) {
        int v = 0;
        for (int k = 0; k < 16 && first + k < count; k++) {
            if (edge[first + k]) {
                v |= 2 << (2 * k);
            }
        }
        return v;
    }

    void storeCfg(int first, int value, int fromIntid) {
        for (int k = 0; k < 16 && first + k < count; k++) {
            if (first + k >= fromIntid) {
                edge[first + k] = (value & (2 << (2 * k))) != 0;
            }
        }
    }

    /** IPRIORITYR: four INTIDs, one byte each (byte-accessible). */
    int priorityWord(int first) {
        int v = 0;
        for (int k = 0; k < 4 && first + k < count; k++) {
            v |= (priority[first + k] & 0xFF) << (8 * k);
        }
        return v;
    }

    void reset() {
        java.util.Arrays.fill(group, false);
        java.util.Arrays.fill(grpmod, false);
        java.util.Arrays.fill(enabled, false);
        java.util.Arrays.fill(latch, false);
        java.util.Arrays.fill(active, false);
        java.util.Arrays.fill(edge, false);
        java.util.Arrays.fill(priority, 0);
    }
}
