package io.el2studio.sim.cpu;

import io.el2studio.sim.isa.Exec;
import io.el2studio.sim.mem.BusFault;
import io.el2studio.sim.mem.PhysBus;

/**
 * One processing element (PE): the architectural state of an AArch64 CPU and its run loop.
 * Handlers in the instruction groups read and write these fields directly; everything here is
 * plain Java so that the GDB server, the headless runner and the Eclipse debugger can share it.
 */
public final class Cpu {
    // ---- general-purpose registers; index 31 is never stored here (XZR or SP by context) ----
    public final long[] x = new long[32];
    /** SP_EL0 .. SP_EL3. */
    public final long[] sp = new long[4];
    /** Address of the instruction being executed. */
    public long pc;
    /** Address of the next instruction; handlers that branch write it. */
    public long npc;

    // ---- PSTATE ----
    /** N, Z, C, V in bits 31..28, as in NZCV and SPSR. */
    public int nzcv;
    /** D, A, I, F in bits 9..6, as in DAIF and SPSR. */
    public int daif;
    public int el;
    /** PSTATE.SP: true selects SP_ELx, false SP_EL0. */
    public boolean spsel;
    public boolean pan, uao, dit, ssbs, tco, ss, il;
    public int btype;

    // ---- SIMD and floating point: V0..V31, each as (lo, hi) = v[2n], v[2n+1] ----
    public final long[] v = new long[64];
    public int fpcr;
    public int fpsr;

    // ---- EL-banked exception registers, indexed by EL (index 0 unused) ----
    public final long[] elr = new long[4];
    public final long[] spsr = new long[4];
    public final long[] esr = new long[4];
    public final long[] far = new long[4];
    public final long[] vbar = new long[4];

    // ---- system registers held as fields: the hot ones (MMU, trap checks); described, with their
    //      encodings, access rights and named fields, by io.el2studio.sim.sysreg.SysRegTable.
    //      Arrays are indexed by EL (index 0 unused unless the register has an EL0 instance). ----
    public final long[] sctlr = new long[4];
    public final long[] tcr = new long[4];
    public final long[] ttbr0 = new long[4];
    public final long[] ttbr1 = new long[4];
    public final long[] mair = new long[4];
    /** TPIDR_EL0 .. TPIDR_EL3. */
    public final long[] tpidr = new long[4];
    public long tpidrroEl0;
    public long hcrEl2, scrEl3, cpacrEl1, cptrEl2, cptrEl3, mdcrEl2, hstrEl2;
    public long vttbrEl2, vtcrEl2, vpidrEl2, vmpidrEl2, cnthctlEl2, cntvoffEl2;
    public long parEl1, csselrEl1;
    /** The remaining modelled system registers, one slot each (see SysReg#slot). */
    public final long[] sysregSlots = new long[io.el2studio.sim.sysreg.SysRegTable.SLOT_COUNT];
    /** Cache, TLB and address-translation maintenance (DC, IC, TLBI, AT). */
    public Maintenance maintenance = Maintenance.DEFAULT;
    /** Set by the board when a GICv3 CPU interface is attached: ID_AA64PFR0_EL1.GIC then reads 0b0001. */
    public boolean gicSysregInterface;

    // ---- exclusive monitor (local) ----
    public boolean exclusiveValid;
    public long exclusiveAddr;
    public int exclusiveSize;
    /** This PE's entry in the global exclusive monitor (cpu.ls.GlobalMonitor), registered with the bus on first use. */
    public PhysBus.StoreObserver exclusiveGlobal;
    /** Scratch for multi-register SIMD loads/stores (cpu.ls): all loads complete before any register is written. */
    public final long[] lsScratch = new long[16];

