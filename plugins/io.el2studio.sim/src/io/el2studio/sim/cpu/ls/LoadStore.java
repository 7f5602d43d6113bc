package io.el2studio.sim.cpu.ls;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.fp.FpAccess;
import io.el2studio.sim.isa.Exec;

/**
 * Execution of the single-register and pair loads and stores (Arm ARM C4.1.88, "Loads and
 * Stores": load register literal, load/store register with immediate, register offset, pre/post
 * index, unprivileged, and the pair forms), for general-purpose and SIMD&amp;FP registers.
 *
 * <p>Each row of {@code isa.LoadStoreRows} gets one {@link Exec} built here with its access kind
 * and size fixed, so a handler is: compute the address, access memory, then write registers.
 * Every memory access happens before any register is written, so a fault leaves the PE unchanged
 * (the GuestFault contract). A store of two doublewords (Q register, pairs) can fault on its
 * second access after the first was written (a fault on the second page), which the architecture
 * permits for accesses that are not single-copy atomic as a whole (Arm ARM B2.2.1).
 */
public final class LoadStore {
    private LoadStore() {
    }

    // ---- access kinds (the opc/V column of the encoding tables) ----
    /** Store of Wt/Xt (low {@code 8 << size} bits). */
    public static final int ST = 0;
    /** Load, zero-extended to 64 bits (LDRB, LDRH, LDR W, LDR X). */
    public static final int LD = 1;
    /** Load sign-extended to 64 bits (LDRSB/LDRSH/LDRSW to X). */
    public static final int LDSX = 2;
    /** Load sign-extended to 32 bits, upper half zero (LDRSB/LDRSH to W). */
    public static final int LDSW = 3;
    /** Prefetch: no architectural effect, never faults. */
    public static final int PRFM = 4;
    /** Store of SIMD&amp;FP register Bt/Ht/St/Dt/Qt. */
    public static final int STV = 5;
    /** Load of SIMD&amp;FP register, zeroing the rest of the vector register. */
    public static final int LDV = 6;

    // ---- addressing modes ----
    public static final int UIMM = 0, UNSCALED = 1, POST = 2, PRE = 3, REG = 4;

