package io.el2studio.sim.mmu;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A PE's main TLB: completed translations tagged by regime, VMID and ASID (global entries match any
 * ASID), as Arm ARM D8.10 describes. Entries stay until a TLBI removes them (or the TLB is full and
 * drops everything, which the architecture permits at any time): a page-table write never updates
 * an entry, so a stale translation is used until its TLBI, as on hardware.
 */
public final class Tlb {
    /** Drop everything beyond this many entries (a TLB may lose entries at any time). */
    static final int CAPACITY = 1 << 14;

    private record Key(long context, long vaPage) {
    }

    private final Map<Key, Entry> entries = new HashMap<>();
    /** Bit n set when some entry has shift n: the block sizes to try on lookup. */
    private long shifts;

    private static long context(Regime r, int vmid, int asid, boolean global, int shift) {
        return (long) r.ordinal() | (long) vmid << 2 | (long) (global ? 0x10000 : asid) << 18 | (long) shift << 40;
    }

    /** The entry translating {@code va56} (VA[55:0]) in the given context, or null. */
    public Entry lookup(Regime r, int vmid, int asid, long va56) {
        long s = shifts;
        while (s != 0) {
            int shift = Long.numberOfTrailingZeros(s);
            s &= s - 1;
            long page = va56 >>> shift;
            Entry e = entries.get(new Key(context(r, vmid, asid, false, shift), page));
            if (e == null) {
                e = entries.get(new Key(context(r, vmid, 0, true, shift), page));
            }
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    public void insert(Entry e) {
        if (entries.size() >= CAPACITY) {
            entries.clear();
            shifts = 0;
        }
        entries.put(new Key(context(e.regime, e.vmid, e.asid, e.global, e.shift), e.vaBase >>> e.shift), e);
        shifts |= 1L << e.shift;
    }

    /** Removes the entries matching {@code p}; returns how many. */
    public int invalidate(Predicate<Entry> p) {
        int n = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            if (p.test(it.next())) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    public int size() {
        return entries.size();
    }

    /** A copy of the entries, for debugger views. */
    public java.util.List<Entry> entries() {
        return new java.util.ArrayList<>(entries.values());
    }
}
