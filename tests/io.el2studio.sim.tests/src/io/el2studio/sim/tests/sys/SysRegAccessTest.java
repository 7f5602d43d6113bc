package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;
import io.el2studio.sim.tests.support.TestMachine;

/** MRS/MSR through the system-register table: values, access rights, traps, and DC ZVA. */
class SysRegAccessTest {
    static final long RAM = TestMachine.RAM;
    static final long CODE = RAM + 0x1000;

    static int mrs(int op0, int op1, int crn, int crm, int op2, int rt) {
        return 0xD5200000 | op0 << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | rt;
    }

    static int msr(int op0, int op1, int crn, int crm, int op2, int rt) {
        return mrs(op0, op1, crn, crm, op2, rt) & ~(1 << 21);
    }

    static final int MRS_X0_ID_AA64ISAR0 = mrs(3, 0, 0, 6, 0, 0);   // mrs x0, id_aa64isar0_el1
    static final int MRS_X0_ID_AA64PFR0 = mrs(3, 0, 0, 4, 0, 0);    // mrs x0, id_aa64pfr0_el1
    static final int MRS_X0_ID_AA64MMFR1 = mrs(3, 0, 0, 7, 1, 0);   // mrs x0, id_aa64mmfr1_el1
    static final int MSR_MIDR_X0 = msr(3, 0, 0, 0, 0, 0);           // msr midr_el1, x0
    static final int MRS_X0_SCTLR_EL1 = mrs(3, 0, 1, 0, 0, 0);      // mrs x0, sctlr_el1
    static final int MRS_X0_HCR_EL2 = mrs(3, 4, 1, 1, 0, 0);        // mrs x0, hcr_el2
    static final int MSR_NZCV_X1 = msr(3, 3, 4, 2, 0, 1);           // msr nzcv, x1
    static final int MRS_X2_NZCV = mrs(3, 3, 4, 2, 0, 2);           // mrs x2, nzcv
    static final int MRS_X3_DAIF = mrs(3, 3, 4, 2, 1, 3);           // mrs x3, daif
    static final int MRS_X0_ICH_HCR = mrs(3, 4, 12, 11, 0, 0);      // mrs x0, ich_hcr_el2
    static final int MRS_X0_MPIDR = mrs(3, 0, 0, 0, 5, 0);          // mrs x0, mpidr_el1
    static final int MRS_X0_CURRENTEL = mrs(3, 0, 4, 2, 2, 0);      // mrs x0, currentel
    static final int DC_ZVA_X0 = 0xD50B7420;                        // dc zva, x0

    static Cpu cpuAt(CpuProfile p, int el, int... words) {
        Cpu c = TestMachine.cpuAt(p, 2, CODE, el, words);
        c.vbar[1] = RAM + 0x10000;
        c.vbar[2] = RAM + 0x20000;
        return c;
    }

    static long field(long v, int lsb) {
        return (v >>> lsb) & 0xF;
    }

    @Test
    void instructionWordsOfThisTestDisassembleAsCommented() {
        Decoder d = new Decoder(EnumSet.allOf(Feature.class));
        assertEquals("mrs x0, id_aa64isar0_el1", d.disassemble(MRS_X0_ID_AA64ISAR0, 0));
        assertEquals("msr midr_el1, x0", d.disassemble(MSR_MIDR_X0, 0));
        assertEquals("mrs x0, hcr_el2", d.disassemble(MRS_X0_HCR_EL2, 0));
        assertEquals("msr nzcv, x1", d.disassemble(MSR_NZCV_X1, 0));
        assertEquals("mrs x0, ich_hcr_el2", d.disassemble(MRS_X0_ICH_HCR, 0));
        assertEquals("dc zva, x0", d.disassemble(DC_ZVA_X0, 0));
        assertEquals("mrs x0, currentel", d.disassemble(MRS_X0_CURRENTEL, 0));
    }

