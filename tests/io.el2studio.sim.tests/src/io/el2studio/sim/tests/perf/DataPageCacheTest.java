package io.el2studio.sim.tests.perf;

import static io.el2studio.sim.tests.support.TestMachine.littleEndian;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * The run loop's cache of translated data pages (Cpu: direct-mapped by VA, a load way and a store way
 * per set) never outlives the translation it stands for: guest code that reads and writes pages through
 * EL1&amp;0 stage 1 sees a remap after TLBI (Arm ARM D8.13), a new ASID's walk after TTBR0_EL1 changes,
 * the EL0 permissions after ERET (D8.4.1), and PSTATE.PAN's check after MSR PAN (D8.4.2.1), also when
 * two pages alternate (both cached) and when two pages share a set. Every program runs interpreted and
 * as translated blocks (threshold 1). Page tables are written into RAM in the Arm ARM D8.3 formats.
 */
class DataPageCacheTest {
    static final long RAM = 0x4000_0000L, CODE = RAM + 0x1000, EL0_CODE = RAM + 0x1800, VECTORS = RAM + 0x800;
    static final long AF = 1L << 10, NG = 1L << 11, ISH = 3L << 8, TABLE = 3, PAGE = 3, BLOCK = 1;
    static final long AP_EL1_RW = 0, AP_ALL_RW = 1L << 6, AP_ALL_RO = 2L << 6;
    /** TCR_EL1: T0SZ = 16, 4KB granule, IPS = 40 bits, AS = 16-bit ASIDs. */
    static final long TCR_4K = 16L | 16L << 16 | 2L << 30 | 2L << 32 | 1L << 36;
    /** Physical pages behind the data VAs. */
    static final long X = RAM + 0x20_0000L, Y = RAM + 0x20_1000L, PB = RAM + 0x20_2000L, Z = RAM + 0x20_3000L;
    /** Data VAs: A and B in neighbouring sets, C in A's set (64 pages on). */
    static final long VA_A = 0x8000_0000L, VA_B = VA_A + 0x1000, VA_C = VA_A + 0x4_0000L;

    // A64 words (GNU as, -march=armv8.2-a)
    static final int LDR_X10_X1 = 0xf940002a, LDR_X11_X2 = 0xf940004b, LDR_X12_X1 = 0xf940002c,
            LDR_X13_X2 = 0xf940004d, STR_X6_X1 = 0xf9000026, STR_X7_X2 = 0xf9000047, STR_X4_X3 = 0xf9000064,
            DSB_ISH = 0xd5033b9f, TLBI_VAE1_X5 = 0xd5088725, ISB = 0xd5033fdf, LDR_X14_X1 = 0xf940002e,
            LDR_X15_X2 = 0xf940004f, STR_X8_X1 = 0xf9000028, LDR_W16_X1 = 0xb9400030,
            MSR_TTBR0_EL1_X9 = 0xd5182009, ERET = 0xd69f03e0, MSR_PAN_1 = 0xd500419f, LDR_X17_X1 = 0xf9400031;

    static final int EC_DABT_LOWER = 0x24, EC_DABT_CUR = 0x25;

    static long desc(long pa, long attrs) {
        return pa | PAGE | AF | ISH | attrs;
    }

    /** A one-PE machine at EL1 with its translation tables. */
    static final class Guest {
        final MiniMachine m;
        final Cpu c;
        long next = RAM + (8 << 20);
        final long l0, l1, l2code, l2data, l3;

        long page() {
            long p = next;
            next += 0x1000;
            return p;
        }

        void put(long table, int index, long desc) {
            m.bus.write(table + 8L * index, 8, desc);
        }