    static long sext(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    /**
     * Hook for the SP alignment check (Arm ARM D1.8.2, CheckSPAlignment): when the base register is
     * SP and SCTLR_ELx.SA (SA0 at EL0) is set, a base not 16-byte aligned raises an SP alignment
     * fault (EC 0x26). TODO(system): SCTLR_ELx is not modelled yet, so the check never fires.
     */
    static void checkSpAlignment(Cpu cpu, int n) {
    }

    /** The base address: Xn or SP (n = 31), with the SP alignment hook. */
    static long base(Cpu cpu, int n) {
        if (n == 31) {
            checkSpAlignment(cpu, n);
            return cpu.sp();
        }
        return cpu.x[n];
    }

    /** One register's transfer (size = log2 bytes, 0..4; 4 only for Q registers). */
    static void transfer(Cpu cpu, int kind, int size, int t, long a) {
        switch (kind) {
            case ST -> cpu.write(a, 1 << size, cpu.x(t));
            case LD -> cpu.setX(t, cpu.read(a, 1 << size));
            case LDSX -> cpu.setX(t, sext(cpu.read(a, 1 << size), 8 << size));
            case LDSW -> cpu.setW(t, sext(cpu.read(a, 1 << size), 8 << size));
            case PRFM -> { }
            case STV -> {
                FpAccess.check(cpu); // CheckFPAdvSIMDEnabled64, before any access
                if (size == 4) {
                    long hi = cpu.v[2 * t + 1];
                    cpu.write(a, 8, cpu.v[2 * t]);
                    cpu.write(a + 8, 8, hi);
                } else {
                    cpu.write(a, 1 << size, cpu.v[2 * t]);
                }
            }
            default -> { // LDV
                FpAccess.check(cpu);
                if (size == 4) {
                    long lo = cpu.read(a, 8);
                    long hi = cpu.read(a + 8, 8);
                    cpu.v[2 * t] = lo;
                    cpu.v[2 * t + 1] = hi;
                } else {
                    cpu.setScalar(t, cpu.read(a, 1 << size), 8 << size);
                }
            }
        }
    }

    // ---- single register ----

    /**
     * The syndrome a stage 2 Data Abort reports for a single general-purpose register access without
     * writeback (Arm ARM D17.2.37, ISS[24:14], ISV = 1): SAS = size, SSE, SF (64-bit register), with
     * SRT added per instruction; 0 for the SIMD&amp;FP forms and prefetches (ISV = 0). Handed to the MMU in
     * {@link Cpu#accessInfo}.
     */
    static int syndrome(int kind, int size) {
        if (kind != ST && kind != LD && kind != LDSX && kind != LDSW) {
            return 0;
        }
        boolean sse = kind == LDSX || kind == LDSW;
        boolean sf = kind == LDSX || (size == 3 && (kind == LD || kind == ST));
        return 1 << 24 | size << 22 | (sse ? 1 << 21 : 0) | (sf ? 1 << 15 : 0);
    }

    /** {@link Cpu#accessInfo} flag of an unprivileged access. */
    static final int UNPRIV = 0x8000_0000;

    /** Runs a single-register access with its syndrome in {@link Cpu#accessInfo}. */
    static void withSyndrome(Cpu cpu, int syn, int kind, int size, int t, long a) {
        cpu.accessInfo = syn | t << 16;
        transfer(cpu, kind, size, t, a);
        cpu.accessInfo = 0;
    }

    /** LDR/STR (immediate, unsigned offset): Xn|SP + imm12 &lt;&lt; size. */
    public static Exec unsignedOffset(int kind, int size) {
        int syn = syndrome(kind, size);
        // The commonest forms get handlers of their own, with the size fixed (see Cpu#load64).
        if (kind == LD && size == 3) {
            return LoadStore::ldrX;
        } else if (kind == LD && size == 2) {
            return LoadStore::ldrW;
        } else if (kind == ST && size == 3) {
            return LoadStore::strX;
        } else if (kind == ST && size == 2) {
            return LoadStore::strW;
        }
        if (syn == 0) {
            return (cpu, w) -> transfer(cpu, kind, size, w & 31, base(cpu, (w >>> 5) & 31) + ((long) ((w >>> 10) & 0xFFF) << size));
        }
        return (cpu, w) -> withSyndrome(cpu, syn, kind, size, w & 31, base(cpu, (w >>> 5) & 31) + ((long) ((w >>> 10) & 0xFFF) << size));
    }

    // LDR/STR Wt/Xt (unsigned offset): the access size is fixed, so no switch on kind and size per
    // execution, and the syndrome is set only when the access goes through the MMU (Cpu#load64).
    private static final int SYN_LDR_X = syndrome(LD, 3), SYN_LDR_W = syndrome(LD, 2);
    private static final int SYN_STR_X = syndrome(ST, 3), SYN_STR_W = syndrome(ST, 2);

    /** Xn|SP + imm12 &lt;&lt; size of the unsigned-offset forms. */
    private static long uimmAddress(Cpu cpu, int w, int size) {
        int n = (w >>> 5) & 31;
        return (n == 31 ? base(cpu, 31) : cpu.x[n]) + ((long) ((w >>> 10) & 0xFFF) << size);
    }

    private static void ldrX(Cpu cpu, int w) {
        int t = w & 31;
        long v = cpu.load64(uimmAddress(cpu, w, 3), SYN_LDR_X | t << 16);
        if (t != 31) {
            cpu.x[t] = v;
        }
    }

    private static void ldrW(Cpu cpu, int w) {
        int t = w & 31;
        long v = cpu.load32(uimmAddress(cpu, w, 2), SYN_LDR_W | t << 16);
        if (t != 31) {
            cpu.x[t] = v;
        }
    }

    private static void strX(Cpu cpu, int w) {
        int t = w & 31;
        cpu.store64(uimmAddress(cpu, w, 3), t == 31 ? 0 : cpu.x[t], SYN_STR_X | t << 16);
    }

    private static void strW(Cpu cpu, int w) {
        int t = w & 31;
        cpu.store32(uimmAddress(cpu, w, 2), t == 31 ? 0 : (int) cpu.x[t], SYN_STR_W | t << 16);
    }

    /** LDUR/STUR (and LDTR/STTR, see {@link #unprivileged}): Xn|SP + SignExtend(imm9). */
    public static Exec unscaled(int kind, int size) {
        int syn = syndrome(kind, size);
        if (syn == 0) {
            return (cpu, w) -> transfer(cpu, kind, size, w & 31, base(cpu, (w >>> 5) & 31) + ((w << 11) >> 23));
        }
        return (cpu, w) -> withSyndrome(cpu, syn, kind, size, w & 31, base(cpu, (w >>> 5) & 31) + ((w << 11) >> 23));
    }

    /**
     * LDTR/STTR family: unprivileged accesses. When PSTATE.EL is 1 (or 2 with HCR_EL2.{E2H,TGE} =
     * {1,1}) and PSTATE.UAO is 0, the MMU checks EL0 permissions (Arm ARM D8.4, AArch64.CheckPermission
     * with AccessType_UNPRIV); the UNPRIV flag in {@link Cpu#accessInfo} tells it so.
     */
    public static Exec unprivileged(int kind, int size) {
        int syn = syndrome(kind, size) | UNPRIV;
        return (cpu, w) -> withSyndrome(cpu, syn, kind, size, w & 31, base(cpu, (w >>> 5) & 31) + ((w << 11) >> 23));
    }

    /**
     * Pre- and post-indexed forms. Writeback comes last: for a load with Rt == Rn (CONSTRAINED
     * UNPREDICTABLE, Arm ARM K1.2.6) the base register receives the written-back address, and a
     * store with Rt == Rn stores the original register value, as QEMU does.
     */
    public static Exec indexed(int kind, int size, boolean pre) {
        if (pre) {
            return (cpu, w) -> {
                int n = (w >>> 5) & 31;
                long a = base(cpu, n) + ((w << 11) >> 23);
                transfer(cpu, kind, size, w & 31, a);
                cpu.setXsp(n, a);
            };
        }
        return (cpu, w) -> {
            int n = (w >>> 5) & 31;
            long a = base(cpu, n);
            transfer(cpu, kind, size, w & 31, a);
            cpu.setXsp(n, a + ((w << 11) >> 23));
        };
    }

    /** ExtendReg(Rm, option, shift) of the register-offset forms; option&lt;1&gt; == 1 by decode. */
    static long offsetReg(Cpu cpu, int w, int size) {
        int m = (w >>> 16) & 31;
        long r = cpu.x(m);
        int shift = (w & (1 << 12)) != 0 ? size : 0;
        switch ((w >>> 13) & 7) {
            case 2 -> r &= 0xFFFFFFFFL;       // UXTW
            case 6 -> r = (long) (int) r;     // SXTW
            default -> { }                    // LSL/UXTX (011), SXTX (111)
        }
        return r << shift;
    }

    /** LDR/STR (register offset): Xn|SP + ExtendReg(Rm, option, S ? size : 0). */
    public static Exec registerOffset(int kind, int size) {
        int syn = syndrome(kind, size);
        if (syn == 0) {
            return (cpu, w) -> transfer(cpu, kind, size, w & 31, base(cpu, (w >>> 5) & 31) + offsetReg(cpu, w, size));
        }
        return (cpu, w) -> withSyndrome(cpu, syn, kind, size, w & 31, base(cpu, (w >>> 5) & 31) + offsetReg(cpu, w, size));
    }

    /** LDR (literal), LDRSW (literal), PRFM (literal): PC + SignExtend(imm19:'00'). */
    public static Exec literal(int kind, int size) {
        int syn = syndrome(kind, size);
        if (syn == 0) {
            return (cpu, w) -> transfer(cpu, kind, size, w & 31, cpu.pc + (((w << 8) >> 13) << 2));
        }
        return (cpu, w) -> withSyndrome(cpu, syn, kind, size, w & 31, cpu.pc + (((w << 8) >> 13) << 2));
    }

    // ---- pairs ----

    public static final int PAIR_OFFSET = 0, PAIR_POST = 1, PAIR_PRE = 2;

    /**
     * LDP/STP/LDPSW/LDNP/STNP, general-purpose and SIMD&amp;FP. Offset = SignExtend(imm7) &lt;&lt; size.
     * Both loads complete before a register is written. For LDP with Rt == Rt2 (CONSTRAINED
     * UNPREDICTABLE) QEMU 7.2 leaves the first value in a general-purpose register and the second
     * in a SIMD&amp;FP register; we follow it. Writeback is last (see {@link #indexed}).
     */
    public static Exec pair(int kind, int size, int mode) {
        if (kind == LD && size == 3) {
            return mode == PAIR_OFFSET ? LoadStore::ldpX : (cpu, w) -> ldpXWriteback(cpu, w, mode);
        } else if (kind == ST && size == 3) {
            return mode == PAIR_OFFSET ? LoadStore::stpX : (cpu, w) -> stpXWriteback(cpu, w, mode);
        }
        return (cpu, w) -> {
            int n = (w >>> 5) & 31;
            int t = w & 31, t2 = (w >>> 10) & 31;
            long b = base(cpu, n);
            long off = (long) ((w << 10) >> 25) << size;
            long a = mode == PAIR_POST ? b : b + off;
            int bytes = 1 << size;
            if (kind == STV || kind == LDV) {
                FpAccess.check(cpu);
            }
            switch (kind) {
                case ST -> {
                    long v1 = cpu.x(t), v2 = cpu.x(t2);
                    cpu.write(a, bytes, v1);
                    cpu.write(a + bytes, bytes, v2);
                }
                case STV -> {
                    long l1 = cpu.v[2 * t], h1 = cpu.v[2 * t + 1], l2 = cpu.v[2 * t2], h2 = cpu.v[2 * t2 + 1];
                    if (size == 4) {
                        cpu.write(a, 8, l1);
                        cpu.write(a + 8, 8, h1);
                        cpu.write(a + 16, 8, l2);
                        cpu.write(a + 24, 8, h2);
                    } else {
                        cpu.write(a, bytes, l1);
                        cpu.write(a + bytes, bytes, l2);
                    }
                }
                case LDV -> {
                    if (size == 4) {
                        long l1 = cpu.read(a, 8), h1 = cpu.read(a + 8, 8);
                        long l2 = cpu.read(a + 16, 8), h2 = cpu.read(a + 24, 8);
                        cpu.setV(t, l1, h1);
                        cpu.setV(t2, l2, h2);
                    } else {
                        long v1 = cpu.read(a, bytes), v2 = cpu.read(a + bytes, bytes);
                        cpu.setScalar(t, v1, 8 << size);
                        cpu.setScalar(t2, v2, 8 << size);
                    }
                }
                default -> { // LD, LDSX (LDPSW)
                    long v1 = cpu.read(a, bytes), v2 = cpu.read(a + bytes, bytes);
                    if (kind == LDSX) {
                        v1 = (long) (int) v1;
                        v2 = (long) (int) v2;
                    }
                    cpu.setX(t2, v2);
                    cpu.setX(t, v1);
                }
            }
            if (mode != PAIR_OFFSET) {
                cpu.setXsp(n, b + off);
            }
        };
    }

    // ---- LDP/STP of X registers: the same steps as pair(), with the size fixed ----

    /** Xn|SP + SignExtend(imm7) &lt;&lt; 3. */
    private static long pairXAddress(Cpu cpu, int w) {
        return base(cpu, (w >>> 5) & 31) + ((long) ((w << 10) >> 25) << 3);
    }

    private static void ldpX(Cpu cpu, int w) {
        long a = pairXAddress(cpu, w);
        long v1 = cpu.load64(a, 0), v2 = cpu.load64(a + 8, 0);
        cpu.setX((w >>> 10) & 31, v2);
        cpu.setX(w & 31, v1);
    }

    private static void stpX(Cpu cpu, int w) {
        long a = pairXAddress(cpu, w);
        long v1 = cpu.x(w & 31), v2 = cpu.x((w >>> 10) & 31);
        cpu.store64(a, v1, 0);
        cpu.store64(a + 8, v2, 0);
    }

    private static void ldpXWriteback(Cpu cpu, int w, int mode) {
        int n = (w >>> 5) & 31;
        long b = base(cpu, n);
        long off = (long) ((w << 10) >> 25) << 3;
        long a = mode == PAIR_POST ? b : b + off;
        long v1 = cpu.load64(a, 0), v2 = cpu.load64(a + 8, 0);
        cpu.setX((w >>> 10) & 31, v2);
        cpu.setX(w & 31, v1);
        cpu.setXsp(n, b + off);
    }

    private static void stpXWriteback(Cpu cpu, int w, int mode) {
        int n = (w >>> 5) & 31;
        long b = base(cpu, n);
        long off = (long) ((w << 10) >> 25) << 3;
        long a = mode == PAIR_POST ? b : b + off;
        long v1 = cpu.x(w & 31), v2 = cpu.x((w >>> 10) & 31);
        cpu.store64(a, v1, 0);
        cpu.store64(a + 8, v2, 0);
        cpu.setXsp(n, b + off);
    }
}
