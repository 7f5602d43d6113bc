package io.el2studio.sim.cpu;

import io.el2studio.sim.cpu.dp.Alu;
import io.el2studio.sim.isa.Row;

/**
 * The "fast kinds" of the run loop ({@link PageLoop}): for the hottest instruction classes a
 * predecoded slot carries a small int kind with its operands already extracted, and the loop executes
 * it in a switch instead of the megamorphic {@code Exec} call. The kind is derived from the row the
 * decoder chose (the encoding table stays the only decoder) and from that row's fields; a word whose
 * operands fall outside the specialised case (register 31, an unusual shift) keeps the generic
 * handler. Kinds named S_* call the row's own static handler directly (a monomorphic, inlinable call,
 * the same code as the row's {@code Exec}); the others are small re-statements of the handler with the
 * operands pre-extracted, which FastKindsAgreeTest checks against the row's handler on random words.
 *
 * <p>Slot layout: {@code op} = kind (bits 7..0) | d (12..8) | n (17..13) | m (22..18) | e (28..23);
 * {@code imm} = a precomputed 64-bit operand (immediate, branch offset, bit mask), or for S_* kinds the
 * instruction word.
 */
public final class FastOps {
    private FastOps() {
    }

    // ---- kinds ----
    /** Not decoded yet: the loop decodes the slot and dispatches again. */
    public static final int UNDECODED = 0;
    /** The row's Exec, called through the interface (pc and npc set as for step()). */
    public static final int GENERIC = 1;

    // data processing, inline (registers never 31 unless noted)
    public static final int ADDI_X = 2, ADDI_W = 3, MOVI = 4;
    public static final int ADDS_I_X = 5, ADDS_I_W = 6, SUBS_I_X = 7, SUBS_I_W = 8; // d may be 31 (CMN/CMP)
    public static final int AND_I = 9, ORR_I_X = 10, EOR_I_X = 11;
    public static final int ADD_R_X = 12, SUB_R_X = 13, AND_R_X = 14, ORR_R_X = 15, EOR_R_X = 16; // LSL #imm
    public static final int MOV_R_X = 17, MOV_R_W = 18;
    public static final int SUBS_R_X = 19, SUBS_R_W = 20; // LSL #0, d may be 31 (CMP)
    public static final int LSL_I_X = 21, LSR_I_X = 22, ASR_I_X = 23;
    public static final int ADR = 24; // imm = offset from the page-aligned (ADRP) or exact (ADR) pc: e = 1 for ADRP
    // branches
    public static final int B = 25, BL = 26, B_COND = 27, CBZ_X = 28, CBNZ_X = 29, CBZ_W = 30, CBNZ_W = 31;
    public static final int TBZ = 32, TBNZ = 33, BR = 34, BLR = 35;
    // loads and stores (Rn 31 is SP; Rt 31 only in stores, where it reads as XZR)
    public static final int LDR_X_UI = 36, LDR_W_UI = 37, STR_X_UI = 38, STR_W_UI = 39;
    public static final int LDRB_UI = 40, STRB_UI = 41, LDRH_UI = 42, STRH_UI = 43;
    public static final int LDR_X_PRE = 44, LDR_X_POST = 45, STR_X_PRE = 46, STR_X_POST = 47;
    public static final int LDP_X_OFF = 48, STP_X_OFF = 49, LDP_X_PRE = 50, LDP_X_POST = 51, STP_X_PRE = 52, STP_X_POST = 53;
    public static final int LDUR_X = 54, STUR_X = 55;
    /** The slot starts a translated {@link Block} (page.blocks[i]; the slot's own op is Block#firstOp). */
    public static final int BLOCK = 56;
    /** Rows that are no-ops here: HINT (NOP, BTI, hints of features not implemented), DMB, DSB, PRFM. */
    public static final int NOP = 57;
    /**
     * A debugger's breakpoint may be at this slot in the current page visit (DecodeCache#markBreakpoints;
     * the slot's own op is kept in Page#bpSaved): the run loop leaves before it, with Cpu#atBreakpoint
     * set, for the debugger's exact check. Never inside a translated block.
     */
    public static final int BREAK = 58;
    // loads (zero-extended) and stores of 1 << size bytes: size in e bits 1..0; REG: option in e 4..2, S in e 5, Rm in m
    public static final int LD_PRE = 60, LD_POST = 61, ST_PRE = 62, ST_POST = 63, LD_REG = 64, ST_REG = 65;
    // static calls of the rows' own handlers (imm holds the word)
    public static final int S_DPIMM_ADD = 80, S_DPIMM_SUB = 81, S_DPIMM_ADDS = 82, S_DPIMM_SUBS = 83;
    public static final int S_DPIMM_AND = 84, S_DPIMM_ORR = 85, S_DPIMM_EOR = 86, S_DPIMM_ANDS = 87;
    public static final int S_MOVN = 88, S_MOVZ = 89, S_MOVK = 90, S_SBFM = 91, S_UBFM = 92, S_BFM = 93, S_EXTR = 94;
    public static final int S_AND = 95, S_BIC = 96, S_ORR = 97, S_ORN = 98, S_EOR = 99, S_EON = 100, S_ANDS = 101, S_BICS = 102;
    public static final int S_ADD_SH = 103, S_ADDS_SH = 104, S_SUB_SH = 105, S_SUBS_SH = 106;
    public static final int S_ADD_EXT = 107, S_ADDS_EXT = 108, S_SUB_EXT = 109, S_SUBS_EXT = 110;
    public static final int S_ADC = 111, S_ADCS = 112, S_SBC = 113, S_SBCS = 114, S_CCMN = 115, S_CCMP = 116;
    public static final int S_CSEL = 117, S_CSINC = 118, S_CSINV = 119, S_CSNEG = 120;
    public static final int S_MADD = 121, S_MSUB = 122, S_SMADDL = 123, S_UMADDL = 124, S_SMULH = 125, S_UMULH = 126;
    public static final int S_UDIV = 127, S_SDIV = 128, S_SHIFTV = 129, S_RBIT = 130, S_REV = 131, S_REV16 = 132;
    public static final int S_REV32 = 133, S_CLZ = 134, S_CLS = 135;
    /** One more than the largest kind. */
    public static final int KIND_COUNT = 136;

