package io.el2studio.sim.sysreg;

import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.cpu.Interrupts;
import io.el2studio.sim.isa.Feature;

/**
 * The PSTATE accessors, the EL0/EL1 registers and the EL-banked exception registers (Arm ARM D19:
 * "Special-purpose registers" and "General system control registers").
 */
final class CoreRegs {
    private CoreRegs() {
    }

    static SysReg reg(List<SysReg> rows, String name, int op0, int op1, int crn, int crm, int op2) {
        SysReg r = new SysReg(name, op0, op1, crn, crm, op2);
        rows.add(r);
        return r;
    }

    /** SPSR_ELx layout for an exception taken from AArch64 (Arm ARM C5.2.18). */
    static final String[] SPSR_FIELDS = {
        "63:34 RES0", "33 PPEND PMU exception pending (FEAT_SEBEP)", "32 PM PMU exception mask (FEAT_EBEP)",
        "31 N Negative condition flag", "30 Z Zero condition flag", "29 C Carry condition flag",
        "28 V Overflow condition flag", "27:26 RES0", "25 TCO Tag Check Override (FEAT_MTE)",
        "24 DIT Data Independent Timing (FEAT_DIT)", "23 UAO User Access Override (FEAT_UAO)",
        "22 PAN Privileged Access Never (FEAT_PAN)", "21 SS Software Step", "20 IL Illegal Execution state",
        "19:14 RES0", "13 ALLINT All interrupt mask (FEAT_NMI)", "12 SSBS Speculative Store Bypass Safe (FEAT_SSBS)",
        "11:10 BTYPE Branch type indicator (FEAT_BTI)", "9 D Debug exception mask", "8 A SError exception mask",
        "7 I IRQ mask", "6 F FIQ mask", "5 RES0", "4 M[4] Execution state: 0 = AArch64",
        "3:0 M[3:0] Exception level and stack pointer: EL in [3:2], SPSel in [0]"};

    /** ESR_ELx (Arm ARM D17.2.37). */
    static final String[] ESR_FIELDS = {
        "63:56 RES0", "55:32 ISS2 Instruction Specific Syndrome 2 (FEAT_LS64, FEAT_MOPS, ...)",
        "31:26 EC Exception Class: the reason for the exception",
        "25 IL Instruction Length: 1 = 32-bit trapped instruction",
        "24:0 ISS Instruction Specific Syndrome, encoding depends on EC"};

