package io.el2studio.sim.mmu;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mem.BusFault;
import io.el2studio.sim.mem.PhysBus;

/**
 * The translation table walker (Arm ARM D8.2..D8.4; pseudocode AArch64.S1Translate, AArch64.S1Walk,
 * AArch64.S2Translate, AArch64.S2Walk) for the VMSAv8-64 long descriptor format: 4KB, 16KB and 64KB
 * granules, 48-bit VA and IPA, PA of the profile's size up to 48 bits (no FEAT_LVA/LPA/LPA2, no FEAT_HAFDBS, no FEAT_HPDS, no FEAT_XNX).
 * A walk reads descriptors and nothing else: it never writes memory nor PE state, so debuggers use
 * it as it is ({@link #debugTranslate}, {@link #debugStage2}). Faults found while walking are thrown
 * as {@link WalkFault}; permission and alignment checks are applied by the caller to the
 * {@link Entry} (they depend on the access, the TLB caches the walk).
 */
public final class Walker {
    /** One descriptor read: stage, level, the address it was read from (a PA) and its value. */
    public record Step(int stage, int level, long address, long descriptor) {
        @Override
        public String toString() {
            return String.format("stage %d level %d [0x%x] = 0x%016x", stage, level, address, descriptor);
        }
    }

    /** Outcome of a debugger translation: every descriptor read, then the entry or the fault. */
    public record Result(List<Step> steps, Entry entry, WalkFault fault) {
        public boolean ok() {
            return fault == null;
        }
    }

    /**
     * The largest physical address size the walker implements (no FEAT_LPA); a PE's own size, PAMax(),
     * is its profile's (CpuProfile.paBits, ID_AA64MMFR0_EL1.PARange), carried in {@link MmuRegs#paBits}.
     */
    public static final int PA_BITS = 48;
    static final long OA_MASK = 0x0000_FFFF_FFFF_F000L;
    static final long VA56 = (1L << 56) - 1;

    private final PhysBus bus;
    private final MmuRegs regs;
    private final List<Step> trace;

    public Walker(PhysBus bus, MmuRegs regs, List<Step> trace) {
        this.bus = bus;
        this.regs = regs;
        this.trace = trace;
    }

    // ---- debugger API ----

    /** Translates {@code va} in the regime of {@code regs} (stage 1, then stage 2 when enabled), side-effect free. */
    public static Result debugTranslate(PhysBus bus, MmuRegs regs, long va, int kind) {
        List<Step> steps = new ArrayList<>();
        try {
            return new Result(steps, new Walker(bus, regs, steps).translate(va, kind), null);
        } catch (WalkFault f) {
            return new Result(steps, null, f);
        }
    }

    /** Translates the current regime of a PE at its current EL (reads its registers, changes nothing). */
    public static Result debugTranslate(Cpu cpu, long va) {
        return debugTranslate(cpu.bus, MmuRegs.of(cpu, Regime.of(cpu, cpu.el)), va, Cpu.READ);
    }

    /** Translates an IPA with the stage 2 tables of any VM: its VTTBR_EL2 (BADDR, VMID) and VTCR_EL2. */
    public static Result debugStage2(PhysBus bus, long vttbr, long vtcr, long ipa) {
        List<Step> steps = new ArrayList<>();
        MmuRegs r = new MmuRegs(Regime.EL10, 0, 0, 0, 0, 0, MmuRegs.HCR_VM, vttbr, vtcr, true);
        try {
            return new Result(steps, new Walker(bus, r, steps).stage2(ipa, false), null);
        } catch (WalkFault f) {
            return new Result(steps, null, f);
        }
    }

    // ---- parameters ----

    static int granuleBitsTg0(long tg0) {
        return switch ((int) tg0 & 3) {
            case 1 -> 16;
            case 2 -> 14;
            default -> 12; // 0b11 is reserved: IMPLEMENTATION DEFINED choice of an implemented size (4KB)
        };
    }

    static int granuleBitsTg1(long tg1) {
        return switch ((int) tg1 & 3) {
            case 1 -> 14;
            case 3 -> 16;
            default -> 12; // 0b00 reserved: treated as 4KB
        };
    }

