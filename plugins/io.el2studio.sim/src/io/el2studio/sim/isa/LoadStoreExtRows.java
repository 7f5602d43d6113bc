package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.cpu.GuestFault;

/**
 * Load/store encodings of extensions that no CPU profile implements yet: FEAT_MTE (STG, STZG,
 * ST2G, STZ2G, LDG, STGP, STGM, STZGM, LDGM), FEAT_PAuth (LDRAA, LDRAB), FEAT_LRCPC2 (LDAPUR*,
 * STLUR*), FEAT_LS64 (LD64B, ST64B*) and FEAT_MOPS (CPY*, SET*). Each row needs its feature, so
 * the disassembler prints them as objdump does while a PE without the feature decodes them as
 * UNDEFINED (their handler is never reached; it raises UNDEFINED all the same).
 */
final class LoadStoreExtRows {
    private LoadStoreExtRows() {
    }

    private static final Exec UNIMPLEMENTED = (cpu, w) -> {
        throw GuestFault.undefined();
    };

    static void addTo(List<Row> rows) {
        addMte(rows);
        addPac(rows);
        addRcpc2(rows);
        addLs64(rows);
        addMops(rows);
    }

    private static Row row(String name, String pattern, Feature f, Disasm d) {
        return new Row(name, pattern).needs(f).exec(UNIMPLEMENTED).dis(d);
    }

    // ---- FEAT_MTE: 11011001 opc:2 1 imm9 op2:2 Rn Rt, and STGP in the pair space ----

    private static void addMte(List<Row> rows) {
        String[] tagStore = {"stg", "stzg", "st2g", "stz2g"};
        String[] bulk = {"stzgm", "ldg", "stgm", "ldgm"};
        for (int opc = 0; opc < 4; opc++) {
            String o = "" + (opc >> 1) + (opc & 1);
            String st = tagStore[opc];
            String bk = bulk[opc];
            if (opc == 1) {
                rows.add(row("LDG", "11011001 01 1 imm9:9 00 Rn:5 Rt:5", Feature.MTE,
                        (w, pc) -> "ldg " + LsText.x(LsText.rt(w)) + ", " + LsText.offset(LsText.rn(w), (long) LsText.simm9(w) << 4)));
            } else {
                rows.add(row(bk.toUpperCase(), "11011001 " + o + " 1 000000000 00 Rn:5 Rt:5", Feature.MTE,
                        (w, pc) -> bk + " " + LsText.x(LsText.rt(w)) + ", [" + LsText.xsp(LsText.rn(w)) + "]"));
            }
            rows.add(row(st.toUpperCase() + "_post", "11011001 " + o + " 1 imm9:9 01 Rn:5 Rt:5", Feature.MTE,
                    (w, pc) -> st + " " + LsText.xsp(LsText.rt(w)) + ", " + LsText.post(LsText.rn(w), (long) LsText.simm9(w) << 4)));
            rows.add(row(st.toUpperCase() + "_off", "11011001 " + o + " 1 imm9:9 10 Rn:5 Rt:5", Feature.MTE,
                    (w, pc) -> st + " " + LsText.xsp(LsText.rt(w)) + ", " + LsText.offset(LsText.rn(w), (long) LsText.simm9(w) << 4)));
            rows.add(row(st.toUpperCase() + "_pre", "11011001 " + o + " 1 imm9:9 11 Rn:5 Rt:5", Feature.MTE,
                    (w, pc) -> st + " " + LsText.xsp(LsText.rt(w)) + ", " + LsText.pre(LsText.rn(w), (long) LsText.simm9(w) << 4)));
        }
        String[] idx = {null, "01", "10", "11"};
        for (int i = 1; i < 4; i++) {
            int mode = i;
            rows.add(row("STGP" + (i == 1 ? "_post" : i == 2 ? "_off" : "_pre"), "01 101 0 0" + idx[i] + " 0 imm7:7 Rt2:5 Rn:5 Rt:5",
                    Feature.MTE, (w, pc) -> {
                        long off = (long) ((w << 10) >> 25) << 4;
                        int n = LsText.rn(w);
                        return "stgp " + LsText.x(LsText.rt(w)) + ", " + LsText.x(LsText.rt2(w)) + ", "
                                + (mode == 1 ? LsText.post(n, off) : mode == 3 ? LsText.pre(n, off) : LsText.offset(n, off));
                    }));
        }
    }

    // ---- FEAT_PAuth: LDRAA/LDRAB 11 111 0 00 M S 1 imm9 W 1 Rn Rt, offset S:imm9 << 3 ----

    private static void addPac(List<Row> rows) {
        for (int m = 0; m < 2; m++) {
            String mn = m == 0 ? "ldraa" : "ldrab";
            rows.add(row(mn.toUpperCase(), "11 111 0 00 " + m + " S:1 1 imm9:9 W:1 1 Rn:5 Rt:5", Feature.PAUTH, (w, pc) -> {
                long off = (long) (((w << 9) >> 31 << 9) | ((w >>> 12) & 0x1FF)) << 3;
                int n = LsText.rn(w);
                return mn + " " + LsText.x(LsText.rt(w)) + ", "
                        + ((w & (1 << 11)) == 0 ? LsText.offset(n, off)
                        : off == 0 ? "[" + LsText.xsp(n) + "]!" : LsText.pre(n, off));
            }));
        }
    }

