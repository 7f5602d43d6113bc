// The microvisor's entry at EL2 and its world switch.
//
// _start: QEMU's -M virt,virtualization=on (and el2studio's virt board) enter the ELF at EL2 with
// the MMU off. We take a stack, install the EL2 vectors and call hyp_main() in C, which sets up
// the VMs and never returns: it leaves through guest_enter.
//
// Every exception from a guest (EL1, AArch64) arrives at vectors + 0x400 (synchronous) or + 0x480
// (IRQ) (Arm ARM D1.3.1, "Exception vectors": lower EL using AArch64). The entry saves x0-x30,
// ELR_EL2 and SPSR_EL2 into the struct gp_regs at TPIDR_EL2 (the running vCPU, hyp.h), calls the C
// handler with that vCPU, and returns through guest_enter, which restores whatever vCPU TPIDR_EL2
// names then: a handler that switches vCPUs only changes TPIDR_EL2 (main.c, switch_to).
    .equ GP_ELR, 31 * 8
    .equ GP_SPSR, 32 * 8

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =__hyp_stack_top
    mov     sp, x0
    adr     x0, vectors
    msr     vbar_el2, x0
    isb
    ldr     x0, =__bss_start                // zero .bss (the stage-2 tables live there)
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  mov     x29, #0
    mov     x30, #0
    bl      hyp_main
    b       .

// SAVE_GUEST: x0-x30, ELR_EL2, SPSR_EL2 -> *TPIDR_EL2; leaves x0 = the vCPU
    .macro SAVE_GUEST
    stp     x0, x1, [sp, #-16]!
    mrs     x0, tpidr_el2
    stp     x2, x3, [x0, #16]
    stp     x4, x5, [x0, #32]
    stp     x6, x7, [x0, #48]
    stp     x8, x9, [x0, #64]
    stp     x10, x11, [x0, #80]
    stp     x12, x13, [x0, #96]
    stp     x14, x15, [x0, #112]
    stp     x16, x17, [x0, #128]
    stp     x18, x19, [x0, #144]
    stp     x20, x21, [x0, #160]
    stp     x22, x23, [x0, #176]
    stp     x24, x25, [x0, #192]
    stp     x26, x27, [x0, #208]
    stp     x28, x29, [x0, #224]
    ldp     x2, x3, [sp], #16
    stp     x2, x3, [x0]
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    stp     x30, x2, [x0, #240]
    str     x3, [x0, #GP_SPSR]
    .endm

    .text
    .global guest_enter
// guest_enter: restore the vCPU at TPIDR_EL2 and ERET into it
guest_enter:
    mrs     x0, tpidr_el2
    ldp     x30, x2, [x0, #240]
    ldr     x3, [x0, #GP_SPSR]
    msr     elr_el2, x2
    msr     spsr_el2, x3
    ldp     x2, x3, [x0, #16]
    ldp     x4, x5, [x0, #32]
    ldp     x6, x7, [x0, #48]
    ldp     x8, x9, [x0, #64]
    ldp     x10, x11, [x0, #80]
    ldp     x12, x13, [x0, #96]
    ldp     x14, x15, [x0, #112]
    ldp     x16, x17, [x0, #128]
    ldp     x18, x19, [x0, #144]
    ldp     x20, x21, [x0, #160]
    ldp     x22, x23, [x0, #176]
    ldp     x24, x25, [x0, #192]
    ldp     x26, x27, [x0, #208]
    ldp     x28, x29, [x0, #224]
    ldp     x0, x1, [x0]
    eret

guest_sync:
    SAVE_GUEST
    bl      handle_sync
    b       guest_enter

guest_irq:
    SAVE_GUEST
    bl      handle_irq
    b       guest_enter

hyp_unexpected:
    mrs     x0, esr_el2
    mrs     x1, elr_el2
    mrs     x2, far_el2
    bl      hyp_panic
    b       .

// The EL2 vector table (2 KiB aligned, 16 entries of 128 bytes)
    .balign 2048
vectors:
    .rept 8                                 // current EL with SP0 and SPx: not expected
    .balign 128
    b       hyp_unexpected
    .endr
    .balign 128
    b       guest_sync                      // lower EL, AArch64: synchronous
    .balign 128
    b       guest_irq                       // lower EL, AArch64: IRQ
    .rept 6                                 // FIQ, SError and the AArch32 entries: not expected
    .balign 128
    b       hyp_unexpected
    .endr
