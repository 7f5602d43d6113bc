package io.el2studio.sim.cpu;

import static io.el2studio.sim.cpu.FastOps.*;

import io.el2studio.sim.cpu.dp.DpImm;
import io.el2studio.sim.cpu.dp.DpReg;
import io.el2studio.sim.cpu.dp.DpSource;

/**
 * The fast path of {@link Cpu#run} while PSTATE.IL is clear: the same effect as up to {@code n} calls
 * of {@link Cpu#step}, but the decoded page is kept in locals for as long as the PC stays in it and
 * nothing drops it (a store into the page, an invalidation). The hottest instruction classes are
 * executed in a switch on their fast kind ({@link FastOps}) with pre-extracted operands, so the JIT
 * sees plain code instead of one megamorphic interface call; everything else calls the row's Exec.
 *
 * <p>A slot reached often enough by a branch or a page entry ({@link DecodeCache#blockThreshold}) is
 * translated with the straight run of fast-kind instructions after it into a {@link Block}, which the
 * loop then calls instead, when the whole block fits in the budget and the translator is trusted.
 *
 * <p>Bookkeeping is per page visit, not per instruction: {@code pc}, {@code instructionCount} are
 * written back before anything that may observe them (a generic handler, a memory access that may
 * reach a device or fault, leaving the page), and {@code npc} is set only for generic handlers.
 * After an ALU instruction or a branch only the budget and the page bounds are checked; after a
 * memory access or a generic handler also halted, a dropped page, a pending interrupt check and a
 * replaced translator (devices and stores can change those).
 *
 * <p>A debugger's breakpoints ({@link BreakpointMap}) are marked in the page at each entry, as
 * {@link FastOps#BREAK} slots: the loop leaves before them and nowhere else, so breakpoints cost
 * nothing in pages that have none.
 *
 * <p>With an MMU the fetch is translated once per entry into the page; the page is left after any
 * instruction of the system-instruction space and after ERET (see {@link Cpu#leavesPage}), so the
 * next fetch is translated again (Mmu#trusted relies on it, and so does the direct RAM access of
 * Cpu#read/write). Anything unusual (PC misaligned or outside RAM, a fetch fault, IL set) leaves for
 * {@link Cpu#step}. Returns the number of instructions executed, faulting ones included.
 */
final class PageLoop {
    private PageLoop() {
    }

