package io.el2studio.sim.sysreg;

import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.isa.Feature;

/** The EL2 and EL3 control registers a hypervisor engineer reads (Arm ARM D19.2). */
public final class El2Regs {
    private El2Regs() {
    }

    public static final long HCR_VM = 1L << 0, HCR_TWI = 1L << 13, HCR_TWE = 1L << 14, HCR_TSC = 1L << 19,
            HCR_TGE = 1L << 27, HCR_HCD = 1L << 29, HCR_RW = 1L << 31, HCR_E2H = 1L << 34;
    public static final long SCR_NS = 1L << 0, SCR_SMD = 1L << 7, SCR_HCE = 1L << 8, SCR_RW = 1L << 10, SCR_EEL2 = 1L << 18;
    public static final long MDCR_TDE = 1L << 8;

    /** EL2Enabled(): EL2 is implemented (always, here) and the current Security state has it (Arm ARM J1). */
    public static boolean el2Enabled(Cpu cpu) {
        return (cpu.scrEl3 & SCR_NS) != 0 || (cpu.profile.has(Feature.SEL2) && (cpu.scrEl3 & SCR_EEL2) != 0);
    }

    /** EL0 exceptions go to EL2: HCR_EL2.TGE is 1 and EL2 is enabled. */
    public static boolean tgeAtEl0(Cpu cpu) {
        return cpu.el == 0 && (cpu.hcrEl2 & HCR_TGE) != 0 && el2Enabled(cpu);
    }

    /**
     * HCR_EL2 bits that exist in this profile: the Armv8.0 bits [33:0], plus the bits of implemented
     * features. The bits of features the profile lacks are RES0 (they read as zero whatever is written,
     * so a hypervisor probing by write-and-read-back sees the truth).
     */
    static long hcrImplemented(io.el2studio.sim.cpu.CpuProfile p) {
        long m = (1L << 34) - 1;
        if (p.has(Feature.VHE)) m |= HCR_E2H;
        if (p.has(Feature.LOR)) m |= 1L << 35;
        if (p.has(Feature.RAS)) m |= 3L << 36;
        if (p.has(Feature.PAUTH)) m |= 3L << 40;
        if (p.has(Feature.NV)) m |= 7L << 42;
        if (p.has(Feature.S2FWB)) m |= 1L << 46;
        if (p.has(Feature.MTE)) m |= 3L << 56;
        return m;
    }