        /** EL1 with stage 1 on, ASID 1; RAM identity-mapped (code block read-only at both ELs), data VAs in l3. */
        Guest(int threshold) {
            m = new MiniMachine(CpuProfile.max(), RAM, 16 << 20, 1);
            m.decodeCache.blockThreshold = threshold;
            c = m.cpu(0);
            l0 = page();
            l1 = page();
            l2code = page();
            l2data = page();
            l3 = page();
            put(l0, 0, l1 | TABLE);
            put(l1, 1, l2code | TABLE);
            put(l1, 2, l2data | TABLE);
            put(l2data, 0, l3 | TABLE);
            put(l2code, 0, RAM | BLOCK | AF | ISH | AP_ALL_RO);
            for (int i = 1; i < 8; i++) {
                put(l2code, i, (RAM + ((long) i << 21)) | BLOCK | AF | ISH | AP_EL1_RW);
            }
            m.bus.write(X, 8, 0x1111L);
            m.bus.write(Y, 8, 0x2222L);
            m.bus.write(PB, 8, 0x3333L);
            m.bus.write(Z, 8, 0x4444L);
            c.el = 1;
            c.mair[1] = 0xFF;
            c.tcr[1] = TCR_4K;
            c.ttbr0[1] = l0 | 1L << 48;
            c.vbar[1] = VECTORS;
            c.sctlr[1] |= 1;
        }

        void map(long va, long pa, long attrs) {
            put(l3, (int) ((va >>> 12) & 511), desc(pa, attrs));
        }

        /** Runs {@code n} instructions of {@code words} at CODE from EL1. */
        void run(int n, int... words) {
            m.load(CODE, littleEndian(words));
            c.pc = CODE;
            c.run(n);
        }

        long ram(long pa) {
            return m.bus.read(pa, 8);
        }
    }

    static final int[] THRESHOLDS = {0, 1};

    @Test
    void twoAlternatingPagesBothSeeARemapAfterTlbi() {
        for (int t : THRESHOLDS) {
            Guest s = new Guest(t);
            s.map(VA_A, X, 0);
            s.map(VA_B, PB, 0);
            Cpu c = s.c;
            c.x[1] = VA_A;
            c.x[2] = VA_B;
            c.x[3] = s.l3; // A's descriptor, through the identity map
            c.x[4] = desc(Y, 0);
            c.x[5] = (VA_A >>> 12) | 1L << 48;
            c.x[6] = 0x66;
            c.x[7] = 0x77;
            c.x[8] = 0x88;
            s.run(15, LDR_X10_X1, LDR_X11_X2, LDR_X12_X1, LDR_X13_X2, STR_X6_X1, STR_X7_X2, STR_X4_X3, DSB_ISH,
                    TLBI_VAE1_X5, DSB_ISH, ISB, LDR_X14_X1, LDR_X15_X2, STR_X8_X1, LDR_W16_X1);
            String at = "threshold " + t;
            assertEquals(CODE + 60, c.pc, at);
            assertEquals(0x1111L, c.x[10], at);
            assertEquals(0x3333L, c.x[11], at);
            assertEquals(0x1111L, c.x[12], at);
            assertEquals(0x3333L, c.x[13], at);
            assertEquals(0x2222L, c.x[14], "load of A after the remap and TLBI: " + at);
            assertEquals(0x77L, c.x[15], "B's page is unchanged: " + at);
            assertEquals(0x88L, c.x[16], at);
            assertEquals(0x66L, s.ram(X), "the store before the TLBI went to X: " + at);
            assertEquals(0x88L, s.ram(Y), "the store after the TLBI went to Y: " + at);
            assertEquals(0x77L, s.ram(PB), at);
        }
    }

    @Test
    void twoPagesOfOneSetEachReachTheirOwnPage() {
        for (int t : THRESHOLDS) {
            Guest s = new Guest(t);
            s.map(VA_A, X, 0);
            s.map(VA_C, Z, 0);
            Cpu c = s.c;
            c.x[1] = VA_A;
            c.x[2] = VA_C;
            c.x[6] = 0x66;
            c.x[7] = 0x77;
            s.run(8, LDR_X10_X1, LDR_X11_X2, LDR_X12_X1, LDR_X13_X2, STR_X6_X1, STR_X7_X2, LDR_X14_X1, LDR_X15_X2);
            String at = "threshold " + t;
            assertEquals(0x1111L, c.x[10], at);
            assertEquals(0x4444L, c.x[11], at);
            assertEquals(0x1111L, c.x[12], at);
            assertEquals(0x4444L, c.x[13], at);
            assertEquals(0x66L, c.x[14], at);
            assertEquals(0x77L, c.x[15], at);
            assertEquals(0x66L, s.ram(X), at);
            assertEquals(0x77L, s.ram(Z), at);
        }
    }

