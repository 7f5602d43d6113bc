// MMU guest harness (tests/mmu MmuQemuTest): boots at EL2 on qemu-system-aarch64
// (-M virt,virtualization=on -cpu max) and on the virt board, prints on the PL011 (common/console.c),
// ends with PSCI SYSTEM_OFF, and lets mmu.c run
// probes at EL1 (call_el1) or EL2. Every synchronous exception that is not the HVC #0 ending a
// call_el1 is recorded in `rec` {count, EL, ESR, FAR, HPFAR_EL2 (EL2 only)} and skipped: ELR += 4
// for data aborts and everything else, ELR = x30 for instruction aborts (the probes that fetch
// are called with BLR, so x30 is the return address). A stage 2 data abort from EL1 is first offered
// to mmio_emulate (mmu.c), the MMIO emulation of a hypervisor: if it emulates the access, ELR += 4
// and nothing is recorded. The probes keep x9-x11 free (the handlers use them).
#include "../common/semihost-start.h"
#include "../common/boot.h"
    START
    EL2_SETUP
    isb
    RUN_MAIN psci_system_off        // common/console.c: PSCI SYSTEM_OFF through SMC

// unsigned long call_el1(unsigned long (*fn)(unsigned long), unsigned long arg): runs fn(arg) at
// EL1h (DAIF masked) and returns its result; fn returns into el1_ret, whose HVC #0 comes back here.
    .global call_el1
call_el1:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    ldr     x9, =saved_sp2
    mov     x10, sp
    str     x10, [x9]
    msr     elr_el2, x0
    mov     x0, x1
    mov     x10, #0x3c5
    msr     spsr_el2, x10
    ldr     x30, =el1_ret
    isb
    eret
el1_ret:
    hvc     #0
    b       .

// ---- probes: leaf functions, x0 = address ----
    .global p_ld32, p_ld64, p_st32, p_st64, p_ldp, p_ldtr, p_sttr, p_exec, p_ldr_unaligned, p_ldr_post
p_ld32:                             // ldr w1, [x0]: returns the value, or 0xdead if it faulted
    mov     x1, #0xdead
    ldr     w1, [x0]
    mov     x0, x1
    ret
p_ld64:
    mov     x1, #0xdead
    ldr     x1, [x0]
    mov     x0, x1
    ret
p_st32:                             // str w1, [x0]
    str     w1, [x0]
    ret
p_st64:                             // str x1, [x0]
    str     x1, [x0]
    ret
p_ldp:                              // ldp x2, x3, [x0]
    mov     x2, #0xdead
    ldp     x2, x3, [x0]
    mov     x0, x2
    ret
    .global p_ldrsb, p_ldrh, p_strb, p_ldrsw
p_ldrsb:                            // ldrsb x7, [x0]: ISV with SAS = 0, SSE = 1, SF = 1
    mov     x7, #0xdead
    ldrsb   x7, [x0]
    mov     x0, x7
    ret
p_ldrsw:                            // ldrsw x12, [x0]: SAS = 2, SSE = 1, SF = 1
    mov     x12, #0xdead
    ldrsw   x12, [x0]
    mov     x0, x12
    ret
p_ldrh:                             // ldrh w15, [x0]: SAS = 1, SF = 0
    mov     x15, #0xdead
    ldrh    w15, [x0]
    mov     x0, x15
    ret
p_strb:                             // strb w1, [x0]
    strb    w1, [x0]
    ret
p_ldr_post:                         // ldr x5, [x0], #8 (writeback: no ISV)
    mov     x5, #0xdead
    ldr     x5, [x0], #8
    mov     x0, x5
    ret
    .global p_dc_civac, p_dc_zva
p_dc_civac:                         // dc civac, x0
    dc      civac, x0
    mov     x0, #0
    ret
p_dc_zva:                           // dc zva, x0
    dc      zva, x0
    mov     x0, #0
    ret
    .global p_ldar, p_stlr
p_ldar:                             // ldar w3, [x0]: ISV with AR = 1
    mov     x3, #0xdead
    ldar    w3, [x0]
    mov     x0, x3
    ret
p_stlr:                             // stlr x1, [x0]
    stlr    x1, [x0]
    ret
p_ldtr:                             // ldtr x1, [x0]
    mov     x1, #0xdead
    ldtr    x1, [x0]
    mov     x0, x1
    ret
p_sttr:
    sttr    x1, [x0]
    ret
