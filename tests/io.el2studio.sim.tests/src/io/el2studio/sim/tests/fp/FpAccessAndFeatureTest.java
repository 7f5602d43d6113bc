package io.el2studio.sim.tests.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.machine.MiniMachine;

/**
 * Scalar FP instructions honour the SIMD&FP access controls and the FEAT_FP16 gating of the
 * half-precision forms.
 */
class FpAccessAndFeatureTest {
    private static final long BASE = 0x4000_0000L;

    private static final int FADD_S0_S1_S2 = 0x1E22_2820; // fadd s0, s1, s2
    private static final int FADD_H0_H1_H2 = 0x1EE2_2820; // fadd h0, h1, h2

    /** Runs one instruction at EL1 and returns the synchronous exception it raised, or null. */
    private static GuestFault run(Cpu c, MiniMachine m, int word) {
        m.load(BASE, new byte[] {(byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)});
        GuestFault[] seen = new GuestFault[1];
        c.faultHook = (cpu, f) -> {
            seen[0] = f;
            cpu.npc = cpu.pc + 4;
            cpu.pc = cpu.npc;
            return true;
        };
        c.el = 1;
        c.pc = BASE;
        c.step();
        return seen[0];
    }

    @Test
    void cpacrFpenZeroTrapsFaddAtEl1WithoutChangingState() {
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 1 << 20, 1);
        Cpu c = m.cpu(0);
        c.cpacrEl1 &= ~(3L << 20); // CPACR_EL1.FPEN = 00: trap EL0 and EL1
        c.setV(0, 0x1234, 0x5678);
        c.setV(1, 0x3F80_0000L, 0);   // 1.0
        c.setV(2, 0x7F80_0001L, 0);   // signalling NaN: would raise IOC
        c.fpsr = 0;
        GuestFault f = run(c, m, FADD_S0_S1_S2);
        assertNotNull(f, "fadd must trap");
        assertEquals(GuestFault.EC_FP_ACCESS, f.ec);
        assertEquals(0x1234, c.v[0]);
        assertEquals(0x5678, c.v[1]);
        assertEquals(0, c.fpsr);
    }

    @Test
    void cpacrFpenEnabledLetsFaddRaiseItsFlags() {
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 1 << 20, 1);
        Cpu c = m.cpu(0);
        c.cpacrEl1 |= 3L << 20;
        c.setV(1, 0x3F80_0000L, 0);
        c.setV(2, 0x7F80_0001L, 0);
        c.fpsr = 0;
        assertNull(run(c, m, FADD_S0_S1_S2));
        assertEquals(0x7FC0_0001L, c.v[0], "the quieted signalling NaN");
        assertEquals(1, c.fpsr, "IOC");
    }

    @Test
    void halfPrecisionFaddIsUndefinedWithoutFp16() {
        MiniMachine m = new MiniMachine(CpuProfile.cortexA57(), BASE, 1 << 20, 1);
        Cpu c = m.cpu(0);
        c.cpacrEl1 |= 3L << 20;
        assertNull(run(c, m, FADD_S0_S1_S2));
        GuestFault f = run(c, m, FADD_H0_H1_H2);
        assertNotNull(f, "fadd h0, h1, h2 needs FEAT_FP16");
        assertEquals(GuestFault.EC_UNKNOWN, f.ec);
    }

    @Test
    void halfPrecisionFaddRunsWithFp16() {
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 1 << 20, 1);
        Cpu c = m.cpu(0);
        c.cpacrEl1 |= 3L << 20;
        c.setV(1, 0x3C00, 0); // 1.0
        c.setV(2, 0x4000, 0); // 2.0
        assertNull(run(c, m, FADD_H0_H1_H2));
        assertEquals(0x4200, c.v[0]); // 3.0
    }
}
