// Self-modifying code guest (tests/sys SelfModifyingCodeQemuTest): boots at EL2 on
// qemu-system-aarch64 (-M virt,virtualization=on,gic-version=3 -cpu max) and on the virt board, MMU
// off, and runs code that shares its 4 KiB page with data and with code that rewrites it (smc.c
// prints what each case executed on the PL011; ends with PSCI SYSTEM_OFF).
// Arm ARM B2.4.4 (concurrent modification and execution of instructions) and the instruction cache
// maintenance rules: after a store to an instruction location, the new instruction is guaranteed to be
// executed only after DC CVAU, DSB, IC IVAU, DSB and a context synchronization event (ISB); before
// that, the PE may execute the old or the new one.
#include "../common/semihost-start.h"
#include "../common/boot.h"
    START
    EL2_SETUP
    isb
    RUN_MAIN psci_system_off

    .text
// ---- one page of code and data together ----
    .balign 4096
// unsigned long count_beside(unsigned long n): adds 1 to hot_global, n times, in a loop whose data is
// on its own code page; returns hot_global.
    .global count_beside
count_beside:
    adr     x1, hot_global
1:  ldr     x2, [x1]
    add     x2, x2, #1
    str     x2, [x1]
    subs    x0, x0, #1
    b.ne    1b
    ldr     x0, [x1]
    ret

// unsigned patched(void): returns the immediate of its first instruction, which smc.c rewrites.
    .global patched
patched:
    mov     w0, #1
    ret

// unsigned write_next(unsigned word): stores word over the instruction right after the store and runs
// on into it, with no barrier and no maintenance in between (the old or the new instruction may run).
    .global write_next
write_next:
    adr     x1, 2f
    mov     w2, w0
    mov     w0, #0
    str     w2, [x1]
2:  mov     w0, #1
    ret

// unsigned write_next_sync(unsigned word): the same with DC CVAU, DSB ISH, IC IVAU, DSB ISH, ISB
// between the store and the rewritten instruction: the new one must run.
    .global write_next_sync
write_next_sync:
    adr     x1, 3f
    mov     w2, w0
    mov     w0, #0
    str     w2, [x1]
    dc      cvau, x1
    dsb     ish
    ic      ivau, x1
    dsb     ish
    isb
3:  mov     w0, #1
    ret

    .balign 8
    .global hot_global
hot_global:
    .quad   0
    .balign 4096

// ---- exceptions: none expected ----
#include "../common/vectors.h"
    VECTORS 1
    VECTORS 2
handler1:
handler2:
    b       .

    .bss
    .balign 16
    .space 4096
stack1_top:
