// Assembler macros shared by the bare-metal guests (#include from a .S file; the
// includer chooses the section). Linker symbols __bss_start/__bss_end come from diff/link.ld.

// Zero .bss, call main() and exit through \exit (default: semihosting, with main's return value as the
// status; psci_system_off for the guests booted at EL2); does not return.
    .macro RUN_MAIN exit=sh_exit
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  bl      main
    bl      \exit
    b       .
    .endm

// void sh_exit(int status): SYS_EXIT_EXTENDED (0x20) with the parameter block
// {ADP_Stopped_ApplicationExit (0x20026), status}; HLT #0xF000 is the A64 semihosting trap.
    .macro SH_EXIT_FUNCTION
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
    .endm
