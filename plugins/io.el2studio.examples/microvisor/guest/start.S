// A guest's entry at EL1 (the microvisor ERETs to IPA 0x40000000 with x0 = VM id): stack, EL1
// vectors, .bss zeroed, main(), then the EXIT hypercall. IRQs (virtual, through the list
// registers) go to irq_handler() in C.
    .section .text.start, "ax"
    .global _start
_start:
    ldr     x1, =__stack_top
    mov     sp, x1
    adr     x1, vectors
    msr     vbar_el1, x1
    isb
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  mov     x29, #0
    mov     x30, #0
    bl      main
    mov     x0, #5                          // HVC_EXIT
    hvc     #0
    b       .

    .text
el1_irq:
    stp     x29, x30, [sp, #-16]!
    stp     x0, x1, [sp, #-16]!
    stp     x2, x3, [sp, #-16]!
    stp     x4, x5, [sp, #-16]!
    stp     x6, x7, [sp, #-16]!
    stp     x8, x9, [sp, #-16]!
    stp     x10, x11, [sp, #-16]!
    stp     x12, x13, [sp, #-16]!
    stp     x14, x15, [sp, #-16]!
    stp     x16, x17, [sp, #-16]!
    str     x18, [sp, #-16]!
    bl      irq_handler
    ldr     x18, [sp], #16
    ldp     x16, x17, [sp], #16
    ldp     x14, x15, [sp], #16
    ldp     x12, x13, [sp], #16
    ldp     x10, x11, [sp], #16
    ldp     x8, x9, [sp], #16
    ldp     x6, x7, [sp], #16
    ldp     x4, x5, [sp], #16
    ldp     x2, x3, [sp], #16
    ldp     x0, x1, [sp], #16
    ldp     x29, x30, [sp], #16
    eret

el1_unexpected:
    b       .

    .balign 2048
vectors:
    .rept 5                                 // current EL SP0 (4), current EL SPx synchronous
    .balign 128
    b       el1_unexpected
    .endr
    .balign 128
    b       el1_irq                         // current EL SPx: IRQ
    .rept 10
    .balign 128
    b       el1_unexpected
    .endr