    // ---- machine wiring ----
    public final int index;
    public final CpuProfile profile;
    public final PhysBus bus;
    public final DecodeCache decodeCache;
    /** Translation of virtual addresses; null = the MMU is not modelled yet (VA == PA). */
    public Translator mmu;
    /**
     * Set by a load/store handler just before its memory access, for the MMU (io.el2studio.sim.mmu.Aborts):
     * ESR ISS bits [24:14] (ISV, SAS, SSE, SRT, SF, AR) of a single general-register access without
     * writeback, which a stage 2 Data Abort reports; bit 31 marks an unprivileged access (LDTR/STTR).
     * 0 otherwise: the handler clears it after the access, a fault clears it in {@link #takeFault}.
     */
    public int accessInfo;
    /** Semihosting handler for {@code HLT #0xF000}; null = semihosting disabled (HLT is UNDEFINED). */
    public Semihosting semihosting;
    /** Sees synchronous exceptions before they are taken; may consume them (test harnesses). */
    public FaultHook faultHook;
    /** Built-in firmware (PSCI) reached by SMC or HVC when no EL3 / EL2 software is modelled; null = none. */
    public Firmware firmware;
    /**
     * A debugger's breakpoints (see BreakpointMap): the run loop leaves before each slot that may hold
     * one, with {@link #atBreakpoint} set; null = none, nothing is checked.
     */
    public BreakpointMap breakpoints;
    /**
     * Set, with {@link #halted}, when the run loop stopped before an instruction that may be at a
     * breakpoint ({@link #breakpoints}): the PC is on it, not executed. The caller clears both.
     */
    public boolean atBreakpoint;
    /** Told of every exception entry and return (trace records, debugger stops); null = none. */
    public ExceptionListener exceptionListener;
    /** Sees MRS/MSR, TLBI and barriers while a profiler is on; null = none (the default). */
    public CpuObserver observer;
    /** The system registers not held in the fields above; see {@code io.el2studio.sim.sysreg}. */
    public final Object[] ext = new Object[8];

    public long instructionCount;
    /** Instructions completed by the translated block that ran last (see Block). */
    int blockRan;
    public volatile boolean stopRequested;
    /** Set by a handler (WFI, semihosting exit, ...) to leave the run loop after this instruction. */
    public boolean halted;

    // ---- asynchronous exceptions and low-power states (see Interrupts) ----
    /** Input lines, bits Interrupts.IRQ, FIQ, VIRQ, VFIQ (the GIC's outputs), SERROR; set them with the Interrupts setters. */
    public int irqLines;
    /** Something that may make an interrupt takeable changed: the run loop evaluates once at the next boundary. */
    public boolean irqCheck;
    /** ESR_ELx.ISS of the pending physical SError (Interrupts.raiseSError). */
    public int serrorIss;
    /** The event register of WFE/SEV/SEVL. */
    public boolean eventRegister;
    /** Interrupts.IN_WFI / IN_WFE while the PE sleeps: {@link #run} returns at once until a wake-up event. */
    public int sleeping;

    public Cpu(int index, CpuProfile profile, PhysBus bus, DecodeCache decodeCache) {
        this.index = index;
        this.profile = profile;
        this.bus = bus;
        this.decodeCache = decodeCache;
        this.ram = bus.ram;
        java.util.Arrays.fill(fast, -1);
        io.el2studio.sim.sysreg.SysRegTable.reset(this);
        Interrupts.join(this);
    }

    // ---- register access ----

    /** Xn where 31 reads as XZR. */
    public long x(int n) {
        return n == 31 ? 0 : x[n];
    }

    /** Wn (zero-extended to long) where 31 reads as WZR. */
    public long w(int n) {
        return n == 31 ? 0 : x[n] & 0xFFFFFFFFL;
    }

    /** Xn where 31 is the current stack pointer. */
    public long xsp(int n) {
        return n == 31 ? sp[spIndex()] : x[n];
    }

    /** Writes Xn; 31 (XZR) discards. */
    public void setX(int n, long value) {
        if (n != 31) {
            x[n] = value;
        }
    }

    /** Writes Wn, zeroing the upper 32 bits; 31 (WZR) discards. */
    public void setW(int n, long value) {
        if (n != 31) {
            x[n] = value & 0xFFFFFFFFL;
        }
    }

    /** Writes Xn where 31 is the current stack pointer. */
    public void setXsp(int n, long value) {
        if (n == 31) {
            sp[spIndex()] = value;
        } else {
            x[n] = value;
        }
    }

    public int spIndex() {
        return spsel ? el : 0;
    }

    public long sp() {
        return sp[spIndex()];
    }

    public void setSp(long value) {
        sp[spIndex()] = value;
    }

    // ---- SIMD&FP registers ----

    public long vlo(int n) { return v[2 * n]; }
    public long vhi(int n) { return v[2 * n + 1]; }

    public void setV(int n, long lo, long hi) {
        v[2 * n] = lo;
        v[2 * n + 1] = hi;
    }

    /** Writes a scalar of 8..64 bits to Vn, zeroing the rest of the 128-bit register. */
    public void setScalar(int n, long value, int bits) {
        v[2 * n] = bits == 64 ? value : value & ((1L << bits) - 1);
        v[2 * n + 1] = 0;
    }

    public long d(int n) { return v[2 * n]; }
    public int s(int n) { return (int) v[2 * n]; }
    public int h(int n) { return (int) v[2 * n] & 0xFFFF; }

    // ---- condition codes ----

    public boolean n() { return nzcv < 0; }
    public boolean z() { return (nzcv & 0x4000_0000) != 0; }
    public boolean c() { return (nzcv & 0x2000_0000) != 0; }
    public boolean vflag() { return (nzcv & 0x1000_0000) != 0; }

    public void setNzcv(boolean n, boolean z, boolean c, boolean v) {
        nzcv = (n ? 0x8000_0000 : 0) | (z ? 0x4000_0000 : 0) | (c ? 0x2000_0000 : 0) | (v ? 0x1000_0000 : 0);
    }

    /** ConditionHolds() of the Arm ARM (J1, shared/functions/system): one load from {@link #CONDITIONS}. */
    public boolean conditionHolds(int cond) {
        return conditionHolds(nzcv, cond);
    }

    /** ConditionHolds(cond) for the NZCV value {@code nzcv} (translated blocks keep NZCV in a local). */
    public static boolean conditionHolds(int nzcv, int cond) {
        return CONDITIONS[(nzcv >>> 24 & 0xF0) | (cond & 0xF)];
    }

    /** ConditionHolds(cond) for every NZCV (index NZCV &lt;&lt; 4 | cond). */
    private static final boolean[] CONDITIONS = new boolean[256];

    static {
        for (int i = 0; i < 256; i++) {
            int flags = i >>> 4, cond = i & 0xF;
            boolean n = (flags & 8) != 0, z = (flags & 4) != 0, c = (flags & 2) != 0, v = (flags & 1) != 0;
            boolean r = switch (cond >>> 1) {
                case 0 -> z;
                case 1 -> c;
                case 2 -> n;
                case 3 -> v;
                case 4 -> c && !z;
                case 5 -> n == v;
                case 6 -> n == v && !z;
                default -> true;
            };
            CONDITIONS[i] = ((cond & 1) != 0 && cond != 0xF) ? !r : r;
        }
    }

    // ---- memory access through the current translation regime ----

    /** Access kinds for translation and for fault syndromes. */
    public static final int READ = 0, WRITE = 1, FETCH = 2;

    public long translate(long va, int kind, int size) {
        return mmu == null ? va : mmu.translate(this, va, kind, size);
    }

    // ---- direct RAM access while the run loop holds a page (see PageLoop) ----
    // RAM pages by VA, one set of pages for loads and one for stores: filled by a naturally aligned
    // access that the translator allowed, used only by naturally aligned accesses (so never across a
    // page, never an alignment check), and emptied whenever the run loop leaves its page. Within one
    // page stay the translation registers, PSTATE.{EL,PAN} and the TLB cannot change (Mmu#trusted: the
    // loop leaves after system instructions, ERET and exceptions), so the translator would give the same
    // answer for every cached page, as a TLB entry would (Arm ARM D8.13: a cached translation lives until
    // a TLB maintenance instruction or a context change, both of which end the stay). Stores into a page
    // with decoded code are cached too, flagged, and tell the decode cache the bytes they wrote (it drops
    // only the decoded instructions they really change, so a hot variable beside hot code costs one
    // check); a page becomes code only when a run loop enters it, which starts with an empty cache. Stores
    // still tell the store observers (exclusive monitors). A translator may refuse a page (Translator#
    // cacheable: a debugger's watched pages), whose accesses then all go through it.
    // Two levels: the last page used (fields, checked first by the handlers and translated blocks) and a
    // direct-mapped set indexed by VA[17:12] behind it, so that code alternating between pages (stack
    // and data) finds each of them without the translator.
    /** VA of the last used page for loads / stores; -1 = none (no masked VA of {@link #read} equals it). */
    private long fastReadVa = -1, fastWriteVa = -1;
    /** RAM offsets of the last used pages. */
    private int fastReadOff, fastWriteOff;
    /**
     * The decoded page of the last used store page, null when it holds no code: a store over one of its
     * decoded words tells the bus (PhysBus#codeStored). Within a page visit a page's decoded words only
     * go (a dropped page is always told), so a word decoded later is never missed.
     */
    private DecodeCache.Page fastWritePage;
    /** Per set: the decoded page of the cached store page, or null. */
    private final DecodeCache.Page[] fastCode = new DecodeCache.Page[FAST_SETS];
    /** Sets of the direct-mapped level (a power of two); set s is {@code fast[4s..4s+3]}. */
    private static final int FAST_SETS = 64;
    /**
     * Per set: VA of the cached load page, its RAM offset, VA of the cached store page, its RAM offset;
     * an empty way holds VA -1.
     */
    private final long[] fast = new long[4 * FAST_SETS];
    /** Indices in {@link #fast} of the ways filled since the cache was last emptied (each at most once). */
    private final int[] fastFilled = new int[2 * FAST_SETS];
    private int fastFilledCount;
    /** Inside a page of the run loop with a translator the cache may stand in for (none or the Mmu). */
    boolean fastFill;
    private final io.el2studio.sim.mem.Ram ram;

    /** Index in {@link #fast} of the load way of the set of {@code va}; the store way is 2 further. */
    private static int fastSet(long va) {
        return (int) (va >>> 10) & (4 * FAST_SETS - 4);
    }

    /** Entering a page of the run loop (PageLoop): the cache starts empty, filled only with a trusted translator. */
    void fastEnter(boolean fill) {
        fastEmpty();
        fastFill = fill;
    }

    void fastReset() {
        fastFill = false;
        fastEmpty();
    }

    /** Empties both levels (of the direct-mapped one, the ways filled since the last emptying). */
    private void fastEmpty() {
        fastReadVa = -1;
        fastWriteVa = -1;
        fastWritePage = null;
        int n = fastFilledCount;
        if (n != 0) {
            long[] f = fast;
            int[] filled = fastFilled;
            for (int i = 0; i < n; i++) {
                f[filled[i]] = -1;
                fastCode[filled[i] >>> 2] = null;
            }
            fastFilledCount = 0;
        }
    }

    /**
     * Makes the page of {@code masked} (a VA with its page offset cleared except the bits that make it
     * unaligned) the last used one if the direct-mapped level holds it for loads (way 0) or stores (way 2).
     */
    private boolean fastPromote(long masked, int way) {
        int s = fastSet(masked) + way;
        if (fast[s] != masked) {
            return false;
        }
        if (way == 0) {
            fastReadVa = masked;
            fastReadOff = (int) fast[s + 1];
        } else {
            fastWriteVa = masked;
            fastWriteOff = (int) fast[s + 1];
            fastWritePage = fastCode[s >>> 2];
        }
        return true;
    }

    /** Remembers the RAM page of a naturally aligned access the translator allowed (not LDTR/STTR: accessInfo &lt; 0). */
    private void fastRemember(long va, long pa, boolean store) {
        long off = (pa & ~0xFFFL) - ram.base;
        if (accessInfo >= 0 && off >= 0 && off + 0x1000 <= ram.size() && (mmu == null || mmu.cacheable(this, va, pa))) {
            long page = va & ~0xFFFL;
            int s = fastSet(va) + (store ? 2 : 0);
            if (fast[s] == -1) {
                fastFilled[fastFilledCount++] = s;
            }
            DecodeCache.Page code = store && bus.holdsCode(pa) ? decodeCache.existing(pa) : null;
            fast[s] = page;
            fast[s + 1] = off;
            if (store) {
                fastCode[s >>> 2] = code;
            }
            if (!store) {
                fastReadVa = page;
                fastReadOff = (int) off;
            } else {
                fastWriteVa = page;
                fastWriteOff = (int) off;
                fastWritePage = code;
            }
        }
    }