    static long run(Cpu c, long n) {
        long done = 0;
        DecodeCache dc = c.decodeCache;
        long[] x = c.x;
        while (done < n && !c.halted && !c.il) { // IL set (illegal ERET): the next instruction must go through step()
            if (c.irqCheck && Interrupts.takePending(c)) {
                continue;
            }
            long ipc = c.pc;
            Translator m = c.mmu;
            DecodeCache.Page page = null;
            if ((ipc & 3) == 0) {
                if (m == null) {
                    page = dc.page(ipc);
                } else {
                    try {
                        page = dc.page(m.translateFetchInRun(c, ipc));
                    } catch (GuestFault f) {
                        page = null; // step() raises the fetch abort
                    }
                }
            }
            if (page == null) {
                if (c.breakpoints != null) { // not RAM, or a fetch fault: the debugger checks before step()
                    c.atBreakpoint = true;
                    c.halted = true;
                    break;
                }
                c.step();
                done++;
                continue;
            }
            long base = ipc & ~0xFFFL;
            BreakpointMap bm = c.breakpoints;
            if (bm != null || page.bpSlots != null) {
                // This visit's breakpoints (by this VA page and this PA page) marked in the decoded page.
                int[] want = bm == null ? null : bm.slots(c, base, page.pa);
                if (!java.util.Arrays.equals(want, page.bpSlots)) {
                    dc.markBreakpoints(page, want);
                }
            }
            c.fastEnter(m == null || m.fastPathAllowed());
            int[] ops = page.ops;
            long[] imms = page.imms;
            int[] heat = page.heat;
            int hot = dc.blockThreshold;
            long count0 = c.instructionCount;
            long k = 0; // instructions completed in this visit of the page
            long lim = n - done;
            long blockPc = -1; // while a translated block runs: its first PC
            if (++heat[(int) ((ipc >>> 2) & 1023)] == hot) {
                translate(dc, page, (int) ((ipc >>> 2) & 1023));
            }
            try {
                loop:
                while (true) {
                    int i = (int) ((ipc >>> 2) & 1023);
                    int op = ops[i];
                    if ((op & 0xFF) == BLOCK) {
                        Block blk = page.blocks[i];
                        if (k + blk.length <= lim && c.fastFill) {
                            c.instructionCount = count0 + k;
                            blockPc = ipc;
                            ipc = blk.run(c, x, ipc);
                            blockPc = -1;
                            k += c.blockRan;
                            if (k >= lim || ((ipc - base) & ~0xFFCL) != 0 || c.halted || page.dropped || c.irqCheck
                                    || c.mmu != m) {
                                break;
                            }
                            int ni = (int) ((ipc >>> 2) & 1023);
                            if (++heat[ni] == hot) {
                                translate(dc, page, ni);
                            }
                            continue;
                        }
                        op = blk.firstOp; // too long for the budget, or an untrusted translator: interpret
                    }
                    long imm = imms[i];
                    int d = (op >>> 8) & 31, rn = (op >>> 13) & 31, rm = (op >>> 18) & 31;
                    switch (op & 0xFF) {
                        case UNDECODED -> {
                            dc.exec(page, i); // fills the slot; dispatch again
                            continue loop;
                        }
                        case BREAK -> { // maybe a breakpoint: the debugger checks it (BreakpointMap)
                            c.atBreakpoint = true;
                            c.halted = true;
                            break loop;
                        }
                        // ---- data processing: no fault, no memory, no system state ----
                        case ADDI_X -> x[d] = x[rn] + imm;
                        case ADDI_W -> x[d] = (x[rn] + imm) & M32;
                        case MOVI -> x[d] = imm;
                        case ADDS_I_X -> setX(x, d, adds64(c, x[rn], imm, 0));
                        case ADDS_I_W -> setX(x, d, adds32(c, x[rn], imm, 0));
                        case SUBS_I_X -> setX(x, d, adds64(c, x[rn], ~imm, 1));
                        case SUBS_I_W -> setX(x, d, adds32(c, x[rn], ~imm, 1));
                        case SUBS_R_X -> setX(x, d, adds64(c, x[rn], ~x[rm], 1));
                        case SUBS_R_W -> setX(x, d, adds32(c, x[rn], ~x[rm], 1));
                        case AND_I -> x[d] = x[rn] & imm;
                        case ORR_I_X -> x[d] = x[rn] | imm;
                        case EOR_I_X -> x[d] = x[rn] ^ imm;
                        case ADD_R_X -> x[d] = x[rn] + (x[rm] << imm);
                        case SUB_R_X -> x[d] = x[rn] - (x[rm] << imm);
                        case AND_R_X -> x[d] = x[rn] & (x[rm] << imm);
                        case ORR_R_X -> x[d] = x[rn] | (x[rm] << imm);
                        case EOR_R_X -> x[d] = x[rn] ^ (x[rm] << imm);
                        case MOV_R_X -> x[d] = x[rm];
                        case MOV_R_W -> x[d] = x[rm] & M32;
                        case LSL_I_X -> x[d] = x[rn] << imm;
                        case LSR_I_X -> x[d] = x[rn] >>> imm;
                        case ASR_I_X -> x[d] = x[rn] >> imm;
                        case ADR -> x[d] = ((op & (1 << 23)) != 0 ? ipc & ~0xFFFL : ipc) + imm;
                        case NOP -> {
                        }
                        case S_DPIMM_ADD, S_DPIMM_SUB, S_DPIMM_ADDS, S_DPIMM_SUBS, S_DPIMM_AND, S_DPIMM_ORR, S_DPIMM_EOR,
                                S_DPIMM_ANDS, S_MOVN, S_MOVZ, S_MOVK, S_SBFM, S_UBFM, S_BFM, S_EXTR, S_AND, S_BIC, S_ORR, S_ORN,
                                S_EOR, S_EON, S_ANDS, S_BICS, S_ADD_SH, S_ADDS_SH, S_SUB_SH, S_SUBS_SH, S_ADD_EXT, S_ADDS_EXT,
                                S_SUB_EXT, S_SUBS_EXT, S_ADC, S_ADCS, S_SBC, S_SBCS, S_CCMN, S_CCMP, S_CSEL, S_CSINC, S_CSINV,
                                S_CSNEG, S_MADD, S_MSUB, S_SMADDL, S_UMADDL, S_SMULH, S_UMULH, S_UDIV, S_SDIV, S_SHIFTV, S_RBIT,
                                S_REV, S_REV16, S_REV32, S_CLZ, S_CLS -> statik(c, op & 0xFF, (int) imm);
                        // ---- branches: the next pc, then only the budget and the page bounds ----
                        case B, BL, B_COND, CBZ_X, CBNZ_X, CBZ_W, CBNZ_W, TBZ, TBNZ, BR, BLR -> {
                            long next = ipc + 4;
                            switch (op & 0xFF) {
                                case B -> next = ipc + imm;
                                case BL -> {
                                    x[30] = next;
                                    next = ipc + imm;
                                }
                                case B_COND -> {
                                    if (c.conditionHolds(rm)) {
                                        next = ipc + imm;
                                    }
                                }
                                case CBZ_X -> {
                                    if (x[d] == 0) {
                                        next = ipc + imm;
                                    }
                                }
                                case CBNZ_X -> {
                                    if (x[d] != 0) {
                                        next = ipc + imm;
                                    }
                                }
                                case CBZ_W -> {
                                    if ((int) x[d] == 0) {
                                        next = ipc + imm;
                                    }
                                }
                                case CBNZ_W -> {
                                    if ((int) x[d] != 0) {
                                        next = ipc + imm;
                                    }
                                }
                                case TBZ -> {
                                    if ((x[d] & (1L << (op >>> 23))) == 0) {
                                        next = ipc + imm;
                                    }
                                }
                                case TBNZ -> {
                                    if ((x[d] & (1L << (op >>> 23))) != 0) {
                                        next = ipc + imm;
                                    }
                                }
                                case BR -> next = x[rn];
                                default -> { // BLR: the target is read before X30 is written
                                    long t = x[rn];
                                    x[30] = next;
                                    next = t;
                                }
                            }
                            ipc = next;
                            k++;
                            if (k >= lim || ((ipc - base) & ~0xFFCL) != 0) {
                                break loop;
                            }
                            int ni = (int) ((ipc >>> 2) & 1023);
                            if (++heat[ni] == hot) {
                                translate(dc, page, ni);
                            }
                            continue loop;
                        }
                        // ---- loads and stores: pc and the count are visible to devices and faults ----
                        default -> {
                            c.pc = ipc;
                            c.instructionCount = count0 + k;
                            if ((op & 0xFF) == GENERIC) {
                                int w = page.words[i];
                                c.npc = ipc + 4;
                                page.execs[i].exec(c, w);
                                ipc = c.npc;
                                k++;
                                if (k >= lim || ((ipc - base) & ~0xFFCL) != 0 || c.halted || page.dropped || c.irqCheck
                                        || c.mmu != m || (((w >>> 25) & 0x7E) == 0x6A && Cpu.leavesPage(w))) {
                                    break loop;
                                }
                                continue loop;
                            }
                            memory(c, x, op, d, rn, rm, imm);
                            ipc += 4;
                            k++;
                            if (k >= lim || ((ipc - base) & ~0xFFCL) != 0 || c.halted || page.dropped || c.irqCheck
                                    || c.mmu != m) {
                                break loop;
                            }
                            continue loop;
                        }
                    }
                    // data processing done
                    ipc += 4;
                    k++;
                    if (k >= lim || ((ipc - base) & ~0xFFCL) != 0) {
                        break;
                    }
                }
                c.pc = ipc;
                c.instructionCount = count0 + k;
                done += k;
            } catch (GuestFault f) {
                if (blockPc != -1) { // a load or store of a block faulted: blockRan instructions completed before it
                    k += c.blockRan;
                    ipc = blockPc + 4L * c.blockRan;
                }
                c.fastReset();
                c.pc = ipc;
                c.instructionCount = count0 + k + 1;
                done += k + 1;
                c.takeFault(f);
            } finally {
                c.fastReset();
            }
        }
        return done;
    }

