// Reset values and write masks of the GIC and timer registers (tests/io.el2studio.sim.tests
// gic/GicGuestTest), read at EL2 on PE 0 of two (PE 1 stays off): each register is printed at reset,
// then after writing all ones (only the fields the architecture defines here are compared) and zeros. LPIs are absent here and present on QEMU 7.2,
// so GICD_TYPER.LPIS and GICR_TYPER.PLPIS/DirectLPI/CommonLPIAff are masked out before printing.
#include "gic.h"

// MMIO32 addr, "label": print the 32-bit register; then write ones, print, write zeros, print
.macro MMIO32 addr, text
    R32     \addr
    SHOW    "\text"
    W32     \addr, 0xffffffff
    R32     \addr
    SHOW    "\text after ones"
    W32     \addr, 0
    R32     \addr
    SHOW    "\text after zeros"
.endm

// RO32 addr, "label": print the 32-bit register
.macro RO32 addr, text
    R32     \addr
    SHOW    "\text"
.endm

// SYS reg, "label", mask: print the system register; then write ones and print the bits in \mask (the
// fields the architecture defines for this configuration: a RES0 bit may keep what was written); then
// write zero and print
.macro SYS reg, text, mask=-1
    mrs     x0, \reg
    SHOW    "\text"
    mov     x0, #-1
    msr     \reg, x0
    isb
    mrs     x0, \reg
    ldr     x1, =\mask
    and     x0, x0, x1
    SHOW    "\text after ones, defined fields"
    msr     \reg, xzr
    isb
    mrs     x0, \reg
    SHOW    "\text after zeros"
