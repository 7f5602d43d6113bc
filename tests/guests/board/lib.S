// Console helpers of the board guests (MMU off: aligned accesses only), on the PL011 at 0x09000000.
    .equ UART, 0x09000000
    .text
    .global report, putc, newline, puts, puthex
// report(x0 = result, x1 = label): "label: 0x...\n"
report:
    stp     x29, x30, [sp, #-32]!
    str     x0, [sp, #16]
    mov     x0, x1
    bl      puts
    ldr     x0, [sp, #16]
    bl      puthex
    bl      newline
    ldp     x29, x30, [sp], #32
    ret

// putc(w0)
putc:
    ldr     x1, =UART
1:  ldr     w2, [x1, #0x18]         // UARTFR
    tbnz    w2, #5, 1b              // TXFF
    str     w0, [x1]
    ret

newline:
    mov     w0, #'\n'
    b       putc

// puts(x0 = NUL-terminated string)
puts:
    stp     x29, x30, [sp, #-32]!
    str     x19, [sp, #16]
    mov     x19, x0
1:  ldrb    w0, [x19], #1
    cbz     w0, 2f
    bl      putc
    b       1b
2:  ldr     x19, [sp, #16]
    ldp     x29, x30, [sp], #32
    ret

// puthex(x0): "0x" and 16 hex digits
puthex:
    stp     x29, x30, [sp, #-32]!
    stp     x19, x20, [sp, #16]
    mov     x19, x0
    mov     w0, #'0'
    bl      putc
    mov     w0, #'x'
    bl      putc
    mov     x20, #60
1:  lsr     x0, x19, x20
    and     x0, x0, #0xf
    cmp     x0, #10
    add     x1, x0, #'0'
    add     x2, x0, #('a' - 10)
    csel    x0, x1, x2, lo
    bl      putc
    subs    x20, x20, #4
    b.pl    1b
    ldp     x19, x20, [sp, #16]
    ldp     x29, x30, [sp], #32
    ret

