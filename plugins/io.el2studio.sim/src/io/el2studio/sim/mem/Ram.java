package io.el2studio.sim.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian RAM backed by one byte array (so at most 2 GiB per region). */
public final class Ram {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public final long base;
    public final byte[] bytes;

    public Ram(long base, long size) {
        if (size <= 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("RAM size must be between 1 byte and 2 GiB: " + size);
        }
        this.base = base;
        this.bytes = new byte[(int) size];
    }

    public long size() {
        return bytes.length;
    }

    public boolean contains(long pa, int size) {
        long off = pa - base;
        return off >= 0 && off <= bytes.length - size;
    }

    public int read8(int off) { return bytes[off] & 0xFF; }
    public int read16(int off) { return ((short) I16.get(bytes, off)) & 0xFFFF; }
    public int read32(int off) { return (int) I32.get(bytes, off); }
    public long read64(int off) { return (long) I64.get(bytes, off); }
    public void write8(int off, int v) { bytes[off] = (byte) v; }
    public void write16(int off, int v) { I16.set(bytes, off, (short) v); }
    public void write32(int off, int v) { I32.set(bytes, off, v); }
    public void write64(int off, long v) { I64.set(bytes, off, v); }
}
