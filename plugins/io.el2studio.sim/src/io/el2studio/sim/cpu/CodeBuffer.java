package io.el2studio.sim.cpu;

/** A growable byte buffer with big-endian writers: the class files of {@link BlockCompiler}. */
final class CodeBuffer {
    private byte[] b = new byte[256];
    private int n;

    private void ensure(int k) {
        if (n + k > b.length) {
            b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + k));
        }
    }

    CodeBuffer op(int v) {
        return u1(v);
    }

    CodeBuffer u1(int v) {
        ensure(1);
        b[n++] = (byte) v;
        return this;
    }

    CodeBuffer u2(int v) {
        ensure(2);
        b[n++] = (byte) (v >> 8);
        b[n++] = (byte) v;
        return this;
    }

    CodeBuffer u4(int v) {
        return u2(v >>> 16).u2(v & 0xFFFF);
    }

    CodeBuffer raw(byte[] r) {
        ensure(r.length);
        System.arraycopy(r, 0, b, n, r.length);
        n += r.length;
        return this;
    }

    /** Writes the branch offset {@code v} (a signed 16-bit value, JVMS 6.5 ifeq) at {@code at}. */
    void patch(int at, int v) {
        if (v != (short) v) {
            throw new IllegalStateException("branch offset " + v + " does not fit in 16 bits");
        }
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    int size() {
        return n;
    }

    byte[] bytes() {
        return java.util.Arrays.copyOf(b, n);
    }
}
