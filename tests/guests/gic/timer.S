// Generic timers at EL2 (tests/io.el2studio.sim.tests gic/GicGuestTest): CNTFRQ, the effect of
// CNTVOFF_EL2 on CNTVCT and on the EL1 virtual timer (which fires, and raises PPI 27, as soon as a new
// CNTVOFF_EL2 moves the virtual count past CVAL), ISTATUS and IMASK with the timer's level seen in the
// redistributor (GICR_ISPENDR0: PPI 30 EL1 physical, 27 EL1 virtual, 26 EL2 physical, 28 EL2 virtual),
// TVAL, and with VHE (HCR_EL2.E2H = 1) the EL0 timer encodings reaching the EL2 virtual timer, which
// compares without CNTVOFF_EL2, while the *_EL02 encodings reach the EL1 virtual timer, which compares
// with it. Counter values differ from run to run, so only relations between them are printed.
#include "gic.h"
    .equ VOFF, 0x123456789

.macro PPI_LEVEL bit
    R32     GICR_SGI + 0x200
    ubfx    x0, x0, #\bit, #1
.endm

    START
    mov     x24, #0x1000000                 // "small": 0.27 s of counter, margin for a descheduled host
    W32     GICR + 0x14, 0
    mrs     x0, cntfrq_el0
    SHOW    "CNTFRQ_EL0"
    mrs     x0, cnthctl_el2
    SHOW    "CNTHCTL_EL2 at reset"

    ldr     x0, =VOFF
    msr     cntvoff_el2, x0
    isb
    mrs     x0, cntvoff_el2
    SHOW    "CNTVOFF_EL2"
    mrs     x1, cntvct_el0
    mrs     x2, cntpct_el0
    sub     x0, x2, x1
    ldr     x3, =VOFF
    sub     x0, x0, x3
    cmp     x0, x24
    cset    x0, lo
    SHOW    "CNTPCT - CNTVCT - CNTVOFF small"

    // EL1 virtual timer: fires when CNTVCT (= CNTPCT - CNTVOFF) reaches CVAL.
    mrs     x0, cntvct_el0
    ldr     x1, =200000
    add     x19, x0, x1
    msr     cntv_cval_el0, x19
    mov     x0, #1
    msr     cntv_ctl_el0, x0
    isb
    mrs     x0, cntv_ctl_el0
    SHOW    "CNTV_CTL_EL0 just enabled"
