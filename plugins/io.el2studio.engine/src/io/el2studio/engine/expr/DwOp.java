package io.el2studio.engine.expr;

/** DW_OP opcodes (DWARF 5, 7.7.1, Table 7.9) and the GNU extensions gcc 12 emits (gcc's dwarf2.def). */
final class DwOp {
    private DwOp() {
    }

    static final int addr = 0x03, deref = 0x06, const1u = 0x08, const1s = 0x09, const2u = 0x0a, const2s = 0x0b,
            const4u = 0x0c, const4s = 0x0d, const8u = 0x0e, const8s = 0x0f, constu = 0x10, consts = 0x11, dup = 0x12,
            drop = 0x13, over = 0x14, pick = 0x15, swap = 0x16, rot = 0x17, xderef = 0x18, abs = 0x19, and = 0x1a,
            div = 0x1b, minus = 0x1c, mod = 0x1d, mul = 0x1e, neg = 0x1f, not = 0x20, or = 0x21, plus = 0x22,
            plus_uconst = 0x23, shl = 0x24, shr = 0x25, shra = 0x26, xor = 0x27, bra = 0x28, eq = 0x29, ge = 0x2a,
            gt = 0x2b, le = 0x2c, lt = 0x2d, ne = 0x2e, skip = 0x2f, lit0 = 0x30, lit31 = 0x4f, reg0 = 0x50,
            reg31 = 0x6f, breg0 = 0x70, breg31 = 0x8f, regx = 0x90, fbreg = 0x91, bregx = 0x92, piece = 0x93,
            deref_size = 0x94, xderef_size = 0x95, nop = 0x96, push_object_address = 0x97, call2 = 0x98,
            call4 = 0x99, call_ref = 0x9a, form_tls_address = 0x9b, call_frame_cfa = 0x9c, bit_piece = 0x9d,
            implicit_value = 0x9e, stack_value = 0x9f, implicit_pointer = 0xa0, addrx = 0xa1, constx = 0xa2,
            entry_value = 0xa3, const_type = 0xa4, regval_type = 0xa5, deref_type = 0xa6, xderef_type = 0xa7,
            convert = 0xa8, reinterpret = 0xa9,
            GNU_push_tls_address = 0xe0, GNU_uninit = 0xf0, GNU_encoded_addr = 0xf1, GNU_implicit_pointer = 0xf2,
            GNU_entry_value = 0xf3, GNU_const_type = 0xf4, GNU_regval_type = 0xf5, GNU_deref_type = 0xf6,
            GNU_convert = 0xf7, GNU_reinterpret = 0xf9, GNU_parameter_ref = 0xfa, GNU_addr_index = 0xfb,
            GNU_const_index = 0xfc, GNU_variable_value = 0xfd;

    /** The op's DWARF name (gdb's get_DW_OP_name), or null for an opcode no standard or GNU table names. */
    static String nameOrNull(int op) {
        if (op >= lit0 && op <= lit31) {
            return "DW_OP_lit" + (op - lit0);
        }
        if (op >= reg0 && op <= reg31) {
            return "DW_OP_reg" + (op - reg0);
        }
        if (op >= breg0 && op <= breg31) {
            return "DW_OP_breg" + (op - breg0);
        }
        return switch (op) {
            case 0x03 -> "DW_OP_addr";
            case 0x06 -> "DW_OP_deref";
            case 0x08 -> "DW_OP_const1u";
            case 0x09 -> "DW_OP_const1s";
            case 0x0a -> "DW_OP_const2u";
            case 0x0b -> "DW_OP_const2s";
            case 0x0c -> "DW_OP_const4u";
            case 0x0d -> "DW_OP_const4s";
            case 0x0e -> "DW_OP_const8u";
            case 0x0f -> "DW_OP_const8s";
            case 0x10 -> "DW_OP_constu";
            case 0x11 -> "DW_OP_consts";
            case 0x12 -> "DW_OP_dup";
            case 0x13 -> "DW_OP_drop";
            case 0x14 -> "DW_OP_over";
            case 0x15 -> "DW_OP_pick";
            case 0x16 -> "DW_OP_swap";
            case 0x17 -> "DW_OP_rot";
            case 0x18 -> "DW_OP_xderef";
            case 0x19 -> "DW_OP_abs";
            case 0x1a -> "DW_OP_and";
            case 0x1b -> "DW_OP_div";
            case 0x1c -> "DW_OP_minus";
            case 0x1d -> "DW_OP_mod";
            case 0x1e -> "DW_OP_mul";
            case 0x1f -> "DW_OP_neg";
            case 0x20 -> "DW_OP_not";
            case 0x21 -> "DW_OP_or";
            case 0x22 -> "DW_OP_plus";
            case 0x23 -> "DW_OP_plus_uconst";
            case 0x24 -> "DW_OP_shl";
            case 0x25 -> "DW_OP_shr";
            case 0x26 -> "DW_OP_shra";
            case 0x27 -> "DW_OP_xor";
            case 0x28 -> "DW_OP_bra";
            case 0x29 -> "DW_OP_eq";
            case 0x2a -> "DW_OP_ge";
            case 0x2b -> "DW_OP_gt";
            case 0x2c -> "DW_OP_le";
            case 0x2d -> "DW_OP_lt";
            case 0x2e -> "DW_OP_ne";
            case 0x2f -> "DW_OP_skip";
            case 0x90 -> "DW_OP_regx";
            case 0x91 -> "DW_OP_fbreg";
            case 0x92 -> "DW_OP_bregx";
            case 0x93 -> "DW_OP_piece";
            case 0x94 -> "DW_OP_deref_size";
            case 0x95 -> "DW_OP_xderef_size";
            case 0x96 -> "DW_OP_nop";
            case 0x97 -> "DW_OP_push_object_address";
            case 0x98 -> "DW_OP_call2";
            case 0x99 -> "DW_OP_call4";
            case 0x9a -> "DW_OP_call_ref";
            case 0x9b -> "DW_OP_form_tls_address";
            case 0x9c -> "DW_OP_call_frame_cfa";
            case 0x9d -> "DW_OP_bit_piece";
            case 0x9e -> "DW_OP_implicit_value";
            case 0x9f -> "DW_OP_stack_value";
            case 0xa0 -> "DW_OP_implicit_pointer";
            case 0xa1 -> "DW_OP_addrx";
            case 0xa2 -> "DW_OP_constx";
            case 0xa3 -> "DW_OP_entry_value";
            case 0xa4 -> "DW_OP_const_type";
            case 0xa5 -> "DW_OP_regval_type";
            case 0xa6 -> "DW_OP_deref_type";
            case 0xa7 -> "DW_OP_xderef_type";
            case 0xa8 -> "DW_OP_convert";
            case 0xa9 -> "DW_OP_reinterpret";
            case 0xe0 -> "DW_OP_GNU_push_tls_address";
            case 0xe1 -> "DW_OP_HP_is_value";
            case 0xe2 -> "DW_OP_HP_fltconst4";
            case 0xe3 -> "DW_OP_HP_fltconst8";
            case 0xe4 -> "DW_OP_HP_mod_range";
            case 0xe5 -> "DW_OP_HP_unmod_range";
            case 0xe6 -> "DW_OP_HP_tls";
            case 0xe8 -> "DW_OP_PGI_omp_thread_num";
            case 0xf0 -> "DW_OP_GNU_uninit";
            case 0xf1 -> "DW_OP_GNU_encoded_addr";
            case 0xf2 -> "DW_OP_GNU_implicit_pointer";
            case 0xf3 -> "DW_OP_GNU_entry_value";
            case 0xf4 -> "DW_OP_GNU_const_type";
            case 0xf5 -> "DW_OP_GNU_regval_type";
            case 0xf6 -> "DW_OP_GNU_deref_type";
            case 0xf7 -> "DW_OP_GNU_convert";
            case 0xf9 -> "DW_OP_GNU_reinterpret";
            case 0xfa -> "DW_OP_GNU_parameter_ref";
            case 0xfb -> "DW_OP_GNU_addr_index";
            case 0xfc -> "DW_OP_GNU_const_index";
            case 0xfd -> "DW_OP_GNU_variable_value";
            default -> null;
        };
    }

    static String name(int op) {
        String n = nameOrNull(op);
        return n != null ? n : "DW_OP 0x" + Integer.toHexString(op);
    }
}
