package io.el2studio.sim.isa;

import static io.el2studio.sim.cpu.ls.LoadStore.LD;
import static io.el2studio.sim.cpu.ls.LoadStore.LDSW;
import static io.el2studio.sim.cpu.ls.LoadStore.LDSX;
import static io.el2studio.sim.cpu.ls.LoadStore.LDV;
import static io.el2studio.sim.cpu.ls.LoadStore.PRFM;
import static io.el2studio.sim.cpu.ls.LoadStore.ST;
import static io.el2studio.sim.cpu.ls.LoadStore.STV;

import java.util.List;

import io.el2studio.sim.cpu.ls.LoadStore;

/**
 * op0 = x1x0: loads and stores (Arm ARM C4.1.88). This file holds the single-register forms
 * (literal, unsigned offset, unscaled, pre/post-indexed, unprivileged, register offset) and the
 * pairs; the other parts of the group are in {@link ExclusiveAtomicRows} (exclusives,
 * load-acquire/store-release, compare-and-swap, LSE atomics), {@link SimdStructRows} (AdvSIMD
 * structures) and {@link LoadStoreExtRows} (extensions we decode for the disassembler only).
 *
 * <p>The single-register forms share one column structure, size:V:opc, which the loops below
 * expand into one row per allocated combination (Arm ARM C4.1.88, "Load/store register (unsigned
 * immediate)" and its siblings); {@link #kind} is that table.
 */
final class LoadStoreRows {
    private LoadStoreRows() {
    }

    static void addTo(List<Row> rows) {
        ExclusiveAtomicRows.addTo(rows);
        LoadStoreExtRows.addTo(rows);
        addLiteral(rows);
        addPairs(rows);
        addSingle(rows);
        SimdStructRows.addTo(rows);
    }