p_ldr_unaligned:                    // ldr x1, [x0, #1]
    mov     x1, #0xdead
    ldr     x1, [x0, #1]
    mov     x0, x1
    ret
p_exec:                             // blr x0: the callee returns 0x600d in x0
    stp     x29, x30, [sp, #-16]!
    mov     x29, x0
    mov     x0, #0xdead
    blr     x29
    ldp     x29, x30, [sp], #16
    ret

    .global ret_600d, ret_600d_end
ret_600d:                           // copied into test pages to be executed
    mov     x0, #0x600d
    ret
ret_600d_end:

// ---- AT: unsigned long at_xxx(va) returns PAR_EL1 ----
    .macro ATOP name, op
    .global \name
\name:
    at      \op, x0
    isb
    mrs     x0, par_el1
    ret
    .endm
    ATOP at_s1e1r, s1e1r
    ATOP at_s1e1w, s1e1w
    ATOP at_s1e0r, s1e0r
    ATOP at_s1e0w, s1e0w
    ATOP at_s1e2r, s1e2r
    ATOP at_s1e2w, s1e2w
    ATOP at_s12e1r, s12e1r
    ATOP at_s12e1w, s12e1w
    ATOP at_s12e0r, s12e0r

// ---- TLBI: void tlbi_xxx(arg) ----
    .macro TLBIOP name, op, reg
    .global \name
\name:
    dsb     ishst
    .ifc \reg, r
    tlbi    \op, x0
    .else
    tlbi    \op
    .endif
    dsb     ish
    isb
    ret
    .endm
    TLBIOP tlbi_vmalle1, vmalle1, n
    TLBIOP tlbi_vae1, vae1, r
    TLBIOP tlbi_vae1is, vae1is, r
    TLBIOP tlbi_vaae1, vaae1, r
    TLBIOP tlbi_aside1, aside1, r
    TLBIOP tlbi_vale1, vale1, r
    TLBIOP tlbi_alle1, alle1, n
    TLBIOP tlbi_alle2, alle2, n
    TLBIOP tlbi_vae2, vae2, r
    TLBIOP tlbi_ipas2e1, ipas2e1, r
    TLBIOP tlbi_vmalls12e1, vmalls12e1, n

    .global set_pan
set_pan:                            // set_pan(0/1) at EL1 or EL2
    cbz     x0, 1f
    msr     pan, #1
    ret
1:  msr     pan, #0
    ret

// ---- vectors ----
    .macro VEC handler
    .balign 0x80
    b       \handler
    .endm

    .balign 0x800
vectors1:
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     el1_sync
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     el1_sync
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang

    .balign 0x800
vectors2:
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     el2_sync
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     el2_lower
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang
    VEC     hang

hang:                               // an unexpected exception: semihosting exit 99, no UART access
    ldr     x1, =hang_block
    mov     w0, #0x20
    hlt     #0xf000
    b       .

el1_sync:
    ldr     x9, =rec
    ldr     x10, [x9]
    add     x10, x10, #1
    str     x10, [x9]
    mov     x10, #1
    str     x10, [x9, #8]
    mrs     x10, esr_el1
    str     x10, [x9, #16]
    mrs     x11, far_el1
    str     x11, [x9, #24]
    str     xzr, [x9, #32]
    lsr     x10, x10, #26
    cmp     x10, #0x20
    b.eq    1f
    cmp     x10, #0x21
    b.eq    1f
    mrs     x10, elr_el1
    add     x10, x10, #4
    msr     elr_el1, x10
    eret
1:  msr     elr_el1, x30
    eret

el2_lower:
    mrs     x9, esr_el2
    lsr     x10, x9, #26
    cmp     x10, #0x24
    b.eq    el2_dabt_lower
    cmp     x10, #0x16
    b.ne    el2_sync
    ldr     x9, =saved_sp2          // HVC #0 from el1_ret: back to call_el1's caller
    ldr     x10, [x9]
    mov     sp, x10
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret
// A data abort from EL1: x0..x30 saved in a frame, mmio_emulate(frame, ESR, FAR, HPFAR) may change
// the frame (the load's destination register); it returns 1 if it emulated the access.
el2_dabt_lower:
    sub     sp, sp, #256
    stp     x0, x1, [sp]
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
    mov     x0, sp
    mrs     x1, esr_el2
    mrs     x2, far_el2
    mrs     x3, hpfar_el2
    bl      mmio_emulate
    str     x0, [sp, #248]
    ldp     x0, x1, [sp]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldr     x8, [sp, #64]
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
    ldr     x9, [sp, #248]
    add     sp, sp, #256
    cbz     x9, el2_sync
    mrs     x9, elr_el2
    add     x9, x9, #4
    msr     elr_el2, x9
    eret

el2_sync:
    ldr     x9, =rec
    ldr     x10, [x9]
    add     x10, x10, #1
    str     x10, [x9]
    mov     x10, #2
    str     x10, [x9, #8]
    mrs     x10, esr_el2
    str     x10, [x9, #16]
    mrs     x11, far_el2
    str     x11, [x9, #24]
    mrs     x11, hpfar_el2
    str     x11, [x9, #32]
    lsr     x10, x10, #26
    cmp     x10, #0x20
    b.eq    1f
    cmp     x10, #0x21
    b.eq    1f
    mrs     x10, elr_el2
    add     x10, x10, #4
    msr     elr_el2, x10
    eret
1:  msr     elr_el2, x30
    eret

    .data
    .balign 16
    .global rec
rec:    .quad 0, 0, 0, 0, 0
saved_sp2: .quad 0
hang_block: .quad 0x20026, 99       // ADP_Stopped_ApplicationExit, status 99
    .bss
    .balign 16
stack1: .skip 0x4000
stack1_top:
