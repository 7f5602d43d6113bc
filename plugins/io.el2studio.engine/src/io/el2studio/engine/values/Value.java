package io.el2studio.engine.values;

import io.el2studio.engine.expr.Location;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.types.Type;
import java.util.Arrays;

/**
 * A typed value of the stopped program, as gdb's {@code struct value}: a type, where its bytes are
 * (memory read lazily, so a member or one element of a huge array reads only its own bytes; a register;
 * bytes computed by a DWARF expression), and whether it can be assigned to. A value that the compiler
 * did not keep is {@link #isOptimizedOut()}; one whose location could not be computed carries the
 * reason ({@link #unavailableReason()}).
 *
 * <p>Values describe one stop: nothing is cached across stops (the memory is read when asked).
 */
public final class Value {
    /** How the value can be written back (gdb's lval_type). */
    public enum Lval { NONE, MEMORY, REGISTER }

    /** Writes a register of the frame the value was read from (the IDE's edit of a local in a register). */
    public interface RegisterWriter {
        void write(int reg, long value) throws MemoryException;
    }

    /** The source of a value's bytes. */
    private interface Source {
        byte[] read(long offset, int length) throws MemoryException;

        /** False where a piece was optimized out (byte granularity). */
        default boolean valid(long offset, int length) {
            return true;
        }
    }

    private record Bytes(byte[] data, boolean[] validMask) implements Source {
        @Override
        public byte[] read(long offset, int length) {
            byte[] out = new byte[length];
            if (offset >= 0 && offset < data.length) {
                System.arraycopy(data, (int) offset, out, 0, (int) Math.min(length, data.length - offset));
            }
            return out;
        }

