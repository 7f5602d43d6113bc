package io.el2studio.sim.tests.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.mmu.Entry;
import io.el2studio.sim.mmu.Mmu;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.mmu.Walker;
import io.el2studio.sim.mmu.WalkFault;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * MMU behaviour that a QEMU transcript cannot pin down (QEMU's TLB flushes more than the
 * architecture requires, so staleness is invisible there) or that is our own API: staleness until
 * the TLBI, ASID and VMID tagging, broadcast TLBIs, the side-effect-free walker, the ID registers.
 * Page tables are written into RAM here, descriptor by descriptor, as the Arm ARM D8.3 formats them.
 */
class MmuTest {
    static final long RAM = 0x4000_0000L;
    static final long AF = 1L << 10, NG = 1L << 11, ISH = 3L << 8, TABLE = 3, PAGE = 3, BLOCK = 1;
    /** TCR_EL1: T0SZ = T1SZ = 16, 4KB granules (TG1 = 0b10), IPS = 40 bits, AS = 16-bit ASIDs. */
    static final long TCR_4K = 16L | 16L << 16 | 2L << 30 | 2L << 32 | 1L << 36;

    final MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 16 << 20, 2);
    long next = RAM + (8 << 20);

    long page() {
        long p = next;
        next += 0x1000;
        return p;
    }

    void put(long table, int index, long desc) {
        m.bus.write(table + 8L * index, 8, desc);
    }

    long l0, l1, l2, l3, bufA, bufB;

    /** EL1 stage 1: VA 0x8000_0000 + n pages -> l3[n]; ASID 1. */
    Cpu el1WithTables(Cpu c) {
        if (l0 == 0) {
            l0 = page();
            l1 = page();
            l2 = page();
            l3 = page();
            bufA = page();
            bufB = page();
            m.bus.write(bufA, 8, 0xAAAAL);
            m.bus.write(bufB, 8, 0xBBBBL);
            put(l0, 0, l1 | TABLE);
            put(l1, 2, l2 | TABLE);
            put(l2, 0, l3 | TABLE);
            put(l3, 0, bufA | PAGE | AF | ISH);
            put(l3, 1, bufA | PAGE | AF | ISH | NG);
        }
        c.el = 1;
        c.mair[1] = 0xFF;
        c.tcr[1] = TCR_4K;
        c.ttbr0[1] = l0 | 1L << 48;
        c.sctlr[1] |= 1;
        return c;
    }

    static long tlbiVa(long va, int asid) {
        return (va >>> 12) | (long) asid << 48;
    }

    @Test
    void aStaleTranslationIsUsedUntilItsTlbi() {
        Cpu c = el1WithTables(m.cpu(0));
        assertEquals(0xAAAAL, c.read64(0x8000_0000L));
        put(l3, 0, bufB | PAGE | AF | ISH);
        assertEquals(0xAAAAL, c.read64(0x8000_0000L), "the TLB still holds the old translation");
        c.maintenance.tlbi(c, "vae1", tlbiVa(0x8000_0000L, 1));
        assertEquals(0xBBBBL, c.read64(0x8000_0000L));
    }

    @Test
    void nonGlobalEntriesAreTaggedWithTheirAsid() {
        Cpu c = el1WithTables(m.cpu(0));
        assertEquals(0xAAAAL, c.read64(0x8000_1000L));
        put(l3, 1, bufB | PAGE | AF | ISH | NG);
        c.ttbr0[1] = l0 | 2L << 48; // a new ASID, no TLBI: its entries are not the ones of ASID 1
        assertEquals(0xBBBBL, c.read64(0x8000_1000L));
        c.ttbr0[1] = l0 | 1L << 48; // back to ASID 1: its stale entry is still there
        assertEquals(0xAAAAL, c.read64(0x8000_1000L));
        c.maintenance.tlbi(c, "aside1", 1L << 48);
        assertEquals(0xBBBBL, c.read64(0x8000_1000L));
    }

    @Test
    void innerShareableTlbiReachesEveryPeAndLocalOnlyItsOwn() {
        Cpu c0 = el1WithTables(m.cpu(0));
        Cpu c1 = el1WithTables(m.cpu(1));
        assertEquals(0xAAAAL, c0.read64(0x8000_0000L));
        assertEquals(0xAAAAL, c1.read64(0x8000_0000L));
        put(l3, 0, bufB | PAGE | AF | ISH);
        c0.maintenance.tlbi(c0, "vmalle1", 0);
        assertEquals(0xBBBBL, c0.read64(0x8000_0000L));
        assertEquals(0xAAAAL, c1.read64(0x8000_0000L), "a local TLBI leaves the other PE's TLB alone");
        c0.maintenance.tlbi(c0, "vaae1is", tlbiVa(0x8000_0000L, 0));
        assertEquals(0xBBBBL, c1.read64(0x8000_0000L));
    }

    @Test
    void stage1FaultsCarryLevelAndWnR() {
        Cpu c = el1WithTables(m.cpu(0));
        put(l3, 2, bufA | PAGE | AF | ISH | 2L << 6); // read-only at EL1
        GuestFault f = assertThrows(GuestFault.class, () -> c.write64(0x8000_2008L, 1));
        assertEquals(0x25, f.ec);
        assertEquals(0x4F, f.iss, "WnR, permission fault level 3");
        assertEquals(0x8000_2008L, f.far);
        f = assertThrows(GuestFault.class, () -> c.read64(0x8000_3000L));
        assertEquals(0x07, f.iss, "translation fault level 3");
    }

    @Test
    void unalignedDataAccessWithStage1OffIsADeviceAlignmentFault() {
        Cpu c = m.cpu(0);
        c.el = 1;
        assertEquals(0x0807060504030201L, writeAndReadUnaligned(c), "QEMU 7.2 parity on MiniMachine");
        Mmu.of(c).setAlignDeviceWhenStage1Off(true); // the architecture: Device-nGnRnE data accesses
        GuestFault f = assertThrows(GuestFault.class, () -> c.read64(RAM + 0x1001));
        assertEquals(0x25, f.ec);
        assertEquals(0x21, f.iss);
        assertEquals(RAM + 0x1001, f.far);
    }

    long writeAndReadUnaligned(Cpu c) {
        for (int i = 0; i < 8; i++) {
            m.bus.write(RAM + 0x1001 + i, 1, i + 1);
        }
        return c.read64(RAM + 0x1001);
    }

    @Test
    void anAccessCrossingPagesUsesBothTranslations() {
        Cpu c = el1WithTables(m.cpu(0));
        put(l3, 4, bufA | PAGE | AF | ISH);
        put(l3, 5, bufB | PAGE | AF | ISH);
        m.bus.write(bufA + 0xFFC, 4, 0x44332211L);
        m.bus.write(bufB, 4, 0x88776655L);
        assertEquals(0x8877665544332211L, c.read64(0x8000_4FFCL));
    }

    /** Stage 2 tables of a VM that is not loaded: 4KB, T0SZ = 24 (40-bit IPA), SL0 = 1 (two concatenated level 1 tables). */
    @Test
    void theWalkerTranslatesAnIpaOfAnotherVmWithoutSideEffects() {
        Cpu c = m.cpu(0);
        long s2l1 = next = (next + 0x1FFF) & ~0x1FFFL;
        next += 0x2000;
        long s2l2 = page(), s2l3 = page(), target = page();
        put(s2l1, 512 + 2, s2l2 | TABLE); // IPA 0x80_8000_0000: index 514 of the concatenated tables
        put(s2l2, 0, s2l3 | TABLE);
        put(s2l3, 3, target | PAGE | AF | 3L << 6 | 0xFL << 2 | ISH);
        long vtcr = 24 | 1L << 6 | 2L << 16 | 1L << 31;
        long vttbr = s2l1 | 7L << 48;
        int before = Mmu.of(c).tlb.size();
        Walker.Result r = Walker.debugStage2(m.bus, vttbr, vtcr, 0x80_8000_3123L);
        assertTrue(r.ok(), () -> "fault: " + r.fault());
        assertEquals(target + 0x123, r.entry().pa(0x80_8000_3123L));
        assertEquals(List.of(1, 2, 3), r.steps().stream().map(Walker.Step::level).toList());
        assertEquals(s2l1 + 8 * 514, r.steps().get(0).address());
        assertEquals(before, Mmu.of(c).tlb.size(), "a debugger walk does not fill the TLB");
        assertEquals(0, c.vttbrEl2, "nor touches the PE");
        Walker.Result miss = Walker.debugStage2(m.bus, vttbr, vtcr, 0x80_8000_4000L);
        assertFalse(miss.ok());
        assertEquals(WalkFault.TRANSLATION, miss.fault().type);
        assertEquals(3, miss.fault().level);
        assertTrue(miss.fault().stage2);
    }

    /** 16KB granule, T0SZ = 25 (39-bit VA): the walk starts at level 1 with 3 index bits. */
    @Test
    void a16kGranuleWalkStartsWhereT0szPutsIt() {
        long t1 = (next + 0x3FFF) & ~0x3FFFL;
        long t2 = t1 + 0x4000, t3 = t2 + 0x4000, target = t3 + 0x4000;
        next = target + 0x4000;
        long va = (4L << 36) | (1L << 25) | (5L << 14) | 0x10; // L1 index 4 (bits 38:36), L2 index 1, L3 index 5
        put(t1, 4, t2 | TABLE);
        put(t2, 1, t3 | TABLE);
        put(t3, 5, target | PAGE | AF | ISH);
        long tcr = 25 | 2L << 14 | 2L << 32 | 1L << 23;
        MmuRegs regs = new MmuRegs(Regime.EL10, 1, tcr, t1, 0, 0xFF, 0, 0, 0, true);
        Walker.Result r = Walker.debugTranslate(m.bus, regs, va, Cpu.READ);
        assertTrue(r.ok(), () -> "fault: " + r.fault());
        assertEquals(List.of(1, 2, 3), r.steps().stream().map(Walker.Step::level).toList());
        Entry e = r.entry();
        assertEquals(target + 0x10, e.pa(va));
        assertEquals(14, e.shift);
    }

    @Test
    void idRegistersAdvertiseWhatTheWalkerImplements() {
        Cpu c = m.cpu(0);
        long mmfr0 = SysRegTable.byName("ID_AA64MMFR0_EL1").read(c);
        long mmfr1 = SysRegTable.byName("ID_AA64MMFR1_EL1").read(c);
        long mmfr2 = SysRegTable.byName("ID_AA64MMFR2_EL1").read(c);
        assertEquals(c.profile.paRange(), mmfr0 & 0xF, "PARange = the profile's PA size");
        assertEquals(48, c.profile.paBits(), "max: 48-bit PA");
        assertTrue(c.profile.paBits() <= Walker.PA_BITS, "no more than the walker implements");
        assertEquals(2, (mmfr0 >>> 4) & 0xF, "ASIDBits 16");
        assertEquals(1, (mmfr0 >>> 20) & 0xF, "TGran16 supported");
        assertEquals(0, (mmfr0 >>> 24) & 0xF, "TGran64 supported");
        assertEquals(0, (mmfr0 >>> 28) & 0xF, "TGran4 supported");
        assertEquals(0, (mmfr0 >>> 32) & 0xFFF, "TGranX_2: as stage 1");
        assertEquals(0, mmfr1 & 0xF, "no HAFDBS");
        assertEquals(2, (mmfr1 >>> 4) & 0xF, "VMIDBits 16");
        assertEquals(1, (mmfr1 >>> 8) & 0xF, "VH");
        assertEquals(0, (mmfr1 >>> 12) & 0xF, "no HPDS");
        assertEquals(1, (mmfr1 >>> 20) & 0xF, "PAN");
        assertEquals(0, (mmfr1 >>> 28) & 0xF, "no XNX");
        assertEquals(0, mmfr2 & 0xF, "no CnP");
        assertEquals(0, (mmfr2 >>> 16) & 0xF, "no 52-bit VA");
    }

    @Test
    void atWithStage1OffReportsDeviceMemoryAndNoFault() {
        Cpu c = m.cpu(0);
        c.el = 1;
        c.maintenance.at(c, "s1e1r", RAM + 0x1234);
        // PAR_EL1: PA, RES1 bit 11, NS, SH = 0b10 (Device is Outer Shareable), ATTR = 0x00 (Device-nGnRnE)
        assertEquals((RAM + 0x1000) | 1L << 11 | 1L << 9 | 2L << 7, c.parEl1);
    }

    /** HCR_EL2.{E2H,TGE} = {1,1}: EL0 translates with TTBR0_EL2 (EL2&amp;0), and its faults go to EL2 as lower-EL aborts. */
    @Test
    void hostEl0UsesTheEl2AndZeroRegimeAndFaultsToEl2() {
        Cpu c = m.cpu(0);
        long t0 = page(), t1 = page(), t2 = page(), t3 = page(), buf = page();
        m.bus.write(buf, 8, 0x1234L);
        put(t0, 0, t1 | TABLE);
        put(t1, 2, t2 | TABLE);
        put(t2, 0, t3 | TABLE);
        put(t3, 0, buf | PAGE | AF | ISH | 1L << 6); // AP = 01: EL0 read/write
        put(t3, 1, buf | PAGE | AF | ISH);           // AP = 00: EL2 only
        c.hcrEl2 |= 1L << 34 | 1L << 27;
        c.tcr[2] = TCR_4K | 1L << 23;
        c.mair[2] = 0xFF;
        c.ttbr0[2] = t0 | 9L << 48;
        c.sctlr[2] |= 1;
        c.el = 0;
        assertEquals(0x1234L, c.read64(0x8000_0000L));
        GuestFault f = assertThrows(GuestFault.class, () -> c.read64(0x8000_1000L));
        assertEquals(2, f.targetEl);
        assertEquals(0x24, f.ec);
        assertEquals(0x0F, f.iss, "stage 1 permission fault, level 3, no ISV (not a stage 2 fault)");
        assertEquals(Regime.EL20, Regime.of(c, 0));
    }

    /** HCR_EL2.DC: with stage 1 off, EL1&amp;0 memory is Normal Write-Back (PAR_EL1.ATTR = 0xFF), not Device. */
    @Test
    void hcrDcMakesStage1OffMemoryNormalWriteBack() {
        Cpu c = m.cpu(0);
        long s2l1 = next = (next + 0x1FFF) & ~0x1FFFL;
        next += 0x2000;
        put(s2l1, 1, RAM | BLOCK | AF | 3L << 6 | 0xFL << 2 | ISH); // IPA 1 GB block -> RAM, Normal WB
        c.vtcrEl2 = 24 | 1L << 6 | 2L << 16 | 1L << 31;
        c.vttbrEl2 = s2l1;
        c.hcrEl2 |= 1L | 1L << 12; // VM, DC
        c.el = 2;
        c.maintenance.at(c, "s12e1r", RAM + 0x2345);
        assertEquals(0xFFL << 56 | (RAM + 0x2000) | 1L << 11 | 1L << 9 | 3L << 7, c.parEl1);
        c.hcrEl2 &= ~(1L << 12);
        c.maintenance.at(c, "s12e1r", RAM + 0x2345);
        assertEquals((RAM + 0x2000) | 1L << 11 | 1L << 9 | 2L << 7, c.parEl1, "without DC: Device-nGnRnE, Outer Shareable");
    }

    /**
     * The run loop translates each fetch page once and lets data accesses skip the register check
     * until the next system instruction: an MSR TTBR0_EL1; ISB in the middle of a page must still
     * switch the data translation for the next load.
     */
    @Test
    void anMsrTtbr0InTheMiddleOfACodePageSwitchesTheNextLoad() {
        Cpu c = m.cpu(0);
        long[] roots = new long[2];
        long[] bufs = new long[2];
        for (int k = 0; k < 2; k++) {
            long t0 = page(), t1 = page(), t2 = page(), t3 = page();
            bufs[k] = page();
            m.bus.write(bufs[k], 8, 0x100L + k);
            put(t0, 0, t1 | TABLE);
            put(t1, 1, RAM | BLOCK | AF | ISH);       // code and tables: identity 1 GB block
            put(t1, 2, t2 | TABLE);
            put(t2, 0, t3 | TABLE);
            put(t3, 0, bufs[k] | PAGE | AF | ISH | NG);
            roots[k] = t0;
        }
        long code = RAM + 0x10000;
        int[] words = {
            0xF9400001, // ldr x1, [x0]
            0xD5182002, // msr ttbr0_el1, x2
            0xD5033FDF, // isb
            0xF9400003, // ldr x3, [x0]
            0x14000000, // b .
        };
        for (int k = 0; k < words.length; k++) {
            m.bus.write(code + 4L * k, 4, words[k]);
        }
        c.el = 1;
        c.mair[1] = 0xFF;
        c.tcr[1] = TCR_4K;
        c.ttbr0[1] = roots[0] | 1L << 48;
        c.sctlr[1] |= 1;
        c.x[0] = 0x8000_0000L;
        c.x[2] = roots[1] | 2L << 48;
        c.pc = code;
        c.run(5);
        assertEquals(0x100L, c.x[1]);
        assertEquals(0x101L, c.x[3]);
        assertEquals(code + 16, c.pc);
    }
}
