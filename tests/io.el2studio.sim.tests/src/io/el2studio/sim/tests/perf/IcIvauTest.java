package io.el2studio.sim.tests.perf;

import static io.el2studio.sim.tests.support.TestMachine.littleEndian;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * IC IVAU invalidates the instruction cache line of a VA, at the PA the VA translates to (Arm ARM
 * C5.3, "IC IVAU"): code changed in RAM behind the bus (no store observed) runs after an IC IVAU of
 * its address, with the MMU off (VA = PA) and through a stage 1 mapping whose VA differs from the PA,
 * and whether the page ran interpreted or as a translated block.
 */
class IcIvauTest {
    private static final long RAM = 0x4000_0000L, CODE = RAM + 0x2000;
    private static final int MOV_X0_1 = 0xd2800020, MOV_X0_2 = 0xd2800040, ADD_X0_X0_5 = 0x91001400;
    static final long AF = 1L << 10, ISH = 3L << 8, TABLE = 3, PAGE = 3;
    /** TCR_EL1: T0SZ = T1SZ = 16, 4KB granules, IPS = 40 bits. */
    static final long TCR_4K = 16L | 16L << 16 | 2L << 30 | 2L << 32;
    static final long VA = 0x8000_3000L;

    private static long runFrom(Cpu c, long pc, int n) {
        c.pc = pc;
        c.run(n);
        return c.x[0];
    }

    private static MiniMachine machine(int threshold) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 1 << 20, 1);
        m.cpu(0).el = 1;
        m.decodeCache.blockThreshold = threshold;
        m.load(CODE, littleEndian(MOV_X0_1, ADD_X0_X0_5, ADD_X0_X0_5, ADD_X0_X0_5));
        return m;
    }

    private static void changeBehindTheBus(MiniMachine m) {
        System.arraycopy(littleEndian(MOV_X0_2), 0, m.bus.ram.bytes, (int) (CODE - RAM), 4);
    }

    @Test
    void codeChangedBehindTheBusRunsAfterAnIcIvauOfItsAddress() {
        for (int threshold : new int[] {0, 1}) {
            MiniMachine m = machine(threshold);
            Cpu c = m.cpu(0);
            assertEquals(16, runFrom(c, CODE, 4));
            changeBehindTheBus(m);
            c.maintenance.ic(c, "ivau", CODE + 0x3C); // any address of the line (here of its 64-byte line)
            assertEquals(17, runFrom(c, CODE, 4), "threshold " + threshold);
        }
    }

    @Test
    void anIcIvauInvalidatesThePhysicalPageItsVaTranslatesTo() {
        for (int threshold : new int[] {0, 1}) {
            MiniMachine m = machine(threshold);
            Cpu c = m.cpu(0);
            long l0 = RAM + 0x10000, l1 = l0 + 0x1000, l2 = l1 + 0x1000, l3 = l2 + 0x1000;
            m.bus.write(l0, 8, l1 | TABLE);
            m.bus.write(l1 + 8 * 2, 8, l2 | TABLE);
            m.bus.write(l2, 8, l3 | TABLE);
            m.bus.write(l3 + 8 * 3, 8, CODE | PAGE | AF | ISH); // VA 0x8000_3000 -> CODE, EL1 RW, executable
            c.mair[1] = 0xFF;
            c.tcr[1] = TCR_4K;
            c.ttbr0[1] = l0;
            c.sctlr[1] |= 1;
            assertEquals(16, runFrom(c, VA, 4));
            changeBehindTheBus(m);
            c.maintenance.ic(c, "ivau", VA);
            assertEquals(17, runFrom(c, VA, 4), "threshold " + threshold);
        }
    }
}