    /** SCTLR_EL1, and SCTLR_EL2 when HCR_EL2.E2H is 1 (Arm ARM D17.2.118). */
    static final String[] SCTLR_FIELDS = {
        "63 TIDCP Trap IMPLEMENTATION DEFINED system instructions at EL0", "62 SPINTMASK SP interrupt mask (FEAT_NMI)",
        "61 NMI Non-maskable interrupts enable (FEAT_NMI)", "60 EnTP2 Enable TPIDR2_EL0 at EL0 (FEAT_SME)",
        "59 TCSO Tag Checking Store Only (FEAT_MTE_STORE_ONLY)", "58 TCSO0 Tag Checking Store Only at EL0",
        "57 EPAN Enhanced PAN (FEAT_PAN3)", "56 EnALS Enable LD64B/ST64B at EL0", "55 EnAS0 Enable ST64BV0 at EL0",
        "54 EnASR Enable ST64BV at EL0", "53 TME Enable TME at this EL", "52 TME0 Enable TME at EL0",
        "51 TMT Trivial TME at this EL", "50 TMT0 Trivial TME at EL0", "49:46 TWEDEL TWE delay (FEAT_TWED)",
        "45 TWEDEn TWE delay enable", "44 DSSBS Default PSTATE.SSBS on exception entry (FEAT_SSBS)",
        "43 ATA Allocation Tag Access at this EL (FEAT_MTE2)", "42 ATA0 Allocation Tag Access at EL0",
        "41:40 TCF Tag Check Fault at this EL", "39:38 TCF0 Tag Check Fault at EL0",
        "37 ITFSB Auto-synchronise tag check faults", "36 BT1 PAC branch type compatibility at EL1 (FEAT_BTI)",
        "35 BT0 PAC branch type compatibility at EL0", "34 EnFPM Enable FPMR (FEAT_FPMR)",
        "33 MSCEn Memory Copy and Memory Set at EL0 (FEAT_MOPS)", "32 CMOW Cache maintenance sets dirty (FEAT_CMOW)",
        "31 EnIA Enable pointer authentication with APIAKey", "30 EnIB Enable pointer authentication with APIBKey",
        "29 LSMAOE Load Multiple and Store Multiple Atomicity and Ordering Enable (AArch32)",
        "28 nTLSMD No Trap Load Multiple and Store Multiple to Device memory (AArch32)",
        "27 EnDA Enable pointer authentication with APDAKey",
        "26 UCI Cache maintenance instructions at EL0 (DC CVAU/CIVAC/CVAC/CVAP, IC IVAU) not trapped",
        "25 EE Endianness of data accesses at this EL and of translation table walks",
        "24 E0E Endianness of data accesses at EL0", "23 SPAN Set Privileged Access Never on exception entry: 0 = set",
        "22 EIS Exception entry is context synchronizing (FEAT_ExS)", "21 IESB Implicit Error Synchronization event (FEAT_IESB)",
        "20 TSCXT Trap EL0 access to SCXTNUM_EL0 (FEAT_CSV2)", "19 WXN Write permission implies XN",
        "18 nTWE Do not trap WFE at EL0", "17 RES0", "16 nTWI Do not trap WFI at EL0",
        "15 UCT EL0 access to CTR_EL0 not trapped", "14 DZE EL0 may execute DC ZVA",
        "13 EnDB Enable pointer authentication with APDBKey", "12 I Instruction access Cacheability",
        "11 EOS Exception exit is context synchronizing (FEAT_ExS)", "10 EnRCTX EL0 access to CFP/DVP/CPP RCTX (FEAT_SPECRES)",
        "9 UMA User Mask Access: EL0 may access PSTATE.{D,A,I,F}", "8 SED SETEND disable (AArch32 EL0)",
        "7 ITD IT disable (AArch32 EL0)", "6 nAA Non-aligned access (FEAT_LSE2)", "5 CP15BEN CP15 barrier enable (AArch32 EL0)",
        "4 SA0 SP alignment check at EL0", "3 SA SP alignment check at this EL", "2 C Data access Cacheability",
        "1 A Alignment check", "0 M MMU enable for stage 1 translation"};