    @Test
    void aNewAsidInTtbr0WalksTheTablesAgain() {
        for (int t : THRESHOLDS) {
            Guest s = new Guest(t);
            s.map(VA_A, X, NG);
            Cpu c = s.c;
            c.x[1] = VA_A;
            c.x[3] = s.l3;
            c.x[4] = desc(Y, NG); // no TLBI: ASID 1's entry may stay, ASID 2 has none
            c.x[6] = 0x66;
            c.x[8] = 0x88;
            c.x[9] = s.l0 | 2L << 48;
            s.run(7, LDR_X10_X1, STR_X6_X1, STR_X4_X3, MSR_TTBR0_EL1_X9, ISB, LDR_X14_X1, STR_X8_X1);
            String at = "threshold " + t;
            assertEquals(0x1111L, c.x[10], at);
            assertEquals(0x2222L, c.x[14], "ASID 2 reads Y: " + at);
            assertEquals(0x66L, s.ram(X), at);
            assertEquals(0x88L, s.ram(Y), "ASID 2 writes Y: " + at);
        }
    }

    @Test
    void afterEretToEl0AnEl1OnlyPageFaults() {
        for (int t : THRESHOLDS) {
            for (boolean store : new boolean[] {false, true}) {
                Guest s = new Guest(t);
                s.map(VA_A, X, AP_EL1_RW);
                Cpu c = s.c;
                c.x[1] = VA_A;
                c.x[6] = 0x66;
                c.x[7] = 0x77;
                c.elr[1] = EL0_CODE;
                c.spsr[1] = 0; // EL0t
                s.m.load(EL0_CODE, littleEndian(store ? STR_X7_X2 : LDR_X14_X1));
                c.x[14] = -1;
                c.x[2] = VA_A;
                s.run(4, LDR_X10_X1, STR_X6_X1, ERET);
                String at = "threshold " + t + (store ? ", store" : ", load");
                assertEquals(0x1111L, c.x[10], at);
                assertEquals(1, c.el, "the EL0 access trapped to EL1: " + at);
                assertEquals(EC_DABT_LOWER, (int) (c.esr[1] >>> 26), "data abort from EL0: " + at);
                assertEquals(VA_A, c.far[1], at);
                assertEquals(EL0_CODE, c.elr[1], at);
                assertEquals(-1L, c.x[14], at);
                assertEquals(0x66L, s.ram(X), at);
            }
        }
    }

    @Test
    void afterMsrPanAnEl0PageFaultsAtEl1() {
        for (int t : THRESHOLDS) {
            for (boolean store : new boolean[] {false, true}) {
                Guest s = new Guest(t);
                s.map(VA_A, X, AP_ALL_RW);
                Cpu c = s.c;
                c.x[1] = VA_A;
                c.x[6] = 0x66;
                c.x[8] = 0x88;
                c.x[17] = -1;
                s.run(4, LDR_X10_X1, STR_X6_X1, MSR_PAN_1, store ? STR_X8_X1 : LDR_X17_X1);
                String at = "threshold " + t + (store ? ", store" : ", load");
                assertEquals(0x1111L, c.x[10], at);
                assertEquals(EC_DABT_CUR, (int) (c.esr[1] >>> 26), "PAN permission fault: " + at);
                assertEquals(VA_A, c.far[1], at);
                assertEquals(CODE + 12, c.elr[1], at);
                assertEquals(-1L, c.x[17], at);
                assertEquals(0x66L, s.ram(X), "the store under PAN did not happen: " + at);
            }
        }
    }
}
