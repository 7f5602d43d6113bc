package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.cpu.ls.SimdStructures;

/**
 * AdvSIMD load/store multiple structures, single structure and replicate, with and without
 * post-index (Arm ARM C4.1.88: "Advanced SIMD load/store multiple structures (post-indexed)",
 * "Advanced SIMD load/store single structure (post-indexed)"). Register lists are printed as
 * objdump prints them: a range {v0.4s-v2.4s} for three or four registers that do not wrap past
 * V31, otherwise a comma-separated list.
 */
final class SimdStructRows {
    private SimdStructRows() {
    }

    private static final String[] ARRANGEMENT = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
    private static final String[] ELEM = {"b", "h", "s", "d"};

    static void addTo(List<Row> rows) {
        // opcode, rpt, selem of the multiple-structure forms (Arm ARM C7.2, LD1 .. LD4 (multiple structures)).
        int[][] multi = {{0b0000, 1, 4}, {0b0010, 4, 1}, {0b0100, 1, 3}, {0b0110, 3, 1}, {0b0111, 1, 1},
                {0b1000, 1, 2}, {0b1010, 2, 1}};
        for (int post = 0; post < 2; post++) {
            for (int l = 0; l < 2; l++) {
                for (int[] m : multi) {
                    addMultiple(rows, post == 1, l == 1, m[0], m[1], m[2]);
                }
            }
        }
        for (int post = 0; post < 2; post++) {
            for (int l = 0; l < 2; l++) {
                for (int selem = 1; selem <= 4; selem++) {
                    for (int size = 0; size < 4; size++) {
                        addSingle(rows, post == 1, l == 1, selem, size);
                    }
                }
            }
            for (int selem = 1; selem <= 4; selem++) {
                addReplicate(rows, post == 1, selem);
            }
        }
    }

    /** "{v0.4s, v1.4s}" or "{v0.4s-v3.4s}". */
    static String list(int t, int count, String suffix) {
        if (count >= 3 && t + count - 1 <= 31) {
            return "{v" + t + "." + suffix + "-v" + (t + count - 1) + "." + suffix + "}";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('v').append((t + i) & 31).append('.').append(suffix);
        }
        return sb.append('}').toString();
    }

    private static String address(int w, boolean post, int bytes) {
        String b = "[" + LsText.xsp(LsText.rn(w)) + "]";
        if (!post) {
            return b;
        }
        int m = LsText.rs(w);
        return b + ", " + (m == 31 ? "#" + bytes : "x" + m);
    }

    /** 0:Q:0011:0:single:post:L, then the rest; single = 1 for the single-structure and replicate forms. */
    private static String opPattern(boolean single, boolean post, boolean l, String mid) {
        return "0 Q:1 0011 0 " + (single ? "1" : "0") + (post ? "1" : "0") + " " + (l ? "1" : "0") + " " + mid;
    }

    private static void addMultiple(List<Row> rows, boolean post, boolean l, int opcode, int rpt, int selem) {
        String mn = (l ? "ld" : "st") + selem;
        int regs = rpt * selem;
        String op4 = Integer.toBinaryString(0x10 | opcode).substring(1);
        String pat = opPattern(false, post, l, post ? "0 Rm:5 " + op4 + " size:2 Rn:5 Rt:5" : "000000 " + op4 + " size:2 Rn:5 Rt:5");
        Row row = new Row(mn.toUpperCase() + "_" + regs + "r_mult" + (post ? "_post" : ""), pat)
                .exec(SimdStructures.multiple(l, rpt, selem, post))
                .dis((w, pc) -> {
                    int q = (w >>> 30) & 1, size = (w >>> 10) & 3;
                    return mn + " " + list(LsText.rt(w), regs, ARRANGEMENT[size * 2 + q]) + ", "
                            + address(w, post, regs * (q == 1 ? 16 : 8));
                });
        if (selem > 1) {
            // size:Q = 11:0 (.1d) is reserved for the interleaving forms.
            row.when(w -> (w & 0x40000C00) != 0x00000C00);
        }
        rows.add(row);
    }

    private static void addSingle(List<Row> rows, boolean post, boolean l, int selem, int size) {
        int r = (selem - 1) & 1;
        int opHi = (selem - 1) >> 1;
        String mn = (l ? "ld" : "st") + selem;
        String opcode = switch (size) {
            case 0 -> "00" + opHi;
            case 1 -> "01" + opHi;
            default -> "10" + opHi;
        };
        // Element size constraints: H needs size<0> = 0; S is size = 00; D is size = 01 with S = 0.
        String tail = switch (size) {
            case 0 -> " S:1 sz:2 Rn:5 Rt:5";
            case 1 -> " S:1 sz:1 0 Rn:5 Rt:5";
            case 2 -> " S:1 00 Rn:5 Rt:5";
            default -> " 0 01 Rn:5 Rt:5";
        };
        String pat = opPattern(true, post, l, r + (post ? " Rm:5 " : " 00000 ") + opcode + tail);
        int bytes = selem << size;
        rows.add(new Row(mn.toUpperCase() + "_" + ELEM[size] + "_single" + (post ? "_post" : ""), pat)
                .exec(SimdStructures.single(l, selem, size, post))
                .dis((w, pc) -> mn + " " + list(LsText.rt(w), selem, ELEM[size]) + "["
                        + SimdStructures.laneIndex(w, size) + "], " + address(w, post, bytes)));
    }

    private static void addReplicate(List<Row> rows, boolean post, int selem) {
        int r = (selem - 1) & 1;
        int opHi = (selem - 1) >> 1;
        String mn = "ld" + selem + "r";
        String pat = opPattern(true, post, true, r + (post ? " Rm:5 " : " 00000 ") + "11" + opHi + " 0 size:2 Rn:5 Rt:5");
        rows.add(new Row(mn.toUpperCase() + (post ? "_post" : ""), pat)
                .exec(SimdStructures.replicate(selem, post))
                .dis((w, pc) -> {
                    int q = (w >>> 30) & 1, size = (w >>> 10) & 3;
                    return mn + " " + list(LsText.rt(w), selem, ARRANGEMENT[size * 2 + q]) + ", "
                            + address(w, post, selem << size);
                }));
    }
}