    /**
     * Translates the block starting at slot {@code i}, whose arrivals reached the threshold; a slot that
     * cannot start a block gets a count that will not reach the threshold again.
     */
    private static void translate(DecodeCache dc, DecodeCache.Page page, int i) {
        if ((page.ops[i] & 0xFF) == BLOCK) {
            return;
        }
        if (dc.blockThreshold <= 0) { // translation off: reached only when a count wraps around to 0
            page.heat[i] = Integer.MIN_VALUE;
            return;
        }
        if ((page.ops[i] & 0xFF) == UNDECODED) {
            dc.exec(page, i);
        }
        Block b = BlockCompiler.compile(dc, page, i);
        if (b == null) {
            page.heat[i] = Integer.MIN_VALUE;
            return;
        }
        if (page.blocks == null) {
            page.blocks = new Block[1024];
        }
        page.blocks[i] = b;
        page.ops[i] = BLOCK;
        dc.blocksTranslated++;
    }

    /** The S_* kinds: the rows' own static handlers, out of line so that the main loop stays small. */
    private static void statik(Cpu c, int kind, int w) {
        switch (kind) {
                case S_DPIMM_ADD -> DpImm.add(c, w);
                case S_DPIMM_SUB -> DpImm.sub(c, w);
                case S_DPIMM_ADDS -> DpImm.adds(c, w);
                case S_DPIMM_SUBS -> DpImm.subs(c, w);
                case S_DPIMM_AND -> DpImm.and(c, w);
                case S_DPIMM_ORR -> DpImm.orr(c, w);
                case S_DPIMM_EOR -> DpImm.eor(c, w);
                case S_DPIMM_ANDS -> DpImm.ands(c, w);
                case S_MOVN -> DpImm.movn(c, w);
                case S_MOVZ -> DpImm.movz(c, w);
                case S_MOVK -> DpImm.movk(c, w);
                case S_SBFM -> DpImm.sbfm(c, w);
                case S_UBFM -> DpImm.ubfm(c, w);
                case S_BFM -> DpImm.bfm(c, w);
                case S_EXTR -> DpImm.extr(c, w);
                case S_AND -> DpReg.and(c, w);
                case S_BIC -> DpReg.bic(c, w);
                case S_ORR -> DpReg.orr(c, w);
                case S_ORN -> DpReg.orn(c, w);
                case S_EOR -> DpReg.eor(c, w);
                case S_EON -> DpReg.eon(c, w);
                case S_ANDS -> DpReg.ands(c, w);
                case S_BICS -> DpReg.bics(c, w);
                case S_ADD_SH -> DpReg.addShifted(c, w);
                case S_ADDS_SH -> DpReg.addsShifted(c, w);
                case S_SUB_SH -> DpReg.subShifted(c, w);
                case S_SUBS_SH -> DpReg.subsShifted(c, w);
                case S_ADD_EXT -> DpReg.addExtended(c, w);
                case S_ADDS_EXT -> DpReg.addsExtended(c, w);
                case S_SUB_EXT -> DpReg.subExtended(c, w);
                case S_SUBS_EXT -> DpReg.subsExtended(c, w);
                case S_ADC -> DpReg.adc(c, w);
                case S_ADCS -> DpReg.adcs(c, w);
                case S_SBC -> DpReg.sbc(c, w);
                case S_SBCS -> DpReg.sbcs(c, w);
                case S_CCMN -> DpReg.ccmn(c, w);
                case S_CCMP -> DpReg.ccmp(c, w);
                case S_CSEL -> DpReg.csel(c, w);
                case S_CSINC -> DpReg.csinc(c, w);
                case S_CSINV -> DpReg.csinv(c, w);
                case S_CSNEG -> DpReg.csneg(c, w);
                case S_MADD -> DpReg.madd(c, w);
                case S_MSUB -> DpReg.msub(c, w);
                case S_SMADDL -> DpReg.smaddl(c, w);
                case S_UMADDL -> DpReg.umaddl(c, w);
                case S_SMULH -> DpReg.smulh(c, w);
                case S_UMULH -> DpReg.umulh(c, w);
                case S_UDIV -> DpSource.udiv(c, w);
                case S_SDIV -> DpSource.sdiv(c, w);
                case S_SHIFTV -> DpSource.shiftv(c, w);
                case S_RBIT -> DpSource.rbit(c, w);
                case S_REV -> DpSource.rev(c, w);
                case S_REV16 -> DpSource.rev16(c, w);
                case S_REV32 -> DpSource.rev32(c, w);
                case S_CLZ -> DpSource.clz(c, w);
                case S_CLS -> DpSource.cls(c, w);
                default -> throw new IllegalStateException("fast kind " + kind);
        }
    }