        @Override
        public boolean valid(long offset, int length) {
            if (validMask == null) {
                return true;
            }
            for (long i = offset; i < offset + length; i++) {
                if (i < 0 || i >= validMask.length || !validMask[(int) i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Memory(TargetMemory memory, long base) implements Source {
        @Override
        public byte[] read(long offset, int length) throws MemoryException {
            long a = base + offset;
            if (memory == null || length > 0 && Long.compareUnsigned(a + length - 1, a) < 0) {
                throw new MemoryException(a, "Cannot access memory at address 0x" + Long.toHexString(a));
            }
            try {
                byte[] b = memory.read(a, length);
                if (b == null || b.length < length) {
                    throw new MemoryException(a, "Cannot access memory at address 0x" + Long.toHexString(a));
                }
                return b;
            } catch (RuntimeException e) {
                // a target binding that fails in another way still reads as unreadable memory
                throw new MemoryException(a, "Cannot access memory at address 0x" + Long.toHexString(a));
            }
        }
    }

    private final Type type;
    private final Source source;
    private final long offset;
    private final int bitSize;
    private final int bitShift;
    private final Lval lval;
    private final long address;
    private final int register;
    private final String unavailable;
    private final TargetMemory memory;
    /** For a bitfield: the containing struct's bytes (offset, size) in the source, which gdb fetches to extract it. */
    private long containerOffset = -1, containerSize;

    private Value(Type type, Source source, long offset, int bitSize, int bitShift, Lval lval, long address, int register,
            String unavailable, TargetMemory memory) {
        this.type = type;
        this.source = source;
        this.offset = offset;
        this.bitSize = bitSize;
        this.bitShift = bitShift;
        this.lval = lval;
        this.address = address;
        this.register = register;
        this.unavailable = unavailable;
        this.memory = memory;
    }

    // ---- construction ----

    /** A value with these bytes (little-endian) and no address. */
    public static Value of(Type type, byte[] bytes) {
        return new Value(type, new Bytes(bytes.clone(), null), 0, 0, 0, Lval.NONE, -1, -1, null, null);
    }

    public static Value ofLong(Type type, long v) {
        int n = (int) Math.max(1, Math.min(16, type.sizeOf()));
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = i < 8 ? (byte) (v >>> (8 * i)) : (byte) (v < 0 && type.isSigned() ? 0xff : 0);
        }
        return of(type, b);
    }

    public static Value ofDouble(Type type, double d) {
        long size = type.sizeOf();
        if (size == 4) {
            return ofLong(type, Float.floatToRawIntBits((float) d) & 0xffffffffL);
        }
        if (size == 16) {
            return of(type, FloatText.toQuad(d));
        }
        return ofLong(type, Double.doubleToRawLongBits(d));
    }

    /** An lvalue in memory at {@code address}; nothing is read until the bytes are asked for. */
    public static Value at(Type type, long address, TargetMemory memory) {
        return new Value(type, new Memory(memory, address), 0, 0, 0, Lval.MEMORY, address, -1, null, memory);
    }

    /** A value the compiler did not keep (gdb prints {@code <optimized out>}). */
    public static Value optimizedOut(Type type) {
        return new Value(type, new Bytes(new byte[0], new boolean[0]), 0, 0, 0, Lval.NONE, -1, -1, "<optimized out>", null);
    }

    /** A value that cannot be read now; {@code text} is what gdb prints in its place ({@code <error: ...>}, {@code <synthetic pointer>}). */
    public static Value unavailable(Type type, String text) {
        return new Value(type, new Bytes(new byte[0], new boolean[0]), 0, 0, 0, Lval.NONE, -1, -1, text, null);
    }

    /**
     * The value of a variable of {@code type} at {@code location} (helper C1's DWARF location) in a frame
     * with these registers and memory (either may be null when the frame has none).
     */
    public static Value fromLocation(Type type, Location location, RegisterSet regs, TargetMemory memory) {
        if (location instanceof Location.InMemory m) {
            return at(type, m.address(), memory);
        }
        if (location instanceof Location.InRegister r) {
            if (regs == null || !regs.isKnown(r.reg())) {
                return optimizedOut(type);
            }
            byte[] b = new byte[(int) Math.max(8, Math.min(64, type.sizeOf()))];
            long v = regs.get(r.reg());
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (v >>> (8 * i));
            }
            return new Value(type, new Bytes(b, null), 0, 0, 0, Lval.REGISTER, -1, r.reg(), null, memory);
        }
        if (location instanceof Location.ValueOf v) {
            return new Value(type, new Bytes(v.bytes(), null), 0, 0, 0, Lval.NONE, -1, -1, null, memory);
        }
        if (location instanceof Location.OptimizedOut) {
            return optimizedOut(type);
        }
        if (location instanceof Location.Unavailable u) {
            String why = u.why() == null ? "" : u.why();
            return unavailable(type, why.startsWith("<") ? why : "<error: " + why + ">");
        }
        if (location instanceof Location.ImplicitPointer) {
            return unavailable(type, "<synthetic pointer>");
        }
        if (location instanceof Location.Pieces p) {
            return fromPieces(type, p, regs, memory);
        }
        return optimizedOut(type);
    }

    private static Value fromPieces(Type type, Location.Pieces p, RegisterSet regs, TargetMemory memory) {
        long total = 0;
        for (Location.Piece piece : p.pieces()) {
            total += Math.max(0, piece.bitSize());
        }
        int n = (int) Math.min(1 << 16, Math.max((total + 7) / 8, Math.max(0, type.sizeOf())));
        byte[] out = new byte[n];
        boolean[] valid = new boolean[n];
        long bit = 0;
        for (Location.Piece piece : p.pieces()) {
            long size = Math.max(0, piece.bitSize());
            byte[] src = null;
            Location l = piece.location();
            try {
                if (l instanceof Location.InRegister r && regs != null && regs.isKnown(r.reg())) {
                    src = new byte[8];
                    long v = regs.get(r.reg());
                    for (int i = 0; i < 8; i++) {
                        src[i] = (byte) (v >>> (8 * i));
                    }
                } else if (l instanceof Location.InMemory m && memory != null) {
                    src = memory.read(m.address(), (int) Math.min(1 << 16, (size + piece.bitOffset() + 7) / 8));
                } else if (l instanceof Location.ValueOf v) {
                    src = v.bytes();
                }
            } catch (MemoryException e) {
                src = null;
            }
            for (long i = 0; i < size && bit + i < (long) n * 8; i++) {
                long dst = bit + i;
                long s = piece.bitOffset() + i;
                if (src != null && s / 8 < src.length) {
                    int b = (src[(int) (s / 8)] >> (s % 8)) & 1;
                    out[(int) (dst / 8)] |= (byte) (b << (dst % 8));
                    valid[(int) (dst / 8)] = true;
                }
            }
            bit += size;
        }
        return new Value(type, new Bytes(out, valid), 0, 0, 0, Lval.NONE, -1, -1, null, memory);
    }

    // ---- accessors ----

    public Type type() {
        return type;
    }

    /** The same bytes seen as another type (a cast that reinterprets: gdb's value_cast of an lvalue to a struct). */
    public Value withType(Type t) {
        return new Value(t, source, offset, bitSize, bitShift, lval, address, register, unavailable, memory);
    }

    /**
     * This value with its bytes read now (gdb's value_fetch_lazy): later reads of its parts come from the
     * copy, so what is printed is one consistent snapshot; pointers still point into the memory.
     */
    public Value snapshot() throws MemoryException {
        if (unavailable != null || source instanceof Bytes || bitSize > 0) {
            return this;
        }
        return new Value(type, new Bytes(bytes(), null), 0, 0, 0, lval, address, register, null, memory);
    }

    /** This value with {@code m} as the memory its pointers point into (for values computed by an expression). */
    public Value withMemory(TargetMemory m) {
        return memory == m ? this : new Value(type, source, offset, bitSize, bitShift, lval, address, register, unavailable, m);
    }

    public Lval lval() {
        return lval;
    }

    /** The address of an lvalue in memory, -1 otherwise. */
    public long address() {
        return address;
    }

    /** The DWARF register of a value in a register, -1 otherwise. */
    public int register() {
        return register;
    }

    /** The memory the value (and what its pointers point to) lives in; null when none is known. */
    public TargetMemory memory() {
        return memory;
    }

    public boolean isOptimizedOut() {
        return "<optimized out>".equals(unavailable);
    }

    /** What gdb prints instead of the value ({@code <optimized out>}, {@code <error: ...>}), or null when it has one. */
    public String unavailableReason() {
        return unavailable;
    }

    public boolean isBitfield() {
        return bitSize > 0;
    }

    public int bitSize() {
        return bitSize;
    }

    /** The value's bytes, {@code type.sizeOf()} of them (a bitfield's are extracted and extended to its type). */
    public byte[] bytes() throws MemoryException {
        if (unavailable != null) {
            throw new MemoryException(address, unavailable);
        }
        long size = type.sizeOf();
        if (size < 0) {
            size = 0;
        }
        if (size > FormatLimits.MAX_VALUE_SIZE) {
            throw new MemoryException(address, "value requires " + size + " bytes, which is more than max-value-size");
        }
        if (bitSize > 0) {
            return extendBits(size);
        }
        byte[] b = source.read(offset, (int) size);
        return b;
    }

    /**
     * Reads what gdb reads to fetch this value: for a bitfield the whole containing struct
     * (value_primitive_field), otherwise the value itself; a failure names the first unreadable address.
     */
    public void fetch() throws MemoryException {
        if (unavailable != null) {
            return;
        }
        if (bitSize > 0 && containerOffset >= 0) {
            source.read(containerOffset, (int) containerSize);
        }
        bytes();
    }

    /** False where part of the value was optimized out (a piece without a location). */
    public boolean isFullyAvailable() {
        long size = Math.max(0, type.sizeOf());
        return unavailable == null && source.valid(offset, (int) Math.min(size, FormatLimits.MAX_VALUE_SIZE));
    }

    /** {@code length} bytes at {@code at} bytes into the value (for elements and text; no size check). */
    public byte[] bytes(long at, int length) throws MemoryException {
        if (unavailable != null) {
            throw new MemoryException(address, unavailable);
        }
        return source.read(offset + at, length);
    }

    private byte[] extendBits(long size) throws MemoryException {
        int span = (bitShift + bitSize + 7) / 8;
        byte[] raw = source.read(offset, span);
        long v = 0;
        for (int i = Math.min(span, 9) - 1; i >= 0; i--) {
            v = v << 8 | (raw[i] & 0xff);
        }
        // a 64-bit field starting mid-byte needs the ninth byte's bits
        long bits = v >>> bitShift;
        if (span == 9) {
            bits |= (long) (raw[8] & 0xff) << (64 - bitShift);
        }
        if (bitSize < 64) {
            bits &= (1L << bitSize) - 1;
            if (type.isSigned() && (bits >>> (bitSize - 1) & 1) != 0) {
                bits |= -1L << bitSize;
            }
        }
        byte[] out = new byte[(int) Math.max(1, size)];
        for (int i = 0; i < out.length && i < 8; i++) {
            out[i] = (byte) (bits >>> (8 * i));
        }
        return out;
    }

    /** The value as an integer, sign- or zero-extended as its type says (a pointer as its address). */
    public long asLong() throws MemoryException {
        byte[] b = bytes();
        long v = 0;
        int n = Math.min(8, b.length);
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        if (n > 0 && n < 8 && type.isSigned() && !type.isFloat()) {
            int shift = 64 - 8 * n;
            v = v << shift >> shift;
        }
        return v;
    }

    /** A float, double or long double value as a Java double; an integer converted. */
    public double asDouble() throws MemoryException {
        if (!type.isFloat()) {
            long v = asLong();
            return type.isSigned() ? v : v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        }
        byte[] b = bytes();
        return switch (b.length) {
            case 4 -> Float.intBitsToFloat((int) (le(b, 0, 4)));
            case 8 -> Double.longBitsToDouble(le(b, 0, 8));
            case 16 -> FloatText.quadToDouble(b);
            default -> Double.NaN;
        };
    }

    static long le(byte[] b, int from, int n) {
        long v = 0;
        for (int i = Math.min(b.length, from + n) - 1; i >= from; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    // ---- parts ----

    /** Member {@code m} of this struct/union value (no memory is read). */
    public Value member(Type.Member m) {
        if (unavailable != null) {
            return new Value(m.type(), source, offset, 0, 0, Lval.NONE, -1, -1, unavailable, memory);
        }
        long off = m.byteOffset();
        int shift = 0;
        if (m.isBitfield()) {
            // gdb's value_primitive_field: the field is read from a container of its type's size when it
            // fits in one, so &bitfield is the container's address
            long pos = m.bitPosition();
            long cb = Math.max(8, Math.max(1, m.type().sizeOf()) * 8);
            long size = m.type().sizeOf();
            long bp = Math.floorMod(pos, cb) + m.bitSize() <= cb && size > 0 && size <= 8 ? Math.floorMod(pos, cb) : Math.floorMod(pos, 8);
            shift = (int) bp;
            off = (pos - bp) / 8;
        }
        long addr = address >= 0 ? address + off : -1;
        Value v = new Value(m.type(), source, offset + off, m.isBitfield() ? m.bitSize() : 0, shift, addr >= 0 ? lval : lval == Lval.REGISTER ? Lval.NONE : lval,
                addr, register, null, memory);
        if (m.isBitfield()) {
            v.containerOffset = offset;
            v.containerSize = Math.max(0, Math.min(FormatLimits.MAX_VALUE_SIZE, type.sizeOf()));
        }
        return v;
    }

    /** Element {@code i} of this array value (or of the array a pointer value's address starts; see {@link #deref}). */
    public Value element(long i) {
        Type t = type.strip();
        Type elem = t.target() == null ? Type.voidType() : t.target();
        long es = Math.max(0, elem.sizeOf());
        long off = i * es;
        if (unavailable != null) {
            return new Value(elem, source, offset, 0, 0, Lval.NONE, -1, -1, unavailable, memory);
        }
        long addr = address >= 0 ? address + off : -1;
        return new Value(elem, source, offset + off, 0, 0, addr >= 0 ? lval : Lval.NONE, addr, -1, null, memory);
    }

    /** The object a pointer value points to, as an lvalue in this value's memory. */
    public Value deref(Type pointee) throws MemoryException {
        return at(pointee, asLong(), memory);
    }

    @Override
    public String toString() {
        try {
            return type.name() + " " + (unavailable != null ? unavailable : Arrays.toString(bytes()));
        } catch (MemoryException e) {
            return type.name() + " <" + e.getMessage() + ">";
        }
    }

    // ---- writing back ----

    /**
     * Stores {@code newBytes} (little-endian, the size of the type) where this value lives: memory, or
     * the register (through {@code regs}). Returns null on success, else gdb's error text
     * ({@code Left operand of assignment is not an lvalue.}, {@code Cannot access memory at address 0x...}).
     */
    public String write(byte[] newBytes, RegisterWriter regs) {
        try {
            if (bitSize > 0) {
                return writeBits(newBytes);
            }
            if (lval == Lval.MEMORY && memory != null) {
                memory.write(address, Arrays.copyOf(newBytes, (int) Math.max(0, type.sizeOf())));
                return null;
            }
            if (lval == Lval.REGISTER && regs != null && register >= 0 && register < DwarfRegs.COUNT) {
                long old = le(source.read(0, 8), 0, 8);
                long v = old;
                int n = (int) Math.min(8, Math.max(0, type.sizeOf()));
                for (int i = 0; i < n; i++) {
                    v &= ~(0xffL << (8 * i));
                    v |= (long) (i < newBytes.length ? newBytes[i] & 0xff : 0) << (8 * i);
                }
                regs.write(register, v);
                return null;
            }
            return "Left operand of assignment is not an lvalue.";
        } catch (MemoryException e) {
            return "Cannot access memory at address 0x" + Long.toHexString(e.address());
        }
    }

    private String writeBits(byte[] newBytes) throws MemoryException {
        if (lval != Lval.MEMORY || memory == null) {
            return "Left operand of assignment is not an lvalue.";
        }
        int span = (bitShift + bitSize + 7) / 8;
        byte[] raw = memory.read(address, span);
        long nv = le(newBytes, 0, 8);
        for (int i = 0; i < bitSize; i++) {
            int pos = bitShift + i;
            int bit = (int) (nv >>> i) & 1;
            raw[pos / 8] = (byte) (raw[pos / 8] & ~(1 << (pos % 8)) | bit << (pos % 8));
        }
        memory.write(address, raw);
        return null;
    }
}
