// Start-up of the debug engine's test programs: bare metal at EL1 on the virt board (QEMU's
// -M virt without virtualization=on enters there; el2studio with --el 1), MMU off. Zeroes .bss,
// calls main() and exits through semihosting with main's value.
#include "../common/semihost-start.h"

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    mov     x29, #0                 // the outermost frame: no caller
    mov     x30, #0
    mov     x0, #(3 << 20)          // CPACR_EL1.FPEN = 0b11: no trap on FP/SIMD
    msr     cpacr_el1, x0
    isb
    RUN_MAIN

    .text
    SH_EXIT_FUNCTION