    static final String[] HCR_FIELDS = {
        "63:60 TWEDEL TWE Delay (FEAT_TWED)", "59 TWEDEn TWE Delay enable", "58 TID5 Trap ID group 5 (GMID_EL1)",
        "57 DCT Default Cacheability Tagging (FEAT_MTE2)", "56 ATA Allocation Tag Access at EL1/EL0 (FEAT_MTE2)",
        "55 TTLBOS Trap TLB maintenance, Outer Shareable (FEAT_EVT)", "54 TTLBIS Trap TLB maintenance, Inner Shareable (FEAT_EVT)",
        "53 EnSCXT Enable SCXTNUM access (FEAT_CSV2)", "52 TOCU Trap cache maintenance to PoU (FEAT_EVT)",
        "51 AMVOFFEN Activity Monitors virtual offsets (FEAT_AMUv1p1)", "50 TICAB Trap IC IALLUIS (FEAT_EVT)",
        "49 TID4 Trap ID group 4: CCSIDR, CLIDR, CSSELR (FEAT_EVT)", "48 GPF Granule Protection Faults to EL2 (FEAT_RME)",
        "47 FIEN Fault Injection enable (FEAT_RASv1p1)", "46 FWB Stage 2 Forced Write-Back (FEAT_S2FWB)",
        "45 NV2 Nested Virtualization: redirect to memory (FEAT_NV2)", "44 AT Trap AT S1E0*/S1E1* (FEAT_NV)",
        "43 NV1 Nested Virtualization, EL1 registers (FEAT_NV)", "42 NV Nested Virtualization: trap EL2 functionality at EL1 (FEAT_NV)",
        "41 API Do not trap pointer authentication instructions (FEAT_PAuth)", "40 APK Do not trap pointer authentication key registers",
        "39 TME Enable TME at EL0/EL1 (FEAT_TME)", "38 MIOCNCE Mismatched Inner/Outer Cacheable Non-Coherency Enable",
        "37 TEA Route synchronous External aborts to EL2 (FEAT_RAS)", "36 TERR Trap error record accesses (FEAT_RAS)",
        "35 TLOR Trap LORegion registers (FEAT_LOR)", "34 E2H EL2 Host: EL2 runs an OS (FEAT_VHE)",
        "33 ID Stage 2 Instruction access cacheability disable", "32 CD Stage 2 Data access cacheability disable",
        "31 RW Execution state of EL1: 1 = AArch64 (RAO/WI: AArch32 is not implemented)",
        "30 TRVM Trap Reads of Virtual Memory controls", "29 HCD HVC instruction disable (only when EL3 is not implemented)",
        "28 TDZ Trap DC ZVA", "27 TGE Trap General Exceptions from EL0 to EL2", "26 TVM Trap Virtual Memory controls (writes)",
        "25 TTLB Trap TLB maintenance instructions", "24 TPU Trap cache maintenance to the Point of Unification",
        "23 TPCP Trap cache maintenance to the Point of Coherency/Persistence", "22 TSW Trap data cache maintenance by Set/Way",
        "21 TACR Trap Auxiliary Control Registers", "20 TIDCP Trap IMPLEMENTATION DEFINED functionality",
        "19 TSC Trap SMC instructions", "18 TID3 Trap ID group 3 (ID_AA64*, ID_* registers)",
        "17 TID2 Trap ID group 2 (CTR_EL0, CCSIDR, CLIDR, CSSELR)", "16 TID1 Trap ID group 1 (REVIDR_EL1, AIDR_EL1)",
        "15 TID0 Trap ID group 0 (AArch32 only)", "14 TWE Trap WFE", "13 TWI Trap WFI",
        "12 DC Default Cacheability: stage 1 disabled is Normal WB", "11:10 BSU Barrier Shareability Upgrade",
        "9 FB Force Broadcast of TLBI, IC IALLU, BPIALL", "8 VSE Virtual SError interrupt pending",
        "7 VI Virtual IRQ interrupt pending", "6 VF Virtual FIQ interrupt pending", "5 AMO Route SError to EL2, enable vSError",
        "4 IMO Route IRQ to EL2, enable vIRQ", "3 FMO Route FIQ to EL2, enable vFIQ",
        "2 PTW Protected Table Walk: stage 2 Device memory fault", "1 SWIO Set/Way Invalidation Override",
        "0 VM Enable stage 2 translation for EL1&0"};