    /**
     * TCR_ELx.{I}PS / VTCR_EL2.PS decoded and capped at the implemented PA size {@code paMax} (Arm ARM
     * chapter D8, "Output address size": a value above PAMax() behaves as PAMax(); pseudocode
     * AArch64.PhysicalAddressSize, Min(decoded, PAMax())). The reserved 0b11x and 0b0110 (52 bits without
     * FEAT_LPA) give PAMax() too.
     */
    static int oaBits(long ps, int paMax) {
        int bits = switch ((int) ps & 7) {
            case 0 -> 32;
            case 1 -> 36;
            case 2 -> 40;
            case 3 -> 42;
            case 4 -> 44;
            default -> PA_BITS;
        };
        return Math.min(bits, paMax);
    }

    /**
     * TnSZ outside the range this PE supports (16..39: no FEAT_LVA, no FEAT_TTST) is treated as the
     * nearest supported value, one of the IMPLEMENTATION DEFINED choices of the Arm ARM (as QEMU does).
     */
    static int clampTsz(long tsz) {
        return (int) Math.max(16, Math.min(39, tsz & 63));
    }

    static boolean blockAllowed(int g, int level) {
        return g == 12 ? level == 1 || level == 2 : level == 2;
    }

    // ---- the walk ----

    /** Full translation of {@code va} for an access of {@code kind} (Cpu.READ/WRITE/FETCH). */
    public Entry translate(long va, int kind) {
        return translate(va, kind, regs.stage2Enabled());
    }

    /**
     * Translation with or without the final stage 2 (AT S1E1* report the stage 1 output, the IPA;
     * their stage 1 table walks are still translated by stage 2).
     */
    public Entry translate(long va, int kind, boolean finalStage2) {
        Entry e = new Entry();
        e.regime = regs.regime();
        e.vmid = regs.vmid();
        e.asid = regs.asid();
        boolean s2 = regs.stage2Enabled();
        if (regs.stage1Enabled()) {
            stage1(e, va, s2);
        } else {
            stage1Disabled(e, va, kind);
        }
        if (s2 && finalStage2) {
            long ipa = e.ipaBase | (va & ((1L << e.shift) - 1));
            Entry t = stage2(ipa, false);
            combine(e, t, va);
        } else {
            e.paBase = e.ipaBase;
            e.attr = e.s1Attr;
            e.sh = e.s1Sh;
        }
        return e;
    }

    /**
     * Stage 1 disabled (Arm ARM, "The effects of disabling an address translation stage"): VA = PA,
     * VA bits above the PA size give an Address size fault at level 0; data accesses are Device-nGnRnE,
     * fetches Normal (cacheable per SCTLR.I); with HCR_EL2.DC everything is Normal Write-Back.
     */
    void stage1Disabled(Entry e, long va, int kind) {
        long tcr = regs.tcr();
        boolean tbi;
        if (regs.regime().twoRanges()) {
            tbi = (tcr & (1L << (((va >>> 55) & 1) == 0 ? 37 : 38))) != 0;
        } else {
            tbi = (tcr & (1L << 20)) != 0;
        }
        long top = tbi ? va & VA56 : va;
        int paMax = regs.paBits();
        if ((top >>> paMax) != 0) {
            throw new WalkFault(WalkFault.ADDRESS_SIZE, 0, false, false, -1);
        }
        e.s1Enabled = false;
        e.shift = 12;
        e.vaBase = va & VA56 & ~0xFFFL;
        e.ipaBase = va & ((1L << paMax) - 1) & ~0xFFFL;
        if (regs.defaultCacheable()) {
            e.s1Attr = 0xFF;
            e.s1Sh = 0;
        } else if (kind == Cpu.FETCH) {
            e.s1Attr = (regs.sctlr() & (1L << 12)) != 0 ? 0xAA : 0x44;
            e.s1Sh = 2;
            e.s1Device = true; // for the data accesses that may hit this entry; fetches ignore it when stage 1 is off
        } else {
            e.s1Attr = 0x00;
            e.s1Sh = 2;
            e.s1Device = true;
        }
    }