    static final long M32 = 0xFFFF_FFFFL;

    static int op(int kind, int d, int n, int m, int e) {
        return kind | d << 8 | n << 13 | m << 18 | e << 23;
    }

    /** Fills slot {@code i} of a page: op and imm of the word {@code w} that the decoder resolved to {@code row} (null: UNDEFINED). */
    static void classify(Row row, int w, int[] ops, long[] imms, int i) {
        long[] imm = new long[1];
        ops[i] = row == null ? GENERIC : of(row.name(), w, imm);
        imms[i] = imm[0];
    }

    /** The kind that the loop executes {@code w} (decoded to {@code row}) with; for tests. */
    public static int kindOf(Row row, int w) {
        return row == null ? GENERIC : of(row.name(), w, new long[1]) & 0xFF;
    }

    private static int statik(int kind, int w, long[] imm) {
        imm[0] = w;
        return kind;
    }

    /** The op of word {@code w} of row {@code name}; writes its 64-bit operand to {@code imm[0]}. */
    private static int of(String name, int w, long[] imm) {
        int d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
        boolean sf = w < 0;
        switch (name) {
            // ---- add/subtract, logical (immediate), move wide ----
            case "ADD_imm", "SUB_imm" -> {
                if (d == 31 || n == 31) {
                    return statik(name.equals("ADD_imm") ? S_DPIMM_ADD : S_DPIMM_SUB, w, imm);
                }
                long v = (w >>> 10) & 0xFFF;
                v = (w & (1 << 22)) != 0 ? v << 12 : v;
                imm[0] = name.equals("ADD_imm") ? v : -v;
                return op(sf ? ADDI_X : ADDI_W, d, n, 0, 0);
            }
            case "ADDS_imm", "SUBS_imm" -> {
                boolean add = name.equals("ADDS_imm");
                if (n == 31) {
                    return statik(add ? S_DPIMM_ADDS : S_DPIMM_SUBS, w, imm);
                }
                long v = (w >>> 10) & 0xFFF;
                imm[0] = (w & (1 << 22)) != 0 ? v << 12 : v;
                return op(add ? (sf ? ADDS_I_X : ADDS_I_W) : (sf ? SUBS_I_X : SUBS_I_W), d, n, 0, 0);
            }
            case "AND_imm", "ORR_imm", "EOR_imm" -> {
                long v = Alu.logicalImmediate(w); // already zero-extended for W
                if (d != 31 && n == 31 && name.equals("ORR_imm")) {
                    imm[0] = v; // MOV (bitmask immediate)
                    return op(MOVI, d, 0, 0, 0);
                }
                if (d == 31 || n == 31 || (!sf && !name.equals("AND_imm"))) {
                    return statik(name.equals("AND_imm") ? S_DPIMM_AND : name.equals("ORR_imm") ? S_DPIMM_ORR : S_DPIMM_EOR, w, imm);
                }
                imm[0] = v;
                return op(name.equals("AND_imm") ? AND_I : name.equals("ORR_imm") ? ORR_I_X : EOR_I_X, d, n, 0, 0);
            }
            case "ANDS_imm" -> {
                return statik(S_DPIMM_ANDS, w, imm);
            }
            case "MOVZ", "MOVN" -> {
                if (d == 31) {
                    return statik(name.equals("MOVZ") ? S_MOVZ : S_MOVN, w, imm);
                }
                long v = (long) ((w >>> 5) & 0xFFFF) << (((w >>> 21) & 3) << 4);
                if (name.equals("MOVN")) {
                    v = sf ? ~v : ~v & M32;
                }
                imm[0] = v;
                return op(MOVI, d, 0, 0, 0);
            }
            case "MOVK" -> {
                return statik(S_MOVK, w, imm);
            }
            case "SBFM", "UBFM" -> {
                int immr = (w >>> 16) & 63, imms = (w >>> 10) & 63;
                if (sf && d != 31 && n != 31) {
                    if (imms == 63) { // LSR / ASR (immediate)
                        imm[0] = immr;
                        return op(name.equals("UBFM") ? LSR_I_X : ASR_I_X, d, n, 0, 0);
                    }
                    if (name.equals("UBFM") && imms + 1 == immr) { // LSL (immediate)
                        imm[0] = 63 - imms;
                        return op(LSL_I_X, d, n, 0, 0);
                    }
                }
                return statik(name.equals("UBFM") ? S_UBFM : S_SBFM, w, imm);
            }
            case "BFM" -> {
                return statik(S_BFM, w, imm);
            }
            case "EXTR" -> {
                return statik(S_EXTR, w, imm);
            }
            case "ADR", "ADRP" -> {
                if (d == 31) {
                    return GENERIC;
                }
                long off = (long) (((w << 8) >> 13) << 2 | ((w >>> 29) & 3));
                boolean page = name.equals("ADRP");
                imm[0] = page ? off << 12 : off;
                return op(ADR, d, 0, 0, page ? 1 : 0);
            }
            // ---- data processing (register) ----
            case "AND_reg", "ORR_reg", "EOR_reg" -> {
                int type = (w >>> 22) & 3, amount = (w >>> 10) & 63;
                if (name.equals("ORR_reg") && n == 31 && type == 0 && amount == 0 && d != 31 && m != 31) {
                    return op(sf ? MOV_R_X : MOV_R_W, d, 0, m, 0); // MOV (register)
                }
                if (sf && type == 0 && d != 31 && n != 31 && m != 31) {
                    imm[0] = amount;
                    return op(name.equals("AND_reg") ? AND_R_X : name.equals("ORR_reg") ? ORR_R_X : EOR_R_X, d, n, m, 0);
                }
                return statik(name.equals("AND_reg") ? S_AND : name.equals("ORR_reg") ? S_ORR : S_EOR, w, imm);
            }
            case "BIC_reg" -> { return statik(S_BIC, w, imm); }
            case "ORN_reg" -> { return statik(S_ORN, w, imm); }
            case "EON_reg" -> { return statik(S_EON, w, imm); }
            case "ANDS_reg" -> { return statik(S_ANDS, w, imm); }
            case "BICS_reg" -> { return statik(S_BICS, w, imm); }
            case "ADD_shifted", "SUB_shifted" -> {
                int type = (w >>> 22) & 3, amount = (w >>> 10) & 63;
                boolean add = name.equals("ADD_shifted");
                if (sf && type == 0 && d != 31 && n != 31 && m != 31) {
                    imm[0] = amount;
                    return op(add ? ADD_R_X : SUB_R_X, d, n, m, 0);
                }
                return statik(add ? S_ADD_SH : S_SUB_SH, w, imm);
            }
            case "SUBS_shifted" -> {
                if (((w >>> 10) & 63) == 0 && ((w >>> 22) & 3) == 0 && n != 31 && m != 31) { // LSL #0
                    return op(sf ? SUBS_R_X : SUBS_R_W, d, n, m, 0);
                }
                return statik(S_SUBS_SH, w, imm);
            }
            case "ADDS_shifted" -> { return statik(S_ADDS_SH, w, imm); }
            case "ADD_ext" -> { return statik(S_ADD_EXT, w, imm); }
            case "ADDS_ext" -> { return statik(S_ADDS_EXT, w, imm); }
            case "SUB_ext" -> { return statik(S_SUB_EXT, w, imm); }
            case "SUBS_ext" -> { return statik(S_SUBS_EXT, w, imm); }
            case "ADC" -> { return statik(S_ADC, w, imm); }
            case "ADCS" -> { return statik(S_ADCS, w, imm); }
            case "SBC" -> { return statik(S_SBC, w, imm); }
            case "SBCS" -> { return statik(S_SBCS, w, imm); }
            case "CCMN_reg", "CCMN_imm" -> { return statik(S_CCMN, w, imm); }
            case "CCMP_reg", "CCMP_imm" -> { return statik(S_CCMP, w, imm); }
            case "CSEL" -> { return statik(S_CSEL, w, imm); }
            case "CSINC" -> { return statik(S_CSINC, w, imm); }
            case "CSINV" -> { return statik(S_CSINV, w, imm); }
            case "CSNEG" -> { return statik(S_CSNEG, w, imm); }
            case "MADD" -> { return statik(S_MADD, w, imm); }
            case "MSUB" -> { return statik(S_MSUB, w, imm); }
            case "SMADDL" -> { return statik(S_SMADDL, w, imm); }
            case "UMADDL" -> { return statik(S_UMADDL, w, imm); }
            case "SMULH" -> { return statik(S_SMULH, w, imm); }
            case "UMULH" -> { return statik(S_UMULH, w, imm); }
            case "UDIV" -> { return statik(S_UDIV, w, imm); }
            case "SDIV" -> { return statik(S_SDIV, w, imm); }
            case "LSLV", "LSRV", "ASRV", "RORV" -> { return statik(S_SHIFTV, w, imm); }
            case "RBIT" -> { return statik(S_RBIT, w, imm); }
            case "REV_32", "REV_64" -> { return statik(S_REV, w, imm); }
            case "REV16" -> { return statik(S_REV16, w, imm); }
            case "REV32" -> { return statik(S_REV32, w, imm); }
            case "CLZ" -> { return statik(S_CLZ, w, imm); }
            case "CLS" -> { return statik(S_CLS, w, imm); }
            case "HINT", "DMB", "DSB" -> {
                // SystemExec::nop: the hints without an effect here (WFI, YIELD, ... have rows of their own) and
                // the barriers (one PE at a time, in order). ISB stays generic: the loop leaves its page after it.
                // While a profiler counts barriers they stay generic too (SystemExec::barrier tells it).
                return !name.equals("HINT") && CpuObserver.Flags.countBarriers ? GENERIC : NOP;
            }
            case "PRFM_uimm", "PRFM_reg", "PRFUM_unscaled", "PRFM_lit" -> {
                return NOP; // prefetches: no architectural effect, never fault (LoadStore PRFM)
            }
            // ---- branches: imm = offset from this instruction ----
            case "B", "BL" -> {
                imm[0] = (long) (w << 6 >> 6) << 2;
                return op(name.equals("B") ? B : BL, 0, 0, 0, 0);
            }
            case "B_cond" -> {
                imm[0] = (long) (w << 8 >> 13) << 2;
                return op(B_COND, 0, 0, w & 0xF, 0);
            }
            case "CBZ_CBNZ" -> {
                if (d == 31) {
                    return GENERIC;
                }
                imm[0] = (long) (w << 8 >> 13) << 2;
                boolean nz = (w & (1 << 24)) != 0;
                return op(sf ? (nz ? CBNZ_X : CBZ_X) : (nz ? CBNZ_W : CBZ_W), d, 0, 0, 0);
            }
            case "TBZ_TBNZ" -> {
                if (d == 31) {
                    return GENERIC;
                }
                imm[0] = (long) (w << 13 >> 18) << 2;
                int bit = ((w >>> 26) & 0x20) | ((w >>> 19) & 0x1F);
                return op((w & (1 << 24)) != 0 ? TBNZ : TBZ, d, 0, 0, bit);
            }
            case "BR", "RET", "BLR" -> {
                if (n == 31) {
                    return GENERIC;
                }
                return op(name.equals("BLR") ? BLR : BR, 0, n, 0, 0);
            }
            // ---- loads and stores ----
            case "LDR_X_uimm", "LDR_W_uimm", "STR_X_uimm", "STR_W_uimm", "LDRB_W_uimm", "STRB_W_uimm",
                    "LDRH_W_uimm", "STRH_W_uimm" -> {
                if (d == 31 && name.startsWith("LD")) {
                    return GENERIC;
                }
                int size = (w >>> 30) & 3;
                imm[0] = (long) ((w >>> 10) & 0xFFF) << size;
                int kind = switch (name) {
                    case "LDR_X_uimm" -> LDR_X_UI;
                    case "LDR_W_uimm" -> LDR_W_UI;
                    case "STR_X_uimm" -> STR_X_UI;
                    case "STR_W_uimm" -> STR_W_UI;
                    case "LDRB_W_uimm" -> LDRB_UI;
                    case "STRB_W_uimm" -> STRB_UI;
                    case "LDRH_W_uimm" -> LDRH_UI;
                    default -> STRH_UI;
                };
                return op(kind, d, n, 0, 0);
            }
            case "LDR_X_pre", "LDR_X_post", "STR_X_pre", "STR_X_post", "LDUR_X_unscaled", "STUR_X_unscaled" -> {
                if (!name.startsWith("ST") && (d == 31 || d == n)) {
                    return GENERIC; // a load into XZR, or with writeback into its own base (CONSTRAINED UNPREDICTABLE)
                }
                imm[0] = (w << 11) >> 23;
                int kind = switch (name) {
                    case "LDR_X_pre" -> LDR_X_PRE;
                    case "LDR_X_post" -> LDR_X_POST;
                    case "STR_X_pre" -> STR_X_PRE;
                    case "STR_X_post" -> STR_X_POST;
                    case "LDUR_X_unscaled" -> LDUR_X;
                    default -> STUR_X;
                };
                return op(kind, d, n, 0, 0);
            }
            case "LDP_X_off", "STP_X_off", "LDP_X_pre", "LDP_X_post", "STP_X_pre", "STP_X_post" -> {
                int t2 = (w >>> 10) & 31;
                boolean load = name.startsWith("LD");
                boolean wb = !name.endsWith("off");
                if (load && (d == 31 || t2 == 31 || t2 == d || (wb && (d == n || t2 == n)))) {
                    return GENERIC; // XZR, and the CONSTRAINED UNPREDICTABLE overlaps: the generic handler decides
                }
                imm[0] = (long) ((w << 10) >> 25) << 3;
                int kind = switch (name) {
                    case "LDP_X_off" -> LDP_X_OFF;
                    case "STP_X_off" -> STP_X_OFF;
                    case "LDP_X_pre" -> LDP_X_PRE;
                    case "LDP_X_post" -> LDP_X_POST;
                    case "STP_X_pre" -> STP_X_PRE;
                    default -> STP_X_POST;
                };
                return op(kind, d, n, t2, 0);
            }
            case "LDRB_W_pre", "LDRH_W_pre", "LDR_W_pre", "LDRB_W_post", "LDRH_W_post", "LDR_W_post",
                    "STRB_W_pre", "STRH_W_pre", "STR_W_pre", "STRB_W_post", "STRH_W_post", "STR_W_post" -> {
                boolean load = name.startsWith("LD");
                if (load && (d == 31 || d == n)) {
                    return GENERIC;
                }
                imm[0] = (w << 11) >> 23;
                int kind = name.endsWith("pre") ? (load ? LD_PRE : ST_PRE) : (load ? LD_POST : ST_POST);
                return op(kind, d, n, 0, (w >>> 30) & 3);
            }
            case "LDRB_W_reg", "LDRH_W_reg", "LDR_W_reg", "LDR_X_reg", "STRB_W_reg", "STRH_W_reg", "STR_W_reg", "STR_X_reg" -> {
                boolean load = name.startsWith("LD");
                if ((load && d == 31) || m == 31) {
                    return GENERIC;
                }
                int e = (w >>> 30) & 3 | ((w >>> 13) & 7) << 2 | ((w >>> 12) & 1) << 5;
                return op(load ? LD_REG : ST_REG, d, n, m, e);
            }
            default -> {
                return GENERIC;
            }
        }
    }

    /** The ESR ISS[24:14] a stage 2 Data Abort reports for a GPR access of {@code 1 << size} bytes (see LoadStore#syndrome). */
    static int syndrome(int size, boolean sf, int t) {
        return 1 << 24 | size << 22 | t << 16 | (sf ? 1 << 15 : 0);
    }
}