    /** The loads and stores of {@link FastOps}: Rt 31 only in stores (XZR), Rn 31 is the current SP. */
    private static void memory(Cpu c, long[] x, int op, int t, int n, int t2, long imm) {
        long b = n == 31 ? c.sp[c.spsel ? c.el : 0] : x[n];
        switch (op & 0xFF) {
            case LDR_X_UI -> x[t] = c.load64(b + imm, SYN_LDR_X | t << 16);
            case LDR_W_UI -> x[t] = c.load32(b + imm, SYN_LDR_W | t << 16);
            case STR_X_UI -> c.store64(b + imm, rz(x, t), SYN_STR_X | t << 16);
            case STR_W_UI -> c.store32(b + imm, (int) rz(x, t), SYN_STR_W | t << 16);
            case LDRB_UI -> x[t] = c.load(b + imm, 1, SYN_LDRB | t << 16);
            case LDRH_UI -> x[t] = c.load(b + imm, 2, SYN_LDRH | t << 16);
            case STRB_UI -> c.store(b + imm, 1, rz(x, t), SYN_STRB | t << 16);
            case STRH_UI -> c.store(b + imm, 2, rz(x, t), SYN_STRH | t << 16);
            case LDUR_X -> x[t] = c.load(b + imm, 8, SYN_LDR_X | t << 16);
            case STUR_X -> c.store(b + imm, 8, rz(x, t), SYN_STR_X | t << 16);
            // Writeback forms: no syndrome (ISV = 0); the base is written last, a store stores the old Rt.
            case LDR_X_PRE -> {
                long a = b + imm;
                x[t] = c.load64(a, 0);
                c.setXsp(n, a);
            }
            case LDR_X_POST -> {
                x[t] = c.load64(b, 0);
                c.setXsp(n, b + imm);
            }
            case STR_X_PRE -> {
                long a = b + imm;
                c.store64(a, rz(x, t), 0);
                c.setXsp(n, a);
            }
            case STR_X_POST -> {
                c.store64(b, rz(x, t), 0);
                c.setXsp(n, b + imm);
            }
            case LD_PRE, LD_POST, ST_PRE, ST_POST -> {
                int kind = op & 0xFF, bytes = 1 << ((op >>> 23) & 3);
                long a = kind == LD_POST || kind == ST_POST ? b : b + imm;
                if (kind == LD_PRE || kind == LD_POST) {
                    x[t] = c.load(a, bytes, 0);
                } else {
                    c.store(a, bytes, rz(x, t), 0);
                }
                c.setXsp(n, b + imm);
            }
            case LD_REG, ST_REG -> {
                int e = op >>> 23, size = e & 3;
                long r = x[t2];
                switch ((e >>> 2) & 7) {
                    case 2 -> r &= M32;     // UXTW
                    case 6 -> r = (int) r;  // SXTW
                    default -> { }          // LSL/UXTX, SXTX
                }
                long a = b + ((e & 32) != 0 ? r << size : r);
                int info = syndrome(size, size == 3, t);
                if ((op & 0xFF) == LD_REG) {
                    x[t] = c.load(a, 1 << size, info);
                } else {
                    c.store(a, 1 << size, rz(x, t), info);
                }
            }
            case LDP_X_OFF, LDP_X_PRE, LDP_X_POST -> {
                long a = (op & 0xFF) == LDP_X_POST ? b : b + imm;
                long v1 = c.load64(a, 0), v2 = c.load64(a + 8, 0);
                x[t2] = v2;
                x[t] = v1;
                if ((op & 0xFF) != LDP_X_OFF) {
                    c.setXsp(n, b + imm);
                }
            }
            case STP_X_OFF, STP_X_PRE, STP_X_POST -> {
                long a = (op & 0xFF) == STP_X_POST ? b : b + imm;
                long v1 = rz(x, t), v2 = rz(x, t2);
                c.store64(a, v1, 0);
                c.store64(a + 8, v2, 0);
                if ((op & 0xFF) != STP_X_OFF) {
                    c.setXsp(n, b + imm);
                }
            }
            default -> throw new IllegalStateException("fast kind " + (op & 0xFF));
        }
    }

