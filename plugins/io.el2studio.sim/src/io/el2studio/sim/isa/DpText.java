package io.el2studio.sim.isa;

/**
 * Operand spelling shared by the integer data-processing rows, as GNU objdump 2.40 prints it
 * (binutils opcodes/aarch64-dis.c): register names, immediates and condition names with the
 * comment objdump appends for conditions that have SVE-style alternative names.
 */
final class DpText {
    private DpText() {
    }

    private static final String[][] CONDS = {
        {"eq", "none"}, {"ne", "any"}, {"cs", "hs", "nlast"}, {"cc", "lo", "ul", "last"},
        {"mi", "first"}, {"pl", "nfrst"}, {"vs"}, {"vc"}, {"hi", "pmore"}, {"ls", "plast"},
        {"ge", "tcont"}, {"lt", "tstop"}, {"gt"}, {"le"}, {"al"}, {"nv"},
    };

    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};
    private static final String[] EXTENDS = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    /** General-purpose register, 31 = zero register. */
    static String r(boolean sf, int n) {
        n &= 31;
        return n == 31 ? (sf ? "xzr" : "wzr") : (sf ? "x" : "w") + n;
    }

    /** General-purpose register, 31 = stack pointer. */
    static String rsp(boolean sf, int n) {
        n &= 31;
        return n == 31 ? (sf ? "sp" : "wsp") : (sf ? "x" : "w") + n;
    }

    static String x(int n) {
        return r(true, n);
    }

    static String hex(long v) {
        return "#0x" + Long.toHexString(v);
    }

    static String cond(int c) {
        return CONDS[c & 15][0];
    }

    /** Condition as the last operand: name, and objdump's "// eq = none" comment when it has one. */
    static String condLast(int c) {
        String[] names = CONDS[c & 15];
        if (names.length == 1) {
            return names[0];
        }
        StringBuilder sb = new StringBuilder(names[0]).append(" // ").append(names[0]).append(" = ");
        for (int i = 1; i < names.length; i++) {
            sb.append(i > 1 ? ", " : "").append(names[i]);
        }
        return sb.toString();
    }

    /** ", lsl #3" style suffix of a shifted register operand; LSL #0 is omitted. */
    static String shift(int type, int amount) {
        return type == 0 && amount == 0 ? "" : ", " + SHIFTS[type] + " #" + amount;
    }

    static String extend(int option) {
        return EXTENDS[option & 7];
    }

    static int bit(int w, int n) {
        return (w >>> n) & 1;
    }

    static int rd(int w) {
        return w & 31;
    }

    static int rn(int w) {
        return (w >>> 5) & 31;
    }

    static int rm(int w) {
        return (w >>> 16) & 31;
    }

    static boolean sf(int w) {
        return w < 0;
    }
}
