// Start-up code of the differential-test guests: bare metal at EL1, MMU off, entered at _start
// both by QEMU (-kernel ELF) and by el2studio run.
#include "../common/semihost-start.h"

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    mov     x0, #(3 << 20)          // CPACR_EL1.FPEN = 0b11: no trap on FP/SIMD at EL1 and EL0
    msr     cpacr_el1, x0
    isb
    RUN_MAIN

    .text
    SH_EXIT_FUNCTION
