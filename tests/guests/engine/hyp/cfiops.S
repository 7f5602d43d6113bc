// Call frame instructions of every kind, for the unwinder's tests (CallFrameInfoTest compares the
// table the engine computes with aarch64-linux-gnu-readelf --debug-dump=frames-interp). Never run.
// Built with -DDEBUG_FRAME the CFI goes to .debug_frame, with -DBOTH to both sections.
#if defined(DEBUG_FRAME)
    .cfi_sections .debug_frame
#elif defined(BOTH)
    .cfi_sections .eh_frame, .debug_frame
#endif
    .text
    .global cfi_a
    .type cfi_a, %function
// register rules: offset, val_offset, register, undefined, same value, remember/restore state
cfi_a:
    .cfi_startproc
    stp     x29, x30, [sp, #-64]!
    .cfi_def_cfa_offset 64
    .cfi_offset 29, -64
    .cfi_offset 30, -56
    mov     x29, sp
    .cfi_def_cfa_register 29
    stp     x19, x20, [sp, #16]
    .cfi_rel_offset 19, 16
    .cfi_rel_offset 20, 24
    mov     x9, x21
    .cfi_register 21, 9
    nop
    .cfi_val_offset 22, -8
    nop
    .cfi_undefined 23
    .cfi_same_value 24
    .cfi_remember_state
    ldp     x19, x20, [sp, #16]
    .cfi_restore 19
    .cfi_restore 20
    ldp     x29, x30, [sp], #64
    .cfi_def_cfa 31, 0
    .cfi_restore 29
    .cfi_restore 30
    ret
    .cfi_restore_state
    nop
    .cfi_adjust_cfa_offset 16
    nop
    .cfi_escape 0x2e, 0x10                  // DW_CFA_GNU_args_size 16
    nop
    .cfi_escape 0x2f, 0x19, 0x02            // DW_CFA_GNU_negative_offset_extended x25, 2 * -8... negated
    nop
    .cfi_escape 0x11, 0x1a, 0x7d            // DW_CFA_offset_extended_sf x26, -3 (* -8 = 24)
    nop
    .cfi_escape 0x15, 0x1b, 0x02            // DW_CFA_val_offset_sf x27, 2 (* -8 = -16)
    nop
    .cfi_escape 0x12, 0x1d, 0x7e            // DW_CFA_def_cfa_sf x29, -2 (* -8 = 16)
    nop
    .cfi_escape 0x13, 0x7c                  // DW_CFA_def_cfa_offset_sf -4 (* -8 = 32)
    nop
    .cfi_escape 0x10, 0x1c, 0x02, 0x8f, 0x08 // DW_CFA_expression x28, {DW_OP_breg31 8}
    nop
    .cfi_escape 0x16, 0x12, 0x02, 0x8f, 0x10 // DW_CFA_val_expression x18, {DW_OP_breg31 16}
    nop
    .cfi_escape 0x0f, 0x02, 0x8d, 0x20      // DW_CFA_def_cfa_expression {DW_OP_breg29 32}
    nop
    .cfi_escape 0x05, 0x11, 0x03            // DW_CFA_offset_extended x17, 3 (* -8 = -24)
    nop
    .cfi_escape 0x06, 0x11                  // DW_CFA_restore_extended x17
    .cfi_escape 0x0c, 0x1f, 0x20            // DW_CFA_def_cfa sp, 32
    nop
    ret
    .cfi_endproc
    .size cfi_a, . - cfi_a

    .global cfi_pac
    .type cfi_pac, %function
// pointer authentication: 'B' augmentation (B key) and DW_CFA_AARCH64_negate_ra_state
cfi_pac:
    .cfi_startproc
    .cfi_b_key_frame
    hint    #27                             // pacibsp
    .cfi_negate_ra_state
    stp     x29, x30, [sp, #-16]!
    .cfi_def_cfa_offset 16
    .cfi_offset 29, -16
    .cfi_offset 30, -8
    ldp     x29, x30, [sp], #16
    .cfi_restore 29
    .cfi_restore 30
    .cfi_def_cfa_offset 0
    hint    #31                             // autibsp
    .cfi_negate_ra_state
    ret
    .cfi_endproc
    .size cfi_pac, . - cfi_pac

    .global cfi_sig
    .type cfi_sig, %function
// 'S' (signal frame), a personality and an LSDA ("zPLR") with pc-relative, indirect encodings
cfi_sig:
    .cfi_startproc
    .cfi_signal_frame
#if !defined(DEBUG_FRAME)
    .cfi_personality 0x9b, personality      // DW_EH_PE_indirect | pcrel | sdata4
    .cfi_lsda 0x1b, lsda                    // DW_EH_PE_pcrel | sdata4
#endif
    sub     sp, sp, #32
    .cfi_def_cfa_offset 32
    str     x30, [sp, #8]
    .cfi_offset 30, -24
    nop
    .cfi_escape 0x80 | 30, 0x03            // DW_CFA_offset x30, 3 (* -8 = -24), the short form
    nop
    .cfi_escape 0x44                        // DW_CFA_advance_loc 4
    .cfi_escape 0x02, 0x01                  // DW_CFA_advance_loc1 1 (* 4)
    .cfi_escape 0x0e, 0x30                  // DW_CFA_def_cfa_offset 48
    nop
    nop
    nop
    nop
    ret
    .cfi_endproc
    .size cfi_sig, . - cfi_sig

    .section .rodata
    .balign 8
personality:
    .quad   cfi_a
lsda:
    .quad   0
