package io.el2studio.sim.sysreg;

import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;

/**
 * Identification registers (Arm ARM D19.2: MIDR_EL1, MPIDR_EL1, ID_AA64*_EL1, cache identification).
 * The feature fields come from {@link CpuProfile}, so the ID registers advertise exactly what the
 * simulator implements. Unallocated encodings of the ID space (op0=3, op1=0, CRn=0, CRm=1..7) read as
 * zero, as the architecture requires, so that software probing newer ID registers sees "absent".
 */
public final class IdRegs {
    private IdRegs() {
    }

    /** DC ZVA block size: DCZID_EL0.BS = 4, 2^4 words of 4 bytes. */
    public static final long DC_ZVA_BYTES = 64;

    static final long CTR = 1L << 31 | 4L << 24 | 4L << 20 | 4L << 16 | 3L << 14 | 4;
    static final long CLIDR = 0x0A20_0023L;

    static void addTo(List<SysReg> rows) {
        CoreRegs.reg(rows, "MIDR_EL1", 3, 0, 0, 0, 0).value(c -> c.el == 1 && El2Regs.el2Enabled(c) ? c.vpidrEl2 : c.profile.midr())
                .fields("63:32 RES0", "31:24 !Implementer 0x41 = Arm, 0x00 = software use", "23:20 !Variant",
                        "19:16 !Architecture 0xF = by ID registers", "15:4 !PartNum", "3:0 !Revision")
                .note("reads at EL1 return VPIDR_EL2 when EL2 is enabled");
        CoreRegs.reg(rows, "MPIDR_EL1", 3, 0, 0, 0, 5).value(c -> c.el == 1 && El2Regs.el2Enabled(c) ? c.vmpidrEl2 : mpidr(c))
                .fields("63:40 RES0", "39:32 !Aff3 Affinity level 3", "31 RES1", "30 !U Uniprocessor",
                        "29:25 RES0", "24 !MT Multithreading: Aff0 is a thread", "23:16 !Aff2 Affinity level 2",
                        "15:8 !Aff1 Affinity level 1", "7:0 !Aff0 Affinity level 0: the PE number on this machine")
                .note("reads at EL1 return VMPIDR_EL2 when EL2 is enabled");
        CoreRegs.reg(rows, "REVIDR_EL1", 3, 0, 0, 0, 6).value(c -> 0).group(SysReg.TrapGroup.TID1);
        CoreRegs.reg(rows, "AIDR_EL1", 3, 1, 0, 0, 7).value(c -> 0).group(SysReg.TrapGroup.TID1);
        CoreRegs.reg(rows, "ID_AA64PFR0_EL1", 3, 0, 0, 4, 0).group(SysReg.TrapGroup.TID3)
                // GIC [27:24] = 0b0001 only when the board attached a GICv3 CPU interface to this PE.
                .value(c -> c.profile.idAa64pfr0() | (c.gicSysregInterface ? 1L << 24 : 0))
                .fields("63:60 CSV3", "59:56 CSV2", "55:52 RME", "51:48 DIT", "47:44 AMU", "43:40 MPAM", "39:36 SEL2", "35:32 SVE", "31:28 RAS", "27:24 GIC System register interface",
                "23:20 AdvSIMD 0 = implemented, 1 = with half precision, 0xF = not implemented",
                "19:16 FP 0 = implemented, 1 = with half precision, 0xF = not implemented",
                "15:12 EL3 0b0001 = AArch64 only", "11:8 EL2 0b0001 = AArch64 only", "7:4 EL1 0b0001 = AArch64 only",
                "3:0 EL0 0b0001 = AArch64 only");
        id(rows, "ID_AA64PFR1_EL1", 4, 1, CpuProfile::idAa64pfr1, "63:60 PFAR", "59:56 DF2", "55:52 MTEX", "51:48 THE",
                "47:44 GCS", "43:40 MTE_frac", "39:36 NMI", "35:32 CSV2_frac", "31:28 RNDR_trap", "27:24 SME",
                "23:20 RES0", "19:16 MPAM_frac", "15:12 RAS_frac", "11:8 MTE", "7:4 SSBS", "3:0 BT");
        id(rows, "ID_AA64ZFR0_EL1", 4, 4, p -> 0L, "63:0 !SVE SVE is not implemented: all fields 0");
        id(rows, "ID_AA64SMFR0_EL1", 4, 5, p -> 0L, "63:0 !SME SME is not implemented: all fields 0");
        id(rows, "ID_AA64DFR0_EL1", 5, 0, CpuProfile::idAa64dfr0, "63:60 HPMN0", "59:56 ExtTrcBuff", "55:52 BRBE",
                "51:48 MTPMU", "47:44 TraceBuffer", "43:40 TraceFilt", "39:36 DoubleLock", "35:32 PMSVer",
                "31:28 CTX_CMPs Context-aware breakpoints - 1", "27:24 SEBEP", "23:20 WRPs Watchpoints - 1",
                "19:16 PMSS", "15:12 BRPs Breakpoints - 1", "11:8 PMUVer", "7:4 TraceVer", "3:0 DebugVer");
        id(rows, "ID_AA64DFR1_EL1", 5, 1, p -> 0L, "63:0 !DFR1 all fields 0");
        id(rows, "ID_AA64AFR0_EL1", 5, 4, p -> 0L, "63:0 !IMPDEF auxiliary features: none");
        id(rows, "ID_AA64AFR1_EL1", 5, 5, p -> 0L, "63:0 !IMPDEF auxiliary features: none");
        id(rows, "ID_AA64ISAR0_EL1", 6, 0, CpuProfile::idAa64isar0, "63:60 RNDR", "59:56 TLB", "55:52 TS", "51:48 FHM",
                "47:44 DP", "43:40 SM4", "39:36 SM3", "35:32 SHA3", "31:28 RDM", "27:24 TME", "23:20 Atomic",
                "19:16 CRC32", "15:12 SHA2", "11:8 SHA1", "7:4 AES", "3:0 RES0");
        id(rows, "ID_AA64ISAR1_EL1", 6, 1, CpuProfile::idAa64isar1, "63:60 LS64", "59:56 XS", "55:52 I8MM", "51:48 DGH",
                "47:44 BF16", "43:40 SPECRES", "39:36 SB", "35:32 FRINTTS", "31:28 GPI", "27:24 GPA", "23:20 LRCPC",
                "19:16 FCMA", "15:12 JSCVT", "11:8 API", "7:4 APA", "3:0 DPB");
        id(rows, "ID_AA64ISAR2_EL1", 6, 2, CpuProfile::idAa64isar2, "63:60 ATS1A", "59:56 LUT", "55:52 CSSC", "51:48 RPRFM",
                "47:44 SYSINSTR_128", "43:40 PRFMSLC", "39:36 SYSREG_128", "35:32 CLRBHB", "31:28 PAC_frac",
                "27:24 BC", "23:20 MOPS", "19:16 APA3", "15:12 GPA3", "11:8 RPRES", "7:4 WFxT", "3:0 RES0");
        id(rows, "ID_AA64MMFR0_EL1", 7, 0, CpuProfile::idAa64mmfr0, "63:60 ECV", "59:56 FGT", "55:48 RES0", "47:44 ExS",
                "43:40 TGran4_2", "39:36 TGran64_2", "35:32 TGran16_2", "31:28 TGran4", "27:24 TGran64", "23:20 TGran16",
                "19:16 BigEndEL0", "15:12 SNSMem", "11:8 BigEnd", "7:4 ASIDBits 0b0010 = 16 bits",
                "3:0 PARange 0b0100 = 44 bits (cortex-a57), 0b0101 = 48 bits (max)");
        id(rows, "ID_AA64MMFR1_EL1", 7, 1, CpuProfile::idAa64mmfr1, "63:60 ECBHB", "59:56 CMOW", "55:52 TIDCP1",
                "51:48 nTLBPA", "47:44 AFP", "43:40 HCX", "39:36 ETS", "35:32 TWED", "31:28 XNX", "27:24 SpecSEI",
                "23:20 PAN", "19:16 LO", "15:12 HPDS", "11:8 VH", "7:4 VMIDBits 0b0010 = 16 bits", "3:0 HAFDBS");
        id(rows, "ID_AA64MMFR2_EL1", 7, 2, CpuProfile::idAa64mmfr2, "63:60 E0PD", "59:56 EVT", "55:52 BBM", "51:48 TTL",
                "47:44 RES0", "43:40 FWB", "39:36 IDS", "35:32 AT", "31:28 ST", "27:24 NV", "23:20 CCIDX",
                "19:16 VARange", "15:12 IESB", "11:8 LSM", "7:4 UAO", "3:0 CnP");
        // The AArch32 ID registers: AArch32 is not implemented at any EL, so they read as zero.
        String[] a32 = {"ID_PFR0_EL1 1 0", "ID_PFR1_EL1 1 1", "ID_DFR0_EL1 1 2", "ID_AFR0_EL1 1 3", "ID_MMFR0_EL1 1 4",
            "ID_MMFR1_EL1 1 5", "ID_MMFR2_EL1 1 6", "ID_MMFR3_EL1 1 7", "ID_ISAR0_EL1 2 0", "ID_ISAR1_EL1 2 1",
            "ID_ISAR2_EL1 2 2", "ID_ISAR3_EL1 2 3", "ID_ISAR4_EL1 2 4", "ID_ISAR5_EL1 2 5", "ID_MMFR4_EL1 2 6",
            "ID_ISAR6_EL1 2 7", "MVFR0_EL1 3 0", "MVFR1_EL1 3 1", "MVFR2_EL1 3 2", "ID_PFR2_EL1 3 4",
            "ID_DFR1_EL1 3 5", "ID_MMFR5_EL1 3 6"};
        for (String s : a32) {
            String[] t = s.split(" ");
            id(rows, t[0], Integer.parseInt(t[1]), Integer.parseInt(t[2]), p -> 0L, "63:0 !AArch32 AArch32 is not implemented: reads as zero");
        }
        CoreRegs.reg(rows, "CTR_EL0", 3, 3, 0, 0, 1).el(0).value(c -> CTR).check(IdRegs::uctAtEl0).group(SysReg.TrapGroup.TID2)
                .fields("63:38 RES0", "37:32 !TminLine Tag granule", "31 RES1", "30 RES0", "29 !DIC Instruction cache invalidation not required",
                        "28 !IDC Data cache clean not required", "27:24 !CWG Cache writeback granule (log2 words)",
                        "23:20 !ERG Exclusives reservation granule (log2 words)", "19:16 !DminLine Smallest data cache line (log2 words)",
                        "15:14 !L1Ip L1 instruction cache policy: 0b11 = PIPT", "13:4 RES0", "3:0 !IminLine Smallest instruction cache line (log2 words)");
        CoreRegs.reg(rows, "DCZID_EL0", 3, 3, 0, 0, 7).el(0).value(IdRegs::dczid)
                .fields("63:5 RES0", "4 !DZP DC ZVA prohibited", "3:0 !BS Block size: log2 of the number of words");
        CoreRegs.reg(rows, "CLIDR_EL1", 3, 1, 0, 0, 1).value(c -> CLIDR).group(SysReg.TrapGroup.TID2)
                .fields("63:47 RES0", "46:45 !Ttype7", "44:33 !Ttype6..1", "32:30 !ICB Inner cache boundary", "29:27 !LoUU Level of Unification Uniprocessor",
                        "26:24 !LoC Level of Coherence", "23:21 !LoUIS Level of Unification Inner Shareable",
                        "20:3 !Ctype7..2 (Ctype2 = 0b100 unified)", "2:0 !Ctype1 0b011 = separate instruction and data caches");
        CoreRegs.reg(rows, "CCSIDR_EL1", 3, 1, 0, 0, 0).value(IdRegs::ccsidr).group(SysReg.TrapGroup.TID2)
                .fields("63:32 RES0", "31:28 !WT WB RA WA (Armv8.0; UNKNOWN from Armv8.3)", "27:13 !NumSets Number of sets - 1", "12:3 !Associativity Ways - 1",
                        "2:0 !LineSize log2(line bytes) - 4");
        CoreRegs.reg(rows, "CNTFRQ_EL0", 3, 3, 14, 0, 0).el(0).slot().reset(62_500_000L).check(IdRegs::cntfrqWriteAtEl3)
                .fields("63:32 RES0", "31:0 ClockFreq System counter frequency in Hz")
                .note("the generic timer model may take this row over");
    }