    static final String[] SCR_FIELDS = {
        "63 FGTEn2 Fine-grained traps 2 (FEAT_FGT2)", "62 NSE Security state with NS (FEAT_RME)", "61:56 RES0",
        "55 EnIDCP128 Enable IMPLEMENTATION DEFINED 128-bit system registers", "54 SRMASKEn", "53 PFAREn Enable PFAR_ELx",
        "52 TWERR Trap writes of error record registers", "51 TMEA Trap masked External aborts", "50 EnFPM Enable FPMR",
        "49 MECEn Enable MEC", "48 GPF Granule Protection Faults to EL3", "47 D128En 128-bit system registers",
        "46 AIEn Attribute index enable (FEAT_AIE)", "45 PIEn Permission indirection enable (FEAT_S1PIE)",
        "44 SCTLR2En Enable SCTLR2_ELx", "43 TCR2En Enable TCR2_ELx", "42 RCWMASKEn", "41 EnTP2 Enable TPIDR2_EL0 (FEAT_SME)",
        "40 TRNDR Trap RNDR/RNDRRS reads", "39 GCSEn Guarded Control Stack enable", "38 HXEn Enable HCRX_EL2",
        "37 ADEn Enable ACCDATA_EL1", "36 EnAS0 Enable ST64BV0", "35 AMVOFFEN Activity Monitors virtual offsets",
        "34 TME Enable TME", "33:30 TWEDEL TWE Delay", "29 TWEDEn TWE Delay enable", "28 ECVEn Enhanced Counter Virtualization enable",
        "27 FGTEn Fine-grained traps enable (FEAT_FGT)", "26 ATA Allocation Tag Access (FEAT_MTE2)",
        "25 EnSCXT Enable SCXTNUM_ELx (FEAT_CSV2)", "24 RES0", "23 TID5 Trap GMID_EL1", "22 TID3 Trap ID group 3",
        "21 FIEN Fault Injection enable", "20 NMEA Non-maskable External Aborts", "19 EASE External aborts to SError vector",
        "18 EEL2 Secure EL2 enable (FEAT_SEL2)", "17 API Do not trap pointer authentication instructions",
        "16 APK Do not trap pointer authentication key registers", "15 TERR Trap error record accesses",
        "14 TLOR Trap LORegion registers", "13 TWE Trap WFE to EL3", "12 TWI Trap WFI to EL3",
        "11 ST Secure EL1 access to CNTPS_*_EL1", "10 RW Execution state of lower ELs: 1 = AArch64 (RAO/WI: AArch32 is not implemented)",
        "9 SIF Secure Instruction Fetch from Non-secure memory disabled", "8 HCE HVC instruction enable",
        "7 SMD SMC instruction disable", "6 RES0", "5:4 RES1", "3 EA External aborts and SError to EL3",
        "2 FIQ Physical FIQ to EL3", "1 IRQ Physical IRQ to EL3", "0 NS Non-secure: EL0/EL1/EL2 are Non-secure"};

