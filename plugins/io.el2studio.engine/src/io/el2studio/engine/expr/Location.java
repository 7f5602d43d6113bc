package io.el2studio.engine.expr;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a variable's value is, as a DWARF location description says (DWARF 5, 2.6): in a register,
 * in memory, a value computed by the expression (implicit or stack value), several pieces, nowhere
 * (optimized out), or not knowable now (an error, with the reason).
 */
public sealed interface Location {

    /** The value is in register {@code reg} (DWARF number, {@link io.el2studio.engine.target.DwarfRegs}); DW_OP_reg*. */
    record InRegister(int reg) implements Location {
    }

    /** The value is in memory at {@code address} (a runtime address of the frame's address space). */
    record InMemory(long address) implements Location {
        @Override
        public String toString() {
            return "InMemory[0x" + Long.toHexString(address) + "]";
        }
    }

    /**
     * The value itself, little-endian (DW_OP_implicit_value, DW_OP_stack_value, DW_AT_const_value): it
     * has no address and cannot be assigned to. A stack value has the size of its stack type (8 bytes
     * for the generic type); the reader takes the low bytes it needs.
     */
    record ValueOf(byte[] bytes) implements Location {
        public ValueOf {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The little-endian value of the first (up to) 8 bytes. */
        public long asLong() {
            long v = 0;
            for (int i = Math.min(8, bytes.length) - 1; i >= 0; i--) {
                v = v << 8 | (bytes[i] & 0xff);
            }
            return v;
        }

        public static ValueOf ofLong(long v, int size) {
            byte[] b = new byte[size];
            for (int i = 0; i < size && i < 8; i++) {
                b[i] = (byte) (v >>> (8 * i));
            }
            return new ValueOf(b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ValueOf v && Arrays.equals(bytes, v.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "ValueOf[" + HexFormat.of().formatHex(bytes) + "]";
        }
    }

    /**
     * A pointer that the compiler removed but whose target is known (DW_OP_implicit_pointer, DWARF 5
     * 2.6.1.1.4; DW_OP_GNU_implicit_pointer): the pointer points {@code byteOffset} bytes into the value
     * of the entry at {@code dieOffset} (.debug_info offset of a variable or formal parameter). gdb
     * prints such a pointer as {@code <synthetic pointer>} and dereferences it to the target's value.
     */
    record ImplicitPointer(long dieOffset, long byteOffset) implements Location {
    }

    /** The composite of DW_OP_piece / DW_OP_bit_piece (DWARF 5, 2.6.1.2), lowest-addressed piece first. */
    record Pieces(List<Piece> pieces) implements Location {
        public Pieces {
            pieces = List.copyOf(pieces);
        }
    }

    /**
     * One piece: {@code bitSize} bits taken from {@code location} starting {@code bitOffset} bits into it
     * (DW_OP_bit_piece's offset; 0 for DW_OP_piece). An {@link OptimizedOut} location is a piece the
     * compiler did not keep.
     */
    record Piece(Location location, long bitSize, long bitOffset) {
    }

    /** The compiler kept no value here (an empty expression, or a pc no location list entry covers). */
    record OptimizedOut() implements Location {
    }

    /** The location cannot be computed now: an unreadable register or memory, damaged debug information. */
    record Unavailable(String why) implements Location {
    }

    OptimizedOut OPTIMIZED_OUT = new OptimizedOut();
}