    private interface IdValue {
        long of(CpuProfile p);
    }

    private static void id(List<SysReg> rows, String name, int crm, int op2, IdValue v, String... fields) {
        CoreRegs.reg(rows, name, 3, 0, 0, crm, op2).value(c -> v.of(c.profile)).group(SysReg.TrapGroup.TID3).fields(fields);
    }

    static long mpidr(Cpu c) {
        return 1L << 31 | (c.index & 0xFF) | (long) ((c.index >>> 8) & 0xFF) << 8;
    }

    static long dczid(Cpu c) {
        // In the VHE host's EL0 ({E2H, TGE} = {1, 1}) SCTLR_EL2.DZE governs, as for DC ZVA itself (cpu.SysOps).
        boolean host = El2Regs.tgeAtEl0(c) && (c.hcrEl2 & El2Regs.HCR_E2H) != 0;
        boolean prohibited = (c.el == 0 && host && (c.sctlr[2] & (1L << 14)) == 0)
                || (c.el == 0 && (c.sctlr[1] & (1L << 14)) == 0 && !El2Regs.tgeAtEl0(c))
                || (c.el <= 1 && El2Regs.el2Enabled(c) && (c.hcrEl2 & (1L << 28)) != 0);
        return (prohibited ? 1L << 4 : 0) | 4;
    }

