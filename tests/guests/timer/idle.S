// A guest that idles (tests/io.el2studio.sim.tests timer/IdleTimeJumpTest), on the virt board at EL2:
// (1) arms the EL1 virtual timer SECONDS ahead (PPI 27, enabled in the GIC, PSTATE.I masked: WFI wakes
// on the pending interrupt without taking it) and sleeps in WFI until CNTV_CTL_EL0.ISTATUS; (2) with the
// CNTHCTL_EL2 event stream on (an event every 2^16 counts), sleeps in WFE until CNTVCT has advanced by
// half a second. It prints only relations between counts, which hold on QEMU (in real time) and on the
// simulator (in virtual time), and leaves the counts in registers for the test: x19/x20 CNTVCT before
// and after the WFI, x23 the WFI interval in counts, x24/x25 before and after the WFE wait.
#include "../gic/gic.h"

#ifndef SECONDS
#define SECONDS 1
#endif

    START
    W32     GICR + 0x14, 0                      // GICR_WAKER: awake
    W32     GICD + 0x0, 3
    W32     GICR_SGI + 0x80, 1 << 27            // GICR_IGROUPR0: PPI 27 in Group 1
    W32     GICR_SGI + 0x418, 0x80808080        // IPRIORITYR6: INTIDs 24..27 = 0x80
    W32     GICR_SGI + 0x100, 1 << 27           // GICR_ISENABLER0
    CPUIF_ON
    msr     cntvoff_el2, xzr
    isb

    // (1) WFI until the virtual timer fires, SECONDS of counter ahead.
    mrs     x0, cntfrq_el0
    mov     x1, #SECONDS
    mul     x23, x0, x1
    mrs     x19, cntvct_el0
    add     x0, x19, x23
    msr     cntv_cval_el0, x0
    mov     x0, #1
    msr     cntv_ctl_el0, x0
    isb
1:  wfi
    mrs     x0, cntv_ctl_el0
    tbz     x0, #2, 1b
    mrs     x20, cntvct_el0
    SHOW    "CNTV_CTL_EL0 after WFI"
    R32     GICR_SGI + 0x200
    ubfx    x0, x0, #27, #1
    SHOW    "PPI 27 pending"
    sub     x0, x20, x19
    cmp     x0, x23
    cset    x0, hs
    SHOW    "CNTVCT advanced by the interval"
    msr     cntv_ctl_el0, xzr
    isb

    // (2) WFE with the physical event stream: CNTHCTL_EL2.EVNTEN, EVNTI = 15 (bit 15: every 2^16 counts).
    mrs     x0, cnthctl_el2
    bic     x0, x0, #0xf8
    mov     x1, #(1 << 2) | (15 << 4)
    orr     x0, x0, x1
    msr     cnthctl_el2, x0
    isb
    mrs     x0, cntfrq_el0
    lsr     x26, x0, #1                         // half a second of counter
    mrs     x24, cntvct_el0
2:  wfe
    mrs     x25, cntvct_el0
    sub     x0, x25, x24
    cmp     x0, x26
    b.lo    2b
    mov     x0, #1
    SHOW    "WFE loop left after half a second"
    OFF
