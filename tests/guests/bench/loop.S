// The loop of `el2studio bench loop` and of tools/bench-qemu-loop.sh: 10 integer and load/store
// instructions per iteration on a 16-byte buffer, then exit through semihosting. Built with
// -DDATA_ON_CODE_PAGE the buffer follows the code in the same 4 KiB page (a hot global beside hot
// code, as small bare-metal programs and hypervisors have it); without, it is on the next page.
// BenchLoop embeds the words of this file (BenchLoopLayoutTest checks them); keep both in step.
// The literals `iterations` and `buffer_at` are patched by the runner (el2studio) or set by the
// assembler (ITERATIONS, for QEMU).
    .text
    .global _start
_start:
    ldr     x0, iterations
    ldr     x1, buffer_at
    mov     x2, #1
loop:
    ldr     x3, [x1]
    add     x3, x3, x2
    eor     x4, x3, x2
    str     x3, [x1]
    lsl     x5, x4, #2
    ldr     w6, [x1, #8]
    add     x2, x2, x6
    str     w5, [x1, #8]
    subs    x0, x0, #1
    b.ne    loop
    adr     x1, exit_block          // SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, 0}
    mov     w0, #0x20
    hlt     #0xf000
    b       .
    .balign 8
iterations:
    .quad   ITERATIONS
buffer_at:
    .quad   buffer
exit_block:
    .quad   0x20026, 0
#ifndef DATA_ON_CODE_PAGE
    .balign 4096, 0                 // zeros, not NOPs: the runner builds the same image
#endif
buffer:
    .quad   0, 0
