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

    static String name(int op) {
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
            case addr -> "DW_OP_addr";
            case deref -> "DW_OP_deref";
            case fbreg -> "DW_OP_fbreg";
            case call_frame_cfa -> "DW_OP_call_frame_cfa";
            case entry_value -> "DW_OP_entry_value";
            case GNU_entry_value -> "DW_OP_GNU_entry_value";
            case stack_value -> "DW_OP_stack_value";
            case piece -> "DW_OP_piece";
            case form_tls_address -> "DW_OP_form_tls_address";
            case GNU_push_tls_address -> "DW_OP_GNU_push_tls_address";
            case xderef, xderef_size, xderef_type -> "DW_OP_xderef*";
            default -> "DW_OP 0x" + Integer.toHexString(op);
        };
    }
}
