package io.el2studio.engine.target;

/** Memory as one address space of a stopped target sees it (the PE's regime, an EL, a VM, physical). */
public interface TargetMemory {
    /** {@code length} bytes at {@code address}; an untranslated or unbacked byte is an error. */
    byte[] read(long address, int length) throws MemoryException;

    void write(long address, byte[] data) throws MemoryException;

    /** A little-endian unsigned value of 1, 2, 4 or 8 bytes. */
    default long readLong(long address, int size) throws MemoryException {
        byte[] b = read(address, size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }
}