    static void addTo(List<SysReg> rows) {
        // ---- PSTATE fields as special-purpose registers (C5.2) ----
        reg(rows, "NZCV", 3, 3, 4, 2, 0).el(0).store(c -> c.nzcv & 0xF000_0000L, (c, v) -> c.nzcv = (int) (v & 0xF000_0000L))
                .fields("63:32 RES0", "31 N Negative", "30 Z Zero", "29 C Carry", "28 V Overflow", "27:0 RES0");
        reg(rows, "DAIF", 3, 3, 4, 2, 1).el(0).store(c -> c.daif & 0x3C0, (c, v) -> { c.daif = (int) (v & 0x3C0); c.irqCheck = true; })
                .check(CoreRegs::umaAtEl0)
                .fields("63:10 RES0", "9 D Debug exceptions masked", "8 A SError masked", "7 I IRQ masked", "6 F FIQ masked", "5:0 RES0");
        // ISR_EL1 (Arm ARM D19.2, ISR_EL1): which of IRQ, FIQ and SError are pending, masks aside. At
        // EL1 with HCR_EL2.{xMO,TGE} = {1,0} (EL2 enabled) a bit shows the virtual interrupt of that
        // kind; otherwise (EL2, EL3, or not routed) the physical one. KVM reads it at EL2 before
        // entering a guest, to leave early when an SError is pending.
        reg(rows, "ISR_EL1", 3, 0, 12, 1, 0).value(Interrupts::isrEl1)
                .fields("63:11 RES0", "10 IS IRQ with Superpriority pending (FEAT_NMI)",
                        "9 FS FIQ with Superpriority pending (FEAT_NMI)", "8 A SError pending",
                        "7 I IRQ pending", "6 F FIQ pending", "5:0 RES0");
        reg(rows, "SPSEL", 3, 0, 4, 2, 0).store(c -> c.spsel ? 1 : 0, (c, v) -> c.spsel = (v & 1) != 0)
                .fields("63:1 RES0", "0 SP Stack pointer: 0 = SP_EL0, 1 = SP_ELx");
        reg(rows, "CURRENTEL", 3, 0, 4, 2, 2).value(c -> (long) c.el << 2)
                .fields("63:4 RES0", "3:2 !EL Current Exception level", "1:0 RES0");
        reg(rows, "PAN", 3, 0, 4, 2, 3).needs(Feature.PAN).store(c -> c.pan ? 1L << 22 : 0, (c, v) -> c.pan = (v & 1L << 22) != 0)
                .fields("63:23 RES0", "22 PAN Privileged Access Never", "21:0 RES0");
        reg(rows, "UAO", 3, 0, 4, 2, 4).needs(Feature.UAO).store(c -> c.uao ? 1L << 23 : 0, (c, v) -> c.uao = (v & 1L << 23) != 0)
                .fields("63:24 RES0", "23 UAO User Access Override", "22:0 RES0");
        reg(rows, "DIT", 3, 3, 4, 2, 5).el(0).needs(Feature.DIT).store(c -> c.dit ? 1L << 24 : 0, (c, v) -> c.dit = (v & 1L << 24) != 0)
                .fields("63:25 RES0", "24 DIT Data Independent Timing", "23:0 RES0");
        reg(rows, "SSBS", 3, 3, 4, 2, 6).el(0).needs(Feature.SSBS).store(c -> c.ssbs ? 1L << 12 : 0, (c, v) -> c.ssbs = (v & 1L << 12) != 0)
                .fields("63:13 RES0", "12 SSBS Speculative Store Bypass Safe", "11:0 RES0");
        reg(rows, "TCO", 3, 3, 4, 2, 7).el(0).needs(Feature.MTE).store(c -> c.tco ? 1L << 25 : 0, (c, v) -> c.tco = (v & 1L << 25) != 0)
                .fields("63:26 RES0", "25 TCO Tag Check Override", "24:0 RES0");
        reg(rows, "FPCR", 3, 3, 4, 4, 0).el(0).needs(Feature.FP).check(FpTraps::check)
                .store(c -> c.fpcr & 0xFFFF_FFFFL, (c, v) -> c.fpcr = (int) v)
                .fields("63:27 RES0", "26 AHP Alternative half-precision", "25 DN Default NaN", "24 FZ Flush-to-zero",
                        "23:22 RMode Rounding mode: 0 RN, 1 RP, 2 RM, 3 RZ", "21:20 Stride (AArch32 only), RES0",
                        "19 FZ16 Flush-to-zero for half precision (FEAT_FP16)", "18:16 Len (AArch32 only), RES0",
                        "15 IDE Input Denormal exception trap enable", "14:13 RES0", "12 IXE Inexact trap enable",
                        "11 UFE Underflow trap enable", "10 OFE Overflow trap enable", "9 DZE Divide by Zero trap enable",
                        "8 IOE Invalid Operation trap enable", "7:3 RES0", "2 NEP Output element position (FEAT_AFP)",
                        "1 AH Alternate Handling (FEAT_AFP)", "0 FIZ Flush Inputs to Zero (FEAT_AFP)");
        // FPCR: the trap-enable bits are RES0 where floating-point exception trapping is not implemented;
        // AArch32 Stride/Len are RES0 in AArch64-only implementations. Applied by the field list above.
        reg(rows, "FPSR", 3, 3, 4, 4, 1).el(0).needs(Feature.FP).check(FpTraps::check)
                .store(c -> c.fpsr & 0xFFFF_FFFFL, (c, v) -> c.fpsr = (int) v)
                .fields("63:32 RES0", "31:28 NZCV AArch32 flags, RES0 in AArch64-only", "27 QC Cumulative saturation",
                        "26:8 RES0", "7 IDC Input Denormal cumulative", "6:5 RES0", "4 IXC Inexact cumulative",
                        "3 UFC Underflow cumulative", "2 OFC Overflow cumulative", "1 DZC Divide by Zero cumulative",
                        "0 IOC Invalid Operation cumulative");

        // ---- stack pointers and EL-banked exception registers ----
        reg(rows, "SP_EL0", 3, 0, 4, 1, 0).store(c -> c.sp[0], (c, v) -> c.sp[0] = v).check(CoreRegs::notCurrentSp);
        reg(rows, "SP_EL1", 3, 4, 4, 1, 0).el(2).store(c -> c.sp[1], (c, v) -> c.sp[1] = v);
        reg(rows, "SP_EL2", 3, 6, 4, 1, 0).el(3).store(c -> c.sp[2], (c, v) -> c.sp[2] = v);
        int[] op1OfEl = {0, 0, 4, 6};
        for (int el = 1; el <= 3; el++) {
            final int e = el;
            int op1 = op1OfEl[el];
            reg(rows, "SPSR_EL" + e, 3, op1, 4, 0, 0).el(e).store(c -> c.spsr[e], (c, v) -> c.spsr[e] = v).fields(SPSR_FIELDS);
            reg(rows, "ELR_EL" + e, 3, op1, 4, 0, 1).el(e).store(c -> c.elr[e], (c, v) -> c.elr[e] = v)
                    .fields("63:0 ELR Preferred return address of the exception taken to EL" + e);
            vm(e, reg(rows, "ESR_EL" + e, 3, op1, 5, 2, 0).el(e).store(c -> c.esr[e], (c, v) -> c.esr[e] = v).fields(ESR_FIELDS));
            vm(e, reg(rows, "FAR_EL" + e, 3, op1, 6, 0, 0).el(e).store(c -> c.far[e], (c, v) -> c.far[e] = v)
                    .fields("63:0 VA Faulting virtual address"));
            reg(rows, "VBAR_EL" + e, 3, op1, 12, 0, 0).el(e).store(c -> c.vbar[e], (c, v) -> c.vbar[e] = v & ~0x7FFL)
                    .fields("63:11 VBA Vector base address", "10:0 RES0");
            vm(e, reg(rows, "SCTLR_EL" + e, 3, op1, 1, 0, 0).el(e).store(c -> c.sctlr[e], (c, v) -> c.sctlr[e] = v)
                    .reset(e == 1 ? 0x30D0_0800L : 0x30C5_0830L).fields(SCTLR_FIELDS));
            reg(rows, "ACTLR_EL" + e, 3, op1, 1, 0, 1).el(e).slot().group(e == 1 ? SysReg.TrapGroup.TACR : null).note("IMPLEMENTATION DEFINED; storage only");
            reg(rows, "TPIDR_EL" + e, 3, op1, 13, 0, e == 1 ? 4 : 2).el(e).store(c -> c.tpidr[e], (c, v) -> c.tpidr[e] = v);
            vm(e, reg(rows, "TTBR0_EL" + e, 3, op1, 2, 0, 0).el(e).store(c -> c.ttbr0[e], (c, v) -> c.ttbr0[e] = v)
                    .fields("63:48 ASID Address space identifier", "47:1 BADDR Translation table base address", "0 CnP Common not Private"));
            vm(e, reg(rows, "TCR_EL" + e, 3, op1, 2, 0, 2).el(e).store(c -> c.tcr[e], (c, v) -> c.tcr[e] = v)
                    .fields(e == 1 ? TcrFields.TCR_EL1 : e == 2 ? TcrFields.TCR_EL2 : TcrFields.TCR_EL3));
            vm(e, reg(rows, "MAIR_EL" + e, 3, op1, 10, 2, 0).el(e).store(c -> c.mair[e], (c, v) -> c.mair[e] = v)
                    .fields("63:56 Attr7", "55:48 Attr6", "47:40 Attr5", "39:32 Attr4", "31:24 Attr3", "23:16 Attr2", "15:8 Attr1", "7:0 Attr0"));
            vm(e, reg(rows, "AMAIR_EL" + e, 3, op1, 10, 3, 0).el(e).slot().note("IMPLEMENTATION DEFINED; storage only"));
            vm(e, reg(rows, "AFSR0_EL" + e, 3, op1, 5, 1, 0).el(e).slot().note("IMPLEMENTATION DEFINED; storage only"));
            vm(e, reg(rows, "AFSR1_EL" + e, 3, op1, 5, 1, 1).el(e).slot().note("IMPLEMENTATION DEFINED; storage only"));
        }
        reg(rows, "TTBR1_EL1", 3, 0, 2, 0, 1).group(SysReg.TrapGroup.TVM).store(c -> c.ttbr1[1], (c, v) -> c.ttbr1[1] = v)
                .fields("63:48 ASID Address space identifier", "47:1 BADDR Translation table base address", "0 CnP Common not Private");
        reg(rows, "TTBR1_EL2", 3, 4, 2, 0, 1).el(2).needs(Feature.VHE).store(c -> c.ttbr1[2], (c, v) -> c.ttbr1[2] = v)
                .fields("63:48 ASID Address space identifier", "47:1 BADDR Translation table base address", "0 CnP Common not Private");
        reg(rows, "TPIDR_EL0", 3, 3, 13, 0, 2).el(0).store(c -> c.tpidr[0], (c, v) -> c.tpidr[0] = v);
        reg(rows, "TPIDRRO_EL0", 3, 3, 13, 0, 3).el(0).check(CoreRegs::readOnlyAtEl0)
                .store(c -> c.tpidrroEl0, (c, v) -> c.tpidrroEl0 = v);
        reg(rows, "CONTEXTIDR_EL1", 3, 0, 13, 0, 1).group(SysReg.TrapGroup.TVM).slot().fields("63:32 RES0", "31:0 PROCID Process identifier");
        reg(rows, "CONTEXTIDR_EL2", 3, 4, 13, 0, 1).el(2).needs(Feature.VHE).slot()
                .fields("63:32 RES0", "31:0 PROCID Process identifier");
        // CPACR_EL1.FPEN resets to an UNKNOWN value; we choose 0b11 (not trapped) so that bare-metal
        // programs started at EL0/EL1 without boot code may use FP/SIMD (firmware writes it anyway).
        reg(rows, "CPACR_EL1", 3, 0, 1, 0, 2).store(c -> c.cpacrEl1, (c, v) -> c.cpacrEl1 = v).reset(3L << 20)
                .fields("63:32 RES0", "31 TTA Trap trace register access", "30:30 RES0",
                        "29:28 SMEN SME trap (FEAT_SME)", "27:26 RES0", "25:24 RES0",
                        "23:22 RES0", "21:20 FPEN FP/AdvSIMD trap: 0b11 = not trapped, 0bx0 = trapped at EL0 and EL1, 0b01 = trapped at EL0",
                        "19:18 RES0", "17:16 ZEN SVE trap (FEAT_SVE)", "15:0 RES0");
        reg(rows, "PAR_EL1", 3, 0, 7, 4, 0).store(c -> c.parEl1, (c, v) -> c.parEl1 = v)
                .fields("63:56 ATTR Memory attributes (MAIR encoding), when F = 0", "55:52 RES0",
                        "51:12 PA Output address, when F = 0", "11 RES1 when F = 0", "10 IMPDEF IMPLEMENTATION DEFINED (NSE with FEAT_RME)",
                        "9 NS Non-secure output address when F = 0; S: stage 2 fault when F = 1", "8:7 SH Shareability when F = 0; PTW: fault on a stage 1 walk when F = 1",
                        "6:1 FST Fault status code, when F = 1",
                        "0 F Translation aborted");
        reg(rows, "MDSCR_EL1", 2, 0, 0, 2, 2).slot().note("self-hosted debug not modelled: storage only")
                .fields("63:36 RES0", "35 EHBWE", "34 EnSTEPOP", "33:32 RES0", "31 TFO Trace Filter Override", "30 RXfull",
                        "29 TXfull", "28 RES0", "27 RXO", "26 TXU", "25:24 RES0", "23:22 INTdis", "21 TDA",
                        "20 RES0", "19 SC2", "18:16 RES0", "15 MDE Monitor debug events", "14 HDE", "13 KDE Local debug enable at EL_D",
                        "12 TDCC Trap DCC", "11:7 RES0", "6 ERR", "5:1 RES0", "0 SS Software step control");
        // The breakpoints and watchpoints ID_AA64DFR0_EL1 advertises (CpuProfile.BREAKPOINTS, WATCHPOINTS):
        // storage only, they never fire (self-hosted debug is not modelled). Kernels reset them at boot.
        for (int n = 0; n < io.el2studio.sim.cpu.CpuProfile.BREAKPOINTS; n++) {
            reg(rows, "DBGBVR" + n + "_EL1", 2, 0, 0, n, 4).slot().note("breakpoints not modelled: storage only");
            reg(rows, "DBGBCR" + n + "_EL1", 2, 0, 0, n, 5).slot().note("breakpoints not modelled: storage only")
                    .fields("63:32 RES0", "31:29 RES0", "28:24 MASK", "23:20 BT Breakpoint Type", "19:16 LBN Linked Breakpoint Number",
                            "15:14 SSC Security State Control", "13 HMC Higher Mode Control", "12:9 RES0",
                            "8:5 BAS Byte Address Select", "4:3 RES0", "2:1 PMC Privilege Mode Control", "0 E Enable");
        }
        for (int n = 0; n < io.el2studio.sim.cpu.CpuProfile.WATCHPOINTS; n++) {
            reg(rows, "DBGWVR" + n + "_EL1", 2, 0, 0, n, 6).slot().note("watchpoints not modelled: storage only");
            reg(rows, "DBGWCR" + n + "_EL1", 2, 0, 0, n, 7).slot().note("watchpoints not modelled: storage only")
                    .fields("63:32 RES0", "31:29 RES0", "28:24 MASK Address mask", "23:21 RES0", "20 WT Watchpoint type",
                            "19:16 LBN Linked Breakpoint Number", "15:14 SSC Security State Control", "13 HMC Higher Mode Control",
                            "12:5 BAS Byte Address Select", "4:3 LSC Load/Store Control", "2:1 PAC Privilege of Access Control",
                            "0 E Enable");
        }
        reg(rows, "MDCCINT_EL1", 2, 0, 0, 2, 0).slot().note("debug communications channel not modelled: storage only");
        reg(rows, "OSLAR_EL1", 2, 0, 1, 0, 4).wo().slot().note("OS lock: writes accepted, no effect (self-hosted debug not modelled)");
        reg(rows, "OSLSR_EL1", 2, 0, 1, 1, 4).value(c -> 0b1000).note("OSLM = 0b10: OS lock implemented, unlocked");
        reg(rows, "OSDLR_EL1", 2, 0, 1, 3, 4).slot().fields("63:1 RES0", "0 DLK OS Double Lock");
        reg(rows, "CSSELR_EL1", 3, 2, 0, 0, 0).group(SysReg.TrapGroup.TID2).store(c -> c.csselrEl1, (c, v) -> c.csselrEl1 = v & 0x1F)
                .fields("63:5 RES0", "4 TnD Tag not Data", "3:1 Level Cache level - 1", "0 InD Instruction not Data");
    }