.endm

    START

    // ---- distributor ----
    R32     GICD + 0x0
    SHOW    "GICD_CTLR"
    R32     GICD + 0x4
    bic     x0, x0, #(1 << 17)              // LPIS
    SHOW    "GICD_TYPER without LPIS"
    RO32    GICD + 0x8, "GICD_IIDR"
    RO32    GICD + 0xc, "GICD_TYPER2"
    RO32    GICD + 0xffe8, "GICD_PIDR2"
    MMIO32  GICD + 0x84, "GICD_IGROUPR1"
    RO32    GICD + 0x80, "GICD_IGROUPR0 (ARE)"
    RO32    GICD + 0x100, "GICD_ISENABLER0 (ARE)"
    W32     GICD + 0x104, 0x00ff0000
    RO32    GICD + 0x104, "GICD_ISENABLER1 after setting 0x00ff0000"
    W32     GICD + 0x184, 0x000f0000
    RO32    GICD + 0x184, "GICD_ICENABLER1 after clearing 0x000f0000"
    W32     GICD + 0x184, 0xffffffff
    MMIO32  GICD + 0x420, "GICD_IPRIORITYR8"
    RO32    GICD + 0xc00, "GICD_ICFGR0"
    MMIO32  GICD + 0xc08, "GICD_ICFGR2"
    MMIO32  GICD + 0xd00, "GICD_IGRPMODR0"
    MMIO32  GICD + 0xd04, "GICD_IGRPMODR1"
    RO32    GICD + 0xe00, "GICD_NSACR0"
    ldr     x9, =GICD + 0x6000 + 8 * 40
    ldr     x0, [x9]
    SHOW    "GICD_IROUTER40"
    ldr     x0, =0xff00ffffff               // Aff3, Aff2, Aff1, Aff0
    str     x0, [x9]
    ldr     x0, [x9]
    SHOW    "GICD_IROUTER40 after writing the affinity fields"
    R32     GICD + 0x6000 + 8 * 40 + 4
    SHOW    "GICD_IROUTER40 upper word"
    ldr     x9, =GICD + 0x6000 + 8 * 40
    str     xzr, [x9]
    // Pending and active state through the set/clear registers
    W32     GICD + 0x204, 0x3
    RO32    GICD + 0x204, "GICD_ISPENDR1 after setting 0x3"
    W32     GICD + 0x284, 0x1
    RO32    GICD + 0x284, "GICD_ICPENDR1 after clearing 0x1"
    W32     GICD + 0x284, 0xffffffff
    W32     GICD + 0x304, 0x5
    RO32    GICD + 0x304, "GICD_ISACTIVER1 after setting 0x5"
    W32     GICD + 0x384, 0x4
    RO32    GICD + 0x384, "GICD_ICACTIVER1 after clearing 0x4"
    W32     GICD + 0x384, 0xffffffff
    // GICD_SETSPI_NSR (message-based SPIs: GICD_TYPER.MBIS)
    W32     GICD + 0x40, 33
    RO32    GICD + 0x204, "GICD_ISPENDR1 after GICD_SETSPI_NSR 33"
    W32     GICD + 0x284, 0xffffffff

    // ---- redistributors ----
    R32     GICR + 0x0
    bic     x0, x0, #2                      // CES: whether EnableLPIs can be cleared
    SHOW    "GICR_CTLR without CES"
    RO32    GICR + 0x4, "GICR_IIDR"
    R32     GICR + 0x8
    ldr     x1, =~((1 << 0) | (1 << 3) | (3 << 24))  // PLPIS, DirectLPI, CommonLPIAff
    and     x0, x0, x1
    SHOW    "GICR_TYPER[31:0] of PE 0 without the LPI bits"
    RO32    GICR + 0xc, "GICR_TYPER[63:32] of PE 0"
    R32     GICR + GICR_STRIDE + 0x8
    ldr     x1, =~((1 << 0) | (1 << 3) | (3 << 24))
    and     x0, x0, x1
    SHOW    "GICR_TYPER[31:0] of PE 1 without the LPI bits"
    RO32    GICR + GICR_STRIDE + 0xc, "GICR_TYPER[63:32] of PE 1"
    RO32    GICR + 0x14, "GICR_WAKER"
    W32     GICR + 0x14, 0
    RO32    GICR + 0x14, "GICR_WAKER after waking"
    RO32    GICR + 0xffe8, "GICR_PIDR2"
    RO32    GICR_SGI + 0x80, "GICR_IGROUPR0"
    MMIO32  GICR_SGI + 0x80, "GICR_IGROUPR0"
    RO32    GICR_SGI + 0x100, "GICR_ISENABLER0"
    MMIO32  GICR_SGI + 0x400, "GICR_IPRIORITYR0"
    MMIO32  GICR_SGI + 0x41c, "GICR_IPRIORITYR7"
    MMIO32  GICR_SGI + 0xc00, "GICR_ICFGR0"
    MMIO32  GICR_SGI + 0xc04, "GICR_ICFGR1"
    MMIO32  GICR_SGI + 0xd00, "GICR_IGRPMODR0"
    RO32    GICR_SGI + 0xe00, "GICR_NSACR"

    // ---- CPU interface ----
    SYS     icc_ctlr_el1, "ICC_CTLR_EL1", 0xffff
    SYS     icc_pmr_el1, "ICC_PMR_EL1", 0xff
    SYS     icc_bpr0_el1, "ICC_BPR0_EL1", 0x7
    SYS     icc_bpr1_el1, "ICC_BPR1_EL1", 0x7
    SYS     icc_igrpen0_el1, "ICC_IGRPEN0_EL1", 1
    SYS     icc_igrpen1_el1, "ICC_IGRPEN1_EL1", 1
    SYS     icc_ap0r0_el1, "ICC_AP0R0_EL1", 0xffffffff
    SYS     icc_ap1r0_el1, "ICC_AP1R0_EL1", 0xffffffff
    mrs     x0, icc_sre_el1
    SHOW    "ICC_SRE_EL1"
    mrs     x0, icc_sre_el2
    SHOW    "ICC_SRE_EL2"
    mrs     x0, icc_rpr_el1
    SHOW    "ICC_RPR_EL1"
    mrs     x0, icc_hppir0_el1
    SHOW    "ICC_HPPIR0_EL1"
    mrs     x0, icc_hppir1_el1
    SHOW    "ICC_HPPIR1_EL1"
    mrs     x0, icc_ctlr_el1
    orr     x0, x0, #1                      // CBPR: BPR1 reads BPR0
    msr     icc_ctlr_el1, x0
    mov     x0, #4
    msr     icc_bpr0_el1, x0
    isb
    mrs     x0, icc_bpr1_el1
    SHOW    "ICC_BPR1_EL1 with CBPR, BPR0 4"
    mrs     x0, icc_ctlr_el1
    bic     x0, x0, #1
    msr     icc_ctlr_el1, x0
    isb

    // ---- virtual interface ----
    mrs     x0, ich_vtr_el2
    SHOW    "ICH_VTR_EL2"
    SYS     ich_hcr_el2, "ICH_HCR_EL2", 0xf8005cff   // TSEI RES0: ICH_VTR_EL2.SEIS = 0
    SYS     ich_vmcr_el2, "ICH_VMCR_EL2", 0xfffc021f
    SYS     ich_ap0r0_el2, "ICH_AP0R0_EL2", 0xffffffff
    SYS     ich_ap1r0_el2, "ICH_AP1R0_EL2", 0xffffffff
    SYS     ich_lr0_el2, "ICH_LR0_EL2", 0xf0f81fff00ffffff   // vINTID 24 bits, 5 priority bits
    SYS     ich_lr3_el2, "ICH_LR3_EL2", 0xf0f81fff00ffffff
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2"
    mrs     x0, ich_eisr_el2
    SHOW    "ICH_EISR_EL2"
    mrs     x0, ich_elrsr_el2
    SHOW    "ICH_ELRSR_EL2"

    // ---- timers ----
    mrs     x0, cntfrq_el0
    SHOW    "CNTFRQ_EL0"
    SYS     cnthctl_el2, "CNTHCTL_EL2", 0xff            // E2H = 0 layout, no FEAT_ECV
    mov     x0, #3
    msr     cnthctl_el2, x0
    SYS     cntkctl_el1, "CNTKCTL_EL1", 0x3ff
    SYS     cntvoff_el2, "CNTVOFF_EL2"
    SYS     cntv_ctl_el0, "CNTV_CTL_EL0", 0x7
    SYS     cntp_ctl_el0, "CNTP_CTL_EL0", 0x7
    SYS     cnthp_ctl_el2, "CNTHP_CTL_EL2", 0x7
    SYS     cntv_cval_el0, "CNTV_CVAL_EL0"
    SYS     cnthp_cval_el2, "CNTHP_CVAL_EL2"
    mrs     x0, S3_4_C14_C3_1
    SHOW    "CNTHV_CTL_EL2"
    mov     x0, #-1
    msr     S3_4_C14_C3_1, x0
    msr     S3_4_C14_C3_2, x0
    isb
    mrs     x0, S3_4_C14_C3_1
    and     x0, x0, #7
    SHOW    "CNTHV_CTL_EL2 after ones"
    mrs     x0, S3_4_C14_C3_2
    SHOW    "CNTHV_CVAL_EL2 after ones"
    msr     S3_4_C14_C3_1, xzr
    OFF