    /** Reads 1, 2, 4 or 8 bytes at {@code va}, zero-extended. */
    public long read(long va, int size) {
        long masked = (va & ~0xFFFL) | (va & (size - 1));
        if ((masked == fastReadVa || fastPromote(masked, 0)) && accessInfo >= 0) {
            int o = fastReadOff | (int) (va & 0xFFF);
            return switch (size) {
                case 1 -> ram.read8(o);
                case 2 -> ram.read16(o);
                case 4 -> ram.read32(o) & 0xFFFFFFFFL;
                default -> ram.read64(o);
            };
        }
        if (mmu != null && (va & 0xFFF) + size > 0x1000) {
            return readAcrossPages(va, size);
        }
        long pa = translate(va, READ, size);
        long v;
        try {
            v = bus.read(pa, size);
        } catch (BusFault e) {
            throw Exceptions.externalAbort(this, va, false);
        }
        if (fastFill && (va & (size - 1)) == 0) {
            fastRemember(va, pa, false);
        }
        return v;
    }

    public void write(long va, int size, long value) {
        long masked = (va & ~0xFFFL) | (va & (size - 1));
        if ((masked == fastWriteVa || fastPromote(masked, 2)) && accessInfo >= 0) {
            int o = fastWriteOff | (int) (va & 0xFFF);
            switch (size) {
                case 1 -> ram.write8(o, (int) value);
                case 2 -> ram.write16(o, (int) value);
                case 4 -> ram.write32(o, (int) value);
                default -> ram.write64(o, value);
            }
            if (fastWritePage != null && fastWritePage.overlapsDecoded(o, size)) {
                bus.codeStored(ram.base + o, size);
            }
            if (bus.storesObserved()) {
                bus.observeStore(ram.base + o, size, this);
            }
            return;
        }
        if (mmu != null && (va & 0xFFF) + size > 0x1000) {
            writeAcrossPages(va, size, value);
            return;
        }
        long pa = translate(va, WRITE, size);
        try {
            bus.write(pa, size, value, this);
        } catch (BusFault e) {
            throw Exceptions.externalAbort(this, va, true);
        }
        if (fastFill && (va & (size - 1)) == 0) {
            fastRemember(va, pa, true);
        }
    }

    /**
     * A doubleword load of a load/store handler: {@code info} is its {@link #accessInfo} syndrome
     * (never unprivileged), set only when the access goes through the translator.
     */
    public long load64(long va, int info) {
        if ((va & ~0xFF8L) == fastReadVa || fastPromote(va & ~0xFF8L, 0)) {
            return ram.read64(fastReadOff | (int) (va & 0xFF8));
        }
        accessInfo = info;
        long v = read(va, 8);
        accessInfo = 0;
        return v;
    }

    /** A word load (zero-extended) of a load/store handler; see {@link #load64}. */
    public long load32(long va, int info) {
        if ((va & ~0xFFCL) == fastReadVa || fastPromote(va & ~0xFFCL, 0)) {
            return ram.read32(fastReadOff | (int) (va & 0xFFC)) & 0xFFFFFFFFL;
        }
        accessInfo = info;
        long v = read(va, 4);
        accessInfo = 0;
        return v;
    }

    /** A doubleword store of a load/store handler; see {@link #load64}. */
    public void store64(long va, long value, int info) {
        if ((va & ~0xFF8L) == fastWriteVa || fastPromote(va & ~0xFF8L, 2)) {
            int o = fastWriteOff | (int) (va & 0xFF8);
            ram.write64(o, value);
            if (fastWritePage != null && fastWritePage.overlapsDecoded(o, 8)) {
                bus.codeStored(ram.base + o, 8);
            }
            if (bus.storesObserved()) {
                bus.observeStore(ram.base + o, 8, this);
            }
            return;
        }
        accessInfo = info;
        write(va, 8, value);
        accessInfo = 0;
    }

