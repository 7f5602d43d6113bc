package io.el2studio.sim.mmu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A PE's main TLB: completed translations tagged by regime, VMID and ASID (global entries match any
 * ASID), as Arm ARM D8.10 describes. Entries stay until a TLBI removes them (or the TLB is full and
 * drops everything, which the architecture permits at any time): a page-table write never updates
 * an entry, so a stale translation is used until its TLBI, as on hardware.
 *
 * <p>Besides the lookup map (by context and VA page), the entries are indexed by the region they
 * cover alone, whatever their context: by VA (base and size) and, for entries with stage 2, by the
 * stage 2 block of their IPA. A TLBI by VA or by IPA then visits only the entries that can cover its
 * address (one bucket per block size in use) instead of the whole TLB; Linux issues one TLBI per page
 * it unmaps.
 */
public final class Tlb {
    /** Drop everything beyond this many entries (a TLB may lose entries at any time). */
    static final int CAPACITY = 1 << 14;

    /**
     * The lookup table: open addressing with linear probing on (context, VA page), at most half full
     * ({@link #CAPACITY} entries in twice as many slots), so a lookup allocates nothing.
     */
    private static final int SLOTS = 2 * CAPACITY;
    private final long[] contexts = new long[SLOTS];
    private final long[] pages = new long[SLOTS];
    private final Entry[] slots = new Entry[SLOTS];
    private int count;
    /** Bit n set when some entry has shift n: the block sizes to try on lookup. */
    private long shifts;
    /** Entries by {@link #region}(vaBase, shift), every context together. */
    private final Map<Long, List<Entry>> byVa = new HashMap<>();
    /** Entries with stage 2 by {@link #region}(IPA of their stage 2 block, s2Shift). */
    private final Map<Long, List<Entry>> byIpa = new HashMap<>();
    /** Bit n set when some entry with stage 2 has s2Shift n. */
    private long s2Shifts;

    private static long context(Regime r, int vmid, int asid, boolean global, int shift) {
        return (long) r.ordinal() | (long) vmid << 2 | (long) (global ? 0x10000 : asid) << 18 | (long) shift << 40;
    }

    private static long context(Entry e) {
        return context(e.regime, e.vmid, e.asid, e.global, e.shift);
    }

    private static int hash(long context, long page) {
        long h = context * 0x9E37_79B9_7F4A_7C15L ^ page * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h ^ h >>> 29) & (SLOTS - 1);
    }

    /** The slot holding (context, page), or the empty slot where it would go. */
    private int slot(long context, long page) {
        int i = hash(context, page);
        while (slots[i] != null && (contexts[i] != context || pages[i] != page)) {
            i = (i + 1) & (SLOTS - 1);
        }
        return i;
    }

    /** Empties slot {@code i}, moving later entries of its probe run back (deletion without tombstones). */
    private void removeSlot(int i) {
        slots[i] = null;
        count--;
        int j = i;
        while (true) {
            j = (j + 1) & (SLOTS - 1);
            if (slots[j] == null) {
                return;
            }
            int h = hash(contexts[j], pages[j]);
            // The entry at j may move to i unless its home h lies cyclically in (i, j].
            boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
            if (!stays) {
                contexts[i] = contexts[j];
                pages[i] = pages[j];
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
    }

    /** The index key of the {@code 1 << shift} byte region holding {@code addr}: its base (bits below 12 clear) | shift. */
    private static long region(long addr, int shift) {
        return (addr >>> shift) << shift | shift;
    }

    private static long ipaRegion(Entry e) {
        return region(e.ipaBase, e.s2Shift);
    }

    /** The entry translating {@code va56} (VA[55:0]) in the given context, or null. */
    public Entry lookup(Regime r, int vmid, int asid, long va56) {
        long s = shifts;
        while (s != 0) {
            int shift = Long.numberOfTrailingZeros(s);
            s &= s - 1;
            long page = va56 >>> shift;
            Entry e = slots[slot(context(r, vmid, asid, false, shift), page)];
            if (e == null) {
                e = slots[slot(context(r, vmid, 0, true, shift), page)];
            }
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    public void insert(Entry e) {
        if (count >= CAPACITY) {
            clear();
        }
        long ctx = context(e), page = e.vaBase >>> e.shift;
        int i = slot(ctx, page);
        Entry old = slots[i];
        if (old != null) {
            unindex(old);
        } else {
            count++;
        }
        contexts[i] = ctx;
        pages[i] = page;
        slots[i] = e;
        shifts |= 1L << e.shift;
        byVa.computeIfAbsent(region(e.vaBase, e.shift), k -> new ArrayList<>(1)).add(e);
        if (e.s2Enabled) {
            s2Shifts |= 1L << e.s2Shift;
            byIpa.computeIfAbsent(ipaRegion(e), k -> new ArrayList<>(1)).add(e);
        }
    }

    private void clear() {
        java.util.Arrays.fill(slots, null);
        count = 0;
        byVa.clear();
        byIpa.clear();
        shifts = 0;
        s2Shifts = 0;
    }

    /** Removes {@code e} from the region indexes (not from the lookup map). */
    private void unindex(Entry e) {
        removeFrom(byVa, region(e.vaBase, e.shift), e);
        if (e.s2Enabled) {
            removeFrom(byIpa, ipaRegion(e), e);
        }
    }

    private static void removeFrom(Map<Long, List<Entry>> index, long k, Entry e) {
        List<Entry> l = index.get(k);
        if (l != null) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) == e) {
                    l.remove(i);
                    break;
                }
            }
            if (l.isEmpty()) {
                index.remove(k);
            }
        }
    }

    /** Removes {@code e} from the lookup map (when it is still the entry under its key) and the indexes. */
    private void remove(Entry e) {
        int i = slot(context(e), e.vaBase >>> e.shift);
        if (slots[i] == e) {
            removeSlot(i);
        }
        unindex(e);
    }

    /** Removes the entries matching {@code p}; returns how many. */
    public int invalidate(Predicate<Entry> p) {
        if (count == 0) {
            return 0;
        }
        List<Entry> hit = new ArrayList<>();
        for (Entry e : slots) {
            if (e != null && p.test(e)) {
                hit.add(e);
            }
        }
        for (Entry e : hit) { // after the scan: a removal moves entries between slots
            remove(e);
        }
        return hit.size();
    }

    /**
     * Removes the entries whose region covers {@code va56} (VA[55:0]), of any block size and context,
     * that also match {@code p}; returns how many. The same as {@code invalidate(e -> covers(e, va56) && p.test(e))}.
     */
    public int invalidateVa(long va56, Predicate<Entry> p) {
        return invalidateIn(byVa, shifts, va56, p);
    }

    /**
     * Removes the entries with stage 2 whose stage 2 block covers {@code ipa} and that match {@code p};
     * returns how many.
     */
    public int invalidateIpa(long ipa, Predicate<Entry> p) {
        return invalidateIn(byIpa, s2Shifts, ipa, p);
    }

    private int invalidateIn(Map<Long, List<Entry>> index, long sizes, long addr, Predicate<Entry> p) {
        int n = 0;
        long s = sizes;
        while (s != 0) {
            int shift = Long.numberOfTrailingZeros(s);
            s &= s - 1;
            List<Entry> l = index.get(region(addr, shift));
            if (l == null) {
                continue;
            }
            List<Entry> hit = null;
            for (Entry e : l) {
                if (p.test(e)) {
                    if (hit == null) {
                        hit = new ArrayList<>(2);
                    }
                    hit.add(e);
                }
            }
            if (hit != null) {
                for (Entry e : hit) {
                    remove(e);
                }
                n += hit.size();
            }
        }
        return n;
    }

    public int size() {
        return count;
    }

    /** A copy of the entries, for debugger views. */
    public List<Entry> entries() {
        List<Entry> l = new ArrayList<>(count);
        for (Entry e : slots) {
            if (e != null) {
                l.add(e);
            }
        }
        return l;
    }
}
