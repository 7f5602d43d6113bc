package io.el2studio.engine.tests.expr;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.expr.ExpressionContext;
import io.el2studio.engine.expr.ExpressionException;
import io.el2studio.engine.expr.Location;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;

/**
 * A scalar's bytes read from one of our {@link Location}s, printed as gdb's {@code print/x} prints
 * an integer, pointer or enum ({@code 0x2a}, {@code <optimized out>}): the test's own small reader, so
 * the location tests do not depend on the value formatter. Null for what it does not read (aggregates,
 * floats, synthetic pointers).
 */
final class RawValue {
    private RawValue() {
    }

    /** The type with typedefs and qualifiers removed; null for void. */
    static Die strip(Die t) {
        for (int i = 0; t != null && i < 32; i++) {
            switch (t.tag()) {
                case Dw.TAG_typedef, Dw.TAG_const_type, Dw.TAG_volatile_type, Dw.TAG_restrict_type, Dw.TAG_atomic_type ->
                    t = t.ref(Dw.AT_type);
                default -> {
                    return t;
                }
            }
        }
        return t;
    }

    /** Size of a scalar type gdb prints with /x as one integer, or -1. */
    static int scalarSize(Die type) {
        Die t = strip(type);
        if (t == null) {
            return -1;
        }
        return switch (t.tag()) {
            case Dw.TAG_pointer_type -> (int) t.unsigned(Dw.AT_byte_size, 8);
            case Dw.TAG_enumeration_type -> (int) t.unsigned(Dw.AT_byte_size, 4);
            case Dw.TAG_base_type -> t.unsigned(Dw.AT_encoding, 0) == Dw.ATE_float ? -1 : (int) t.unsigned(Dw.AT_byte_size, -1);
            default -> -1;
        };
    }

    static String printX(Location l, Die type, ExpressionContext ctx) {
        int size = scalarSize(type);
        if (size < 1 || size > 8) {
            return null;
        }
        try {
            byte[] b = new byte[size];
            boolean[] missing = {false};
            if (!read(l, b, 0, size * 8, 0, ctx, missing)) {
                return null;
            }
            if (missing[0]) {
                return "<optimized out>";
            }
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = v << 8 | (b[i] & 0xff);
            }
            return "0x" + Long.toHexString(v);
        } catch (MemoryException e) {
            return "<error: Cannot access memory at address 0x" + Long.toHexString(e.address()) + ">";
        } catch (ExpressionException e) {
            return e.optimizedOut() ? "<optimized out>" : "<error: " + e.getMessage() + ">";
        }
    }

    /** Copies {@code bits} bits of {@code l} from bit {@code from} into {@code out} at bit {@code at}. */
    private static boolean read(Location l, byte[] out, int at, long bits, long from, ExpressionContext ctx, boolean[] missing)
            throws MemoryException, ExpressionException {
        switch (l) {
            case Location.OptimizedOut o -> {
                missing[0] = true;
                return true;
            }
            case Location.Unavailable u -> throw new ExpressionException(u.why());
            case Location.ImplicitPointer p -> {
                return false;
            }
            case Location.InRegister r -> {
                long v = ctx.register(r.reg());
                copyBits(longBytes(v), from, out, at, bits);
                return true;
            }
            case Location.InMemory m -> {
                TargetMemory mem = ctx.memory();
                int n = (int) ((from + bits + 7) / 8);
                copyBits(mem.read(m.address(), n), from, out, at, bits);
                return true;
            }
            case Location.ValueOf v -> {
                byte[] src = v.bytes();
                byte[] padded = java.util.Arrays.copyOf(src, Math.max(src.length, (int) ((from + bits + 7) / 8)));
                copyBits(padded, from, out, at, bits);
                return true;
            }
            case Location.Pieces ps -> {
                long pos = 0;
                for (Location.Piece p : ps.pieces()) {
                    long take = Math.min(p.bitSize(), out.length * 8L - at - pos);
                    if (take <= 0) {
                        break;
                    }
                    if (!read(p.location(), out, (int) (at + pos), take, p.bitOffset(), ctx, missing)) {
                        return false;
                    }
                    pos += p.bitSize();
                }
                if (pos < bits) {
                    missing[0] = true;
                }
                return true;
            }
        }
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static void copyBits(byte[] src, long from, byte[] dst, long to, long n) {
        for (long i = 0; i < n; i++) {
            long s = from + i, d = to + i;
            if (s / 8 >= src.length || d / 8 >= dst.length) {
                return;
            }
            int bit = (src[(int) (s / 8)] >> (s % 8)) & 1;
            if (bit != 0) {
                dst[(int) (d / 8)] |= (byte) (1 << (d % 8));
            } else {
                dst[(int) (d / 8)] &= (byte) ~(1 << (d % 8));
            }
        }
    }
}
