// Boot sequence shared by the guests that start at EL3 (qemu-system-aarch64 -M virt,secure=on,
// virtualization=on and the simulator at --el 3): stack and vectors for EL3, EL2 and EL1 (symbols
// stack<N>_top and vectors<N> come from the includer), MMU off everywhere, FP/SIMD untrapped,
// EL1 AArch64, then ERET to el1_entry at EL1h with DAIF masked. Expands to code: place it at _start.
#include "boot.h"
    .macro BOOT_EL3_TO_EL1
    ldr     x0, =stack3_top
    mov     sp, x0
    adr     x0, vectors3
    msr     vbar_el3, x0
    ldr     x0, =0x30c50830         // SCTLR_EL3: MMU and caches off, RES1 bits, DSSBS = 0
    msr     sctlr_el3, x0
    msr     cptr_el3, xzr           // no FP/SIMD trap to EL3
    mov     x0, #0x531              // SCR_EL3: NS, RES1[5:4], HCE, RW
    msr     scr_el3, x0
    adr     x0, el2_entry
    msr     elr_el3, x0
    mov     x0, #0x3c9              // EL2h, DAIF masked
    msr     spsr_el3, x0
    isb
    eret

el2_entry:
    ldr     x0, =stack2_top
    mov     sp, x0
    EL2_SETUP 1
    ERET_EL1H el1_entry
    .endm

// START_EL3: the entry point _start, first in .text.start: BOOT_EL3_TO_EL1, then at EL1 RUN_MAIN of
// semihost-start.h (main's status goes to sh_exit, common/console.c)
    .macro START_EL3
    .section .text.start, "ax"
    .global _start
_start:
    BOOT_EL3_TO_EL1

el1_entry:
    RUN_MAIN
    .endm