    static void addTo(List<SysReg> rows) {
        SysReg hcr = CoreRegs.reg(rows, "HCR_EL2", 3, 4, 1, 1, 0).el(2).store(c -> c.hcrEl2, (c, v) -> { c.hcrEl2 = v & hcrImplemented(c.profile) | HCR_RW; c.irqCheck = true; })
                .reset(HCR_RW).fields(HCR_FIELDS);
        hcr.note("RW reads as one: AArch32 is not implemented at EL1");
        CoreRegs.reg(rows, "SCR_EL3", 3, 6, 1, 1, 0).el(3).store(c -> c.scrEl3, (c, v) -> { c.scrEl3 = v | SCR_RW | 0x30; c.irqCheck = true; })
                // Reset as a direct kernel boot expects (as QEMU does for -kernel): Non-secure, AArch64 lower ELs, HVC enabled.
                .reset(SCR_NS | SCR_RW | SCR_HCE | 0x30).fields(SCR_FIELDS);
        CoreRegs.reg(rows, "CPTR_EL2", 3, 4, 1, 1, 2).el(2).store(c -> c.cptrEl2, (c, v) -> c.cptrEl2 = v).reset(0x33FF)
                .fields("31 TCPAC Trap CPACR_EL1 accesses to EL2", "30 TAM Trap Activity Monitor accesses",
                        "29 RES0 [E2H=1]", "28 TTA [E2H=1] Trap trace register accesses", "27:26 RES0 [E2H=1]",
                        "25:24 SMEN [E2H=1] SME trap", "23:22 RES0 [E2H=1]", "21:20 FPEN [E2H=1] FP/AdvSIMD trap: 0b11 = not trapped",
                        "20 TTA [E2H=0] Trap trace register accesses", "17:16 ZEN [E2H=1] SVE trap",
                        "13 RES1_13 [E2H=0] RES1", "12 TSM [E2H=0] Trap SME", "10 TFP [E2H=0] Trap FP/AdvSIMD to EL2",
                        "9 RES1_9 [E2H=0] RES1", "8 TZ [E2H=0] Trap SVE", "7:0 RES1_7_0 [E2H=0] RES1");
        CoreRegs.reg(rows, "CPTR_EL3", 3, 6, 1, 1, 2).el(3).store(c -> c.cptrEl3, (c, v) -> c.cptrEl3 = v)
                .fields("63:32 RES0", "31 TCPAC Trap CPACR_EL1/CPTR_EL2 accesses to EL3", "30 TAM Trap Activity Monitor accesses",
                        "29:21 RES0", "20 TTA Trap trace register accesses", "19:13 RES0", "12 ESM Do not trap SME",
                        "11 RES0", "10 TFP Trap FP/AdvSIMD to EL3", "9 RES0", "8 EZ Do not trap SVE", "7:0 RES0");
        CoreRegs.reg(rows, "MDCR_EL2", 3, 4, 1, 1, 1).el(2).store(c -> c.mdcrEl2, (c, v) -> c.mdcrEl2 = v)
                .fields("63:44 RES0", "43 EBWE Extended Breakpoint and Watchpoint Enable", "42 RES0", "41:40 PMEE PMU exception enable",
                        "39:37 RES0", "36 HPMFZS Hyp PMU freeze on SPE event", "35:32 RES0", "31:30 PMSSE", "29 HPMFZO Hyp PMU freeze on overflow",
                        "28 MTPME Multi-threaded PMU extension enable", "27 TDCC Trap DCC registers", "26 HLP Long event counter enable",
                        "25:24 E2TB EL2 Trace Buffer", "23 HCCD Hypervisor Cycle Counter Disable", "22:20 RES0",
                        "19 TTRF Trap Trace Filter controls", "18 RES0", "17 HPMD Hypervisor PMU event counting disable",
                        "16 RES0", "15 EnSPM Enable access to PMU snapshot", "14 TPMS Trap Profiling Buffer registers",
                        "13:12 E2PB EL2 Profiling Buffer", "11 TDRA Trap Debug ROM Address register accesses",
                        "10 TDOSA Trap debug OS-related register accesses", "9 TDA Trap Debug Access",
                        "8 TDE Trap Debug Exceptions: route debug exceptions to EL2", "7 HPME Hyp PMU counters enable",
                        "6 TPM Trap Performance Monitors accesses", "5 TPMCR Trap PMCR_EL0 accesses",
                        "4:0 HPMN Number of PMU event counters accessible from EL1 and EL0");
        CoreRegs.reg(rows, "MDCR_EL3", 3, 6, 1, 3, 1).el(3).slot().note("self-hosted debug not modelled: storage only");
        CoreRegs.reg(rows, "HSTR_EL2", 3, 4, 1, 1, 3).el(2).store(c -> c.hstrEl2, (c, v) -> c.hstrEl2 = v)
                .fields("63:16 RES0", "15:0 T<n> Trap AArch32 EL1/EL0 accesses to CP15 primary register c<n> (no AArch32: no effect)");
        CoreRegs.reg(rows, "HACR_EL2", 3, 4, 1, 1, 7).el(2).slot().note("IMPLEMENTATION DEFINED; storage only");
        CoreRegs.reg(rows, "VTTBR_EL2", 3, 4, 2, 1, 0).el(2).store(c -> c.vttbrEl2, (c, v) -> c.vttbrEl2 = v)
                .fields("63:48 VMID Virtual machine identifier (16 bits with FEAT_VMID16 and VTCR_EL2.VS)",
                        "47:1 BADDR Stage 2 translation table base address", "0 CnP Common not Private");
        CoreRegs.reg(rows, "VTCR_EL2", 3, 4, 2, 1, 2).el(2).store(c -> c.vtcrEl2, (c, v) -> c.vtcrEl2 = v | 1L << 31)
                .reset(1L << 31).fields(TcrFields.VTCR_EL2);
        CoreRegs.reg(rows, "HPFAR_EL2", 3, 4, 6, 0, 4).el(2).slot()
                .fields("63 NS Faulting IPA is Non-secure", "62:48 RES0", "47:4 FIPA Faulting IPA bits [55:12]", "3:0 RES0");
        CoreRegs.reg(rows, "VPIDR_EL2", 3, 4, 0, 0, 0).el(2).store(c -> c.vpidrEl2, (c, v) -> c.vpidrEl2 = v & 0xFFFF_FFFFL)
                .fields("63:32 RES0", "31:0 MIDR Value returned by MIDR_EL1 reads at EL1");
        CoreRegs.reg(rows, "VMPIDR_EL2", 3, 4, 0, 0, 5).el(2).store(c -> c.vmpidrEl2, (c, v) -> c.vmpidrEl2 = v)
                .fields("63:40 RES0", "39:32 Aff3", "31 RES1", "30 U Uniprocessor", "29:25 RES0", "24 MT Multithreading",
                        "23:16 Aff2", "15:8 Aff1", "7:0 Aff0");
        CoreRegs.reg(rows, "CNTHCTL_EL2", 3, 4, 14, 1, 0).el(2).store(c -> c.cnthctlEl2, (c, v) -> c.cnthctlEl2 = v)
                .reset(3) // EL1PCTEN, EL1PCEN: EL1 physical timer not trapped
                .fields("63:20 RES0", "19 CNTPMASK Mask CNTP_CTL_EL0.IMASK (FEAT_RME)", "18 CNTVMASK Mask CNTV_CTL_EL0.IMASK",
                        "17 EVNTIS Event stream on CNTVCT bit [n+8]", "16 EL1NVVCT Trap EL1 CNTV_CTL/CVAL (FEAT_ECV)",
                        "15 EL1NVPCT Trap EL1 CNTP_CTL/CVAL (FEAT_ECV)", "14 EL1TVCT Trap EL0/EL1 CNTVCT reads (FEAT_ECV)",
                        "13 EL1TVT Trap EL0/EL1 virtual timer accesses (FEAT_ECV)", "12 ECV Enhanced Counter Virtualization enable",
                        "11 EL1PTEN [E2H=1] EL0 physical timer access not trapped", "10 EL1PCTEN [E2H=1] EL0 physical counter not trapped",
                        "9 EL0PTEN [E2H=1] EL0 physical timer not trapped", "8 EL0VTEN [E2H=1] EL0 virtual timer not trapped",
                        "7:4 EVNTI Event stream trigger bit", "3 EVNTDIR Event stream trigger direction", "2 EVNTEN Event stream enable",
                        "1 EL1PCEN [E2H=0] EL0/EL1 physical timer not trapped; [E2H=1] EL0VCTEN virtual counter not trapped",
                        "0 EL1PCTEN [E2H=0] EL0/EL1 physical counter not trapped; [E2H=1] EL0PCTEN");
        // The AArch32 EL1 state registers: AArch32 is not implemented, so they are UNDEFINED (no log line).
        for (String[] a : new String[][] {{"DACR32_EL2", "3 0 0"}, {"IFSR32_EL2", "5 0 1"}, {"FPEXC32_EL2", "5 3 0"}}) {
            String[] e = a[1].split(" ");
            CoreRegs.reg(rows, a[0], 3, 4, Integer.parseInt(e[0]), Integer.parseInt(e[1]), Integer.parseInt(e[2])).el(2)
                    .store(c -> 0, (c, v) -> { }).check((c, r, read, w) -> io.el2studio.sim.cpu.GuestFault.undefined())
                    .note("AArch32 is not implemented: UNDEFINED");
        }
        CoreRegs.reg(rows, "CNTVOFF_EL2", 3, 4, 14, 0, 3).el(2).store(c -> c.cntvoffEl2, (c, v) -> {
            c.cntvoffEl2 = v;
            io.el2studio.sim.timer.GenericTimer.offsetWritten(c);
        })
                .fields("63:0 VOFFSET Virtual counter offset: CNTVCT = CNTPCT - CNTVOFF");
    }
}
