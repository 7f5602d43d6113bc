package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * What each profile advertises in its ID registers is what it implements: for every probe, one
 * instruction of a feature (encodings from GNU as 2.40) executes at EL1 if and only if the ID register
 * field that advertises the feature is at least the probe's value; otherwise it is UNDEFINED (EC 0x00).
 * The probes cover the features QEMU's max has and we do not (PAuth, BTI, MTE, SVE, SME, RNG, ...),
 * which must read as absent (IdRegistersQemuTest records them as deviations), and the ones we do have.
 */
class AdvertisedFeaturesTest {
    /** An instruction that needs {@code register[lo+3:lo] >= min}. */
    record Probe(String what, int word, String register, int lo, int min) {
    }

    static final List<Probe> PROBES = List.of(
            new Probe("ldadd w0, w1, [x2]", 0xb8200041, "ID_AA64ISAR0_EL1", 20, 2),
            new Probe("crc32b w0, w1, w2", 0x1ac24020, "ID_AA64ISAR0_EL1", 16, 1),
            new Probe("aese v0.16b, v1.16b", 0x4e284820, "ID_AA64ISAR0_EL1", 4, 1),
            new Probe("sha1h s0, s1", 0x5e280820, "ID_AA64ISAR0_EL1", 8, 1),
            new Probe("sha256h q0, q1, v2.4s", 0x5e024020, "ID_AA64ISAR0_EL1", 12, 1),
            new Probe("sha512h q0, q1, v2.2d", 0xce628020, "ID_AA64ISAR0_EL1", 12, 2),
            new Probe("eor3 v0.16b, v1.16b, v2.16b, v3.16b", 0xce020c20, "ID_AA64ISAR0_EL1", 32, 1),
            new Probe("sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s", 0xce420c20, "ID_AA64ISAR0_EL1", 36, 1),
            new Probe("sm4e v0.4s, v1.4s", 0xcec08420, "ID_AA64ISAR0_EL1", 40, 1),
            new Probe("sqrdmlah v0.4h, v1.4h, v2.4h", 0x2e428420, "ID_AA64ISAR0_EL1", 28, 1),
            new Probe("sdot v0.4s, v1.16b, v2.16b", 0x4e829420, "ID_AA64ISAR0_EL1", 44, 1),
            new Probe("fmlal v0.2s, v1.2h, v2.2h", 0x0e22ec20, "ID_AA64ISAR0_EL1", 48, 1),
            new Probe("cfinv", 0xd500401f, "ID_AA64ISAR0_EL1", 52, 1),
            new Probe("axflag", 0xd500405f, "ID_AA64ISAR0_EL1", 52, 2),
            new Probe("mrs x0, rndr", 0xd53b2400, "ID_AA64ISAR0_EL1", 60, 1),
            new Probe("pacga x0, x1, x2", 0x9ac23020, "ID_AA64ISAR1_EL1", 24, 1),
            new Probe("pacia x0, x1", 0xdac10020, "ID_AA64ISAR1_EL1", 4, 1),
            new Probe("fjcvtzs w0, d1", 0x1e7e0020, "ID_AA64ISAR1_EL1", 12, 1),
            new Probe("fcmla v0.4s, v1.4s, v2.4s, #0", 0x6e82c420, "ID_AA64ISAR1_EL1", 16, 1),
            new Probe("ldapr w0, [x2]", 0xb8bfc040, "ID_AA64ISAR1_EL1", 20, 1),
            new Probe("ldapur w0, [x2]", 0x99400040, "ID_AA64ISAR1_EL1", 20, 2),
            new Probe("frint32x s0, s1", 0x1e28c020, "ID_AA64ISAR1_EL1", 32, 1),
            new Probe("sb", 0xd50330ff, "ID_AA64ISAR1_EL1", 36, 1),
            new Probe("bfdot v0.2s, v1.4h, v2.4h", 0x2e42fc20, "ID_AA64ISAR1_EL1", 44, 1),
            new Probe("smmla v0.4s, v1.16b, v2.16b", 0x4e82a420, "ID_AA64ISAR1_EL1", 52, 1),
            new Probe("dc cvap, x2", 0xd50b7c22, "ID_AA64ISAR1_EL1", 0, 1),
            new Probe("fadd h0, h1, h2", 0x1ee22820, "ID_AA64PFR0_EL1", 16, 1),
            new Probe("add z0.d, z1.d, z2.d", 0x04e20020, "ID_AA64PFR0_EL1", 32, 1),
            new Probe("msr dit, #1", 0xd503415f, "ID_AA64PFR0_EL1", 48, 1),
            new Probe("mrs x0, scxtnum_el0", 0xd53bd0e0, "ID_AA64PFR0_EL1", 56, 2),
            new Probe("irg x0, x1", 0x9adf1020, "ID_AA64PFR1_EL1", 8, 2),
            new Probe("msr ssbs, #1", 0xd503413f, "ID_AA64PFR1_EL1", 4, 2),
            new Probe("smstart", 0xd503477f, "ID_AA64PFR1_EL1", 24, 1),
            new Probe("msr pan, #1", 0xd500419f, "ID_AA64MMFR1_EL1", 20, 1),
            new Probe("at s1e1rp, x2", 0xd5087902, "ID_AA64MMFR1_EL1", 20, 2));

    @ParameterizedTest
    @ValueSource(strings = {"max", "cortex-a57"})
    void anInstructionExecutesIfAndOnlyIfItsFeatureIsAdvertised(String profile) {
        long ram = 0x4000_0000L;
        MiniMachine m = new MiniMachine(CpuProfile.named(profile), ram, 1 << 20, 1);
        Cpu c = m.cpu(0);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < PROBES.size(); i++) {
            Probe p = PROBES.get(i);
            long pc = ram + 4L * i; // a fresh address per probe: no decode cache entry to reuse
            m.bus.write(pc, 4, p.word() & 0xFFFF_FFFFL);
            c.el = 1;
            c.cpacrEl1 = 3L << 20;
            c.setX(1, ram + 0x8_0000);
            c.setX(2, ram + 0x8_0000);
            c.pc = pc;
            GuestFault[] fault = new GuestFault[1];
            c.faultHook = (cpu, f) -> {
                fault[0] = f;
                return true;
            };
            c.step();
            boolean undefined = fault[0] != null && fault[0].ec == GuestFault.EC_UNKNOWN;
            long field = (SysRegTable.byName(p.register()).read(c) >>> p.lo()) & 0xF;
            boolean advertised = field >= p.min();
            if (undefined == advertised) {
                wrong.add(String.format("%s: %s[%d:%d] = %d advertises it %s, but it %s", p.what(), p.register(), p.lo() + 3,
                        p.lo(), field, advertised ? "present" : "absent", undefined ? "is UNDEFINED" : "executes"));
            }
        }
        assertEquals(List.of(), wrong);
    }
}
