// The fixed guest loop of `el2studio bench cpu` and of tools/bench-qemu-cpu.sh: integer and
// load/store instructions, 16 per iteration, then exit through semihosting. BenchCommand embeds
// the words of this file (checked by BenchLoopTest); keep both in step.
// The iteration count is the 64-bit literal `iterations`, patched by the runner.
    .text
    .global _start
_start:
    ldr     x0, iterations
    adr     x1, buffer              // its own page: stores must not hit decoded code
    mov     x2, #1
    mov     x3, #0x7f4a
loop:
    ldr     x4, [x1]
    add     x4, x4, x2
    eor     x5, x4, x3
    lsl     x6, x5, #3
    str     x6, [x1, #8]
    ldr     w7, [x1, #8]
    add     x2, x2, x7
    orr     x8, x2, x6
    and     x9, x8, #0xff
    str     x9, [x1]
    sub     x10, x4, x9
    add     x3, x3, x10, lsr #7
    ldp     x11, x12, [x1]
    eor     x3, x3, x12
    subs    x0, x0, #1
    b.ne    loop
    adr     x1, exit_block          // SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, 0}
    mov     w0, #0x20
    hlt     #0xf000
    b       .
    .balign 8
iterations:
    .quad   ITERATIONS
exit_block:
    .quad   0x20026, 0
    .balign 4096
buffer:
    .quad   0, 0
