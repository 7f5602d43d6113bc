// Call frame information with DWARF expressions, run (unlike cfiops.S): the unwinder's tests stop
// in the C callback below these frames and compare the backtrace with gdb's (UnwindVersusGdbTest).
    .text
    .global expr_frame
    .type expr_frame, %function
// long expr_frame(long (*f)(long), long x): CFA, x29 and x30 by DWARF expressions over x29
expr_frame:
    .cfi_startproc
    stp     x29, x30, [sp, #-32]!
    .cfi_def_cfa_offset 32
    .cfi_offset 29, -32
    .cfi_offset 30, -24
    mov     x29, sp
    .cfi_escape 0x0f, 0x02, 0x8d, 0x20              // DW_CFA_def_cfa_expression {DW_OP_breg29 32}
    .cfi_escape 0x10, 0x1e, 0x02, 0x8d, 0x08        // DW_CFA_expression x30 {DW_OP_breg29 8}
    .cfi_escape 0x16, 0x1d, 0x03, 0x8d, 0x00, 0x06  // DW_CFA_val_expression x29 {DW_OP_breg29 0; DW_OP_deref}
    .cfi_val_offset 31, 0                           // SP = CFA
    str     x19, [sp, #16]
    .cfi_offset 19, -16
    mov     x19, x0
    mov     x0, x1
    blr     x19
    ldr     x19, [sp, #16]
    ldp     x29, x30, [sp], #32
    .cfi_restore 19
    .cfi_def_cfa 31, 0
    .cfi_restore 29
    .cfi_restore 30
    ret
    .cfi_endproc
    .size expr_frame, . - expr_frame

    .global reg_frame
    .type reg_frame, %function
// long reg_frame(long (*f)(long), long x): the return address kept in x20 (DW_CFA_register), the
// caller's x20 saved by DW_CFA_offset_extended_sf, remember/restore state around an early exit
reg_frame:
    .cfi_startproc
    sub     sp, sp, #16
    .cfi_def_cfa_offset 16
    str     x20, [sp, #8]
    .cfi_escape 0x11, 0x14, 0x7f                    // DW_CFA_offset_extended_sf x20, -1 (* -8 = CFA - 8)
    mov     x20, x30
    .cfi_register 30, 20
    cbz     x1, 1f
    .cfi_remember_state
    mov     x2, x0
    mov     x0, x1
    blr     x2
    mov     x30, x20
    .cfi_restore 30
    ldr     x20, [sp, #8]
    add     sp, sp, #16
    .cfi_def_cfa_offset 0
    ret
1:  .cfi_restore_state
    mov     x0, #0
    mov     x30, x20
    ldr     x20, [sp, #8]
    add     sp, sp, #16
    .cfi_def_cfa_offset 0
    ret
    .cfi_endproc
    .size reg_frame, . - reg_frame