    static long ccsidr(Cpu c) {
        // Cortex-A57's caches (Cortex-A57 TRM, CCSIDR_EL1; the values QEMU 7.2 gives both CPUs), with the
        // Armv8.0 WT/WB/RA/WA bits [31:28] (UNKNOWN from Armv8.3) as the real part reports them.
        return switch ((int) c.csselrEl1 & 0xF) {
            case 0 -> 0x7L << 28 | (255L << 13) | (1L << 3) | 2;   // L1 data: 32 KB, 2-way, 64-byte lines
            case 1 -> 0x2L << 28 | (255L << 13) | (2L << 3) | 2;   // L1 instruction: 48 KB, 3-way
            case 2 -> 0x7L << 28 | (2047L << 13) | (15L << 3) | 2; // L2 unified: 2 MB, 16-way
            default -> 0;
        };
    }

    /** Set up the per-PE values: VPIDR_EL2/VMPIDR_EL2 reset to the real MIDR/MPIDR (as QEMU does). */
    static void reset(Cpu c) {
        c.vpidrEl2 = c.profile.midr();
        c.vmpidrEl2 = mpidr(c);
    }

    /** CTR_EL0 at EL0 traps to EL1 (or EL2 under TGE) unless SCTLR_EL1.UCT is 1. */
    static GuestFault uctAtEl0(Cpu c, SysReg r, boolean read, int w) {
        return c.el == 0 && (c.sctlr[1] & (1L << 15)) == 0 ? SysRegAccess.trap(w, El2Regs.tgeAtEl0(c) ? 2 : 1) : null;
    }

    /** CNTFRQ_EL0 is writable only at the highest implemented EL (EL3); elsewhere MSR is UNDEFINED. */
    static GuestFault cntfrqWriteAtEl3(Cpu c, SysReg r, boolean read, int w) {
        return !read && c.el != 3 ? GuestFault.undefined() : null;
    }
}
