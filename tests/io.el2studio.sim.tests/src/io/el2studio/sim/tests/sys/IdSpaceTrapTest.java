package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * FEAT_IDST (advertised by max in ID_AA64MMFR2_EL1.IDS, not by cortex-a57): an EL0 MRS of the feature
 * ID space is taken with EC 0x18 and the MRS syndrome rather than EC 0x00, to EL1, or to EL2 when
 * HCR_EL2.TGE is 1 (Arm ARM, the EL0 accessibility pseudocode of MIDR_EL1 and the ID_* registers);
 * an MSR to the space stays UNDEFINED. IdRegistersQemuTest compares the EL1 case with QEMU 7.2.
 */
class IdSpaceTrapTest {
    static final long RAM = 0x4000_0000L;
    static final int MRS_X3_MIDR = 0xd5380003, MRS_X3_CLIDR = 0xd5390023, MSR_MIDR_X3 = 0xd5180003;

    static Cpu atEl0(String profile, boolean tge, int word) {
        MiniMachine m = new MiniMachine(CpuProfile.named(profile), RAM, 1 << 20, 1);
        Cpu c = m.cpu(0);
        m.bus.write(RAM, 4, word & 0xFFFF_FFFFL);
        c.scrEl3 |= El2Regs.SCR_NS | 1L << 10; // Non-secure, EL2 AArch64 (SCR_EL3.RW)
        c.hcrEl2 = 1L << 31 | (tge ? El2Regs.HCR_TGE : 0);
        c.vbar[1] = RAM + 0x1000;
        c.vbar[2] = RAM + 0x2000;
        c.el = 0;
        c.pc = RAM;
        c.step();
        return c;
    }

    @ParameterizedTest(name = "{0} {1} TGE={2}")
    @CsvSource({"max, MIDR, false, 1, 0x18", "max, MIDR, true, 2, 0x18", "max, CLIDR, false, 1, 0x18",
        "max, MSR MIDR, false, 1, 0x00", "cortex-a57, MIDR, false, 1, 0x00", "cortex-a57, MIDR, true, 2, 0x00"})
    void el0ReadOfTheIdSpaceTrapsWithEc0x18WhenTheProfileHasIdst(String profile, String what, boolean tge, int el, int ec) {
        int word = switch (what) {
            case "MIDR" -> MRS_X3_MIDR;
            case "CLIDR" -> MRS_X3_CLIDR;
            default -> MSR_MIDR_X3;
        };
        Cpu c = atEl0(profile, tge, word);
        assertEquals(el, c.el, "taken to EL" + el);
        long esr = c.esr[el];
        assertEquals(ec, (int) (esr >>> 26), () -> String.format("ESR_EL%d = 0x%x", el, esr));
        if (ec == 0x18) {
            // ISS: Op0 3, Op2, Op1, CRn 0, Rt 3, CRm, Direction 1 (read)
            assertEquals(0x300000 | ((word >>> 5) & 7) << 17 | ((word >>> 16) & 7) << 14 | 3 << 5 | 1, esr & 0x1FFFFFF);
        }
    }
}
