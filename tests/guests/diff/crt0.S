// Start-up code of the differential-test guests: bare metal at EL1, MMU off, entered at _start
// both by QEMU (-kernel ELF) and by el2studio run.
    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    mov     x0, #(3 << 20)          // CPACR_EL1.FPEN = 0b11: no trap on FP/SIMD at EL1 and EL0
    msr     cpacr_el1, x0
    isb
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  bl      main
    bl      sh_exit                 // exit status = main's return value
    b       .

// void sh_exit(int status): SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, status}
    .text
    .global sh_exit
sh_exit:
    sub     sp, sp, #16
    mov     x2, #0x0026
    movk    x2, #0x2, lsl #16
    sxtw    x3, w0
    stp     x2, x3, [sp]
    mov     x1, sp
    mov     w0, #0x20
    hlt     #0xf000
    b       .
