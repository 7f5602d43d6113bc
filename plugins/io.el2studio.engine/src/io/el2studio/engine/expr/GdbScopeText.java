package io.el2studio.engine.expr;

import java.util.function.ToLongFunction;

import io.el2studio.engine.dwarf.Cursor;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfException;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.target.DwarfRegs;

/**
 * gdb 13's words for where a symbol lives, as {@code info scope} and {@code info address} print them
 * (gdb/symtab.c info_scope_command; gdb/dwarf2/loc.c locexpr_describe_location_1,
 * loclist_describe_location, disassemble_dwarf_expression): "a variable in $x0", "multi-location:"
 * with each range, "a complex DWARF expression:" with the ops disassembled, "optimized out.", ...
 * The location-list and expression tests compare this text with gdb's own.
 */
public final class GdbScopeText {
    private GdbScopeText() {
    }

    /**
     * The text of {@code info scope *PC}: for every symbol of the block at {@code pc} and of its parents
     * up to the function, "Symbol NAME is ..., length N." ({@code typeLength} gives N from the type).
     * gdb also lists types, labels and nested functions; those are not variables and are left out here.
     */
    public static String infoScope(Scopes scopes, long pc, String label, ToLongFunction<Die> typeLength) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        Block start = scopes.blockAt(pc);
        if (start == null) {
            start = scopes.fileBlockAt(pc); // gdb's block_for_pc gives the static block between functions
        }
        for (Block b = start; b != null; b = b.parent()) {
            for (Variable v : b.variables()) {
                if (count++ == 0) {
                    out.append("Scope for ").append(label).append(":\n");
                }
                out.append("Symbol ").append(v.name()).append(" is ");
                out.append(describe(v, b.entryPc() + scopes.bias(), scopes.bias()));
                if (v.storage() != Variable.Storage.OPTIMIZED_OUT) {
                    out.append(", length ").append(v.type() == null ? 0 : typeLength.applyAsLong(v.type())).append(".\n");
                }
            }
            if (b.isFunction()) {
                break;
            }
        }
        if (count == 0) {
            out.append("Scope for ").append(label).append(" contains no locals or arguments.\n");
        }
        return out.toString();
    }

    /** The words after "Symbol NAME is " (without gdb's ", length N."); {@code addr} is the block's entry pc. */
    public static String describe(Variable v, long addr, long bias) {
        try {
            return switch (v.storage()) {
                case OPTIMIZED_OUT -> "optimized out.\n";
                case CONST -> {
                    long value = ((Location.ValueOf) Locator.constValue(v.die().withInherited(Dw.AT_const_value))).asLong();
                    yield "a constant with value " + value + " (0x" + Long.toHexString(value) + ")";
                }
                case CONST_BYTES -> {
                    byte[] b = ((Location.ValueOf) Locator.constValue(v.die().withInherited(Dw.AT_const_value))).bytes();
                    StringBuilder s = new StringBuilder("constant bytes: ");
                    for (byte x : b) {
                        s.append(String.format(" %02x", x & 0xff));
                    }
                    yield s.toString();
                }
                case STATIC -> "in static storage at address 0x"
                        + Long.toHexString(SymbolReader.staticAddress(v.die().withInherited(Dw.AT_location)) + bias);
                case UNRESOLVED, MINIMAL, MINIMAL_TEXT -> v.elfAddress() == -1 ? "Unresolved Static"
                        : "static storage at address 0x" + Long.toHexString(v.elfAddress());
                case COMPUTED -> computed(v, addr, bias);
            };
        } catch (RuntimeException e) {
            return "<error: " + e.getMessage() + ">";
        }
    }

    private static String computed(Variable v, long addr, long bias) {
        Die d = v.die().withInherited(Dw.AT_location);
        if (d.isBlock(Dw.AT_location)) {
            return expression(v, d.block(Dw.AT_location), d.unit(), v.block(), addr, bias);
        }
        LocationList list = LocationList.read(d, Dw.AT_location);
        StringBuilder s = new StringBuilder("multi-location:\n");
        for (LocationList.Entry e : list.entries()) {
            switch (e.kind()) {
                case BASE_ADDRESS -> s.append("  Base address 0x").append(Long.toHexString(e.low() + bias));
                case RANGE -> {
                    s.append("  Range 0x").append(Long.toHexString(e.low() + bias)).append("-0x")
                            .append(Long.toHexString(e.high() + bias)).append(": ");
                    s.append(expression(v, e.expression(), d.unit(), v.block(), e.low() + bias, bias)).append('\n');
                }
                case DEFAULT -> s.append("  Default: ").append(expression(v, e.expression(), d.unit(), v.block(), addr, bias))
                        .append('\n');
            }
        }
        if (list.damage() != null) {
            return s + "<error: Corrupted DWARF expression for symbol \"" + v.name() + "\".>";
        }
        return s.toString();
    }

    /** locexpr_describe_location_1: piece by piece, in words where gdb has words, else disassembled. */
    static String expression(Variable v, byte[] data, Unit unit, Block block, long addr, long bias) {
        StringBuilder s = new StringBuilder();
        int p = 0;
        boolean first = true;
        while (p < data.length) {
            int here = p;
            if (!first) {
                s.append(", and ");
            }
            first = false;
            int[] next = {p};
            String words = piece(data, p, next, unit, block);
            boolean disassemble = true;
            if (words != null) {
                s.append(words);
                p = next[0];
                disassemble = false;
            } else if ((data[p] & 0xff) == DwOp.piece || (data[p] & 0xff) == DwOp.bit_piece) {
                disassemble = false;
            }
            if (disassemble) {
                s.append("a complex DWARF expression:\n");
                p = disassemble(s, data, p, data.length, 0, unit);
            }
            if (p < data.length) {
                boolean empty = p == here;
                if (disassemble) {
                    s.append("   ");
                }
                Cursor c = new Cursor("DWARF expression", data, p);
                int op = c.u8();
                if (op == DwOp.piece) {
                    long bytes = c.uleb();
                    s.append(empty ? "an empty " + Long.toUnsignedString(bytes) + "-byte piece"
                            : " [" + Long.toUnsignedString(bytes) + "-byte piece]");
                } else if (op == DwOp.bit_piece) {
                    long bits = c.uleb();
                    long off = c.uleb();
                    s.append(empty ? "an empty " + Long.toUnsignedString(bits) + "-bit piece"
                            : " [" + Long.toUnsignedString(bits) + "-bit piece, offset " + Long.toUnsignedString(off) + " bits]");
                } else {
                    return s + "<error: Corrupted DWARF2 expression for \"" + v.name() + "\".>";
                }
                p = c.pos();
            }
        }
        return s.toString();
    }

    private static boolean pieceEnd(byte[] d, int p) {
        return p >= d.length || (d[p] & 0xff) == DwOp.piece || (d[p] & 0xff) == DwOp.bit_piece;
    }

    /** locexpr_describe_location_piece: the forms gdb says in words; null when it disassembles instead. */
    private static String piece(byte[] d, int p, int[] next, Unit unit, Block block) {
        int op = d[p] & 0xff;
        Cursor c = new Cursor("DWARF expression", d, p + 1);
        if (op >= DwOp.reg0 && op <= DwOp.reg31) {
            next[0] = p + 1;
            return "a variable in $" + regName(op - DwOp.reg0);
        }
        if (op == DwOp.regx) {
            long r = c.uleb();
            next[0] = c.pos();
            return "a variable in $" + regName((int) r);
        }
        if (op == DwOp.fbreg) {
            long off = c.sleb();
            if (!pieceEnd(d, c.pos()) || block == null) {
                return null;
            }
            Die fn = block.outerFunction().die();
            if (!fn.has(Dw.AT_frame_base) || !fn.isBlock(Dw.AT_frame_base)) {
                return null;
            }
            byte[] fb = fn.block(Dw.AT_frame_base);
            if (fb.length == 0) {
                return null;
            }
            int fop = fb[0] & 0xff;
            int reg;
            long baseOff = 0;
            if (fop >= DwOp.breg0 && fop <= DwOp.breg31) {
                reg = fop - DwOp.breg0;
                Cursor fc = new Cursor("DW_AT_frame_base", fb, 1);
                baseOff = fc.sleb();
                if (!fc.atEnd()) {
                    return null; // gdb: an error "Unexpected opcode after DW_OP_breg"
                }
            } else if (fop >= DwOp.reg0 && fop <= DwOp.reg31) {
                reg = fop - DwOp.reg0;
            } else {
                return null;
            }
            next[0] = c.pos();
            return "a variable at frame base reg $" + regName(reg) + " offset " + baseOff + "+" + off;
        }
        if (op >= DwOp.breg0 && op <= DwOp.breg31 && pieceEnd(d, p)) {
            // gdb's condition tests the end at the op itself, so a lone bregN is never said in words
            long off = c.sleb();
            next[0] = c.pos();
            return "a variable at offset " + off + " from base reg $" + regName(op - DwOp.breg0);
        }
        int as = unit == null ? 8 : unit.addressSize();
        if (p + 1 + as < d.length && (op == DwOp.addr || (as == 8 && op == DwOp.const8u) || (as == 4 && op == DwOp.const4u))
                && ((d[p + 1 + as] & 0xff) == DwOp.GNU_push_tls_address || (d[p + 1 + as] & 0xff) == DwOp.form_tls_address)
                && pieceEnd(d, p + 2 + as)) {
            long off = c.unsigned(as);
            next[0] = p + 2 + as;
            return "a thread-local variable at offset 0x" + Long.toHexString(off) + " in the thread-local storage for `"
                    + "?'";
        }
        if (op >= DwOp.lit0 && op <= DwOp.lit31 && p + 1 < d.length && (d[p + 1] & 0xff) == DwOp.stack_value) {
            next[0] = p + 2;
            return "the constant " + (op - DwOp.lit0);
        }
        return null;
    }

    /** gdb's AArch64 register names for DWARF numbers (aarch64_dwarf_reg_to_regnum). */
    static String regName(int r) {
        if (r >= 0 && r <= 30) {
            return "x" + r;
        }
        if (r == DwarfRegs.SP) {
            return "sp";
        }
        if (r >= DwarfRegs.V0 && r <= DwarfRegs.V31) {
            return "v" + (r - DwarfRegs.V0);
        }
        return switch (r) {
            case DwarfRegs.VG -> "vg";
            case DwarfRegs.RA_SIGN_STATE -> "bad_register_number";
            default -> "bad_register_number";
        };
    }

    /** disassemble_dwarf_expression, stopping at a piece (gdb's dwarf always-disassemble off). */
    static int disassemble(StringBuilder s, byte[] data, int start, int end, int indent, Unit unit) {
        Cursor c = new Cursor("DWARF expression", data, start, end);
        int as = unit == null ? 8 : unit.addressSize();
        int os = unit == null ? 4 : unit.offsetSize();
        while (!c.atEnd()) {
            int at = c.pos();
            int op = data[at] & 0xff;
            if (op == DwOp.piece || op == DwOp.bit_piece) {
                break;
            }
            c.u8();
            String name = DwOp.nameOrNull(op);
            if (name == null) {
                s.append("<error: Unrecognized DWARF opcode 0x").append(String.format("%02x", op)).append(" at ").append(at)
                        .append(">");
                return end;
            }
            s.append("  ").append(String.format("%" + (indent + 4) + "d", at)).append(": ").append(name);
            if (op >= DwOp.reg0 && op <= DwOp.reg31) {
                s.append(" [$").append(regName(op - DwOp.reg0)).append(']');
            } else if (op >= DwOp.breg0 && op <= DwOp.breg31) {
                s.append(' ').append(c.sleb()).append(" [$").append(regName(op - DwOp.breg0)).append(']');
            } else {
                switch (op) {
                    case DwOp.addr -> s.append(" 0x").append(Long.toHexString(c.unsigned(as)));
                    case DwOp.const1u -> s.append(' ').append(c.u8());
                    case DwOp.const1s -> s.append(' ').append(c.s8());
                    case DwOp.const2u -> s.append(' ').append(c.u16());
                    case DwOp.const2s -> s.append(' ').append((short) c.u16());
                    case DwOp.const4u -> s.append(' ').append(c.u32());
                    case DwOp.const4s -> s.append(' ').append(c.s32());
                    case DwOp.const8u -> s.append(' ').append(Long.toUnsignedString(c.u64()));
                    case DwOp.const8s -> s.append(' ').append(c.u64());
                    case DwOp.constu, DwOp.plus_uconst -> s.append(' ').append(Long.toUnsignedString(c.uleb()));
                    case DwOp.consts, DwOp.fbreg -> s.append(' ').append(c.sleb());
                    case DwOp.regx -> {
                        long r = c.uleb();
                        s.append(' ').append(r).append(" [$").append(regName((int) r)).append(']');
                    }
                    case DwOp.implicit_value -> {
                        long n = c.uleb();
                        c.skip(n);
                        s.append(' ').append(n);
                    }
                    case DwOp.bregx -> {
                        long r = c.uleb();
                        long off = c.sleb();
                        s.append(" register ").append(r).append(" [$").append(regName((int) r)).append("] offset ").append(off);
                    }
                    case DwOp.deref_size, DwOp.xderef_size, DwOp.pick -> s.append(' ').append(c.u8());
                    case DwOp.skip -> {
                        int l = (short) c.u16();
                        s.append(" to ").append(c.pos() + l);
                    }
                    case DwOp.bra -> {
                        int l = (short) c.u16();
                        s.append(' ').append(c.pos() + l);
                    }
                    case DwOp.call2 -> s.append(" offset ").append(Long.toHexString(c.u16()));
                    case DwOp.call4, DwOp.GNU_parameter_ref -> s.append(" offset ").append(Long.toHexString(c.u32()));
                    case DwOp.call_ref, DwOp.GNU_variable_value -> s.append(" offset ").append(Long.toHexString(c.offset(os)));
                    case DwOp.implicit_pointer, DwOp.GNU_implicit_pointer -> {
                        long die = c.offset(os);
                        s.append(" DIE ").append(Long.toHexString(die)).append(" offset ").append(c.sleb());
                    }
                    case DwOp.deref_type, DwOp.GNU_deref_type -> {
                        int size = c.u8();
                        long t = c.uleb();
                        s.append('<').append(typeName(unit, t)).append(" [0x").append(Long.toHexString(t)).append("]> ").append(size);
                    }
                    case DwOp.const_type, DwOp.GNU_const_type -> {
                        long t = c.uleb();
                        s.append('<').append(typeName(unit, t)).append(" [0x").append(Long.toHexString(t)).append("]>");
                        int n = c.u8();
                        s.append(' ').append(n).append(" byte block:");
                        for (int i = 0; i < n; i++) {
                            s.append(String.format(" %02x", c.u8()));
                        }
                    }
                    case DwOp.regval_type, DwOp.GNU_regval_type -> {
                        long r = c.uleb();
                        long t = c.uleb();
                        s.append('<').append(typeName(unit, t)).append(" [0x").append(Long.toHexString(t)).append("]> [$")
                                .append(regName((int) r)).append(']');
                    }
                    case DwOp.convert, DwOp.GNU_convert, DwOp.reinterpret, DwOp.GNU_reinterpret -> {
                        long t = c.uleb();
                        s.append(t == 0 ? "<0>" : "<" + typeName(unit, t) + " [0x" + Long.toHexString(t) + "]>");
                    }
                    case DwOp.entry_value, DwOp.GNU_entry_value -> {
                        long n = c.uleb();
                        s.append('\n');
                        int sub = c.pos();
                        disassemble(s, data, sub, (int) Math.min(end, sub + n), indent + 2, unit);
                        c.seek(sub + n);
                        continue;
                    }
                    case DwOp.addrx, DwOp.GNU_addr_index -> s.append(" 0x").append(Long.toHexString(unit.addrx(c.uleb())));
                    case DwOp.GNU_const_index -> s.append(' ').append(Long.toUnsignedString(unit.addrx(c.uleb())));
                    default -> {
                    }
                }
            }
            s.append('\n');
        }
        return c.pos();
    }

    private static String typeName(Unit unit, long cuOffset) {
        try {
            Die d = unit.info().dieAt(unit.offset() + cuOffset);
            String n = d.has(Dw.AT_name) ? d.name() : null;
            return n == null ? "?" : n;
        } catch (DwarfException | NullPointerException e) {
            return "?";
        }
    }
}
