// SGIs between two PEs at EL2 (tests/io.el2studio.sim.tests gic/GicGuestTest): PE 0 starts PE 1 with
// PSCI CPU_ON; PE 1 enables SGIs 3 and 5 (Group 1) and acknowledges whatever its CPU interface offers
// by polling ICC_IAR1_EL1, recording each INTID in got[]; PE 0 generates SGIs with ICC_SGI1R_EL1 (target
// list, IRM broadcast, itself), ICC_SGI0R_EL1 and ICC_ASGI1R_EL1, and prints what PE 1 received and the
// pending state of PE 1's redistributor; then it routes SPI 64 with GICD_IROUTER to PE 1, to itself, and
// to an affinity that names no PE. Only PE 0 prints, so the transcript is deterministic.
#include "gic.h"
    START
    W32     GICD + 0x0, 3
    START_PE1

    // SGI 3 to Aff0 = 1 through the target list.
    mov     x0, #(3 << 24)
    orr     x0, x0, #(1 << 1)
    msr     icc_sgi1r_el1, x0
    isb
    mov     w0, #1
    bl      wait_count
    ldr     x1, =got
    ldr     w0, [x1]
    SHOW    "PE1 got (target list)"

    // SGI 5 with IRM = 1: every PE but the sender. PE 0 enables SGI 5 too.
    W32     GICR + 0x14, 0
    W32     GICR_SGI + 0x80, 1 << 5
    W32     GICR_SGI + 0x100, 1 << 5
    CPUIF_ON
    mov     x0, #(5 << 24)
    orr     x0, x0, #(1 << 40)
    msr     icc_sgi1r_el1, x0
    isb
    mov     w0, #2
    bl      wait_count
    ldr     x1, =got
    ldr     w0, [x1, #4]
    SHOW    "PE1 got (IRM)"
    R32     GICR_SGI + 0x200
    SHOW    "PE0 GICR_ISPENDR0 after IRM"
    mrs     x0, icc_hppir1_el1
    SHOW    "PE0 HPPIR1 after IRM"

    // SGI 5 to itself.
    mov     x0, #(5 << 24)
    orr     x0, x0, #1
    msr     icc_sgi1r_el1, x0
    isb
    mrs     x0, icc_hppir1_el1
    SHOW    "PE0 HPPIR1 after SGI to self"
    mrs     x0, icc_iar1_el1
    SHOW    "PE0 IAR1"
    msr     icc_eoir1_el1, x0
    isb

    // SGI0R and ASGI1R do not forward the Group 1 SGI 3.
    mov     x0, #(3 << 24)
    orr     x0, x0, #(1 << 1)
    msr     icc_sgi0r_el1, x0
    isb
    R32     GICR_SGI + GICR_STRIDE + 0x200
    SHOW    "PE1 ISPENDR0 after SGI0R of Group 1 SGI 3"
    mov     x0, #(3 << 24)
    orr     x0, x0, #(1 << 1)
    msr     icc_asgi1r_el1, x0
    isb
    R32     GICR_SGI + GICR_STRIDE + 0x200
    SHOW    "PE1 ISPENDR0 after ASGI1R of Group 1 SGI 3"

    // SGI 6 is Group 0 on PE 1 (not acknowledged there: IGRPEN0 = 0): SGI0R forwards it, SGI1R does not.
    mov     x0, #(6 << 24)
    orr     x0, x0, #(1 << 1)
    msr     icc_sgi1r_el1, x0
    isb
    R32     GICR_SGI + GICR_STRIDE + 0x200
    SHOW    "PE1 ISPENDR0 after SGI1R of Group 0 SGI 6"
    mov     x0, #(6 << 24)
    orr     x0, x0, #(1 << 1)
    msr     icc_sgi0r_el1, x0
    isb
    R32     GICR_SGI + GICR_STRIDE + 0x200
    SHOW    "PE1 ISPENDR0 after SGI0R of Group 0 SGI 6"
    W32     GICR_SGI + GICR_STRIDE + 0x280, 1 << 6
    mov     x0, #(6 << 24)
    orr     x0, x0, #(1 << 1)
    msr     icc_asgi1r_el1, x0
    isb
    R32     GICR_SGI + GICR_STRIDE + 0x200
    SHOW    "PE1 ISPENDR0 after ASGI1R of Group 0 SGI 6"

    // SPI routing with GICD_IROUTER (affinity routing): SPI 64, Group 1, priority 0x80. PE 1's pending
    // Group 0 SGI 6 (priority 0) is cleared first: PE 1 polls IAR1, which QEMU 7.2 answers with 1023 while
    // a Group 0 interrupt is its highest priority pending one, even with ICC_IGRPEN0_EL1 = 0.
    W32     GICR_SGI + GICR_STRIDE + 0x280, 1 << 6
    W32     GICD + 0x88, 1                  // IGROUPR2: 64 Group 1
    W32     GICD + 0x440, 0x80              // IPRIORITYR16: 64 = 0x80
    ldr     x9, =GICD + 0x6000 + 8 * 64
    mov     x0, #1
    str     x0, [x9]                        // IROUTER64: Aff0 = 1
    ldr     x0, [x9]
    SHOW    "GICD_IROUTER64"
    W32     GICD + 0x108, 1                 // ISENABLER2
    W32     GICD + 0x208, 1                 // ISPENDR2: pend 64
    mov     w0, #3
    bl      wait_count
    ldr     x1, =got
    ldr     w0, [x1, #8]
    SHOW    "PE1 got SPI 64 routed to Aff0 = 1"
    ldr     x9, =GICD + 0x6000 + 8 * 64
    str     xzr, [x9]                       // Aff0 = 0: PE 0 only
    W32     GICD + 0x208, 1
    isb
    mrs     x0, icc_hppir1_el1
    SHOW    "PE0 HPPIR1 with SPI 64 routed to Aff0 = 0"
    mrs     x0, icc_iar1_el1
    SHOW    "PE0 IAR1 SPI 64"
    msr     icc_eoir1_el1, x0
    isb
    // An affinity that names no PE: the SPI stays pending in the distributor, signalled to nobody,
    // until IROUTER names a PE again.
    ldr     x9, =GICD + 0x6000 + 8 * 64
    mov     x0, #7
    str     x0, [x9]
    W32     GICD + 0x208, 1
    isb
    R32     GICD + 0x208
    SHOW    "GICD_ISPENDR2 routed to Aff0 = 7"
    mrs     x0, icc_hppir1_el1
    SHOW    "PE0 HPPIR1 routed to Aff0 = 7"
    ldr     x1, =count
    ldr     w0, [x1]
    SHOW    "PE1 count routed to Aff0 = 7"
    ldr     x9, =GICD + 0x6000 + 8 * 64
    mov     x0, #1
    str     x0, [x9]
    mov     w0, #4
    bl      wait_count
    ldr     x1, =got
    ldr     w0, [x1, #12]
    SHOW    "PE1 got SPI 64 after re-routing to Aff0 = 1"
    // No 1 of N routing (GICD_IROUTER.IRM) on either model.
    R32     GICD + 0x4
    ubfx    x0, x0, #25, #1
    SHOW    "GICD_TYPER.No1N"
    ldr     x1, =count
    ldr     w0, [x1]
    SHOW    "PE1 count"
    OFF

// wait_count(w0): until PE 1 has recorded w0 SGIs
wait_count:
    ldr     x1, =count
1:  ldr     w2, [x1]
    cmp     w2, w0
    b.lo    1b
    ret

secondary:
    ldr     x0, =stack2_top
    mov     sp, x0
    W32     GICR + GICR_STRIDE + 0x14, 0
    W32     GICR_SGI + GICR_STRIDE + 0x80, (1 << 3) | (1 << 5)
    W32     GICR_SGI + GICR_STRIDE + 0x100, (1 << 3) | (1 << 5) | (1 << 6)
    CPUIF_ON
    isb
    ldr     x1, =ready
    mov     w2, #1
    str     w2, [x1]
2:  mrs     x0, icc_iar1_el1
    cmp     x0, #1023
    b.eq    2b
    msr     icc_eoir1_el1, x0
    isb
    ldr     x1, =count
    ldr     w2, [x1]
    ldr     x3, =got
    str     w0, [x3, w2, uxtw #2]
    add     w2, w2, #1
    str     w2, [x1]
    b       2b

    .data
    .balign 8
ready:  .word 0
count:  .word 0
got:    .space 64
    .balign 16
    .space 4096
stack2_top:
