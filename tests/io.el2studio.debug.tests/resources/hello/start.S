// Bare-metal start at EL2 on the virt board, MMU off: stack, main(), then PSCI SYSTEM_OFF by SMC.
    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    mov     x29, #0
    mov     x30, #0
    bl      main
    ldr     x0, =0x84000008         // PSCI SYSTEM_OFF
    smc     #0
1:  b       1b