    void stage1(Entry e, long va, boolean s2) {
        MmuRegs r = regs;
        long tcr = r.tcr();
        boolean upper = r.regime().twoRanges() && ((va >>> 55) & 1) != 0;
        boolean tbi;
        int tsz, g, oaBits;
        long ttbr;
        boolean epd;
        if (r.regime().twoRanges()) {
            tbi = (tcr & (1L << (upper ? 38 : 37))) != 0;
            tsz = clampTsz(upper ? tcr >>> 16 : tcr);
            g = upper ? granuleBitsTg1(tcr >>> 30) : granuleBitsTg0(tcr >>> 14);
            epd = (tcr & (1L << (upper ? 23 : 7))) != 0;
            ttbr = upper ? r.ttbr1() : r.ttbr0();
            oaBits = oaBits(tcr >>> 32, r.paBits());
        } else {
            tbi = (tcr & (1L << 20)) != 0;
            tsz = clampTsz(tcr);
            g = granuleBitsTg0(tcr >>> 14);
            epd = false;
            ttbr = r.ttbr0();
            oaBits = oaBits(tcr >>> 16, r.paBits());
        }
        int inputSize = 64 - tsz;
        // The VA must be in the range of the selected TTBR: bits [top:inputSize] all equal to the
        // range bit (AArch64.VAIsOutOfRange); out of range is a level 0 Translation fault.
        int topBit = tbi ? 55 : 63;
        long hi = (va << (63 - topBit)) >> (63 - topBit + inputSize);
        if (hi != (upper ? -1L : 0L) || epd) {
            throw new WalkFault(WalkFault.TRANSLATION, 0, false, false, -1);
        }
        int stride = g - 3;
        int startLevel = 4 - (inputSize - g + stride - 1) / stride;
        int startBits = inputSize - (g + (3 - startLevel) * stride);
        long base = ttbr & OA_MASK | (ttbr & 0xFFE);
        base &= ~((1L << Math.max(startBits + 3, 6)) - 1);
        if ((base >>> oaBits) != 0) {
            throw new WalkFault(WalkFault.ADDRESS_SIZE, 0, false, false, -1);
        }
        int apTable = 0;
        boolean xnTable = false, pxnTable = false;
        long desc = 0;
        int level = startLevel;
        int shift;
        while (true) {
            int bits = level == startLevel ? startBits : stride;
            shift = g + (3 - level) * stride;
            long index = (va >>> shift) & ((1L << bits) - 1);
            long descAddr = base + index * 8;
            long pa = descAddr;
            if (s2) {
                // The stage 1 walk is itself translated by stage 2 (Arm ARM chapter D8, "Stage 2 translation of
                // stage 1 table walks"): a fault there is a stage 2 fault with S1PTW = 1.
                Entry t = stage2(descAddr, true);
                if ((t.s2ap & 1) == 0) {
                    throw new WalkFault(WalkFault.PERMISSION, t.s2Level, true, true, descAddr);
                }
                if ((r.hcr() & MmuRegs.HCR_PTW) != 0 && t.s2Device) {
                    // HCR_EL2.PTW: a stage 1 walk to stage 2 Device memory is a stage 2 Permission fault.
                    throw new WalkFault(WalkFault.PERMISSION, t.s2Level, true, true, descAddr);
                }
                pa = t.pa(descAddr);
            }
            desc = readDescriptor(1, level, pa, false, -1);
            if ((desc & 1) == 0) {
                throw new WalkFault(WalkFault.TRANSLATION, level, false, false, -1);
            }
            if (level == 3 || (desc & 2) == 0) {
                if (level == 3 ? (desc & 2) == 0 : !blockAllowed(g, level)) {
                    throw new WalkFault(WalkFault.TRANSLATION, level, false, false, -1);
                }
                break;
            }
            long next = desc & OA_MASK & ~((1L << g) - 1);
            if ((next >>> oaBits) != 0) {
                throw new WalkFault(WalkFault.ADDRESS_SIZE, level, false, false, -1);
            }
            // Hierarchical attributes (Arm ARM chapter D8, "Hierarchical control of data access permissions"):
            // APTable[1] (bit 62) makes the subtree read-only, APTable[0] (bit 61) removes EL0 access,
            // UXNTable/XNTable (bit 60), PXNTable (bit 59). FEAT_HPDS is not implemented.
            apTable |= (int) (desc >>> 61) & 3;
            xnTable |= (desc & (1L << 60)) != 0;
            pxnTable |= (desc & (1L << 59)) != 0;
            base = next;
            level++;
        }
        long oa = desc & OA_MASK & ~((1L << shift) - 1);
        if ((oa >>> oaBits) != 0) {
            throw new WalkFault(WalkFault.ADDRESS_SIZE, level, false, false, -1);
        }
        if ((desc & (1L << 10)) == 0) {
            // No FEAT_HAFDBS: AF = 0 is an Access flag fault (reported before a Permission fault, as
            // the Armv8.0 pseudocode and QEMU do).
            throw new WalkFault(WalkFault.ACCESS_FLAG, level, false, false, -1);
        }
        e.s1Enabled = true;
        e.s1Level = level;
        e.shift = shift;
        e.vaBase = va & VA56 & ~((1L << shift) - 1);
        e.ipaBase = oa;
        int ap = (int) (desc >>> 6) & 3;
        if (r.regime().twoRanges()) {
            if ((apTable & 1) != 0) {
                ap &= ~1;
            }
            e.global = (desc & (1L << 11)) == 0;
            e.pxn = (desc & (1L << 53)) != 0 || pxnTable;
        } else {
            e.global = true;
        }
        if ((apTable & 2) != 0) {
            ap |= 2;
        }
        e.ap = ap;
        e.uxn = (desc & (1L << 54)) != 0 || xnTable;
        int attr = (int) (r.mair() >>> (8 * ((desc >>> 2) & 7))) & 0xFF;
        e.s1Attr = attr;
        e.s1Device = (attr & 0xF0) == 0;
        int sh = (int) (desc >>> 8) & 3;
        e.s1Sh = e.s1Device || nonCacheable(attr) ? 2 : sh;
    }

