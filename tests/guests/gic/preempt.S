// Priority masking and preemption with interrupts taken as exceptions (tests/io.el2studio.sim.tests
// gic/GicGuestTest), on one PE at EL2 with HCR_EL2.IMO/FMO = 1 so that physical IRQs and FIQs are taken
// at EL2. SPIs, routed to Aff0 = 0: 40 (priority 0x88), 41 (0x80), 42 (0x90) Group 1, 43 (0x70) Group 0.
// The handlers save their context on the stack and may unmask PSTATE.I/F, so a higher group priority
// preempts them (nested exception); each prints its INTID and ICC_RPR_EL1 on entry and its INTID on
// return, so the transcript shows the nesting order. Scenarios: (1) ICC_PMR_EL1 masks an interrupt of
// equal priority until raised; (2) 0x80 preempts the 0x88 handler, 0x90 waits until it ends; (3) with
// ICC_BPR1_EL1 = 4 (group priority bits [7:4]) 0x80 no longer preempts 0x88; (4) EOImode 1: after
// ICC_EOIR1_EL1 drops the priority of 40, 0x90 preempts the handler of 40, still active until
// ICC_DIR_EL1; (5) a Group 0 interrupt preempts an IRQ handler as an FIQ.
#include "gic.h"

// PEND intids_mask: GICD_ISPENDR1 (INTIDs 32..63), then ISB so that an unmasked interrupt is taken here
.macro PEND mask
    W32     GICD + 0x204, \mask
    isb
.endm

    START
    adr     x0, vectors
    msr     vbar_el2, x0
    W32     GICR + 0x14, 0                  // GICR_WAKER: wake
    W32     GICD + 0x0, 3                   // GICD_CTLR: EnableGrp0, EnableGrp1
    SPIS_40_43 0x70908088                   // 40 = 0x88, 41 = 0x80, 42 = 0x90, 43 = 0x70
    CPUIF_ON
    msr     icc_igrpen0_el1, x0             // x0 = 1 from CPUIF_ON: Group 0 too
    IRQ_FIQ_TO_EL2
    isb

    // (1) Masking: priority 0x80 is not higher than PMR 0x80; raising PMR to 0xf8 lets it in at once.
    mov     x0, #0x80
    msr     icc_pmr_el1, x0
    isb
    msr     daifclr, #2
    PEND    1 << 9                          // 41 (0x80)
    mrs     x0, icc_hppir1_el1
    SHOW    "(1) PMR 0x80, PSTATE.I = 0: HPPIR1, not taken"
    mov     x0, #0xf8
    msr     icc_pmr_el1, x0
    isb
    mrs     x0, icc_pmr_el1
    SHOW    "(1) after PMR 0xf8"

    // (2) Preemption: 41 (0x80) preempts the handler of 40 (0x88); 42 (0x90) waits for it to end.
    HOOK    40, nest40
    PEND    1 << 8
    mrs     x0, icc_rpr_el1
    SHOW    "(2) back in the main program, RPR"

    // (3) BPR1 = 4: 0x80 and 0x88 have the same group priority 0x80: no preemption.
    mov     x0, #4
    msr     icc_bpr1_el1, x0
    isb
    HOOK    40, bpr40
    PEND    1 << 8
    mov     x0, #3
    msr     icc_bpr1_el1, x0
    isb
    mrs     x0, icc_bpr1_el1
    SHOW    "(3) BPR1 back to"

    // (4) EOImode 1: the priority drop lets 42 (0x90) preempt the handler of 40, still active.
    mrs     x0, icc_ctlr_el1
    orr     x0, x0, #2
    msr     icc_ctlr_el1, x0
    isb
    HOOK    40, split40
    PEND    1 << 8
    R32     GICD + 0x304
    SHOW    "(4) ISACTIVER1 at the end"
    mrs     x0, icc_ctlr_el1
    bic     x0, x0, #2
    msr     icc_ctlr_el1, x0
    isb

    // (5) Group 0 (0x70) preempts the IRQ handler of 40 as an FIQ.
    HOOK    40, fiq40
    PEND    1 << 8
    mrs     x0, icc_rpr_el1
    SHOW    "(5) RPR at the end"
    msr     daifset, #3
    OFF

// ---- the hooks, called by the handler with x0 = INTID ----
    EOI_DEFAULT

nest40:
    stp     x29, x30, [sp, #-16]!
    W32     GICD + 0x204, (1 << 10) | (1 << 9)  // pend 42 (0x90) and 41 (0x80)
    msr     daifclr, #2
    isb
    msr     daifset, #2
    mrs     x0, icc_rpr_el1
    SHOW    "  40 resumed, RPR"
    EOI40_RET

bpr40:
    stp     x29, x30, [sp, #-16]!
    msr     daifclr, #2
    PEND    1 << 9                          // 41 (0x80)
    msr     daifset, #2
    mrs     x0, icc_hppir1_el1
    SHOW    "  BPR1 4: HPPIR1 pending, not taken"
    mrs     x0, icc_ap1r0_el1
    SHOW    "  BPR1 4: AP1R0"
    EOI40_RET

split40:
    stp     x29, x30, [sp, #-16]!
    msr     icc_eoir1_el1, x0               // priority drop only
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "  40 after EOIR, RPR"
    msr     daifclr, #2
    PEND    1 << 10                         // 42 (0x90)
    msr     daifset, #2
    R32     GICD + 0x304
    SHOW    "  ISACTIVER1 before DIR 40"
    mov     x0, #40
    msr     icc_dir_el1, x0
    isb
    R32     GICD + 0x304
    SHOW    "  ISACTIVER1 after DIR 40"
    ldp     x29, x30, [sp], #16
    ret

fiq40:
    stp     x29, x30, [sp, #-16]!
    msr     daifclr, #1
    PEND    1 << 11                         // 43 (Group 0, 0x70)
    msr     daifset, #1
    mrs     x0, icc_rpr_el1
    SHOW    "  40 after the FIQ, RPR"
    EOI40_RET

// ---- the handlers: save the context (nesting), acknowledge, call the hook, restore ----
    NEST_HANDLER irq_handler, icc_iar1_el1, 2, "IRQ", "  RPR"
    NEST_HANDLER fiq_handler, icc_iar0_el1, 2, "FIQ", "  RPR"

    UNEXPECTED_EL2

    VTABLE  vectors, unexpected, irq=irq_handler, fiq=fiq_handler

    .data
    .balign 8
hooks:  .space 8 * 4