    private static String bits(int v, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = n - 1; i >= 0; i--) {
            sb.append((v >>> i) & 1);
        }
        return sb.toString();
    }

    // ---- single register: the size:V:opc table ----

    private static final int M_UIMM = 0, M_UNSCALED = 1, M_POST = 2, M_PRE = 3, M_REG = 4, M_UNPRIV = 5;

    /** Access kind of size:V:opc in addressing mode {@code mode}, or -1 when unallocated. */
    static int kind(int size, int v, int opc, int mode) {
        if (v == 1) {
            if (mode == M_UNPRIV) {
                return -1;
            }
            if (opc < 2) {
                return opc == 0 ? STV : LDV;
            }
            return size == 0 ? (opc == 2 ? STV : LDV) : -1;
        }
        switch (opc) {
            case 0: return ST;
            case 1: return LD;
            case 2:
                if (size == 3) {
                    return mode == M_UIMM || mode == M_UNSCALED || mode == M_REG ? PRFM : -1;
                }
                return LDSX;
            default:
                return size < 2 ? LDSW : -1;
        }
    }

    /** The mnemonic of a single-register form: ldr, ldursb, sttrh, prfum ... */
    static String mnemonic(int kind, int size, int mode) {
        if (kind == PRFM) {
            return mode == M_UNSCALED ? "prfum" : "prfm";
        }
        boolean store = kind == ST || kind == STV;
        String stem = (store ? "st" : "ld") + switch (mode) {
            case M_UNSCALED -> "ur";
            case M_UNPRIV -> "tr";
            default -> "r";
        };
        if (kind == STV || kind == LDV) {
            return stem;
        }
        String s = kind == LDSX || kind == LDSW ? "s" : "";
        String suffix = switch (size) {
            case 0 -> "b";
            case 1 -> "h";
            case 2 -> s.isEmpty() ? "" : "w";
            default -> "";
        };
        return stem + s + suffix;
    }

    /** The transfer register operand: Wt, Xt, Bt..Qt, or the prefetch operation. */
    static String target(int kind, int size, int t) {
        return switch (kind) {
            case PRFM -> LsText.prfop(t);
            case STV, LDV -> LsText.fp(size, t);
            case LDSX -> LsText.x(t);
            case LDSW -> LsText.w(t);
            default -> LsText.r(t, size == 3);
        };
    }

    private static final String[] EXTEND = {null, null, "uxtw", "lsl", null, null, "sxtw", "sxtx"};

    private static void addSingle(List<Row> rows) {
        for (int mode = M_UIMM; mode <= M_UNPRIV; mode++) {
            for (int size = 0; size < 4; size++) {
                for (int v = 0; v < 2; v++) {
                    for (int opc = 0; opc < 4; opc++) {
                        int kind = kind(size, v, opc, mode);
                        if (kind < 0) {
                            continue;
                        }
                        // SIMD&FP: opc<1> selects the 128-bit Q form of size 00.
                        int esize = v == 1 && opc >= 2 ? 4 : size;
                        rows.add(single(mode, size, v, opc, kind, esize));
                    }
                }
            }
        }
    }

    private static Row single(int mode, int size, int v, int opc, int kind, int esize) {
        String head = bits(size, 2) + " 111 " + v + " ";
        String o = bits(opc, 2);
        String mn = mnemonic(kind, esize, mode);
        String regClass = kind == STV || kind == LDV ? LsText.FP_PREFIX[esize].toUpperCase() + "_"
                : kind == PRFM ? "" : kind == LDSX || size == 3 ? "X_" : "W_";
        String name = mn.toUpperCase() + "_" + regClass
                + switch (mode) {
                    case M_UIMM -> "uimm";
                    case M_UNSCALED -> "unscaled";
                    case M_POST -> "post";
                    case M_PRE -> "pre";
                    case M_REG -> "reg";
                    default -> "unpriv";
                };
        switch (mode) {
            case M_UIMM:
                return new Row(name, head + "01 " + o + " imm12:12 Rn:5 Rt:5")
                        .exec(LoadStore.unsignedOffset(kind, esize))
                        .dis((w, pc) -> mn + " " + target(kind, esize, LsText.rt(w)) + ", "
                                + LsText.offset(LsText.rn(w), (long) ((w >>> 10) & 0xFFF) << esize));
            case M_UNSCALED:
                return new Row(name, head + "00 " + o + " 0 imm9:9 00 Rn:5 Rt:5")
                        .exec(LoadStore.unscaled(kind, esize))
                        .dis((w, pc) -> mn + " " + target(kind, esize, LsText.rt(w)) + ", "
                                + LsText.offset(LsText.rn(w), LsText.simm9(w)));
            case M_UNPRIV:
                return new Row(name, head + "00 " + o + " 0 imm9:9 10 Rn:5 Rt:5")
                        .exec(LoadStore.unprivileged(kind, esize))
                        .dis((w, pc) -> mn + " " + target(kind, esize, LsText.rt(w)) + ", "
                                + LsText.offset(LsText.rn(w), LsText.simm9(w)));
            case M_POST:
                return new Row(name, head + "00 " + o + " 0 imm9:9 01 Rn:5 Rt:5")
                        .exec(LoadStore.indexed(kind, esize, false))
                        .dis((w, pc) -> mn + " " + target(kind, esize, LsText.rt(w)) + ", "
                                + LsText.post(LsText.rn(w), LsText.simm9(w)));
            case M_PRE:
                return new Row(name, head + "00 " + o + " 0 imm9:9 11 Rn:5 Rt:5")
                        .exec(LoadStore.indexed(kind, esize, true))
                        .dis((w, pc) -> mn + " " + target(kind, esize, LsText.rt(w)) + ", "
                                + LsText.pre(LsText.rn(w), LsText.simm9(w)));
            default:
                // option<1> == 0 is unallocated (Arm ARM C6.2, LDR (register)).
                return new Row(name, head + "00 " + o + " 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5")
                        .when(w -> (w & (1 << 14)) != 0)
                        .exec(LoadStore.registerOffset(kind, esize))
                        .dis((w, pc) -> mn + " " + target(kind, esize, LsText.rt(w)) + ", "
                                + regOffset(w, esize));
        }
    }

    /** "[xn, xm{, lsl #s}]" / "[xn, wm, uxtw{ #s}]" as objdump prints the register offset. */
    static String regOffset(int w, int size) {
        int option = (w >>> 13) & 7;
        boolean s = (w & (1 << 12)) != 0;
        int m = LsText.rs(w);
        String rm = LsText.r(m, (option & 1) != 0);
        String base = "[" + LsText.xsp(LsText.rn(w)) + ", " + rm;
        if (option == 3) {
            return s ? base + ", lsl #" + size + "]" : base + "]";
        }
        return base + ", " + EXTEND[option] + (s ? " #" + size : "") + "]";
    }

    // ---- literal ----

    private static void addLiteral(List<Row> rows) {
        literal(rows, "LDR_W_lit", 0, 0, LD, 2);
        literal(rows, "LDR_X_lit", 1, 0, LD, 3);
        literal(rows, "LDRSW_lit", 2, 0, LDSX, 2);
        literal(rows, "PRFM_lit", 3, 0, PRFM, 3);
        literal(rows, "LDR_S_lit", 0, 1, LDV, 2);
        literal(rows, "LDR_D_lit", 1, 1, LDV, 3);
        literal(rows, "LDR_Q_lit", 2, 1, LDV, 4);
    }

    private static void literal(List<Row> rows, String name, int opc, int v, int kind, int size) {
        String mn = kind == PRFM ? "prfm" : kind == LDSX ? "ldrsw" : "ldr";
        rows.add(new Row(name, bits(opc, 2) + " 011 " + v + " 00 imm19:19 Rt:5")
                .exec(LoadStore.literal(kind, size))
                .dis((w, pc) -> mn + " " + target(kind, size, LsText.rt(w)) + ", "
                        + LsText.target(pc, (long) ((w << 8) >> 13) << 2)));
    }

    // ---- pairs ----

    private static void addPairs(List<Row> rows) {
        // bits 24:23: 00 no-allocate offset, 01 post-index, 10 signed offset, 11 pre-index.
        for (int idx = 0; idx < 4; idx++) {
            for (int v = 0; v < 2; v++) {
                for (int opc = 0; opc < 3; opc++) {
                    for (int l = 0; l < 2; l++) {
                        int kind, size;
                        if (v == 1) {
                            kind = l == 1 ? LDV : STV;
                            size = 2 + opc;
                        } else if (opc == 1) {
                            if (l == 0 || idx == 0) {
                                continue; // STGP is in LoadStoreExtRows; LDNP opc=01 is unallocated
                            }
                            kind = LDSX;
                            size = 2;
                        } else {
                            kind = l == 1 ? LD : ST;
                            size = opc == 0 ? 2 : 3;
                        }
                        rows.add(pair(idx, v, opc, l, kind, size));
                    }
                }
            }
        }
    }

    private static Row pair(int idx, int v, int opc, int l, int kind, int size) {
        String mn = (kind == LDSX ? "ldpsw" : (l == 1 ? "ld" : "st") + (idx == 0 ? "np" : "p"));
        String name = mn.toUpperCase() + "_" + (v == 1 ? LsText.FP_PREFIX[size].toUpperCase() : size == 3 ? "X" : "W")
                + switch (idx) {
                    case 0 -> "";
                    case 1 -> "_post";
                    case 2 -> "_off";
                    default -> "_pre";
                };
        int mode = idx == 1 ? LoadStore.PAIR_POST : idx == 3 ? LoadStore.PAIR_PRE : LoadStore.PAIR_OFFSET;
        boolean vec = v == 1;
        boolean x = kind == LDSX || size == 3;
        Row row = new Row(name, bits(opc, 2) + " 101 " + v + " 0" + bits(idx, 2) + " " + l + " imm7:7 Rt2:5 Rn:5 Rt:5");
        if (kind == LDSX) {
            // LDPSW with Rt == Rt2, or with writeback and Rn == Rt/Rt2, is CONSTRAINED UNPREDICTABLE;
            // objdump treats it as unallocated, and so do we (UNDEFINED is one of the permitted behaviours).
            boolean wb = mode != LoadStore.PAIR_OFFSET;
            row.when(w -> {
                int t = w & 31, t2 = (w >>> 10) & 31, n = (w >>> 5) & 31;
                return t != t2 && !(wb && n != 31 && (n == t || n == t2));
            });
        }
        return row.exec(LoadStore.pair(kind, size, mode))
                .dis((w, pc) -> {
                    long off = (long) ((w << 10) >> 25) << size;
                    String regs = vec ? LsText.fp(size, LsText.rt(w)) + ", " + LsText.fp(size, LsText.rt2(w))
                            : LsText.r(LsText.rt(w), x) + ", " + LsText.r(LsText.rt2(w), x);
                    int n = LsText.rn(w);
                    return mn + " " + regs + ", " + switch (mode) {
                        case LoadStore.PAIR_POST -> LsText.post(n, off);
                        case LoadStore.PAIR_PRE -> LsText.pre(n, off);
                        default -> LsText.offset(n, off);
                    };
                });
    }
}
