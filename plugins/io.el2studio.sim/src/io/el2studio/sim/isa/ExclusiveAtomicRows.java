package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.cpu.ls.Atomics;
import io.el2studio.sim.cpu.ls.Exclusive;

/**
 * Loads and stores that synchronise (Arm ARM C4.1.88): "Load/store exclusive register", "Load/store
 * exclusive pair", "Load/store ordered", "Compare and swap (pair)" (all in size:001000:o2:L:o1
 * space) and "Atomic memory operations" (size:111000:A:R:1:Rs:o3:opc:00, FEAT_LSE), plus LDAPR
 * (FEAT_LRCPC) which lives in the atomic space.
 *
 * <p>The should-be-one fields (Rs, Rt2 written (1)(1)(1)(1)(1) in the Arm ARM) are CONSTRAINED
 * UNPREDICTABLE when not all ones. We decode them as GNU objdump 2.40 does, so that the
 * disassembler and the executor agree: it ignores them except for LDAR and the compare-and-swap
 * forms, where a word with other values is unallocated.
 */
final class ExclusiveAtomicRows {
    private ExclusiveAtomicRows() {
    }

    private static final String[] SIZE = {"00", "01", "10", "11"};
    private static final String[] BH = {"b", "h", "", ""};

    static void addTo(List<Row> rows) {
        addExclusive(rows);
        addCas(rows);
        addAtomics(rows);
    }

    private static String reg(int n, int size) {
        return LsText.r(n, size == 3);
    }

    private static String base(int w) {
        return "[" + LsText.xsp(LsText.rn(w)) + "]";
    }

    private static void addExclusive(List<Row> rows) {
        for (int size = 0; size < 4; size++) {
            final int sz = size;
            String suffix = BH[size];
            String rowSuffix = size == 2 ? "_W" : size == 3 ? "_X" : "";
            for (int o0 = 0; o0 < 2; o0++) {
                String st = (o0 == 1 ? "stlxr" : "stxr") + suffix;
                rows.add(new Row(st.toUpperCase() + rowSuffix, SIZE[size] + " 001000 0 0 0 Rs:5 " + o0 + " Rt2:5 Rn:5 Rt:5")
                        .exec(Exclusive.storeExclusive(size))
                        .dis((w, pc) -> st + " " + LsText.w(LsText.rs(w)) + ", " + reg(LsText.rt(w), sz) + ", " + base(w)));
                String ld = (o0 == 1 ? "ldaxr" : "ldxr") + suffix;
                rows.add(new Row(ld.toUpperCase() + rowSuffix, SIZE[size] + " 001000 0 1 0 Rs:5 " + o0 + " Rt2:5 Rn:5 Rt:5")
                        .exec(Exclusive.loadExclusive(size))
                        .dis((w, pc) -> ld + " " + reg(LsText.rt(w), sz) + ", " + base(w)));
                // Load/store ordered: o0 = 1 LDAR/STLR, o0 = 0 LDLAR/STLLR (FEAT_LOR).
                String stl = (o0 == 1 ? "stlr" : "stllr") + suffix;
                Row stlRow = new Row(stl.toUpperCase() + rowSuffix, SIZE[size] + " 001000 1 0 0 Rs:5 " + o0 + " Rt2:5 Rn:5 Rt:5")
                        .exec(Exclusive.storeRelease(size))
                        .dis((w, pc) -> stl + " " + reg(LsText.rt(w), sz) + ", " + base(w));
                String lda = (o0 == 1 ? "ldar" : "ldlar") + suffix;
                Row ldaRow = new Row(lda.toUpperCase() + rowSuffix, o0 == 1
                        ? SIZE[size] + " 001000 1 1 0 11111 1 11111 Rn:5 Rt:5"
                        : SIZE[size] + " 001000 1 1 0 Rs:5 0 Rt2:5 Rn:5 Rt:5")
                        .exec(Exclusive.loadAcquire(size))
                        .dis((w, pc) -> lda + " " + reg(LsText.rt(w), sz) + ", " + base(w));
                if (o0 == 0) {
                    // LORegions are not implemented: LDLAR/STLLR are UNDEFINED unless the profile has LOR.
                    stlRow.needs(Feature.LOR);
                    ldaRow.needs(Feature.LOR);
                }
                rows.add(stlRow);
                rows.add(ldaRow);
            }
        }
        // Exclusive pairs: size = 1:sz.
        for (int sz = 0; sz < 2; sz++) {
            int size = 2 + sz;
            boolean x = sz == 1;
            for (int o0 = 0; o0 < 2; o0++) {
                String st = o0 == 1 ? "stlxp" : "stxp";
                rows.add(new Row(st.toUpperCase() + (x ? "_X" : "_W"), "1 " + sz + " 001000 0 0 1 Rs:5 " + o0 + " Rt2:5 Rn:5 Rt:5")
                        .exec(Exclusive.storeExclusivePair(size))
                        .dis((w, pc) -> st + " " + LsText.w(LsText.rs(w)) + ", " + LsText.r(LsText.rt(w), x) + ", "
                                + LsText.r(LsText.rt2(w), x) + ", " + base(w)));
                String ld = o0 == 1 ? "ldaxp" : "ldxp";
                rows.add(new Row(ld.toUpperCase() + (x ? "_X" : "_W"), "1 " + sz + " 001000 0 1 1 Rs:5 " + o0 + " Rt2:5 Rn:5 Rt:5")
                        .exec(Exclusive.loadExclusivePair(size))
                        .dis((w, pc) -> ld + " " + LsText.r(LsText.rt(w), x) + ", " + LsText.r(LsText.rt2(w), x) + ", " + base(w)));
            }
        }
    }

