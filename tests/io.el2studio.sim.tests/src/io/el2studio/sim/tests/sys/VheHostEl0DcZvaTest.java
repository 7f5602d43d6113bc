package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * In the VHE host's EL0 (HCR_EL2.{E2H, TGE} = {1, 1}: ELIsInHost(EL0)) DC ZVA and DCZID_EL0.DZP obey
 * SCTLR_EL2.DZE, not SCTLR_EL1.DZE (Arm ARM pseudocode of DC ZVA and DCZID_EL0). Found booting Debian's
 * kernel at EL2: Linux sets only SCTLR_EL2.DZE, and busybox's memset (DC ZVA) got SIGILL from the trap.
 */
class VheHostEl0DcZvaTest {
    static final long RAM = 0x4000_0000L, CODE = RAM + 0x1000, DATA = RAM + 0x8000;
    static final int DC_ZVA_X0 = 0xD50B7420;     // dc zva, x0
    static final int MRS_X1_DCZID = 0xD53B00E1;  // mrs x1, dczid_el0
    static final long E2H = 1L << 34, TGE = 1L << 27, DZE = 1L << 14;

    static Cpu hostEl0(long sctlrEl2, long sctlrEl1) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 1 << 20, 1);
        m.load(CODE, new byte[] {(byte) 0xE1, 0x00, 0x3B, (byte) 0xD5, 0x20, 0x74, 0x0B, (byte) 0xD5});
        Cpu c = m.cpu(0);
        c.scrEl3 |= 1; // NS: EL2 enabled
        c.hcrEl2 = E2H | TGE | (1L << 31);
        c.sctlr[2] = sctlrEl2;
        c.sctlr[1] = sctlrEl1;
        c.vbar[2] = RAM + 0x20000;
        c.el = 0;
        c.spsel = false;
        c.pc = CODE;
        c.x[0] = DATA;
        c.write64(DATA, -1L);
        return c;
    }

    @Test
    void dcZvaInTheHostEl0FollowsSctlrEl2Dze() {
        Cpu c = hostEl0(DZE, 0);
        c.step();
        assertEquals(0, (c.x[1] >>> 4) & 1, "DCZID_EL0.DZP");
        c.step();
        assertEquals(0, c.el, "no trap");
        assertEquals(0L, c.read64(DATA), "block zeroed");
    }

    @Test
    void dcZvaInTheHostEl0TrapsToEl2WhenSctlrEl2DzeIsClear() {
        Cpu c = hostEl0(0, DZE);
        c.step();
        assertEquals(1, (c.x[1] >>> 4) & 1, "DCZID_EL0.DZP");
        c.step();
        assertEquals(2, c.el);
        assertEquals(0x18L, c.esr[2] >>> 26, "EC: trapped system instruction");
        assertEquals(-1L, c.read64(DATA), "not zeroed");
    }
}
