// Debug engine test program: functions written in assembler, with CFI, called from C (asmmain.c).
// Built with -g, so the line table maps these instructions to this file.
    .text
    .global asm_sum
    .type asm_sum, %function
// long asm_sum(const long *xs, long n): a leaf without a frame
asm_sum:
    .cfi_startproc
    mov     x2, #0
1:  cbz     x1, 2f
    ldr     x3, [x0], #8
    add     x2, x2, x3
    sub     x1, x1, #1
    b       1b
2:  mov     x0, x2
    ret
    .cfi_endproc
    .size asm_sum, . - asm_sum

    .global asm_twice
    .type asm_twice, %function
// long asm_twice(long (*f)(long), long x): a frame with x29/x30 saved, calling back into C
asm_twice:
    .cfi_startproc
    stp     x29, x30, [sp, #-32]!
    .cfi_def_cfa_offset 32
    .cfi_offset 29, -32
    .cfi_offset 30, -24
    mov     x29, sp
    str     x19, [sp, #16]
    .cfi_offset 19, -16
    mov     x19, x0
    mov     x0, x1
    blr     x19
    blr     x19
    ldr     x19, [sp, #16]
    ldp     x29, x30, [sp], #32
    .cfi_restore 29
    .cfi_restore 30
    .cfi_restore 19
    .cfi_def_cfa_offset 0
    ret
    .cfi_endproc
    .size asm_twice, . - asm_twice
