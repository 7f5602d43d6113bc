package io.el2studio.sim.simd.fp;

import io.el2studio.sim.cpu.Cpu;

/**
 * Elements of 128-bit vector values held as (lo, hi) long pairs, as in {@code cpu.v}: the Arm ARM's
 * {@code Elem[vector, e, size]} for sizes of 16, 32 and 64 bits.
 */
final class Lanes {
    private Lanes() {
    }

    static long mask(int esize) {
        return esize == 64 ? -1L : (1L << esize) - 1;
    }

    /** V[n] as {lo, hi}. */
    static long[] read(Cpu cpu, int n) {
        return new long[] {cpu.v[2 * n], cpu.v[2 * n + 1]};
    }

    /** Elem[v, e, esize], zero-extended. */
    static long elem(long[] v, int e, int esize) {
        int bit = e * esize;
        long word = v[bit >>> 6];
        return esize == 64 ? word : (word >>> (bit & 63)) & mask(esize);
    }

    /** Elem[v, e, esize] = value. */
    static void setElem(long[] v, int e, int esize, long value) {
        int bit = e * esize;
        int i = bit >>> 6, sh = bit & 63;
        long m = mask(esize) << sh;
        v[i] = (v[i] & ~m) | ((value << sh) & m);
    }

    /** V[d] = result for a vector of {@code datasize} bits (64 clears the upper half, as the Arm ARM's V[] does). */
    static void write(Cpu cpu, int d, long[] r, int datasize) {
        cpu.setV(d, r[0], datasize == 128 ? r[1] : 0);
    }
}
