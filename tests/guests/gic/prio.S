// Priority masking, preemption with BPR, EOImode 1 and Group 0 on one PE at EL2, by polling the CPU
// interface (interrupts stay masked: no exception is taken). SPIs made pending with GICD_ISPENDR:
// 40, 41, 42 Group 1 and 43 Group 0, routed to Aff0 = 0 with GICD_IROUTER.
#include "gic.h"
    START
    W32     GICR + 0x14, 0                  // GICR_WAKER: wake
    W32     GICD + 0x0, 3                   // GICD_CTLR: EnableGrp0, EnableGrp1 (ARE, DS RAO)
    SPIS_40_43 0x10907080                   // 40 = 0x80, 41 = 0x70, 42 = 0x90, 43 = 0x10
    CPUIF_ON
    isb
    mrs     x0, icc_ctlr_el1
    SHOW    "ICC_CTLR_EL1"

    // Masking: PMR 0x80 hides priority 0x80.
    mov     x0, #0x80
    msr     icc_pmr_el1, x0
    W32     GICD + 0x204, 1 << 8            // pend 40
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 with PMR 0x80"
    mrs     x0, icc_hppir1_el1
    SHOW    "HPPIR1 with PMR 0x80"
    mov     x0, #0xff
    msr     icc_pmr_el1, x0
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 with PMR 0xff"
    mrs     x0, icc_rpr_el1
    SHOW    "RPR"

    // Preemption: 0x90 cannot preempt 0x80, 0x70 can.
    W32     GICD + 0x204, 1 << 10           // pend 42 (0x90)
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 0x90 under 0x80"
    W32     GICD + 0x204, 1 << 9            // pend 41 (0x70)
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 0x70 under 0x80"
    mrs     x0, icc_rpr_el1
    SHOW    "RPR nested"
    mrs     x0, icc_ap1r0_el1
    SHOW    "AP1R0 nested"
    mov     x0, #41
    msr     icc_eoir1_el1, x0
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "RPR after EOI 41"
    mov     x0, #40
    msr     icc_eoir1_el1, x0
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "RPR after EOI 40"
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 now"
    msr     icc_eoir1_el1, x0
    R32     GICD + 0x304
    SHOW    "ISACTIVER1"

    // BPR1: the group priority is recorded at acknowledge time.
    mov     x0, #7
    msr     icc_bpr1_el1, x0
    isb
    mrs     x0, icc_bpr1_el1
    SHOW    "BPR1"
    W32     GICD + 0x204, 1 << 8            // pend 40 (0x80)
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 BPR1 7"
    mrs     x0, icc_rpr_el1
    SHOW    "RPR BPR1 7"
    W32     GICD + 0x204, 1 << 9            // pend 41 (0x70): same group priority [7]
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 0x70 BPR1 7"
    mov     x0, #3
    msr     icc_bpr1_el1, x0
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 0x70 BPR1 3"
    mov     x0, #0
    msr     icc_bpr1_el1, x0
    mrs     x0, icc_bpr1_el1
    SHOW    "BPR1 written 0"
    mov     x0, #41
    msr     icc_eoir1_el1, x0
    mov     x0, #40
    msr     icc_eoir1_el1, x0
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "RPR idle"

    // EOImode 1: EOIR drops the priority, DIR deactivates.
    mrs     x0, icc_ctlr_el1
    orr     x0, x0, #2
    msr     icc_ctlr_el1, x0
    isb
    mrs     x0, icc_ctlr_el1
    SHOW    "ICC_CTLR_EL1 EOImode 1"
    W32     GICD + 0x204, 1 << 8
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 EOImode 1"
    msr     icc_eoir1_el1, x0
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "RPR after EOIR"
    R32     GICD + 0x304
    SHOW    "ISACTIVER1 after EOIR"
    W32     GICD + 0x204, 1 << 8            // pend again while active
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 active and pending"
    mov     x0, #40
    msr     icc_dir_el1, x0
    isb
    R32     GICD + 0x304
    SHOW    "ISACTIVER1 after DIR"
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 after DIR"
    msr     icc_eoir1_el1, x0
    msr     icc_dir_el1, x0
    isb

    // Group 0: FIQ group, IAR0.
    mov     x0, #1
    msr     icc_igrpen0_el1, x0
    W32     GICD + 0x204, 1 << 11           // pend 43 (Group 0, 0x10)
    isb
    mrs     x0, icc_hppir0_el1
    SHOW    "HPPIR0"
    mrs     x0, icc_hppir1_el1
    SHOW    "HPPIR1"
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 Group 0 pending"
    mrs     x0, icc_iar0_el1
    SHOW    "IAR0"
    mrs     x0, icc_ap0r0_el1
    SHOW    "AP0R0"
    mov     x0, #43
    msr     icc_eoir0_el1, x0
    msr     icc_dir_el1, x0
    isb
    R32     GICD + 0x304
    SHOW    "ISACTIVER1 end"
    OFF