    /** Normal memory with inner or outer Non-cacheable: reported as Outer Shareable. */
    static boolean nonCacheable(int attr) {
        return (attr & 0xF0) == 0x40 || (attr & 0x0F) == 0x04;
    }

    long readDescriptor(int stage, int level, long pa, boolean stage2, long ipa) {
        long d;
        try {
            d = bus.read(pa, 8);
        } catch (BusFault bf) {
            throw new WalkFault(WalkFault.EXTERNAL_ON_WALK, level, stage2, false, ipa);
        }
        if (trace != null) {
            trace.add(new Step(stage, level, pa, d));
        }
        return d;
    }

    /**
     * Stage 2 (AArch64.S2Walk): IPA to PA with VTTBR_EL2 and VTCR_EL2, concatenated tables at the
     * start level. The returned entry has the stage 2 fields, {@code paBase} and {@code s2Shift}.
     */
    public Entry stage2(long ipa, boolean s1ptw) {
        long vtcr = regs.vtcr();
        int tsz = clampTsz(vtcr);
        int g = granuleBitsTg0(vtcr >>> 14);
        int stride = g - 3;
        int sl0 = (int) (vtcr >>> 6) & 3;
        int oaBits = oaBits(vtcr >>> 16, regs.paBits());
        int inputSize = 64 - tsz;
        int startLevel;
        if (g == 12) {
            startLevel = sl0 == 3 ? -1 : 2 - sl0; // SL0 = 0b11 is reserved without FEAT_TTST/LPA2
        } else {
            startLevel = sl0 == 3 ? -1 : 3 - sl0;
        }
        if (startLevel < 0) {
            throw new WalkFault(WalkFault.TRANSLATION, 0, true, s1ptw, ipa);
        }
        // AArch64.S2InconsistentSL: the start level must resolve at least one bit, and at most 4 more
        // bits than one table (up to 16 concatenated tables).
        int levels = 3 - startLevel;
        int minIa = levels * stride + g + 1;
        int maxIa = minIa + (stride - 1) + 4;
        if (inputSize < minIa || inputSize > maxIa) {
            throw new WalkFault(WalkFault.TRANSLATION, 0, true, s1ptw, ipa);
        }
        if ((ipa >>> inputSize) != 0) {
            throw new WalkFault(WalkFault.TRANSLATION, 0, true, s1ptw, ipa);
        }
        int startBits = inputSize - (g + levels * stride);
        long vttbr = regs.vttbr();
        long base = vttbr & OA_MASK | (vttbr & 0xFFE);
        base &= ~((1L << Math.max(startBits + 3, 6)) - 1);
        if ((base >>> oaBits) != 0) {
            throw new WalkFault(WalkFault.ADDRESS_SIZE, 0, true, s1ptw, ipa);
        }
        int level = startLevel;
        int shift;
        long desc;
        while (true) {
            int bits = level == startLevel ? startBits : stride;
            shift = g + (3 - level) * stride;
            long index = (ipa >>> shift) & ((1L << bits) - 1);
            desc = readDescriptor(2, level, base + index * 8, true, ipa);
            if ((desc & 1) == 0) {
                throw new WalkFault(WalkFault.TRANSLATION, level, true, s1ptw, ipa);
            }
            if (level == 3 || (desc & 2) == 0) {
                if (level == 3 ? (desc & 2) == 0 : !blockAllowed(g, level)) {
                    throw new WalkFault(WalkFault.TRANSLATION, level, true, s1ptw, ipa);
                }
                break;
            }
            long next = desc & OA_MASK & ~((1L << g) - 1);
            if ((next >>> oaBits) != 0) {
                throw new WalkFault(WalkFault.ADDRESS_SIZE, level, true, s1ptw, ipa);
            }
            base = next;
            level++;
        }
        long oa = desc & OA_MASK & ~((1L << shift) - 1);
        if ((oa >>> oaBits) != 0) {
            throw new WalkFault(WalkFault.ADDRESS_SIZE, level, true, s1ptw, ipa);
        }
        if ((desc & (1L << 10)) == 0) {
            throw new WalkFault(WalkFault.ACCESS_FLAG, level, true, s1ptw, ipa);
        }
        Entry t = new Entry();
        t.s2Enabled = true;
        t.s2Level = level;
        t.s2Shift = shift;
        t.shift = shift;
        t.paBase = oa;
        t.ipaBase = ipa & ~((1L << shift) - 1);
        t.s2ap = (int) (desc >>> 6) & 3;
        t.s2xn = (desc & (1L << 54)) != 0; // XN[1]; XN[0] (bit 53) needs FEAT_XNX (not implemented)
        t.s2MemAttr = (int) (desc >>> 2) & 0xF;
        t.s2Device = (t.s2MemAttr & 0xC) == 0;
        t.sh = (int) (desc >>> 8) & 3;
        t.attr = s2AttrAsMair(t.s2MemAttr);
        return t;
    }