    /** A word store of a load/store handler; see {@link #load64}. */
    public void store32(long va, int value, int info) {
        if ((va & ~0xFFCL) == fastWriteVa || fastPromote(va & ~0xFFCL, 2)) {
            int o = fastWriteOff | (int) (va & 0xFFC);
            ram.write32(o, value);
            if (fastWritePage != null && fastWritePage.overlapsDecoded(o, 4)) {
                bus.codeStored(ram.base + o, 4);
            }
            if (bus.storesObserved()) {
                bus.observeStore(ram.base + o, 4, this);
            }
            return;
        }
        accessInfo = info;
        write(va, 4, value);
        accessInfo = 0;
    }

    /** A load of {@code size} bytes (zero-extended) of a load/store handler; see {@link #load64}. */
    public long load(long va, int size, int info) {
        accessInfo = info;
        long v = read(va, size);
        accessInfo = 0;
        return v;
    }

    /** A store of {@code size} bytes of a load/store handler; see {@link #load64}. */
    public void store(long va, int size, long value, int info) {
        accessInfo = info;
        write(va, size, value);
        accessInfo = 0;
    }

    /**
     * An access that crosses a 4 KiB boundary: both pages are translated (and checked) before any byte
     * moves, then bytes go one at a time, little-endian (the pages may map to unrelated PAs).
     */
    private long readAcrossPages(long va, int size) {
        long pa1 = translate(va, READ, size);
        long next = (va | 0xFFF) + 1;
        long pa2 = translate(next, READ, 1);
        long v = 0;
        try {
            for (int k = 0; k < size; k++) {
                long a = va + k;
                long pa = a < next ? pa1 + k : pa2 + (a - next);
                v |= (bus.read(pa, 1) & 0xFF) << (8 * k);
            }
        } catch (BusFault e) {
            throw Exceptions.externalAbort(this, va, false);
        }
        return v;
    }

    private void writeAcrossPages(long va, int size, long value) {
        long pa1 = translate(va, WRITE, size);
        long next = (va | 0xFFF) + 1;
        long pa2 = translate(next, WRITE, 1);
        try {
            for (int k = 0; k < size; k++) {
                long a = va + k;
                long pa = a < next ? pa1 + k : pa2 + (a - next);
                bus.write(pa, 1, value >>> (8 * k), this);
            }
        } catch (BusFault e) {
            throw Exceptions.externalAbort(this, va, true);
        }
    }

    public int read8(long va) { return (int) read(va, 1); }
    public int read16(long va) { return (int) read(va, 2); }
    public int read32(long va) { return (int) read(va, 4); }
    public long read64(long va) { return read(va, 8); }
    public void write8(long va, int v) { write(va, 1, v); }
    public void write16(long va, int v) { write(va, 2, v); }
    public void write32(long va, int v) { write(va, 4, v); }
    public void write64(long va, long v) { write(va, 8, v); }

    // ---- execution ----

    /**
     * Runs up to {@code max} instructions, or until {@link #halted} or {@link #stopRequested}.
     * Returns the number executed.
     */
    public long run(long max) {
        long done = 0;
        halted = false;
        if (sleeping != 0 && !Interrupts.wake(this)) {
            halted = true; // still asleep in WFI/WFE: the caller (scheduler) decides what time does
            return 0;
        }
        while (done < max && !halted) {
            if (stopRequested) {
                break;
            }
            long chunk = Math.min(max - done, 1024);
            if (!il) {
                done += PageLoop.run(this, chunk);
            } else if (breakpoints != null) {
                atBreakpoint = true; // the debugger checks and steps the instruction (IL makes it an exception)
                halted = true;
            } else {
                for (long k = 0; k < chunk && !halted; k++) {
                    step();
                    done++;
                }
            }
        }
        if (mmu != null) {
            mmu.leave(this);
        }
        return done;
    }