    /** Xt where 31 reads as XZR (the source of a store). */
    private static long rz(long[] x, int t) {
        return t == 31 ? 0 : x[t];
    }

    private static final int SYN_LDR_X = syndrome(3, true, 0), SYN_LDR_W = syndrome(2, false, 0);
    private static final int SYN_STR_X = SYN_LDR_X, SYN_STR_W = SYN_LDR_W;
    private static final int SYN_LDRB = syndrome(0, false, 0), SYN_STRB = SYN_LDRB;
    private static final int SYN_LDRH = syndrome(1, false, 0), SYN_STRH = SYN_LDRH;

    private static void setX(long[] x, int d, long v) {
        if (d != 31) {
            x[d] = v;
        }
    }

    /** AddWithCarry on 64 bits with NZCV (Arm ARM J1, AddWithCarry); the same as cpu.dp.Alu. */
    private static long adds64(Cpu c, long x, long y, int carry) {
        long r = x + y + carry;
        long cout = (x & y) | ((x | y) & ~r);
        long ovf = (x ^ r) & (y ^ r);
        c.nzcv = (int) ((r >>> 32) & 0x8000_0000L) | (r == 0 ? 0x4000_0000 : 0)
                | (int) ((cout >>> 63) << 29) | (int) ((ovf >>> 63) << 28);
        return r;
    }

    /** AddWithCarry on 32 bits with NZCV; the sum zero-extended. */
    private static long adds32(Cpu c, long x, long y, int carry) {
        long wide = (x & M32) + (y & M32) + carry;
        int r = (int) wide;
        int ovf = ((int) x ^ r) & ((int) y ^ r);
        c.nzcv = (r & 0x8000_0000) | (r == 0 ? 0x4000_0000 : 0) | (int) ((wide >>> 32) << 29) | ((ovf >>> 31) << 28);
        return r & M32;
    }
}
