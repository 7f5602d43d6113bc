package io.el2studio.engine.tests.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.el2studio.engine.expr.Location;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.tests.cexpr.ElfScope;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.types.BuiltinTypes;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.values.Symbolizer;
import io.el2studio.engine.values.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values read from each kind of DWARF location (helper C1's {@link Location}) and written back, on
 * hand-built registers and memory; the expected texts are gdb's wording for the same cases.
 */
class ValueFromLocationTest {
    /** Sparse byte memory: unset bytes are unreadable. */
    static final class Bytes implements TargetMemory {
        final Map<Long, Byte> bytes = new HashMap<>();

        void put(long a, long v, int n) {
            for (int i = 0; i < n; i++) {
                bytes.put(a + i, (byte) (v >>> (8 * i)));
            }
        }

        @Override
        public byte[] read(long address, int length) throws MemoryException {
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                Byte b = bytes.get(address + i);
                if (b == null) {
                    throw new MemoryException(address + i, "Cannot access memory at address 0x" + Long.toHexString(address + i));
                }
                out[i] = b;
            }
            return out;
        }

        @Override
        public void write(long address, byte[] data) throws MemoryException {
            read(address, data.length);
            for (int i = 0; i < data.length; i++) {
                bytes.put(address + i, data[i]);
            }
        }
    }

    private final GdbFormat fmt = new GdbFormat(Symbolizer.NONE);

    @Test
    void registerValueIsTheLowBytesAndWritesKeepTheOthers() {
        RegisterSet regs = new RegisterSet();
        regs.set(0, 0x12345678fffffffdL);
        Value v = Value.fromLocation(BuiltinTypes.INT, new Location.InRegister(0), regs, null);
        assertEquals("-3", fmt.value(v, (char) 0));
        assertEquals("0xfffffffd", fmt.value(v, 'x'));
        assertEquals(Value.Lval.REGISTER, v.lval());
        long[] written = new long[2];
        assertNull(v.write(new byte[] { 5, 0, 0, 0 }, (reg, value) -> {
            written[0] = reg;
            written[1] = value;
        }));
        assertEquals(0, written[0]);
        assertEquals(0x1234567800000005L, written[1]);
        // a register the unwinder could not recover
        Value lost = Value.fromLocation(BuiltinTypes.INT, new Location.InRegister(19), regs, null);
        assertEquals("<optimized out>", fmt.value(lost, (char) 0));
        assertEquals("<optimized out>", fmt.print(lost, (char) 0).text());
    }

    @Test
    void memoryValueIsReadWhenPrintedAndWrittenInPlace() {
        Bytes mem = new Bytes();
        mem.put(0x1000, 42, 4);
        Value v = Value.fromLocation(BuiltinTypes.INT, new Location.InMemory(0x1000), null, mem);
        assertEquals("42", fmt.value(v, (char) 0));
        assertNull(v.write(new byte[] { 7, 0, 0, 0 }, null));
        assertEquals("7", fmt.value(v, (char) 0));
        Value bad = Value.fromLocation(BuiltinTypes.LONG, new Location.InMemory(0x1002), null, mem);
        GdbFormat.Printed p = fmt.print(bad, (char) 0);
        assertTrue(p.error());
        assertEquals("Cannot access memory at address 0x1004", p.text());
        assertEquals("<error: Cannot access memory at address 0x1004>", fmt.value(bad, (char) 0));
        assertEquals("Cannot access memory at address 0x1004", bad.write(new byte[8], null));
    }

    @Test
    void implicitAndStackValuesHaveNoAddress() {
        Value v = Value.fromLocation(BuiltinTypes.SHORT, Location.ValueOf.ofLong(-2, 8), null, null);
        assertEquals("-2", fmt.value(v, (char) 0));
        assertEquals(-1, v.address());
        assertEquals("Left operand of assignment is not an lvalue.", v.write(new byte[2], null));
        Value d = Value.fromLocation(BuiltinTypes.DOUBLE, Location.ValueOf.ofLong(Double.doubleToLongBits(1.1), 8), null, null);
        assertEquals("1.1000000000000001", fmt.value(d, (char) 0));
    }

    @Test
    void piecesJoinRegistersAndMemoryAndAMissingPieceIsOptimizedOut() {
        RegisterSet regs = new RegisterSet();
        regs.set(1, 0xaabbccdd11223344L);
        Bytes mem = new Bytes();
        mem.put(0x2000, 0x55667788L, 4);
        Location.Pieces both = new Location.Pieces(List.of(new Location.Piece(new Location.InRegister(1), 32, 0),
                new Location.Piece(new Location.InMemory(0x2000), 32, 0)));
        Value v = Value.fromLocation(BuiltinTypes.UNSIGNED_LONG, both, regs, mem);
        assertEquals("0x5566778811223344", fmt.value(v, 'x'));
        Location.Pieces half = new Location.Pieces(List.of(new Location.Piece(new Location.InRegister(1), 32, 0),
                new Location.Piece(Location.OPTIMIZED_OUT, 32, 0)));
        assertEquals("<optimized out>", fmt.value(Value.fromLocation(BuiltinTypes.UNSIGNED_LONG, half, regs, mem), (char) 0));
        // a bit piece: 8 bits from bit 16 of x1
        Location.Pieces bits = new Location.Pieces(List.of(new Location.Piece(new Location.InRegister(1), 8, 16)));
        assertEquals("34 '\"'", fmt.value(Value.fromLocation(BuiltinTypes.CHAR, bits, regs, mem), (char) 0));
    }

    @Test
    void locationsWithoutAValuePrintAsGdbDoes() {
        assertEquals("<optimized out>", fmt.value(Value.fromLocation(BuiltinTypes.INT, Location.OPTIMIZED_OUT, null, null), (char) 0));
        assertEquals("<error: DW_OP_fbreg outside a function>",
                fmt.value(Value.fromLocation(BuiltinTypes.INT, new Location.Unavailable("DW_OP_fbreg outside a function"), null, null), (char) 0));
        assertEquals("<synthetic pointer>", fmt.value(Value.fromLocation(Type.pointerTo(BuiltinTypes.INT),
                new Location.ImplicitPointer(0x40, 0), null, null), (char) 0));
    }

    @Test
    void aStructWithAnUnreadableStringPointerPrintsTheErrorInPlace() throws Exception {
        ElfScope scope = new ElfScope(EngineGuests.build("types", "-O0"));
        Type vcpu = scope.lookupType("struct vcpu");
        Bytes mem = new Bytes();
        mem.put(0x3000, 0, (int) vcpu.sizeOf());
        // name (offset 48) points to 0x5000, which is not readable; next (56) points to itself
        mem.put(0x3000 + 48, 0x5000, 8);
        mem.put(0x3000 + 56, 0x3000, 8);
        Value v = Value.at(vcpu, 0x3000, mem);
        String text = fmt.print(v, (char) 0).text();
        assertTrue(text.contains("name = 0x5000 <error: Cannot access memory at address 0x5000>, next = 0x3000,"), text);
        // tree view: members, and the pointer's pointee (a cycle: walked one level at a time)
        List<GdbFormat.Child> kids = GdbFormat.children(v, "v", 100);
        assertEquals(List.of("id", "state", "regs", "last_esr", "name", "next", "prio", "flags", "runnable", "load"),
                kids.stream().map(GdbFormat.Child::name).toList());
        Value next = kids.get(5).value();
        for (int depth = 0; depth < 50; depth++) {
            next = GdbFormat.children(GdbFormat.children(next, "n", 10).get(0).value(), "n", 10).get(5).value();
        }
        assertEquals("0x3000", fmt.value(next, (char) 0));
        assertArrayEquals(new byte[] { 0, 0x30, 0, 0, 0, 0, 0, 0 }, next.bytes());
    }
}