    // ---- FEAT_LRCPC2: size 011001 opc 0 imm9 00 Rn Rt ----

    private static void addRcpc2(List<Row> rows) {
        String[][] names = {
                {"stlurb", "ldapurb", "ldapursb", "ldapursb"},
                {"stlurh", "ldapurh", "ldapursh", "ldapursh"},
                {"stlur", "ldapur", "ldapursw", null},
                {"stlur", "ldapur", null, null}};
        for (int size = 0; size < 4; size++) {
            for (int opc = 0; opc < 4; opc++) {
                String mn = names[size][opc];
                if (mn == null) {
                    continue;
                }
                boolean x = size == 3 || opc == 2;
                rows.add(row(mn.toUpperCase() + (x ? "_X" : "_W"),
                        "" + (size >> 1) + (size & 1) + " 011001 " + (opc >> 1) + (opc & 1) + " 0 imm9:9 00 Rn:5 Rt:5", Feature.LRCPC2,
                        (w, pc) -> mn + " " + LsText.r(LsText.rt(w), x) + ", " + LsText.offset(LsText.rn(w), LsText.simm9(w))));
            }
        }
    }

    // ---- FEAT_LS64: 11 111 0 00 0 0 1 Rs o3 opc 00 Rn Rt ----

    private static void addLs64(List<Row> rows) {
        rows.add(row("ST64B", "11 111 0 00 0 0 1 11111 1 001 00 Rn:5 Rt:5", Feature.LS64,
                (w, pc) -> "st64b " + LsText.x(LsText.rt(w)) + ", [" + LsText.xsp(LsText.rn(w)) + "]"));
        rows.add(row("LD64B", "11 111 0 00 0 0 1 11111 1 101 00 Rn:5 Rt:5", Feature.LS64,
                (w, pc) -> "ld64b " + LsText.x(LsText.rt(w)) + ", [" + LsText.xsp(LsText.rn(w)) + "]"));
        rows.add(row("ST64BV0", "11 111 0 00 0 0 1 Rs:5 1 010 00 Rn:5 Rt:5", Feature.LS64,
                (w, pc) -> "st64bv0 " + LsText.x(LsText.rs(w)) + ", " + LsText.x(LsText.rt(w)) + ", [" + LsText.xsp(LsText.rn(w)) + "]"));
        rows.add(row("ST64BV", "11 111 0 00 0 0 1 Rs:5 1 011 00 Rn:5 Rt:5", Feature.LS64,
                (w, pc) -> "st64bv " + LsText.x(LsText.rs(w)) + ", " + LsText.x(LsText.rt(w)) + ", [" + LsText.xsp(LsText.rn(w)) + "]"));
    }

    // ---- FEAT_MOPS: 00 011 o0 01 op1:2 0 Rs 0? op2:4 01 Rn Rd ----

    /** op2&lt;1:0&gt;: unprivileged write/read; op2&lt;3:2&gt;: non-temporal write/read. */
    private static final String[] CPY_UNPRIV = {"", "wt", "rt", "t"};
    private static final String[] CPY_NONTEMP = {"", "wn", "rn", "n"};
    private static final String[] SET_OPTS = {"", "t", "n", "tn"};

    private static void addMops(List<Row> rows) {
        String[] stage = {"p", "m", "e"};
        for (int o0 = 0; o0 < 2; o0++) {
            for (int op1 = 0; op1 < 3; op1++) {
                String stem = (o0 == 0 ? "cpyf" : "cpy") + stage[op1];
                // Rd, Rs and Rn must be distinct and none may be 31 (objdump prints .inst otherwise).
                rows.add(row(stem.toUpperCase(), "00 011 " + o0 + " 01 " + (op1 >> 1) + (op1 & 1) + " 0 Rs:5 op2:4 01 Rn:5 Rd:5", Feature.MOPS,
                        (w, pc) -> stem + CPY_UNPRIV[(w >>> 12) & 3] + CPY_NONTEMP[(w >>> 14) & 3] + " [x" + (w & 31) + "]!, [x" + LsText.rs(w) + "]!, x"
                                + LsText.rn(w) + "!").when(LoadStoreExtRows::cpyRegistersValid));
            }
            String sstem = o0 == 0 ? "set" : "setg";
            for (int st = 0; st < 3; st++) {
                String mn = sstem + stage[st];
                rows.add(row(mn.toUpperCase(), "00 011 " + o0 + " 01 11 0 Rs:5 " + (st >> 1) + (st & 1) + " opt:2 01 Rn:5 Rd:5", Feature.MOPS,
                        (w, pc) -> mn + SET_OPTS[(w >>> 12) & 3] + " [x" + (w & 31) + "]!, x" + LsText.rn(w) + "!, "
                                + LsText.x(LsText.rs(w))).when(LoadStoreExtRows::setRegistersValid));
            }
        }
    }

    private static boolean cpyRegistersValid(int w) {
        int d = w & 31, s = LsText.rs(w), n = LsText.rn(w);
        return d != 31 && s != 31 && n != 31 && d != s && d != n && s != n;
    }

    /** SET*: Rd and Rn are not 31; Rs may be XZR; all distinct. */
    private static boolean setRegistersValid(int w) {
        int d = w & 31, s = LsText.rs(w), n = LsText.rn(w);
        return d != 31 && n != 31 && d != s && d != n && s != n;
    }
}
