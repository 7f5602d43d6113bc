// SGIs taken as interrupts by PEs sleeping in WFI (tests/io.el2studio.sim.tests gic/GicGuestTest), two
// PEs at EL2 with HCR_EL2.IMO = 1: PE 0 starts PE 1 with PSCI CPU_ON and sends it SGI 7 three times
// (ICC_SGI1R_EL1 target list), each time waiting until PE 1's IRQ handler has counted it; PE 1 sleeps in
// WFI between them, and after the third answers with SGI 8 to PE 0, which sleeps in WFI until its own
// handler sees it. Only PE 0 prints.
#include "gic.h"

// SETUP sgi: this PE's vectors, SGI \sgi Group 1 enabled at priority 0x80, IRQs taken at EL2 (x11 = RD)
.macro SETUP sgi
    adr     x0, vectors
    msr     vbar_el2, x0
    str     wzr, [x11, #0x14]                       // GICR_WAKER
    add     x12, x11, #0x10000                      // SGI frame
    mov     w0, #(1 << \sgi)
    str     w0, [x12, #0x80]                        // GICR_IGROUPR0
    str     w0, [x12, #0x100]                       // GICR_ISENABLER0
    CPUIF_ON
    IRQ_FIQ_TO_EL2
    isb
.endm

    START
    W32     GICD + 0x0, 3
    ldr     x11, =GICR
    SETUP   8
    START_PE1

    mov     x19, #1
send:
    mov     x0, #(7 << 24)
    orr     x0, x0, #(1 << 1)               // SGI 7 to Aff0 = 1
    msr     icc_sgi1r_el1, x0
    isb
    ldr     x1, =count1
2:  ldr     w0, [x1]
    cmp     x0, x19
    b.lo    2b
    SHOW    "PE1 count"
    add     x19, x19, #1
    cmp     x19, #3
    b.ls    send

    WAIT_FLAG got0
    ldr     x1, =got0
    ldr     w0, [x1]
    SHOW    "PE0 woke with SGI"
    ldr     x1, =got1
    ldr     w0, [x1]
    SHOW    "PE1 took SGI"
    OFF

secondary:
    ldr     x0, =stack2_top
    mov     sp, x0
    ldr     x11, =GICR + GICR_STRIDE
    SETUP   7
    ldr     x1, =ready
    mov     w0, #1
    str     w0, [x1]
3:  WAIT_FLAG third
    mov     x0, #(8 << 24)
    orr     x0, x0, #1                      // SGI 8 to Aff0 = 0
    msr     icc_sgi1r_el1, x0
    isb
4:  wfi
    b       4b

// The IRQ handler of both PEs: SGI 7 (PE 1) counts and, the third time, sets third; SGI 8 (PE 0) sets got0.
irq_handler:
    stp     x0, x1, [sp, #-32]!
    str     x2, [sp, #16]
    mrs     x0, icc_iar1_el1
    cmp     x0, #8
    b.ne    5f
    ldr     x1, =got0
    str     w0, [x1]
    b       7f
5:  cmp     x0, #7
    b.ne    7f
    ldr     x1, =got1
    str     w0, [x1]
    ldr     x1, =count1
    ldr     w2, [x1]
    add     w2, w2, #1
    str     w2, [x1]
    cmp     w2, #3
    b.ne    7f
    ldr     x1, =third
    str     w2, [x1]
7:  msr     icc_eoir1_el1, x0
    isb
    ldr     x2, [sp, #16]
    ldp     x0, x1, [sp], #32
    eret

    UNEXPECTED_EL2

    VTABLE  vectors, unexpected, irq=irq_handler

    .data
    .balign 8
ready:  .word 0
count1: .word 0
third:  .word 0
got0:   .word 0
got1:   .word 0
    .balign 16
    .space 4096
stack2_top:
