// Start-up of the GDB server's test guest (tests/gdb GdbSessionTest): entered at EL2 on the virt
// board (as QEMU's -M virt,virtualization=on). PE 0 installs the EL2 vectors, starts PE 1 with
// PSCI CPU_ON (SMC to the built-in firmware), writes a pending virtual interrupt into ICH_LR0_EL2,
// then drops to EL1 and calls main(); HVCs from EL1
// reach el2_trap() in C. PE 1 spins at EL2 in secondary_main(). MMU off everywhere.
    .equ CPU_ON64, 0xc4000003
    .equ LR0_PENDING, 0x50a000000000001b

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =stack2_top
    mov     sp, x0
    adr     x0, vectors2
    msr     vbar_el2, x0
    mov     x0, #(1 << 31)          // HCR_EL2.RW: EL1 is AArch64
    msr     hcr_el2, x0
    mov     x0, #0x33ff             // CPTR_EL2: no FP/SIMD trap
    msr     cptr_el2, x0
    mov     x0, #(3 << 20)          // CPACR_EL1.FPEN
    msr     cpacr_el1, x0
    // A virtual interrupt as a hypervisor queues it, for the debugger to see in ICH_LR0_EL2: State
    // pending (01, bits 63:62), Group 1 (bit 60), priority 0xa0 (bits 55:48), vINTID 27 (the virtual
    // timer's PPI). ICH_HCR_EL2.En stays 0, so it is never signalled to EL1 (GICv3 spec, 12.5).
    ldr     x0, =LR0_PENDING
    msr     ich_lr0_el2, x0
    ldr     x0, =CPU_ON64
    mov     x1, #1
    adr     x2, secondary
    mov     x3, #0
    smc     #0
    ldr     x0, =stack1_top
    msr     sp_el1, x0
    adr     x0, el1_entry
    msr     elr_el2, x0
    mov     x0, #0x3c5              // EL1h, DAIF masked
    msr     spsr_el2, x0
    isb
    eret

el1_entry:
    bl      main
    b       .

secondary:
    ldr     x0, =stack2b_top
    mov     sp, x0
    bl      secondary_main
    b       .

    .text
    .global hvc_call
hvc_call:
    hvc     #0x42
    ret

// EL2 vectors: only "synchronous, lower EL using AArch64" (offset 0x400) is expected.
    .balign 0x800
vectors2:
    .rept 8
    .balign 0x80
    b       .
    .endr
    .balign 0x80
lower_sync:
    stp     x29, x30, [sp, #-16]!
    stp     x0, x1, [sp, #-16]!
    mrs     x0, esr_el2
    mrs     x1, elr_el2
    bl      el2_trap
    ldp     x0, x1, [sp], #16
    ldp     x29, x30, [sp], #16
    eret
    .rept 7
    .balign 0x80
    b       .
    .endr

    .bss
    .balign 16
    .space 0x2000
stack2_top:
    .space 0x2000
stack2b_top:
    .space 0x4000
stack1_top:
