package io.el2studio.sim.isa;

/** Operand spelling of the load/store group, as GNU objdump 2.40 prints it. */
final class LsText {
    private LsText() {
    }

    static final String[] FP_PREFIX = {"b", "h", "s", "d", "q"};

    /** Wn/Xn with 31 as the zero register. */
    static String r(int n, boolean x) {
        if (n == 31) {
            return x ? "xzr" : "wzr";
        }
        return (x ? "x" : "w") + n;
    }

    static String x(int n) {
        return r(n, true);
    }

    static String w(int n) {
        return r(n, false);
    }

    /** Xn with 31 as SP (base registers). */
    static String xsp(int n) {
        return n == 31 ? "sp" : "x" + n;
    }

    /** Bn/Hn/Sn/Dn/Qn for size = log2 bytes. */
    static String fp(int size, int n) {
        return FP_PREFIX[size] + n;
    }

    static int rt(int w) {
        return w & 31;
    }

    static int rn(int w) {
        return (w >>> 5) & 31;
    }

    static int rt2(int w) {
        return (w >>> 10) & 31;
    }

    static int rs(int w) {
        return (w >>> 16) & 31;
    }

    static int simm9(int w) {
        return (w << 11) >> 23;
    }

    /** "[xn]" or "[xn, #off]". */
    static String offset(int n, long off) {
        return off == 0 ? "[" + xsp(n) + "]" : "[" + xsp(n) + ", #" + off + "]";
    }

    static String pre(int n, long off) {
        return "[" + xsp(n) + ", #" + off + "]!";
    }

    static String post(int n, long off) {
        return "[" + xsp(n) + "], #" + off;
    }

    /** PC-relative target, printed as objdump prints it (absolute, 64-bit wrap). */
    static String target(long pc, long off) {
        return "0x" + Long.toHexString(pc + off);
    }

    private static final String[] PRF_TYPE = {"pld", "pli", "pst"};

    /** PRFM operation: pldl1keep .. pstl3strm, otherwise "#0x%02x". */
    static String prfop(int rt) {
        int type = rt >>> 3, target = (rt >>> 1) & 3;
        if (type == 3 || target == 3) {
            return String.format("#0x%02x", rt);
        }
        return PRF_TYPE[type] + "l" + (target + 1) + ((rt & 1) == 0 ? "keep" : "strm");
    }
}