    /** Stage 2 MemAttr[3:0] as a MAIR-format byte (no allocation hints at stage 2). */
    static int s2AttrAsMair(int m) {
        if ((m & 0xC) == 0) {
            return (m & 3) << 2;
        }
        int outer = m >>> 2, inner = m & 3;
        return nibble(outer) << 4 | nibble(inner);
    }

    private static int nibble(int cls) {
        return switch (cls) {
            case 2 -> 0xA;  // Write-Through
            case 3 -> 0xF;  // Write-Back
            default -> 0x4; // Non-cacheable (0b00 in the inner field is reserved: treated as Non-cacheable)
        };
    }

    /** Cacheability class of a MAIR nibble: 0 Non-cacheable, 1 Write-Through, 2 Write-Back. */
    private static int cls(int n) {
        if (n == 0x4) {
            return 0;
        }
        int top = n >>> 2;
        return top == 0 || top == 2 ? 1 : 2;
    }

    /**
     * Combines stage 1 and stage 2 (Arm ARM chapter D8, "Combining the stage 1 and stage 2 attributes"):
     * Device wins over Normal and the stronger Device type wins; for Normal the weaker cacheability of
     * each of inner and outer wins; shareability: Outer over Inner over Non-shareable.
     */
    void combine(Entry e, Entry t, long va) {
        int shift = Math.min(e.shift, t.s2Shift);
        long mask = ~((1L << shift) - 1);
        long ipa = e.ipaBase | (va & ((1L << e.shift) - 1));
        e.shift = shift;
        e.vaBase = va & VA56 & mask;
        e.ipaBase = ipa & mask;
        e.paBase = t.pa(ipa) & mask;
        e.s2Enabled = true;
        e.s2Level = t.s2Level;
        e.s2Shift = t.s2Shift;
        e.s2ap = t.s2ap;
        e.s2xn = t.s2xn;
        e.s2MemAttr = t.s2MemAttr;
        e.s2Device = t.s2Device;
        int a1 = e.s1Attr, a2 = t.attr;
        int attr;
        if ((a1 & 0xF0) == 0 && (a2 & 0xF0) == 0) {
            attr = Math.min(a1 & 0xC, a2 & 0xC);
        } else if ((a1 & 0xF0) == 0) {
            attr = a1 & 0xC;
        } else if ((a2 & 0xF0) == 0) {
            attr = a2 & 0xC;
        } else {
            attr = weaker(a1 >>> 4, a2 >>> 4) << 4 | weaker(a1 & 0xF, a2 & 0xF);
        }
        e.attr = attr;
        int sh2 = (attr & 0xF0) == 0 || nonCacheable(attr) ? 2 : t.sh;
        int sh1 = e.s1Sh;
        e.sh = (attr & 0xF0) == 0 || nonCacheable(attr) ? 2 : (sh1 == 2 || sh2 == 2) ? 2 : (sh1 == 3 || sh2 == 3) ? 3 : 0;
    }

    private static int weaker(int n1, int n2) {
        int c1 = cls(n1), c2 = cls(n2);
        if (c1 <= c2) {
            return n1;
        }
        return c2 == 0 ? 0x4 : (0x8 | (n1 & 3));
    }
}