    /**
     * The run loop leaves its page after an instruction of the system-instruction space that writes
     * (L = 0: MSR, SYS such as TLBI, AT, DC, IC, barriers such as ISB, hints, MSR immediate: they may
     * change the translation of the next fetch, PSTATE, the interrupt masks) and after ERET (Arm ARM
     * C6.2: ERET, ERETAA, ERETAB), with or without an MMU. Reads (L = 1: MRS, SYSL) change no
     * translation register and no PSTATE field, so the loop stays (Linux reads SP_EL0 and TPIDR_EL1
     * all the time); a read with side effects on interrupts (ICC_IAR1_EL1) sets irqCheck, which the
     * loop checks after every generic instruction. That also covers every change of PSTATE.EL and
     * PSTATE.IL inside the loop: they happen only by ERET and by exception entry, and a synchronous
     * exception leaves the loop by GuestFault, an interrupt is taken outside it. The caller has checked
     * bits 31..26 = 0b110101 (words 0xD4000000..0xD7FFFFFF).
     */
    static boolean leavesPage(int w) {
        return (w & 0xFFE0_0000) == 0xD500_0000 || (w & 0xFFFF_F000) == 0xD69F_0000;
    }

    /** Executes exactly one instruction (or takes the exception it raises). */
    public void step() {
        if (sleeping != 0 && !Interrupts.wake(this)) {
            halted = true;
            return;
        }
        if (irqCheck && Interrupts.takePending(this)) {
            if (mmu != null) {
                mmu.leave(this);
            }
            return; // the interrupt is the step: the PE is at the vector
        }
        long ipc = pc;
        try {
            if ((ipc & 3) != 0) {
                throw Exceptions.pcAlignment(this, ipc);
            }
            long pa = translate(ipc, FETCH, 4);
            DecodeCache.Page page = decodeCache.page(pa);
            Exec e;
            int w;
            if (page != null) {
                int i = (int) ((pa >>> 2) & 1023);
                e = decodeCache.exec(page, i);
                w = decodeCache.word(page, i);
            } else {
                try {
                    w = (int) bus.read(pa, 4);
                } catch (BusFault bf) {
                    throw Exceptions.externalAbortOnFetch(this, ipc);
                }
                e = decodeCache.handlerOf(w);
            }
            npc = ipc + 4;
            if (il) {
                // PSTATE.IL set by an illegal exception return: the next instruction takes an Illegal
                // State exception instead of executing (Arm ARM D1.4.4, CheckIllegalState).
                throw Exceptions.illegalState(this);
            }
            e.exec(this, w);
            pc = npc;
            instructionCount++;
        } catch (GuestFault f) {
            pc = ipc;
            instructionCount++;
            takeFault(f);
        }
        if (mmu != null) {
            mmu.leave(this);
        }
    }

    /** Takes a synchronous exception raised by the instruction at {@code pc}. */
    public void takeFault(GuestFault f) {
        accessInfo = 0;
        if (faultHook != null && faultHook.onFault(this, f)) {
            return;
        }
        Exceptions.takeSync(this, f);
    }

    /** The instruction word at {@code va}, read without side effects (debuggers, fault hooks). */
    public int peekInstruction(long va) {
        return (int) bus.read(translate(va, FETCH, 4), 4);
    }

    /** SPSR_ELx image of the current PSTATE (Arm ARM C5.2.18). */
    public long pstateToSpsr() {
        long s = (nzcv & 0xF000_0000L) | daif;
        s |= (long) el << 2;
        if (spsel) s |= 1;
        if (pan) s |= 1L << 22;
        if (uao) s |= 1L << 23;
        if (dit) s |= 1L << 24;
        if (tco) s |= 1L << 25;
        if (ss) s |= 1L << 21;
        if (il) s |= 1L << 20;
        if (ssbs) s |= 1L << 12;
        s |= (long) (btype & 3) << 10;
        return s;
    }

    /** Restores PSTATE from an SPSR_ELx image (legality is checked by ERET, not here). */
    public void spsrToPstate(long s) {
        nzcv = (int) (s & 0xF000_0000L);
        daif = (int) (s & 0x3C0);
        el = (int) ((s >>> 2) & 3);
        spsel = (s & 1) != 0;
        pan = (s & (1L << 22)) != 0;
        uao = (s & (1L << 23)) != 0;
        dit = (s & (1L << 24)) != 0;
        tco = (s & (1L << 25)) != 0;
        ss = (s & (1L << 21)) != 0;
        il = (s & (1L << 20)) != 0;
        ssbs = (s & (1L << 12)) != 0;
        btype = (int) ((s >>> 10) & 3);
        irqCheck = true; // PSTATE.{A,I,F} and the EL may unmask a pending interrupt
    }
}