1:  mrs     x0, cntv_ctl_el0
    tbz     x0, #2, 1b
    SHOW    "CNTV_CTL_EL0 fired"
    mrs     x0, cntpct_el0
    ldr     x3, =VOFF
    sub     x0, x0, x3
    cmp     x0, x19
    cset    x0, hs
    SHOW    "CNTPCT - CNTVOFF >= CVAL"
    PPI_LEVEL 27
    SHOW    "PPI 27 level"
    mov     x0, #3
    msr     cntv_ctl_el0, x0
    isb
    mrs     x0, cntv_ctl_el0
    SHOW    "CNTV_CTL_EL0 IMASK"
    PPI_LEVEL 27
    SHOW    "PPI 27 level masked"
    msr     cntv_ctl_el0, xzr
    isb
    mrs     x0, cntv_ctl_el0
    SHOW    "CNTV_CTL_EL0 disabled"

    // TVAL: CVAL = count + SignExtend(TVAL).
    ldr     x0, =0x7fffffff
    msr     cntv_tval_el0, x0
    isb
    mrs     x0, cntv_tval_el0
    ldr     x1, =0x7f000000
    cmp     x0, x1
    cset    x0, hi
    SHOW    "CNTV_TVAL_EL0 counts down from 0x7fffffff"
    mov     x0, #-1
    msr     cntv_tval_el0, x0
    mov     x0, #1
    msr     cntv_ctl_el0, x0
    isb
    mrs     x0, cntv_ctl_el0
    SHOW    "CNTV_CTL_EL0 with TVAL -1"
    mrs     x0, cntv_tval_el0
    lsr     x0, x0, #31
    SHOW    "CNTV_TVAL_EL0 bit 31 after expiry"
    msr     cntv_ctl_el0, xzr

    // EL2 physical timer (PPI 26) and EL1 physical timer (PPI 30).
    msr     cnthp_cval_el2, xzr
    mov     x0, #1
    msr     cnthp_ctl_el2, x0
    isb
    mrs     x0, cnthp_ctl_el2
    SHOW    "CNTHP_CTL_EL2"
    PPI_LEVEL 26
    SHOW    "PPI 26 level"
    msr     cnthp_ctl_el2, xzr
    msr     cntp_cval_el0, xzr
    mov     x0, #1
    msr     cntp_ctl_el0, x0
    isb
    PPI_LEVEL 30
    SHOW    "PPI 30 level"
    msr     cntp_ctl_el0, xzr
    isb

    // Moving CNTVOFF_EL2 moves the virtual count past CVAL: the timer fires at once, PPI 27 goes high.
    // (CNTVOFF_EL2 = 0, then -2^33: VOFF is larger than the physical count so early after reset, and the
    // virtual count would wrap.)
    msr     cntvoff_el2, xzr
    isb
    mrs     x0, cntvct_el0
    ldr     x1, =0x100000000
    add     x0, x0, x1
    msr     cntv_cval_el0, x0               // CVAL = CNTVCT + 2^32: 68 s away
    mov     x0, #1
    msr     cntv_ctl_el0, x0
    isb
    mrs     x0, cntv_ctl_el0
    SHOW    "CNTV_CTL_EL0, CVAL 2^32 ahead"
    PPI_LEVEL 27
    SHOW    "PPI 27 level, CVAL 2^32 ahead"
    ldr     x0, =-0x200000000
    msr     cntvoff_el2, x0                 // CNTVCT jumps 2^33 ahead
    isb
    PPI_LEVEL 27
    SHOW    "PPI 27 level after CNTVOFF_EL2 = -2^33"
    mrs     x0, cntv_ctl_el0
    SHOW    "CNTV_CTL_EL0 after CNTVOFF_EL2 = -2^33"
    msr     cntvoff_el2, xzr
    isb
    PPI_LEVEL 27
    SHOW    "PPI 27 level after CNTVOFF_EL2 = 0"
    mrs     x0, cntv_ctl_el0
    SHOW    "CNTV_CTL_EL0 after CNTVOFF_EL2 = 0"
    msr     cntv_ctl_el0, xzr
    ldr     x0, =VOFF
    msr     cntvoff_el2, x0
    isb

    // VHE: with E2H = 1 the CNTV_* encodings at EL2 are the EL2 virtual timer (PPI 28).
    ldr     x0, =(1 << 31) | (1 << 34)
    msr     hcr_el2, x0
    isb
    msr     cntv_cval_el0, xzr
    mov     x0, #1
    msr     cntv_ctl_el0, x0
    isb
    mrs     x0, S3_4_C14_C3_1               // CNTHV_CTL_EL2
    SHOW    "CNTHV_CTL_EL2 written through CNTV_CTL_EL0"
    PPI_LEVEL 28
    SHOW    "PPI 28 level"
    PPI_LEVEL 27
    SHOW    "PPI 27 level (EL1 virtual timer untouched)"
    mrs     x0, S3_5_C14_C3_1               // CNTV_CTL_EL02
    SHOW    "CNTV_CTL_EL02"
    // The EL2 virtual timer compares with the count without CNTVOFF_EL2 (what CNTVCT_EL0 reads at EL2
    // with E2H = 1); the EL1 virtual timer, reached through the *_EL02 encodings, with CNTVOFF_EL2.
    // CNTVOFF_EL2 = -2^33 puts the virtual count 2^33 ahead of the physical count.
    ldr     x0, =-0x200000000
    msr     cntvoff_el2, x0
    ldr     x25, =0x100000000
    mrs     x0, cntpct_el0
    add     x0, x0, x25
    msr     cntv_cval_el0, x0               // CNTHV_CVAL_EL2 = CNTPCT + 2^32
    isb
    mrs     x0, S3_4_C14_C3_1
    SHOW    "CNTHV_CTL_EL2 with CVAL = CNTPCT + 2^32, CNTVOFF_EL2 = -2^33"
    mrs     x0, S3_4_C14_C3_2               // CNTHV_CVAL_EL2
    mrs     x1, cntv_cval_el0
    cmp     x0, x1
    cset    x0, eq
    SHOW    "CNTHV_CVAL_EL2 = CNTV_CVAL_EL0 at EL2"
    mrs     x0, cntpct_el0
    add     x0, x0, x25
    msr     S3_5_C14_C3_2, x0               // CNTV_CVAL_EL02 = CNTPCT + 2^32
    mov     x0, #1
    msr     S3_5_C14_C3_1, x0               // CNTV_CTL_EL02: enable the EL1 virtual timer
    isb
    mrs     x0, S3_5_C14_C3_1
    SHOW    "CNTV_CTL_EL02 with CVAL = CNTPCT + 2^32"
    PPI_LEVEL 27
    SHOW    "PPI 27 level, EL1 virtual timer met"
    mrs     x0, cntpct_el0
    add     x0, x0, x25, lsl #2
    msr     S3_5_C14_C3_2, x0               // CNTV_CVAL_EL02 = CNTPCT + 2^34
    isb
    mrs     x0, S3_5_C14_C3_1
    SHOW    "CNTV_CTL_EL02 with CVAL = CNTPCT + 2^34"
    PPI_LEVEL 27
    SHOW    "PPI 27 level, EL1 virtual timer not met"
    mrs     x0, S3_5_C14_C3_2
    mrs     x1, cntv_cval_el0
    cmp     x0, x1
    cset    x0, ne
    SHOW    "CNTV_CVAL_EL02 differs from CNTHV_CVAL_EL2"
    ldr     x0, =VOFF
    msr     cntvoff_el2, x0
    msr     S3_5_C14_C3_1, xzr
    msr     cntv_cval_el0, xzr
    isb
    mrs     x1, cntvct_el0
    mrs     x2, cntpct_el0
    sub     x0, x2, x1
    ldr     x3, =VOFF
    sub     x0, x0, x3
    cmp     x0, x24
    cset    x0, lo
    SHOW    "EL2 with E2H, TGE = 1, 0: CNTVCT offset by CNTVOFF"
    mrs     x1, cntvct_el0
    mrs     x2, cntpct_el0
    sub     x0, x2, x1
    cmp     x0, x24
    cset    x0, lo
    SHOW    "EL2 with E2H, TGE = 1, 0: CNTVCT not offset"
    ldr     x0, =(1 << 31) | (1 << 34) | (1 << 27)
    msr     hcr_el2, x0
    isb
    mrs     x1, cntvct_el0
    mrs     x2, cntpct_el0
    sub     x0, x2, x1
    cmp     x0, x24
    cset    x0, lo
    SHOW    "E2H, TGE = 1, 1: CNTVCT not offset"
    msr     cntv_ctl_el0, xzr
    isb
    PPI_LEVEL 28
    SHOW    "PPI 28 level disabled"
    OFF
