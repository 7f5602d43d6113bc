package io.el2studio.sim.isa;

/** Operand text of the Advanced SIMD integer rows, as GNU objdump 2.40 prints it. */
final class SimdText {
    private SimdText() {
    }

    private static final String[] ARR = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
    private static final String SCALAR = "bhsdq";

    static int rd(int w) { return w & 31; }
    static int rn(int w) { return (w >>> 5) & 31; }
    static int rm(int w) { return (w >>> 16) & 31; }
    static int q(int w) { return (w >>> 30) & 1; }
    static int size(int w) { return (w >>> 22) & 3; }

    /** Arrangement specifier of element size code (0..3) and Q. */
    static String arr(int size, int q) {
        return ARR[2 * size + q];
    }

    static String v(int r, String t) {
        return "v" + r + "." + t;
    }

    /** Scalar register name b/h/s/d/q of size code 0..4. */
    static String s(int size, int r) {
        return SCALAR.charAt(size) + Integer.toString(r);
    }

    /** "2" suffix of the upper-half forms (Q = 1). */
    static String two(int w) {
        return q(w) == 1 ? "2" : "";
    }

    static String hex(long v) {
        return "#0x" + Long.toHexString(v);
    }
}
