// The hypervisor of the unwinder's exception-crossing test: starts at EL2 (QEMU -M virt,virtualization=on;
// el2studio's default), lets hyp_main (hyp.c) build the guest's stage 2 and enters the guest at EL1.
// The lower-EL synchronous vector saves the guest's x0-x30, ELR_EL2, SPSR_EL2 and ESR_EL2 in a
// struct trap_frame on the EL2 stack and calls handle_trap(frame). Its CFI says where each guest
// register was saved, and that there is no return address (column 32, the pc, is undefined): gdb's
// backtrace ends at the vector, and the engine's unwinder crosses into the guest from there.
#include "../../common/semihost-start.h"

    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    mov     x29, #0                 // the outermost frame: no caller
    mov     x30, #0
    mov     x0, #0x33ff             // CPTR_EL2: RES1 bits, TFP = 0
    msr     cptr_el2, x0
    mov     x0, #(3 << 20)          // CPACR_EL1.FPEN = 0b11 for the guest
    msr     cpacr_el1, x0
    adr     x0, el2_vectors
    msr     vbar_el2, x0
    bl      hyp_main                // returns the guest's entry (an IPA)
    msr     elr_el2, x0
    mov     x0, #0x3c5              // SPSR_EL2: EL1h, D, A, I, F masked
    msr     spsr_el2, x0
    isb
    eret
    .size _start, . - _start

    .text
    SH_EXIT_FUNCTION

// TRAP_FRAME = 34 * 8: x0-x30, elr, spsr, esr (struct trap_frame in hyp.c)
    .set    TRAP_FRAME, 272

    .macro  SAVED_AT n
    .cfi_offset \n, (\n * 8 - TRAP_FRAME)
    .endm

    .balign 2048
    .global el2_vectors
el2_vectors:
    .rept   8                       // current EL with SP0 and SPx: not expected
    .balign 128
    b       hyp_panic
    .endr
    .balign 128
    .global el2_sync_lower
    .type el2_sync_lower, %function
el2_sync_lower:                     // lower EL, AArch64, synchronous (VBAR_EL2 + 0x400)
    .cfi_startproc
    .cfi_return_column 32
    .cfi_undefined 32               // no caller: the guest was interrupted, not calling
    sub     sp, sp, #TRAP_FRAME
    .cfi_def_cfa_offset TRAP_FRAME
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
    .irp    n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    SAVED_AT \n
    .endr
    mrs     x0, elr_el2
    mrs     x1, spsr_el2
    stp     x0, x1, [sp, #248]
    mrs     x0, esr_el2
    str     x0, [sp, #264]
    mov     x0, sp
    bl      handle_trap
    b       el2_exit
    .cfi_endproc
    .size el2_sync_lower, . - el2_sync_lower
    .rept   7                       // lower EL IRQ, FIQ, SError and AArch32: not expected
    .balign 128
    b       hyp_panic
    .endr
    .balign 2048                    // the table is 2 KiB (Arm ARM D1.3.1): nothing else inside it

// Back to the guest with the (possibly changed) trap frame.
el2_exit:
    ldp     x0, x1, [sp, #248]
    msr     elr_el2, x0
    msr     spsr_el2, x1
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #TRAP_FRAME
    eret

hyp_panic:
    mov     w0, #99
    bl      sh_exit
