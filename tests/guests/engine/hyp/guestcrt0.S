// Start-up of the exception-crossing test's guest: EL1 under the hypervisor (hyp.c), MMU off, its
// memory through stage 2. Zeroes .bss, calls main() and hands main's value to the hypervisor with
// HVC #0 (the hypervisor exits through semihosting with it).
    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    mov     x29, #0                 // the outermost frame: no caller
    mov     x30, #0
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  bl      main
    hvc     #0
    b       .
    .size _start, . - _start
