package io.el2studio.sim.mem;

/**
 * A memory-mapped device: bytes in, bytes out, at offsets relative to its base. Accesses are
 * 1, 2, 4 or 8 bytes wide and naturally aligned; a device answers 0 / ignores writes it does not
 * decode (the bus does not raise external aborts for unimplemented registers).
 */
public interface Device {
    long read(long offset, int size);

    void write(long offset, int size, long value);

    default String name() {
        return getClass().getSimpleName();
    }
}
