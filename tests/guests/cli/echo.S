// Semihosting console input (tests/io.el2studio.sim.tests cli/RunStatusTest): echoes what SYS_READC
// returns with SYS_WRITEC until 'q' or end of file, then exits through SYS_EXIT_EXTENDED with the
// number of characters echoed. On the virt board the same standard input feeds the PL011 and
// semihosting, as QEMU's stdio console does.
#include "../common/semihost-start.h"
#include "../common/boot.h"

    START
    mov     x19, #0
1:  mov     w0, #0x07                       // SYS_READC
    mov     x1, #0
    hlt     #0xf000
    cmn     w0, #1                          // end of file
    b.eq    2f
    cmp     w0, #'q'
    b.eq    2f
    strb    w0, [sp, #-16]!
    mov     x1, sp
    mov     w0, #0x03                       // SYS_WRITEC
    hlt     #0xf000
    add     sp, sp, #16
    add     x19, x19, #1
    b       1b
2:  mov     x0, x19
    bl      sh_exit

    .text
    SH_EXIT_FUNCTION
