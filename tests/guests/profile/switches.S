// The world-switch recorder's test guest (tests/io.el2studio.sim.tests profile/WorldSwitchRecorderTest):
// every exit's cost is known by construction. Booted at EL2 on the virt board: stage 2 for VMID 3 (one
// 1 GiB block mapping RAM, IPA == PA; nothing below 0x40000000), then the guest at EL1 makes
//   20000 x HVC #1 (enough for the hot loop to be translated): the EL2 handler runs 9 instructions (ERET included), reads ESR_EL2;
//   3 x a store to IPA 0x10000000 (unmapped: stage-2 data abort): 12 instructions, reads ESR_EL2 and
//     ELR_EL2, writes ELR_EL2, one TLBI, one ISB;
//   2 x HVC #7: a split-mode round trip as KVM without VHE makes it: EL2 (16 instructions) drops to a
//     "host" at EL1 with stage 2 off, which runs 2 instructions (its HVC #8 included), EL2 again (14):
//     30 at EL2, 2 at EL1, one nested exception, two ERETs; ESR_EL2 read twice, ELR_EL2 once, HCR_EL2
//     and ELR_EL2 written twice each, two ISBs;
// then SMC #0, trapped by HCR_EL2.TSC, ends the run (PSCI SYSTEM_OFF from EL2).
    .equ HCR_GUEST, (1 << 31) | (1 << 19) | 1      // RW, TSC, VM
    .equ VTCR, (1 << 31) | (2 << 16) | (3 << 12) | (1 << 10) | (1 << 8) | (1 << 6) | 32
    .equ BLOCK, 0x40000000 | (1 << 10) | (3 << 8) | (3 << 6) | (0xf << 2) | 1   // AF, SH, S2AP RW, Normal WB

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    adr     x0, vectors
    msr     vbar_el2, x0
    ldr     x0, =s2_l1
    ldr     x1, =BLOCK
    str     x1, [x0, #8]                    // L1 entry 1: IPA 0x40000000..0x7fffffff
    mov     x1, #3
    orr     x0, x0, x1, lsl #48             // VMID 3
    msr     vttbr_el2, x0
    ldr     x0, =VTCR
    msr     vtcr_el2, x0
    ldr     x0, =HCR_GUEST
    msr     hcr_el2, x0
    ldr     x0, =0x30d00800                 // SCTLR_EL1: MMU off
    msr     sctlr_el1, x0
    ldr     x0, =__stack_top - 0x2000
    msr     sp_el1, x0
    adr     x0, guest
    msr     elr_el2, x0
    mov     x0, #0x3c5                      // EL1h, DAIF masked
    msr     spsr_el2, x0
    isb
    eret

guest:
    mov     x19, #20000
1:  hvc     #1
    subs    x19, x19, #1
    b.ne    1b
    mov     x19, #3
    ldr     x1, =0x10000000
2:  str     w0, [x1]
    subs    x19, x19, #1
    b.ne    2b
    mov     x19, #2
3:  hvc     #7
    subs    x19, x19, #1
    b.ne    3b
    smc     #0
    b       .

host_fn:
    add     x21, x21, #1                    // 1 at EL1 (the host)
    hvc     #8                              // 2

    .balign 2048
vectors:
    .rept 8
    .balign 128
    b       .
    .endr
    .balign 128
lower_sync:
    mrs     x9, esr_el2                     // 1
    lsr     x10, x9, #26                    // 2
    cmp     x10, #0x16                      // 3
    b.ne    not_hvc                         // 4
    and     x10, x9, #0xffff                // 5
    cmp     x10, #1                         // 6
    b.ne    not_hvc1                        // 7
    add     x20, x20, #1                    // 8
    eret                                    // 9: HVC #1
not_hvc1:
    cmp     x10, #7                         // 8
    b.ne    not_hvc7                        // 9
    mrs     x11, elr_el2                    // 10
    mov     x12, #(1 << 31)                 // 11
    msr     hcr_el2, x12                    // 12: stage 2 off for the host
    adr     x12, host_fn                    // 13
    msr     elr_el2, x12                    // 14
    isb                                     // 15
    eret                                    // 16: into the host
not_hvc7:
    ldr     x12, =HCR_GUEST                 // 10
    msr     hcr_el2, x12                    // 11
    msr     elr_el2, x11                    // 12
    isb                                     // 13
    eret                                    // 14: back into the guest
not_hvc:
    cmp     x10, #0x24                      // 5
    b.ne    power_off                       // 6
    mrs     x11, elr_el2                    // 7
    add     x11, x11, #4                    // 8
    msr     elr_el2, x11                    // 9
    tlbi    vmalls12e1                      // 10
    isb                                     // 11
    eret                                    // 12: the abort skipped
power_off:
    ldr     x0, =0x84000008
    smc     #0
    b       .
    .rept 6
    .balign 128
    b       .
    .endr

    .bss
    .balign 4096
s2_l1:
    .space 4096
