package io.el2studio.sim.tests.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.mmu.Entry;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.mmu.Tlb;

/**
 * The TLB's region indexes ({@link Tlb#invalidateVa}, {@link Tlb#invalidateIpa}) remove exactly the
 * entries that the architecture's matching rule selects (Arm ARM D8.13: a TLBI by VA applies to an
 * entry when the VA lies in the region the entry translates, whatever its size; a TLBI by IPA when
 * the IPA lies in the entry's stage 2 block), compared with a plain list of entries on random
 * inserts (with replacement of an entry of the same context and region), lookups and TLBIs.
 */
class TlbRegionIndexTest {
    static final Regime[] REGIMES = {Regime.EL10, Regime.EL20, Regime.EL2};
    static final int[] SHIFTS = {12, 16, 21, 30};

    /** The reference: every live entry, the newest of a context and region replacing the older. */
    final List<Entry> ref = new ArrayList<>();
    final Tlb tlb = new Tlb();
    final Random rnd = new Random(0x71B1);

    static boolean sameSlot(Entry a, Entry b) {
        return a.regime == b.regime && a.vmid == b.vmid && a.global == b.global && (a.global || a.asid == b.asid)
                && a.shift == b.shift && a.vaBase == b.vaBase;
    }

    static boolean covers(Entry e, long va) {
        return (e.vaBase >>> e.shift) == (va >>> e.shift);
    }

    /** A VA in a small window, so that regions of different sizes overlap often. */
    long va() {
        return (rnd.nextInt(1 << 12) & 0xFFFL) << 12 | (rnd.nextBoolean() ? 0xFFL << 48 : 0);
    }

    Entry randomEntry() {
        Entry e = new Entry();
        e.regime = REGIMES[rnd.nextInt(REGIMES.length)];
        e.vmid = rnd.nextInt(3);
        e.asid = rnd.nextInt(3);
        e.global = rnd.nextInt(3) == 0;
        if (e.global) {
            e.asid = 0;
        }
        e.shift = SHIFTS[rnd.nextInt(SHIFTS.length)];
        e.vaBase = (va() >>> e.shift) << e.shift;
        e.s2Enabled = rnd.nextBoolean();
        e.s2Shift = e.s2Enabled ? Math.max(e.shift, SHIFTS[rnd.nextInt(SHIFTS.length)]) : 0;
        e.ipaBase = ((long) rnd.nextInt(1 << 12) << 12 >>> e.shift) << e.shift;
        e.paBase = e.ipaBase;
        return e;
    }

    void insert(Entry e) {
        ref.removeIf(o -> sameSlot(o, e));
        ref.add(e);
        tlb.insert(e);
    }

    void check(String what) {
        IdentityHashMap<Entry, Boolean> want = new IdentityHashMap<>();
        ref.forEach(e -> want.put(e, true));
        List<Entry> got = tlb.entries();
        assertEquals(ref.size(), got.size(), what + ": entry count");
        for (Entry e : got) {
            assertEquals(Boolean.TRUE, want.get(e), () -> what + ": an entry that should be gone is left: " + e);
        }
    }

    Predicate<Entry> randomScope() {
        Regime r = REGIMES[rnd.nextInt(REGIMES.length)];
        int vmid = rnd.nextInt(3), asid = rnd.nextInt(3);
        return switch (rnd.nextInt(3)) {
            case 0 -> e -> e.regime == r && e.vmid == vmid && (e.global || e.asid == asid); // VAE1
            case 1 -> e -> e.regime == r && e.vmid == vmid; // VAAE1
            default -> e -> e.regime == r; // VAE2 / VAE3
        };
    }

    @Test
    void tlbiByVaOrIpaRemovesExactlyTheCoveringEntriesInScope() {
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                insert(randomEntry());
            } else if (op < 8) {
                long va = va() | rnd.nextInt(0x1000);
                long va56 = va & ((1L << 56) - 1);
                Predicate<Entry> scope = randomScope();
                int before = ref.size();
                ref.removeIf(e -> covers(e, va56) && scope.test(e));
                int n = tlb.invalidateVa(va56, scope);
                assertEquals(before - ref.size(), n, "removed count");
                check("TLBI by VA 0x" + Long.toHexString(va56));
            } else if (op < 9) {
                long ipa = (long) rnd.nextInt(1 << 12) << 12;
                int vmid = rnd.nextInt(3);
                Predicate<Entry> scope = e -> e.regime == Regime.EL10 && e.vmid == vmid;
                ref.removeIf(e -> e.s2Enabled && (e.ipaBase >>> e.s2Shift) == (ipa >>> e.s2Shift) && scope.test(e));
                tlb.invalidateIpa(ipa, scope);
                check("TLBI by IPA 0x" + Long.toHexString(ipa));
            } else {
                // A lookup finds an entry of the context covering the VA whenever the reference has one.
                Entry probe = randomEntry();
                long va56 = (va() | rnd.nextInt(0x1000)) & ((1L << 56) - 1);
                Entry got = tlb.lookup(probe.regime, probe.vmid, probe.asid, va56);
                List<Entry> hits = ref.stream()
                        .filter(e -> e.regime == probe.regime && e.vmid == probe.vmid && (e.global || e.asid == probe.asid)
                                && covers(e, va56))
                        .sorted(Comparator.comparingInt(e -> e.shift)).toList();
                if (hits.isEmpty()) {
                    assertSame(null, got, "lookup of an uncovered VA");
                } else {
                    assertEquals(Boolean.TRUE, hits.contains(got), "lookup returns a covering entry of the context");
                }
            }
        }
        // A whole-context TLBI (the scan) keeps the indexes consistent too.
        tlb.invalidate(e -> e.vmid == 1);
        ref.removeIf(e -> e.vmid == 1);
        check("TLBI by VMID");
        for (Entry e : new ArrayList<>(ref)) {
            tlb.invalidateVa(e.vaBase, x -> true);
        }
        assertEquals(0, tlb.size(), "every entry is reachable by its VA");
    }
}