    /** The EL1 virtual-memory control registers are trapped by HCR_EL2.TVM (writes) and TRVM (reads). */
    static SysReg vm(int el, SysReg r) {
        return el == 1 ? r.group(SysReg.TrapGroup.TVM) : r;
    }

    /** DAIF at EL0 needs SCTLR_EL1.UMA, else the access traps to EL1 with EC 0x18 (D19.2 DAIF). */
    static GuestFault umaAtEl0(Cpu cpu, SysReg r, boolean read, int w) {
        if (cpu.el == 0 && (cpu.sctlr[1] & (1 << 9)) == 0) {
            return SysRegAccess.trap(w, El2Regs.tgeAtEl0(cpu) ? 2 : 1);
        }
        return null;
    }

    /** TPIDRRO_EL0 is read-only at EL0: MSR there is UNDEFINED. */
    static GuestFault readOnlyAtEl0(Cpu cpu, SysReg r, boolean read, int w) {
        return cpu.el == 0 && !read ? GuestFault.undefined() : null;
    }

    /** MRS/MSR SP_EL0 while SP_EL0 is the current stack pointer (PSTATE.SP == 0) is UNDEFINED. */
    static GuestFault notCurrentSp(Cpu cpu, SysReg r, boolean read, int w) {
        return cpu.spsel ? null : GuestFault.undefined();
    }
}
