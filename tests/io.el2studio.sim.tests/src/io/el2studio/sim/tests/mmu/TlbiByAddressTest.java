package io.el2studio.sim.tests.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * TLBI by address finds every entry that translates the address (Arm ARM D8.13, "TLB maintenance
 * instructions"): an entry of any block size whose region holds the VA, for every ASID with the
 * …VAA… forms, for global entries with the by-ASID forms, on every PE with the …IS forms, and only
 * in the current VMID. Page tables are written into RAM as the Arm ARM D8.3 formats them; the TLB is
 * observed through reads (a stale translation is used until its TLBI). An entry the operation does
 * not apply to may architecturally be kept or lost; this TLB keeps it, which the tests pin down so that
 * a TLBI that matches too little and one that matches everything are both caught.
 */
class TlbiByAddressTest {
    static final long RAM = 0x4000_0000L;
    static final long AF = 1L << 10, NG = 1L << 11, ISH = 3L << 8, TABLE = 3, PAGE = 3, BLOCK = 1;
    /** TCR_EL1: T0SZ = T1SZ = 16, 4KB granules, IPS = 40 bits, AS = 16-bit ASIDs. */
    static final long TCR_4K = 16L | 16L << 16 | 2L << 30 | 2L << 32 | 1L << 36;
    /** Two 2 MiB blocks of RAM (block descriptors need 2 MiB aligned output addresses). */
    static final long BLOCK_A = RAM + 0x40_0000L, BLOCK_B = RAM + 0x60_0000L;
    /** VA of the 2 MiB block mapping (level 2 index 1) and of a 4 KiB page (level 3 index 0). */
    static final long VA_BLOCK = 0x8020_0000L, VA_PAGE = 0x8000_0000L;
    static final long OFF = 0x12_3008L;

    final MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 16 << 20, 2);
    long next = RAM + (8 << 20);
    long l0, l1, l2, l3;

    long page() {
        long p = next;
        next += 0x1000;
        return p;
    }

    void put(long table, int index, long desc) {
        m.bus.write(table + 8L * index, 8, desc);
    }

    TlbiByAddressTest() {
        l0 = page();
        l1 = page();
        l2 = page();
        l3 = page();
        put(l0, 0, l1 | TABLE);
        put(l1, 2, l2 | TABLE);
        put(l2, 0, l3 | TABLE);
        m.bus.write(BLOCK_A + OFF, 8, 0xAAAAL);
        m.bus.write(BLOCK_B + OFF, 8, 0xBBBBL);
        m.bus.write(BLOCK_A + (OFF & 0xFFF), 8, 0xA0A0L);
        m.bus.write(BLOCK_B + (OFF & 0xFFF), 8, 0xB0B0L);
    }

    /** EL1&amp;0 stage 1 with these tables, ASID {@code asid}, VMID {@code vmid} (stage 2 off). */
    Cpu el1(Cpu c, int asid, int vmid) {
        c.el = 1;
        c.mair[1] = 0xFF;
        c.tcr[1] = TCR_4K;
        c.ttbr0[1] = l0 | (long) asid << 48;
        c.vttbrEl2 = (long) vmid << 48;
        c.sctlr[1] |= 1;
        return c;
    }

    void mapBlock(long out, long attrs) {
        put(l2, 1, out | BLOCK | AF | ISH | attrs);
    }

    void mapPage(long out, long attrs) {
        put(l3, 0, out | PAGE | AF | ISH | attrs);
    }

    static long arg(long va, int asid) {
        return (va >>> 12) | (long) asid << 48;
    }

    @Test
    void aTlbiByAnyVaInsideABlockRemovesTheBlockEntry() {
        Cpu c = el1(m.cpu(0), 1, 0);
        mapBlock(BLOCK_A, 0);
        assertEquals(0xAAAAL, c.read64(VA_BLOCK + OFF));
        mapBlock(BLOCK_B, 0);
        c.maintenance.tlbi(c, "vae1", arg(VA_BLOCK + 0x40_0000L, 1)); // the next 2 MiB: not this block
        assertEquals(0xAAAAL, c.read64(VA_BLOCK + OFF), "a TLBI of a VA outside the block keeps it");
        c.maintenance.tlbi(c, "vale1", arg(VA_BLOCK + 0x1F_F000L, 1)); // the block's last page
        assertEquals(0xBBBBL, c.read64(VA_BLOCK + OFF), "the block entry covering the VA is gone");
    }

    @Test
    void aTlbiByVaAndAsidRemovesThatAsidAndGlobalEntriesOnly() {
        Cpu c = el1(m.cpu(0), 1, 0);
        mapPage(BLOCK_A, NG);
        assertEquals(0xA0A0L, c.read64(VA_PAGE + 8));
        el1(c, 2, 0);
        assertEquals(0xA0A0L, c.read64(VA_PAGE + 8));
        mapPage(BLOCK_B, NG);
        c.maintenance.tlbi(c, "vae1", arg(VA_PAGE, 1));
        assertEquals(0xA0A0L, c.read64(VA_PAGE + 8), "ASID 2's entry is not ASID 1's");
        el1(c, 1, 0);
        assertEquals(0xB0B0L, c.read64(VA_PAGE + 8), "ASID 1's entry is gone");

        mapBlock(BLOCK_A, 0); // global
        assertEquals(0xAAAAL, c.read64(VA_BLOCK + OFF));
        mapBlock(BLOCK_B, 0);
        c.maintenance.tlbi(c, "vae1", arg(VA_BLOCK, 7)); // any ASID matches a global entry
        assertEquals(0xBBBBL, c.read64(VA_BLOCK + OFF));
    }

    @Test
    void aTlbiByVaForAllAsidsRemovesEveryAsidsEntry() {
        Cpu c = el1(m.cpu(0), 1, 0);
        mapPage(BLOCK_A, NG);
        assertEquals(0xA0A0L, c.read64(VA_PAGE + 8));
        el1(c, 2, 0);
        assertEquals(0xA0A0L, c.read64(VA_PAGE + 8));
        mapPage(BLOCK_B, NG);
        c.maintenance.tlbi(c, "vaale1", arg(VA_PAGE, 1)); // the ASID field is ignored
        assertEquals(0xB0B0L, c.read64(VA_PAGE + 8));
        el1(c, 1, 0);
        assertEquals(0xB0B0L, c.read64(VA_PAGE + 8));
    }

    @Test
    void aTlbiByVaAppliesToTheCurrentVmidOnly() {
        Cpu c = el1(m.cpu(0), 1, 5);
        mapBlock(BLOCK_A, 0);
        assertEquals(0xAAAAL, c.read64(VA_BLOCK + OFF));
        el1(c, 1, 6);
        assertEquals(0xAAAAL, c.read64(VA_BLOCK + OFF));
        mapBlock(BLOCK_B, 0);
        c.maintenance.tlbi(c, "vaae1", arg(VA_BLOCK, 0)); // executed with VMID 6
        assertEquals(0xBBBBL, c.read64(VA_BLOCK + OFF));
        el1(c, 1, 5);
        assertEquals(0xAAAAL, c.read64(VA_BLOCK + OFF), "VMID 5's entry is not VMID 6's");
        c.maintenance.tlbi(c, "vae1", arg(VA_BLOCK + 0x8000, 1));
        assertEquals(0xBBBBL, c.read64(VA_BLOCK + OFF));
    }

    @Test
    void anInnerShareableTlbiByVaReachesTheBlockEntriesOfEveryPe() {
        Cpu c0 = el1(m.cpu(0), 1, 0);
        Cpu c1 = el1(m.cpu(1), 1, 0);
        mapBlock(BLOCK_A, NG);
        assertEquals(0xAAAAL, c0.read64(VA_BLOCK + OFF));
        assertEquals(0xAAAAL, c1.read64(VA_BLOCK + OFF));
        mapBlock(BLOCK_B, NG);
        c0.maintenance.tlbi(c0, "vae1", arg(VA_BLOCK + 0x5000, 1));
        assertEquals(0xBBBBL, c0.read64(VA_BLOCK + OFF));
        assertEquals(0xAAAAL, c1.read64(VA_BLOCK + OFF), "a local TLBI leaves the other PE's TLB alone");
        c0.maintenance.tlbi(c0, "vale1is", arg(VA_BLOCK + 0x5000, 1));
        assertEquals(0xBBBBL, c1.read64(VA_BLOCK + OFF));
    }

    @Test
    void aTlbiOfAnotherEntryOfTheSameVaDoesNotDisturbALaterFill() {
        // The entry replaced under its key by a new walk must leave the VA index too: after a refill,
        // a TLBI must still find the current entry.
        Cpu c = el1(m.cpu(0), 1, 0);
        mapPage(BLOCK_A, 0);
        assertEquals(0xA0A0L, c.read64(VA_PAGE + 8));
        mapPage(BLOCK_B, 0);
        c.maintenance.tlbi(c, "vaae1", arg(VA_PAGE, 0));
        assertEquals(0xB0B0L, c.read64(VA_PAGE + 8));
        mapPage(BLOCK_A, 0);
        c.maintenance.tlbi(c, "vaae1is", arg(VA_PAGE, 0));
        assertEquals(0xA0A0L, c.read64(VA_PAGE + 8));
    }

    /**
     * Stage 2 only (stage 1 off at EL1, HCR_EL2.VM = 1, VTCR_EL2: 4KB, 40-bit IPA, start at level 1 with
     * two concatenated tables): IPA = VA, and the 2 MiB stage 2 block at IPA BLOCK_A maps to {@code out}.
     */
    Cpu stage2Only(Cpu c, int vmid, long out) {
        long s2l1 = RAM + (10 << 20), s2l2 = s2l1 + 0x2000; // 8 KiB aligned
        put(s2l1, 1, s2l2 | TABLE); // IPA[39:30] = 1
        put(s2l2, 2, out | BLOCK | AF | ISH | 3L << 6 | 0xFL << 2); // IPA[29:21] = 2: S2AP RW, Normal WB
        c.el = 1;
        c.sctlr[1] &= ~1L;
        c.hcrEl2 |= 1; // VM
        c.vtcrEl2 = 24 | 1L << 6 | 2L << 16 | 1L << 31;
        c.vttbrEl2 = s2l1 | (long) vmid << 48;
        return c;
    }

    @Test
    void aTlbiByIpaRemovesTheStage2BlockCoveringTheIpaInTheCurrentVmidOnly() {
        Cpu c = stage2Only(m.cpu(0), 5, BLOCK_A);
        assertEquals(0xAAAAL, c.read64(BLOCK_A + OFF));
        stage2Only(c, 6, BLOCK_A);
        assertEquals(0xAAAAL, c.read64(BLOCK_A + OFF));
        stage2Only(c, 6, BLOCK_B);
        c.maintenance.tlbi(c, "ipas2e1", (BLOCK_A + 0x40_0000L) >>> 12); // not this block
        assertEquals(0xAAAAL, c.read64(BLOCK_A + OFF), "a TLBI of an IPA outside the block keeps it");
        c.maintenance.tlbi(c, "ipas2le1is", (BLOCK_A + 0x1F_F000L) >>> 12);
        assertEquals(0xBBBBL, c.read64(BLOCK_A + OFF), "the stage 2 entry covering the IPA is gone");
        stage2Only(c, 5, BLOCK_B);
        assertEquals(0xAAAAL, c.read64(BLOCK_A + OFF), "VMID 5's entry is not VMID 6's");
    }
}