    @Test
    void idAa64isar0OfCortexA57MatchesTheTrm() {
        // Cortex-A57 TRM r1p3, ID_AA64ISAR0_EL1 with the Cryptographic Extension: 0x00011120.
        Cpu c = cpuAt(CpuProfile.cortexA57(), 1, MRS_X0_ID_AA64ISAR0);
        c.step();
        assertEquals(0x0001_1120L, c.x[0]);
        assertEquals(0x411F_D070L, c.profile.midr());
    }

    @Test
    void idRegistersAdvertiseExactlyTheProfileFeatures() {
        for (CpuProfile p : new CpuProfile[] {CpuProfile.max(), CpuProfile.cortexA57()}) {
            Cpu c = cpuAt(p, 1, MRS_X0_ID_AA64ISAR0, MRS_X0_ID_AA64PFR0, MRS_X0_ID_AA64MMFR1);
            c.step();
            long isar0 = c.x[0];
            c.step();
            long pfr0 = c.x[0];
            c.step();
            long mmfr1 = c.x[0];
            assertEquals(p.has(Feature.AES) ? (p.has(Feature.PMULL) ? 2 : 1) : 0, field(isar0, 4), "AES");
            assertEquals(p.has(Feature.SHA1) ? 1 : 0, field(isar0, 8), "SHA1");
            assertEquals(p.has(Feature.SHA256) ? (p.has(Feature.SHA512) ? 2 : 1) : 0, field(isar0, 12), "SHA2");
            assertEquals(p.has(Feature.CRC32) ? 1 : 0, field(isar0, 16), "CRC32");
            assertEquals(p.has(Feature.LSE) ? 2 : 0, field(isar0, 20), "Atomic");
            assertEquals(p.has(Feature.RDM) ? 1 : 0, field(isar0, 28), "RDM");
            assertEquals(p.has(Feature.SHA3) ? 1 : 0, field(isar0, 32), "SHA3");
            assertEquals(p.has(Feature.SM3) ? 1 : 0, field(isar0, 36), "SM3");
            assertEquals(p.has(Feature.SM4) ? 1 : 0, field(isar0, 40), "SM4");
            assertEquals(p.has(Feature.DOTPROD) ? 1 : 0, field(isar0, 44), "DP");
            assertEquals(p.has(Feature.FHM) ? 1 : 0, field(isar0, 48), "FHM");
            // AArch64 only at EL0..EL3; FP and AdvSIMD with or without half precision
            assertEquals(0x1111, pfr0 & 0xFFFF);
            assertEquals(p.has(Feature.FP16) ? 1 : 0, field(pfr0, 16), "FP");
            assertEquals(p.has(Feature.FP16) ? 1 : 0, field(pfr0, 20), "AdvSIMD");
            assertEquals(0, field(pfr0, 24), "GIC: no system register interface yet");
            assertEquals(0, field(pfr0, 32), "SVE");
            assertEquals(p.has(Feature.VMID16) ? 2 : 0, field(mmfr1, 4), "VMIDBits");
            assertEquals(p.has(Feature.VHE) ? 1 : 0, field(mmfr1, 8), "VH");
            assertEquals(p.has(Feature.PAN) ? (p.has(Feature.PAN2) ? 2 : 1) : 0, field(mmfr1, 20), "PAN");
        }
    }

    @Test
    void theGicFieldOfIdAa64pfr0FollowsTheBoard() {
        Cpu c = cpuAt(CpuProfile.max(), 1, MRS_X0_ID_AA64PFR0, MRS_X0_ID_AA64PFR0);
        c.step();
        assertEquals(0, field(c.x[0], 24));
        c.gicSysregInterface = true;
        c.step();
        assertEquals(1, field(c.x[0], 24));
    }

    @Test
    void msrToAReadOnlyRegisterIsUndefined() {
        Cpu c = cpuAt(CpuProfile.max(), 1, MSR_MIDR_X0);
        c.step();
        TestMachine.assertUndefined(c, 1);
        assertEquals(CODE, c.elr[1]);
    }

    @Test
    void el0AccessToAnEl1RegisterIsUndefined() {
        Cpu c = cpuAt(CpuProfile.max(), 0, MRS_X0_SCTLR_EL1);
        c.step();
        TestMachine.assertUndefined(c, 1);
    }

