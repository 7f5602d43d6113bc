// Exception-behaviour guest (tests/sys ExceptionsQemuTest): boots at EL3 on qemu-system-aarch64
// (-M virt,virtualization=on,secure=on) and on the virt board (--el 3), drops to EL2 and EL1, and lets
// exc.c trigger exceptions and print on the PL011 (common/console.c); it ends with a semihosting exit
// (QEMU has no PSCI firmware when the guest owns EL3). Every handler records {EL, vector offset, ESR, ELR, SPSR} in `rec`
// and returns to the caller of the stub that raised the exception (x30), so the stubs below are
// leaf functions. Service calls: HVC #0xE1 writes HCR_EL2 = x0, HVC #0xE2 writes MDCR_EL2 = x0,
// HVC #0xE4 runs x0 at EL0 with HCR_EL2.TGE set, HVC #0xE5 calls x0 at EL2, SMC #0xE3 writes
// SCR_EL3 = x0, HVC #0xE7 writes CPTR_EL2 = x0 (not recorded).
#include "../common/semihost-start.h"
#include "../common/el3-boot.h"

    START_EL3

// ---- vectors: x9 = vector offset, then the common handler of the EL ----
#include "../common/vectors.h"
#include "../common/handlers.h"
    VECTORS 1
    VECTORS 2
    VECTORS 3

// Back to the EL1 code that called run_el0 (an exception taken from EL0).
    .macro RETURN_FROM_EL0 el
    ldr     x14, =saved
    ldp     x30, x15, [x14]
    msr     elr_el\el, x30
    mov     x13, #0x3c5
    msr     spsr_el\el, x13
    .if \el == 1
    mov     sp, x15
    .else
    msr     sp_el1, x15
    mov     x13, #(1 << 31)         // HCR_EL2 = RW only: TGE would make the return to EL1 illegal
    msr     hcr_el2, x13
    .endif
    eret
    .endm

handler1:
    HANDLER_REGS 1
    mov     x16, #1
    RECORD  pan=1                   // `rec` also holds PSTATE.PAN in the handler
    tst     x12, #0xf
    b.eq    1f
    RETURN_TO_CALLER 1
1:  RETURN_FROM_EL0 1

handler2:
    HANDLER_REGS 2
    CALL_IMM16 0x16, 2f             // not an HVC: recorded
    SERVICE_WRITE 0xe1, 1f, hcr_el2
1:  SERVICE_WRITE 0xe2, 6f, mdcr_el2
6:  SERVICE_WRITE 0xe7, 4f, cptr_el2
4:  SERVICE_CALL_EL2 5f
5:  cmp     x13, #0xe4              // run x0 at EL0t with HCR_EL2.TGE set (see run_el0_tge)
    b.ne    2f
    mov     x13, #0x88000000        // HCR_EL2.{RW, TGE}
    msr     hcr_el2, x13
    msr     elr_el2, x0
    mov     x13, #0x3c0
    msr     spsr_el2, x13
    ldr     x13, =stack0_top
    msr     sp_el0, x13
    isb
    eret
2:  mov     x16, #2
    RECORD  pan=1                   // `rec` also holds PSTATE.PAN in the handler
    tst     x12, #0xf
    b.eq    3f
    RETURN_TO_CALLER 2
3:  RETURN_FROM_EL0 2

handler3:
    HANDLER_REGS 3
    CALL_IMM16 0x17, 2f             // not an SMC: recorded
    SERVICE_WRITE 0xe3, 2f, scr_el3
2:  mov     x16, #3
    RECORD  pan=1                   // `rec` also holds PSTATE.PAN in the handler
    RETURN_TO_CALLER 3

// ---- run_el0(fn): run fn at EL0t; the first exception to EL1 or EL2 returns here ----
    .global run_el0
run_el0:
    SAVE_CALLER
    msr     elr_el1, x0
    mov     x10, #0x3c0             // EL0t, DAIF masked
    msr     spsr_el1, x10
    ldr     x10, =stack0_top
    msr     sp_el0, x10
    eret

// ---- run_el0_tge(fn): the same with HCR_EL2.TGE = 1, entered from EL2 (an ERET to EL1 with TGE
// set would be an illegal return); the EL2 handler clears TGE before returning here. ----
    .global run_el0_tge
run_el0_tge:
    SAVE_CALLER
    hvc     #0xe4
    b       .

