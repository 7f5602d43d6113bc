// An interrupt-driven echo on the PL011 (tests/io.el2studio.sim.tests timer/IdleTimeJumpTest), at EL2 on
// the virt board: the UART's receive and receive-timeout interrupts (UARTIMSC RXIM, RTIM) reach PE 0 as
// SPI 33 (UART SPI 1); the PE sleeps in WFI (PSTATE.I masked: WFI wakes on the pending interrupt) while
// the receive FIFO is empty, echoes what arrives, and ends with PSCI SYSTEM_OFF on 'q'. No timer is
// armed: only input can wake the board.
#include "../gic/gic.h"
    .equ UART, 0x09000000

    START
    W32     GICR + 0x14, 0                  // GICR_WAKER: wake
    W32     GICD + 0x0, 3                   // GICD_CTLR: EnableGrp0, EnableGrp1 (ARE, DS RAO)
    W32     GICD + 0x84, 1 << 1             // IGROUPR1: SPI 33 Group 1
    W32     GICD + 0x420, 0x80808080        // IPRIORITYR8: 32..35 = 0x80
    ldr     x9, =GICD + 0x6000 + 8 * 33     // IROUTER33: Aff0 = 0
    str     xzr, [x9]
    W32     GICD + 0x104, 1 << 1            // ISENABLER1
    CPUIF_ON
    W32     UART + 0x38, (1 << 4) | (1 << 6) // UARTIMSC: RXIM, RTIM
#ifdef TIMER_SECONDS
    // timer/IdleSleepTest: the EL1 virtual timer armed TIMER_SECONDS ahead (its PPI stays disabled in
    // the GIC), so that the board is not idle but waits for a deadline: with idle sleep, for the wall
    // clock, and the input must end that wait.
    mrs     x0, cntfrq_el0
    mov     x1, #TIMER_SECONDS
    mul     x1, x0, x1
    mrs     x0, cntvct_el0
    add     x0, x0, x1
    msr     cntv_cval_el0, x0
    mov     x0, #1
    msr     cntv_ctl_el0, x0
#endif
    isb
    adr     x0, ready
    bl      puts
    ldr     x19, =UART
1:  ldr     w2, [x19, #0x18]                // UARTFR
    tbz     w2, #4, 2f                      // RXFE clear: a character is waiting
    wfi
    b       1b
2:  ldr     w0, [x19]
    and     w0, w0, #0xff
    cmp     w0, #'q'
    b.eq    3f
    bl      putc
    b       1b
3:  OFF

    .section .rodata
ready:  .asciz "ready\n"