    @Test
    void el1AccessToAnEl2RegisterIsUndefinedNotTrapped() {
        Cpu c = cpuAt(CpuProfile.max(), 1, MRS_X0_HCR_EL2);
        c.step();
        TestMachine.assertUndefined(c, 1);
    }

    @Test
    void hcrEl2ReadsItsRwBitAsOneBecauseAArch32IsNotImplemented() {
        Cpu c = cpuAt(CpuProfile.max(), 2, MRS_X0_HCR_EL2);
        c.hcrEl2 = 0;
        SysRegTable.byName("HCR_EL2").write(c, 1L << 27);
        c.step();
        assertEquals(1L << 31 | 1L << 27, c.x[0]);
    }

    @Test
    void nzcvIsWrittenAndReadAtEl0() {
        Cpu c = cpuAt(CpuProfile.max(), 0, MSR_NZCV_X1, MRS_X2_NZCV);
        c.x[1] = 0xFFFF_FFFF_A123_4567L;
        c.step();
        c.step();
        assertEquals(0xA000_0000, c.nzcv);
        assertEquals(0xA000_0000L, c.x[2]);
    }

    @Test
    void daifAtEl0TrapsToEl1WithAnMrsSyndromeUnlessSctlrUmaIsSet() {
        Cpu c = cpuAt(CpuProfile.max(), 0, MRS_X3_DAIF);
        c.step();
        assertEquals(1, c.el);
        // EC 0x18, IL, ISS: Op0=3 [21:20], Op2=1 [19:17], Op1=3 [16:14], CRn=4 [13:10], Rt=3 [9:5], CRm=2 [4:1], read [0]
        long iss = 3L << 20 | 1L << 17 | 3L << 14 | 4L << 10 | 3L << 5 | 2L << 1 | 1;
        assertEquals(0x18L << 26 | 1L << 25 | iss, c.esr[1]);
        Cpu d = cpuAt(CpuProfile.max(), 0, MRS_X3_DAIF);
        d.sctlr[1] |= 1L << 9;
        d.daif = 0x80;
        d.step();
        assertEquals(0, d.el);
        assertEquals(0x80L, d.x[3]);
    }

    @Test
    void aNotModelledRegisterIsUndefinedAndLogged() {
        StringBuilder log = new StringBuilder();
        var old = io.el2studio.sim.sysreg.SysRegAccess.log;
        io.el2studio.sim.sysreg.SysRegAccess.log = log::append;
        try {
            // any register the table names but does not model (device models bind theirs over time),
            // outside the feature ID space (op1 0, CRn 0), where FEAT_IDST on max makes it a trap (EC 0x18)
            SysReg r = SysRegTable.all().stream()
                    .filter(x -> !x.modelled() && x.minEl() <= 2 && x.op0 == 3 && !(x.crn == 0 && x.op1 == 0))
                    .findFirst().orElseThrow();
            Cpu c = cpuAt(CpuProfile.max(), 2, mrs(r.op0, r.op1, r.crn, r.crm, r.op2, 0));
            c.step();
            TestMachine.assertUndefined(c, 2);
            assertTrue(log.toString().contains(r.name) && log.toString().contains("NOT MODELLED"), log.toString());
        } finally {
            io.el2studio.sim.sysreg.SysRegAccess.log = old;
        }
    }

    @Test
    void mpidrIdentifiesThePeAndCurrentElTheEl() {
        Cpu c = cpuAt(CpuProfile.max(), 2, MRS_X0_MPIDR, MRS_X0_CURRENTEL);
        c.step();
        assertEquals(0x8000_0000L, c.x[0]);
        c.step();
        assertEquals(8L, c.x[0]);
    }

    @Test
    void dcZvaZeroesTheAligned64ByteBlock() {
        Cpu c = cpuAt(CpuProfile.max(), 1, DC_ZVA_X0);
        long base = RAM + 0x8000;
        for (long a = base - 64; a < base + 128; a += 8) {
            c.write64(a, -1L);
        }
        c.x[0] = base + 0x27;
        c.step();
        for (long a = base; a < base + 64; a += 8) {
            assertEquals(0L, c.read64(a), String.format("0x%x", a));
        }
        assertEquals(-1L, c.read64(base - 8));
        assertEquals(-1L, c.read64(base + 64));
    }

    @Test
    void dcZvaAtEl0TrapsUnlessSctlrDzeIsSet() {
        Cpu c = cpuAt(CpuProfile.max(), 0, DC_ZVA_X0);
        c.x[0] = RAM + 0x8000;
        c.step();
        assertEquals(1, c.el);
        assertEquals(0x18L, c.esr[1] >>> 26);
    }

    @Test
    void theTableIsQueryableByNameEncodingAndFields() {
        SysReg hcr = SysRegTable.byName("hcr_el2");
        assertNotNull(hcr);
        assertEquals(hcr, SysRegTable.byEncoding(3, 4, 1, 1, 0));
        assertEquals(27, hcr.field("TGE").lsb());
        assertEquals(13, hcr.field("TWI").lsb());
        assertTrue(SysRegTable.all().size() > 1000);
        assertEquals(63, SysRegTable.byName("ICH_LR3_EL2").field("State").msb());
        assertEquals(26, SysRegTable.byName("ESR_EL2").field("EC").lsb());
        // every HCR_EL2 bit is named
        long covered = 0;
        for (SysReg.Field f : hcr.fields()) {
            covered |= f.mask();
        }
        assertEquals(-1L, covered);
    }

    static final int MSR_SCTLR_EL1_X1 = msr(3, 0, 1, 0, 0, 1);      // msr sctlr_el1, x1
    static final int TLBI_VMALLE1 = 0xD508871F;                     // tlbi vmalle1

    @Test
    void hcrTvmTrapsEl1WritesOfSctlrToEl2WithTheMsrSyndromeButNotReads() {
        Cpu c = cpuAt(CpuProfile.max(), 1, MSR_SCTLR_EL1_X1, MRS_X0_SCTLR_EL1);
        c.hcrEl2 |= 1L << 26; // TVM
        c.step();
        assertEquals(2, c.el);
        // EC 0x18, ISS: Op0=3, Op2=0, Op1=0, CRn=1, Rt=1, CRm=0, write
        assertEquals(0x18L << 26 | 1L << 25 | 3L << 20 | 1L << 10 | 1L << 5, c.esr[2]);
        Cpu d = cpuAt(CpuProfile.max(), 1, MRS_X0_SCTLR_EL1);
        d.hcrEl2 |= 1L << 26;
        d.step();
        assertEquals(1, d.el);
        assertEquals(CODE + 4, d.pc);
    }

    @Test
    void hcrTid3TrapsEl1ReadsOfIdRegistersToEl2() {
        Cpu c = cpuAt(CpuProfile.max(), 1, MRS_X0_ID_AA64PFR0);
        c.hcrEl2 |= 1L << 18;
        c.step();
        assertEquals(2, c.el);
        assertEquals(0x18L, c.esr[2] >>> 26);
    }

    @Test
    void hcrTtlbTrapsEl1TlbMaintenanceToEl2() {
        Cpu c = cpuAt(CpuProfile.max(), 1, TLBI_VMALLE1);
        c.hcrEl2 |= 1L << 25;
        c.step();
        assertEquals(2, c.el);
        // EC 0x18, ISS: Op0=1, Op2=0, Op1=0, CRn=8, Rt=31, CRm=7, write
        assertEquals(0x18L << 26 | 1L << 25 | 1L << 20 | 8L << 10 | 31L << 5 | 7L << 1, c.esr[2]);
    }

    @Test
    void deniedAccessesAreReportedToTheListenerWithTheStepName() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        io.el2studio.sim.sysreg.SysRegAccess.listener = (cpu, reg, read, step, fault) -> seen.add(reg.name + " " + step);
        try {
            Cpu c = cpuAt(CpuProfile.max(), 1, MSR_SCTLR_EL1_X1);
            c.hcrEl2 |= 1L << 26;
            c.step();
        } finally {
            io.el2studio.sim.sysreg.SysRegAccess.listener = null;
        }
        assertEquals(java.util.List.of("SCTLR_EL1 HCR_EL2.TVM/TRVM"), seen);
    }
}
