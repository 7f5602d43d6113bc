// PL011 registers as a guest sees them (tests/board Pl011Test): identification registers, reset
// values, and the raw/masked interrupt status after transmitting, on qemu-system-aarch64 -M virt and
// on el2studio's virt board. Ends with PSCI SYSTEM_OFF (SMC at EL2).
    .equ UART, 0x09000000
    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =stack_top
    mov     sp, x0
    ldr     x19, =UART
    adr     x20, regs
1:  ldr     w21, [x20], #4          // offset; -1 ends the list
    cmn     w21, #1
    b.eq    2f
    mov     w0, w21
    bl      puthex
    mov     w0, #' '
    bl      putc
    ldr     w0, [x19, x21]
    bl      puthex
    bl      newline
    b       1b
2:  mov     w0, #0x70               // IMSC: RX, TX, RT
    str     w0, [x19, #0x38]
    mov     w0, #0x7ff              // ICR: clear all
    str     w0, [x19, #0x44]
    ldr     w0, [x19, #0x3c]
    adr     x1, s_ris_clear
    bl      report
    mov     w0, #'*'
    bl      putc
    bl      newline
    ldr     w0, [x19, #0x3c]
    adr     x1, s_ris_tx
    bl      report
    ldr     w0, [x19, #0x40]
    adr     x1, s_mis_tx
    bl      report
    mov     w0, #0x20
    str     w0, [x19, #0x44]
    ldr     w0, [x19, #0x40]
    adr     x1, s_mis_clear
    bl      report
    mov     w0, #0x70               // LCR_H: FEN, 8 bits
    str     w0, [x19, #0x2c]
    ldr     w0, [x19, #0x2c]
    adr     x1, s_lcr
    bl      report
    ldr     w0, [x19, #0x18]
    adr     x1, s_fr
    bl      report
    mov     x0, #0x8
    movk    x0, #0x8400, lsl #16    // SYSTEM_OFF
    smc     #0
    b       .

    .balign 4
regs:
    .word 0x18, 0x30, 0x34, 0x38, 0x3c, 0x40, 0x2c, 0x24, 0x28, 0x48
    .word 0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc, -1
s_ris_clear: .asciz "RIS after ICR: "
s_ris_tx:    .asciz "RIS after a write to DR: "
s_mis_tx:    .asciz "MIS: "
s_mis_clear: .asciz "MIS after ICR.TXIC: "
s_lcr:       .asciz "LCR_H: "
s_fr:        .asciz "FR: "
    .balign 16
    .bss
    .space 0x4000
stack_top:
