package io.el2studio.engine.tests.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.expr.DwarfExpression;
import io.el2studio.engine.expr.ExpressionContext;
import io.el2studio.engine.expr.ExpressionException;
import io.el2studio.engine.expr.Location;
import io.el2studio.engine.expr.Location.Piece;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;

/**
 * Every DW_OP of DWARF 5, 2.5-2.6 on hand-assembled byte sequences, each with the operation written out
 * next to its bytes, against a context of fixed registers and a small memory.
 */
class DwarfExpressionTest {
    /** x0..x30 = 0x1000 + n, sp = 0x8000, frame base 0x7f00, CFA 0x8010; memory 0x7000..0x8fff holds addr-derived bytes. */
    static final class Fixed implements ExpressionContext {
        final Map<Long, Byte> writes = new HashMap<>();
        long entry = -1;

        @Override
        public long register(int reg) throws ExpressionException {
            if (reg == 31) {
                return 0x8000;
            }
            if (reg >= 0 && reg <= 30) {
                return 0x1000 + reg;
            }
            throw ExpressionException.optimizedOut("register " + reg + " not saved");
        }

        @Override
        public TargetMemory memory() {
            return new TargetMemory() {
                @Override
                public byte[] read(long address, int length) throws MemoryException {
                    byte[] b = new byte[length];
                    for (int i = 0; i < length; i++) {
                        long a = address + i;
                        if (a < 0x7000 || a > 0x8fff) {
                            throw new MemoryException(a, "unmapped");
                        }
                        b[i] = writes.getOrDefault(a, (byte) a);
                    }
                    return b;
                }

                @Override
                public void write(long address, byte[] data) {
                    for (int i = 0; i < data.length; i++) {
                        writes.put(address + i, data[i]);
                    }
                }
            };
        }

        @Override
        public long frameBase() {
            return 0x7f00;
        }

        @Override
        public long cfa() {
            return 0x8010;
        }

        @Override
        public long entryValue(byte[] expression) throws ExpressionException {
            if (entry < 0) {
                return ExpressionContext.super.entryValue(expression);
            }
            return entry;
        }
    }

    static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    static long val(int... bytes) throws ExpressionException {
        return DwarfExpression.value(b(bytes), new Fixed());
    }

    static Location loc(int... bytes) {
        return DwarfExpression.location(b(bytes), new Fixed());
    }

    @Test
    void literalsAndConstants() throws ExpressionException {
        assertEquals(0, val(0x30)); // DW_OP_lit0
        assertEquals(31, val(0x4f)); // DW_OP_lit31
        assertEquals(0xff, val(0x08, 0xff)); // DW_OP_const1u 255
        assertEquals(-1, val(0x09, 0xff)); // DW_OP_const1s -1
        assertEquals(0xfffe, val(0x0a, 0xfe, 0xff)); // DW_OP_const2u
        assertEquals(-2, val(0x0b, 0xfe, 0xff)); // DW_OP_const2s
        assertEquals(0xffff_fffeL, val(0x0c, 0xfe, 0xff, 0xff, 0xff)); // DW_OP_const4u
        assertEquals(-2, val(0x0d, 0xfe, 0xff, 0xff, 0xff)); // DW_OP_const4s
        assertEquals(0x1122334455667788L, val(0x0e, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11)); // DW_OP_const8u
        assertEquals(624485, val(0x10, 0xe5, 0x8e, 0x26)); // DW_OP_constu 624485 (the DWARF 5 LEB128 example)
        assertEquals(-123456, val(0x11, 0xc0, 0xbb, 0x78)); // DW_OP_consts -123456
        assertEquals(0x40001000L, val(0x03, 0x00, 0x10, 0x00, 0x40, 0, 0, 0, 0)); // DW_OP_addr 0x40001000
    }

    @Test
    void stackOperationsExact() throws ExpressionException {
        assertEquals(10, val(0x35, 0x12, 0x22)); // DW_OP_lit5 DW_OP_dup DW_OP_plus
        assertEquals(1, val(0x31, 0x32, 0x13)); // lit1 lit2 drop
        assertEquals(1, val(0x31, 0x32, 0x14)); // lit1 lit2 over
        assertEquals(1, val(0x31, 0x32, 0x33, 0x15, 0x02)); // lit1 lit2 lit3 pick 2
        assertEquals(1, val(0x31, 0x32, 0x16)); // lit1 lit2 swap
        // lit1 lit2 lit3 rot: top (3) goes third: stack 3 1 2 -> top 2
        assertEquals(2, val(0x31, 0x32, 0x33, 0x17));
        assertEquals(3, val(0x31, 0x32, 0x33, 0x17, 0x13, 0x13)); // ... drop drop -> 3
    }

    @Test
    void arithmeticAndLogic() throws ExpressionException {
        assertEquals(5, val(0x09, 0xfb, 0x19)); // const1s -5 abs
        assertEquals(2, val(0x36, 0x33, 0x1a)); // lit6 lit3 and
        assertEquals(-3, val(0x09, 0xfa, 0x32, 0x1b)); // const1s -6 lit2 div (signed)
        assertEquals(4, val(0x37, 0x33, 0x1c)); // lit7 lit3 minus
        assertEquals(1, val(0x37, 0x33, 0x1d)); // lit7 lit3 mod
        assertEquals(21, val(0x37, 0x33, 0x1e)); // lit7 lit3 mul
        assertEquals(-7, val(0x37, 0x1f)); // lit7 neg
        assertEquals(~7L, val(0x37, 0x20)); // lit7 not
        assertEquals(7, val(0x33, 0x34, 0x21)); // lit3 lit4 or
        assertEquals(7, val(0x33, 0x34, 0x22)); // lit3 lit4 plus
        assertEquals(0x1003, val(0x33, 0x23, 0x80, 0x20)); // lit3 plus_uconst 0x1000
        assertEquals(48, val(0x33, 0x34, 0x24)); // lit3 lit4 shl
        assertEquals(Long.MAX_VALUE, val(0x09, 0xff, 0x31, 0x25)); // const1s -1 lit1 shr (logical)
        assertEquals(-1, val(0x09, 0xff, 0x31, 0x26)); // const1s -1 lit1 shra
        assertEquals(6, val(0x33, 0x35, 0x27)); // lit3 lit5 xor
        assertThrows(ExpressionException.class, () -> val(0x31, 0x30, 0x1b)); // lit1 lit0 div
    }

    @Test
    void comparisonsAreSignedForTheGenericType() throws ExpressionException {
        assertEquals(1, val(0x33, 0x33, 0x29)); // eq
        assertEquals(0, val(0x09, 0xff, 0x31, 0x2a)); // -1 ge 1 -> 0 (signed)
        assertEquals(1, val(0x34, 0x33, 0x2b)); // 4 gt 3
        assertEquals(1, val(0x33, 0x33, 0x2c)); // le
        assertEquals(1, val(0x09, 0xff, 0x30, 0x2d)); // -1 lt 0
        assertEquals(1, val(0x33, 0x34, 0x2e)); // ne
    }

    @Test
    void controlFlow() throws ExpressionException {
        // lit1 bra +1 lit5 lit7: the branch is taken over lit5
        assertEquals(7, val(0x31, 0x28, 0x01, 0x00, 0x35, 0x37));
        // lit0 bra +1 lit5: not taken -> 5 on top
        assertEquals(5, val(0x30, 0x28, 0x01, 0x00, 0x35));
        // skip +1 over lit5, then lit6
        assertEquals(6, val(0x2f, 0x01, 0x00, 0x35, 0x36));
        // a skip back to itself never ends: bounded with an error, not a hang
        Location l = loc(0x2f, 0xfd, 0xff);
        assertInstanceOf(Location.Unavailable.class, l);
        // a skip out of the expression is an error
        assertInstanceOf(Location.Unavailable.class, loc(0x2f, 0x40, 0x00));
    }

    @Test
    void registersAndFrame() throws ExpressionException {
        assertEquals(new Location.InRegister(0), loc(0x50)); // DW_OP_reg0
        assertEquals(new Location.InRegister(31), loc(0x6f)); // DW_OP_reg31
        assertEquals(new Location.InRegister(64), loc(0x90, 0x40)); // DW_OP_regx 64 (v0)
        assertEquals(new Location.InMemory(0x1001 - 8), loc(0x71, 0x78)); // DW_OP_breg1 -8
        assertEquals(new Location.InMemory(0x8000 + 16), loc(0x8f, 0x10)); // DW_OP_breg31 16
        assertEquals(new Location.InMemory(0x1005 + 3), loc(0x92, 0x05, 0x03)); // DW_OP_bregx 5 3
        assertEquals(new Location.InMemory(0x7f00 - 20), loc(0x91, 0x6c)); // DW_OP_fbreg -20
        assertEquals(new Location.InMemory(0x8010), loc(0x9c)); // DW_OP_call_frame_cfa
        assertEquals(0x101d, val(0x6d)); // DW_OP_reg29 as a value (frame base in x29)
        assertInstanceOf(Location.Unavailable.class, loc(0x90, 0x50, 0x9f)); // regx 80 stack_value: ill-formed
    }

    @Test
    void memoryReads() throws ExpressionException {
        // DW_OP_breg31 0 DW_OP_deref: the 8 bytes at 0x8000 are 00 01 02 03 ... (address-derived)
        assertEquals(0x0706050403020100L, val(0x8f, 0x00, 0x06));
        assertEquals(0x0100L, val(0x8f, 0x00, 0x94, 0x02)); // deref_size 2
        assertEquals(0x020100L, val(0x8f, 0x00, 0x94, 0x03)); // deref_size 3
        Location l = loc(0x30, 0x06); // lit0 deref: address 0 is unmapped
        assertEquals(new Location.Unavailable("Cannot access memory at address 0x0"), l);
    }

    @Test
    void implicitAndStackValues() {
        assertEquals(new Location.ValueOf(b(0x2a, 0, 0, 0, 0, 0, 0, 0)), loc(0x08, 0x2a, 0x9f)); // const1u 42 stack_value
        assertEquals(new Location.ValueOf(b(1, 2, 3)), loc(0x9e, 0x03, 1, 2, 3)); // implicit_value 3 {1 2 3}
        assertEquals(Location.OPTIMIZED_OUT, loc()); // empty expression
        // DW_OP_implicit_pointer <0x1234> +4 (DWARF 5, 4-byte offsets)
        assertEquals(new Location.ImplicitPointer(0x1234, 4), loc(0xa0, 0x34, 0x12, 0, 0, 0x04));
    }

    @Test
    void pieces() {
        // DW_OP_reg0 DW_OP_piece 4 DW_OP_reg1 DW_OP_piece 4
        assertEquals(new Location.Pieces(List.of(new Piece(new Location.InRegister(0), 32, 0),
                new Piece(new Location.InRegister(1), 32, 0))), loc(0x50, 0x93, 0x04, 0x51, 0x93, 0x04));
        // DW_OP_piece 4 (an optimized-out first half) DW_OP_fbreg -8 DW_OP_piece 4
        assertEquals(new Location.Pieces(List.of(new Piece(Location.OPTIMIZED_OUT, 32, 0),
                new Piece(new Location.InMemory(0x7f00 - 8), 32, 0))), loc(0x93, 0x04, 0x91, 0x78, 0x93, 0x04));
        // DW_OP_lit7 DW_OP_stack_value DW_OP_bit_piece 3 5
        assertEquals(new Location.Pieces(List.of(new Piece(new Location.ValueOf(b(7, 0, 0, 0, 0, 0, 0, 0)), 3, 5))),
                loc(0x37, 0x9f, 0x9d, 0x03, 0x05));
    }

    @Test
    void entryValues() throws ExpressionException {
        Fixed f = new Fixed();
        // DW_OP_entry_value(DW_OP_reg0) DW_OP_stack_value: without a caller it is optimized out
        assertEquals(Location.OPTIMIZED_OUT, DwarfExpression.location(b(0xa3, 0x01, 0x50, 0x9f), f));
        assertEquals(Location.OPTIMIZED_OUT, DwarfExpression.location(b(0xf3, 0x01, 0x50, 0x9f), f)); // GNU form
        f.entry = 0x77;
        assertEquals(new Location.ValueOf(b(0x78, 0, 0, 0, 0, 0, 0, 0)),
                DwarfExpression.location(b(0xa3, 0x01, 0x50, 0x23, 0x01, 0x9f), f)); // ... plus_uconst 1 stack_value
    }

    @Test
    void initialStackForCfaRules() throws ExpressionException {
        // DW_CFA_expression pushes the CFA first: DW_OP_plus_uconst 8 gives CFA+8
        assertEquals(0x8018, DwarfExpression.value(b(0x23, 0x08), new Fixed(), 0x8010));
    }

    @Test
    void errorsAreOneLineReasons() {
        assertEquals(new Location.Unavailable("Unhandled dwarf expression opcode 0xff"), loc(0xff));
        assertInstanceOf(Location.Unavailable.class, loc(0x22)); // plus on an empty stack
        assertInstanceOf(Location.Unavailable.class, loc(0x0e, 1, 2)); // truncated const8u
        assertInstanceOf(Location.Unavailable.class, loc(0xe0)); // TLS
        assertInstanceOf(Location.Unavailable.class, loc(0x50, 0x30)); // reg0 followed by lit0
        assertEquals(Location.OPTIMIZED_OUT, loc(0x92, 0x64, 0x00)); // bregx 100 0: a register the frame does not have
    }

    @Test
    void fuzzedBytesNeverThrow() {
        Random r = new Random(18);
        for (int i = 0; i < 200_000; i++) {
            byte[] e = new byte[1 + r.nextInt(24)];
            r.nextBytes(e);
            Location l = DwarfExpression.location(e, new Fixed());
            assertTrue(l != null);
            try {
                DwarfExpression.value(e, new Fixed());
            } catch (ExpressionException ok) {
                assertTrue(ok.getMessage() != null && !ok.getMessage().contains("\n"));
            }
        }
    }

    @Test
    void valueOfBytesAreCopied() {
        byte[] raw = b(1, 2);
        Location.ValueOf v = new Location.ValueOf(raw);
        raw[0] = 9;
        assertArrayEquals(b(1, 2), v.bytes());
    }
}