// ---- stubs (leaf functions, STUB of common/handlers.h) ----
    STUB t_svc, svc #0x12
    STUB t_hvc, hvc #0x34
    STUB t_smc, smc #0x56
    STUB t_brk, brk #0x7
    STUB t_udf, .inst 0x00000001
    STUB t_hlt, hlt #0x1
    STUB t_wfi, wfi
    STUB t_eret_el1_to_el0_illegal_sp, nop
    STUB set_hcr, hvc #0xe1
    STUB set_mdcr, hvc #0xe2
    STUB set_scr, smc #0xe3
    STUB t_tlbi, tlbi vmalle1
    STUB t_dczva, dc zva, x0
    STUB t_read_hcr, mrs x0, hcr_el2
    STUB t_read_idreg, mrs x0, id_aa64pfr0_el1
    STUB t_msr_spsel_imm, msr spsel, #1
    STUB at_el2, hvc #0xe5
    STUB t_read_far12, mrs x0, s3_5_c6_c0_0
    STUB t_pan_imm, .inst 0xd500419f     // msr pan, #0x1
    STUB t_pan_clear, .inst 0xd500409f   // msr pan, #0x0
    STUB t_read_pan, mrs x0, s3_0_c4_c2_3
    STUB t_sp_el0_read, mrs x0, sp_el0
    STUB t_actlr, mrs x0, actlr_el1
    STUB t_ctr, mrs x0, ctr_el0
    STUB t_dc_cisw, dc cisw, xzr
    STUB t_ic_iallu, ic iallu
    STUB t_dc_civac, dc civac, x0
    STUB set_cptr, hvc #0xe7
    STUB t_wfe, wfe
    STUB t_sevl_wfe, sevl; wfe
    STUB t_revidr, mrs x0, revidr_el1
    STUB t_aidr, mrs x0, aidr_el1
    STUB t_impdef, mrs x3, s3_0_c15_c0_0  // IMPLEMENTATION DEFINED encoding space (op0 3, CRn 15)
    STUB t_impdef_w, msr s3_1_c11_c2_5, x4 // and CRn 11
    STUB t_fp, fmov d0, x0

    .global t_write_sctlr
t_write_sctlr:
    mrs     x0, sctlr_el1
    msr     sctlr_el1, x0
    ret

// ERET from EL1 to EL2h: illegal, PSTATE.IL set, the instruction at 1: takes EC 0x0E.
    .global t_illegal_eret
t_illegal_eret:
    adr     x1, 1f
    msr     elr_el1, x1
    mov     x1, #0x3c9
    msr     spsr_el1, x1
    eret
1:  nop
    ret

// ERET with SPSR.M = 0b0001 (EL0 with SP_ELx, a reserved encoding): illegal. (Not AArch32: QEMU's
// max CPU implements AArch32 at EL0, ours does not.)
    .global t_illegal_eret_m0001
t_illegal_eret_m0001:
    adr     x1, 1f
    msr     elr_el1, x1
    mov     x1, #0x3c1
    msr     spsr_el1, x1
    eret
1:  nop
    ret

// SVC with SP_EL0 selected: the current-EL SP0 vector (offset 0x000).
    .global t_svc_sp0
t_svc_sp0:
    mov     x9, sp
    msr     spsel, #0
    mov     sp, x9
    svc     #0x13
    ret

// DAIF write at EL1 then read back through MRS (no exception expected).
    .global t_daif
t_daif:
    msr     daifset, #0xf
    msr     daifclr, #0x5
    mrs     x0, daif
    msr     daifset, #0xf
    ret

// ---- EL0 bodies: end with SVC #0xEF if the instruction under test did not trap ----
    .global e0_svc, e0_hvc, e0_sctlr, e0_daif, e0_dczva, e0_ctr, e0_eret, e0_smc
e0_svc:   svc #0x12
          svc #0xef
e0_hvc:   hvc #0x1
          svc #0xef
e0_smc:   smc #0x1
          svc #0xef
e0_sctlr: mrs x0, sctlr_el1
          svc #0xef
e0_daif:  mrs x3, daif
          svc #0xef
e0_dczva: ldr x0, =scratch
          dc zva, x0
          svc #0xef
e0_ctr:   mrs x5, ctr_el0
          svc #0xef
e0_eret:  eret
          svc #0xef

    HANDLER_DATA
    .balign 64
    .global scratch
scratch: .space 128

    STACKS
