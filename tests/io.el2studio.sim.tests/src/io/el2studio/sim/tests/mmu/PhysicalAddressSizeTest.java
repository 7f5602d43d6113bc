package io.el2studio.sim.tests.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.mmu.Walker;
import io.el2studio.sim.mmu.WalkFault;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * The physical address size is a property of the CPU profile (cortex-a57: 44 bits as on the real part
 * and QEMU 7.2's cortex-a57, ID_AA64MMFR0_EL1.PARange = 0b0100; max: 48 bits, 0b0101), and the walker
 * honours it (Arm ARM D8, "Output address size"): TCR_ELx.IPS and VTCR_EL2.PS above PAMax() behave as
 * PAMax(), so an output address, a next-level table address or a translation table base above it is an
 * Address size fault, and with stage 1 disabled so is a VA above it.
 */
class PhysicalAddressSizeTest {
    static final long RAM = 0x4000_0000L;
    static final long AF = 1L << 10, TABLE = 3, PAGE = 3, BLOCK = 1;

    static Cpu pe(String profile) {
        MiniMachine m = new MiniMachine(CpuProfile.named(profile), RAM, 16 << 20, 1);
        Cpu c = m.cpu(0);
        c.el = 1;
        return c;
    }

    @ParameterizedTest
    @CsvSource({"cortex-a57, 44, 4", "max, 48, 5"})
    void parangeAdvertisesTheProfilesPhysicalAddressSize(String profile, int bits, int parange) {
        Cpu c = pe(profile);
        assertEquals(bits, c.profile.paBits());
        assertEquals(parange, SysRegTable.byName("ID_AA64MMFR0_EL1").read(c) & 0xF);
    }

    /** Stage 1, 4KB granule, T0SZ = 16, IPS = 0b101 (48 bits): a level 1 block whose output address is {@code oa}. */
    static WalkFault walkTo(Cpu c, long oa) {
        long l0 = RAM + 0x10_0000, l1 = RAM + 0x10_1000;
        c.bus.write(l0, 8, l1 | TABLE);
        c.bus.write(l1, 8, oa | BLOCK | AF);
        c.mair[1] = 0xFF;
        c.tcr[1] = 16L | 1L << 23 | 5L << 32;
        c.ttbr0[1] = l0;
        c.sctlr[1] |= 1;
        Walker.Result r = Walker.debugTranslate(c.bus, MmuRegs.of(c, Regime.EL10), 0x1234, Cpu.READ);
        return r.fault();
    }

    @ParameterizedTest
    @CsvSource({"cortex-a57, true", "max, false"})
    void anOutputAddressAbovePaMaxIsAnAddressSizeFaultEvenWithIpsAt48Bits(String profile, boolean faults) {
        WalkFault f = walkTo(pe(profile), 1L << 44);
        if (faults) {
            assertNotNull(f);
            assertEquals(WalkFault.ADDRESS_SIZE, f.type);
            assertEquals(1, f.level);
        } else {
            assertEquals(null, f);
        }
    }

    @ParameterizedTest
    @CsvSource({"cortex-a57", "max"})
    void anOutputAddressBelowPaMaxTranslates(String profile) {
        assertEquals(null, walkTo(pe(profile), (1L << 43) | 1L << 30));
    }

    @ParameterizedTest
    @CsvSource({"cortex-a57, true", "max, false"})
    void withStage1DisabledAVaAbovePaMaxIsAnAddressSizeFaultAtLevel0(String profile, boolean faults) {
        Cpu c = pe(profile);
        c.sctlr[1] &= ~1L;
        Walker.Result r = Walker.debugTranslate(c.bus, MmuRegs.of(c, Regime.EL10), 1L << 45, Cpu.READ);
        assertEquals(faults, !r.ok());
        if (faults) {
            assertEquals(WalkFault.ADDRESS_SIZE, r.fault().type);
            assertEquals(0, r.fault().level);
        }
    }

    @ParameterizedTest
    @CsvSource({"cortex-a57, true", "max, false"})
    void stage2OutputAddressIsCheckedAgainstPaMaxWithVtcrPsAt48Bits(String profile, boolean faults) {
        Cpu c = pe(profile);
        // VTCR_EL2: T0SZ = 24 (40-bit IPA), SL0 = 1 (start at level 1), 4KB, PS = 0b101.
        long l1 = RAM + 0x20_0000;
        c.bus.write(l1, 8, (1L << 44) | BLOCK | AF | 3L << 6 | 0xFL << 2);
        long vtcr = 24 | 1L << 6 | 5L << 16;
        MmuRegs r = MmuRegs.of(c, Regime.EL10).withStage2(l1, vtcr);
        Walker w = new Walker(c.bus, r, null);
        WalkFault f = null;
        try {
            w.stage2(0x1000, false);
        } catch (WalkFault e) {
            f = e;
        }
        assertEquals(faults, f != null);
        if (faults) {
            assertTrue(f.stage2);
            assertEquals(WalkFault.ADDRESS_SIZE, f.type);
        }
    }
}