    private static String al(boolean acquire, boolean release) {
        return (acquire ? "a" : "") + (release ? "l" : "");
    }

    private static void addCas(List<Row> rows) {
        for (int size = 0; size < 4; size++) {
            final int sz = size;
            for (int l = 0; l < 2; l++) {
                for (int o0 = 0; o0 < 2; o0++) {
                    String mn = "cas" + al(l == 1, o0 == 1) + BH[size];
                    rows.add(new Row(mn.toUpperCase() + (size == 3 ? "_X" : size == 2 ? "_W" : ""), SIZE[size] + " 001000 1 " + l + " 1 Rs:5 " + o0 + " 11111 Rn:5 Rt:5")
                            .needs(Feature.LSE)
                            .exec(Atomics.cas(size))
                            .dis((w, pc) -> mn + " " + reg(LsText.rs(w), sz) + ", " + reg(LsText.rt(w), sz) + ", " + base(w)));
                }
            }
        }
        // CASP: Rs and Rt must be even (odd registers are unallocated, as objdump decodes them).
        for (int sz = 0; sz < 2; sz++) {
            boolean x = sz == 1;
            for (int l = 0; l < 2; l++) {
                for (int o0 = 0; o0 < 2; o0++) {
                    String mn = "casp" + al(l == 1, o0 == 1);
                    rows.add(new Row(mn.toUpperCase() + (x ? "_X" : "_W"), "0 " + sz + " 001000 0 " + l + " 1 Rs:5 " + o0 + " 11111 Rn:5 Rt:5")
                            .when(w -> (w & (1 << 16)) == 0 && (w & 1) == 0)
                            .needs(Feature.LSE)
                            .exec(Atomics.casPair(2 + sz))
                            .dis((w, pc) -> {
                                int s = LsText.rs(w), t = LsText.rt(w);
                                return mn + " " + LsText.r(s, x) + ", " + LsText.r(s + 1, x) + ", " + LsText.r(t, x) + ", "
                                        + LsText.r(t + 1, x) + ", " + base(w);
                            }));
                }
            }
        }
    }

    private static final String[] OPS = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

    private static void addAtomics(List<Row> rows) {
        for (int size = 0; size < 4; size++) {
            final int sz = size;
            // LDAPR (FEAT_LRCPC): A=1 R=0 Rs=11111 o3=1 opc=100.
            String ldapr = "ldapr" + BH[size];
            rows.add(new Row(ldapr.toUpperCase() + (size == 2 ? "_W" : size == 3 ? "_X" : ""), SIZE[size] + " 111 0 00 1 0 1 11111 1 100 00 Rn:5 Rt:5")
                    .needs(Feature.LRCPC)
                    .exec(Exclusive.loadAcquire(size))
                    .dis((w, pc) -> ldapr + " " + reg(LsText.rt(w), sz) + ", " + base(w)));
            for (int a = 0; a < 2; a++) {
                for (int r = 0; r < 2; r++) {
                    String ord = al(a == 1, r == 1);
                    String head = SIZE[size] + " 111 0 00 " + a + " " + r + " 1 Rs:5 ";
                    String swp = "swp" + ord + BH[size];
                    rows.add(new Row(swp.toUpperCase() + (size == 3 ? "_X" : size == 2 ? "_W" : ""), head + "1 000 00 Rn:5 Rt:5")
                            .needs(Feature.LSE)
                            .exec(Atomics.swap(size))
                            .dis((w, pc) -> swp + " " + reg(LsText.rs(w), sz) + ", " + reg(LsText.rt(w), sz) + ", " + base(w)));
                    for (int op = 0; op < 8; op++) {
                        String ld = "ld" + OPS[op] + ord + BH[size];
                        String st = "st" + OPS[op] + ord + BH[size];
                        boolean alias = a == 0; // ST<op> is LD<op> with Rt = XZR and no acquire.
                        rows.add(new Row(ld.toUpperCase() + (size == 3 ? "_X" : size == 2 ? "_W" : ""), head + "0 " + bits3(op) + " 00 Rn:5 Rt:5")
                                .needs(Feature.LSE)
                                .exec(Atomics.ldOp(op, size))
                                .dis((w, pc) -> alias && LsText.rt(w) == 31
                                        ? st + " " + reg(LsText.rs(w), sz) + ", " + base(w)
                                        : ld + " " + reg(LsText.rs(w), sz) + ", " + reg(LsText.rt(w), sz) + ", " + base(w)));
                    }
                }
            }
        }
    }

    private static String bits3(int v) {
        return "" + ((v >> 2) & 1) + ((v >> 1) & 1) + (v & 1);
    }
}
