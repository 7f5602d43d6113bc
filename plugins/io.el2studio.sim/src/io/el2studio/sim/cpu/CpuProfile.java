package io.el2studio.sim.cpu;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import io.el2studio.sim.isa.Feature;

/**
 * A CPU model: the features it implements. The ID registers are derived from this set, so that
 * nothing is advertised that is not modelled.
 */
public final class CpuProfile {
    private final String name;
    private final Set<Feature> features;
    private final int paBits;

    private CpuProfile(String name, int paBits, Set<Feature> features) {
        this.name = name;
        this.paBits = paBits;
        this.features = Collections.unmodifiableSet(features);
    }

    /**
     * Armv8.0-A Cortex-A57: FP, AdvSIMD, CRC32 and the v8.0 crypto extension; no VHE, no LSE; 44-bit
     * physical addresses (Cortex-A57 TRM, ID_AA64MMFR0_EL1.PARange = 0b0100; QEMU 7.2's cortex-a57 too).
     */
    public static CpuProfile cortexA57() {
        return new CpuProfile("cortex-a57", 44, EnumSet.of(Feature.FP, Feature.ADVSIMD, Feature.CRC32,
                Feature.AES, Feature.PMULL, Feature.SHA1, Feature.SHA256));
    }

    /** Everything the simulator really implements (the default). */
    public static CpuProfile max() {
        return new CpuProfile("max", 48, EnumSet.of(Feature.FP, Feature.ADVSIMD, Feature.CRC32,
                Feature.AES, Feature.PMULL, Feature.SHA1, Feature.SHA256, Feature.SHA512, Feature.SHA3,
                Feature.SM3, Feature.SM4, Feature.RDM, Feature.DOTPROD, Feature.I8MM, Feature.FP16, Feature.FHM, Feature.FCMA, Feature.FRINTTS, Feature.JSCVT, Feature.BF16, Feature.FLAGM, Feature.LSE, Feature.LRCPC, Feature.PAN, Feature.VHE,
                Feature.VMID16, Feature.IDST,
                // CSV2/CSV3: no speculative execution at all, so branch targets and faulting loads cannot leak
                // across contexts; Linux then takes its "unaffected" paths (no Spectre-v2 mitigation, no KPTI).
                Feature.CSV2, Feature.CSV3));
    }

    public static CpuProfile named(String name) {
        return switch (name) {
            case "max" -> max();
            case "cortex-a57" -> cortexA57();
            default -> throw new IllegalArgumentException("unknown CPU profile '" + name + "' (known: max, cortex-a57)");
        };
    }

    public String name() {
        return name;
    }

    public Set<Feature> features() {
        return features;
    }

    public boolean has(Feature f) {
        return features.contains(f);
    }

    /**
     * The implemented physical address size, PAMax() in the Arm ARM pseudocode: ID_AA64MMFR0_EL1.PARange
     * advertises it, the MMU gives an Address size fault for any output address above it and caps
     * TCR_ELx.{I}PS and VTCR_EL2.PS at it (mmu.MmuRegs.paBits). 48 at most: no FEAT_LPA.
     */
    public int paBits() {
        return paBits;
    }

    /** ID_AA64MMFR0_EL1.PARange encoding of {@link #paBits()} (Arm ARM D19.2: 0b0000 = 32 bits ... 0b0101 = 48 bits). */
    public int paRange() {
        return switch (paBits) {
            case 32 -> 0;
            case 36 -> 1;
            case 40 -> 2;
            case 42 -> 3;
            case 44 -> 4;
            default -> 5;
        };
    }

    // ---- ID registers derived from the feature set: nothing is advertised that is not modelled ----
    // Field values as the Arm ARM defines them (D19.2, ID_AA64*_EL1). A feature added to a profile
    // shows up here; a field whose feature the simulator lacks stays 0 ("not implemented").

    private long f(Feature feat, int lsb, long value) {
        return has(feat) ? value << lsb : 0;
    }

    /** MIDR_EL1: cortex-a57 r1p0 as the real part; max uses implementer 0 ("software use"). */
    public long midr() {
        return name.equals("cortex-a57") ? 0x411F_D070L : 0x000F_0510L;
    }

    /** ID_AA64PFR0_EL1: EL0..EL3 AArch64-only, FP/AdvSIMD, GIC system registers not yet (the GIC is not modelled). */
    public long idAa64pfr0() {
        long v = 0x1111; // EL3, EL2, EL1, EL0 [15:0]: 0b0001 = AArch64 only
        v |= (has(Feature.FP) ? (has(Feature.FP16) ? 1L : 0L) : 0xFL) << 16;
        v |= (has(Feature.ADVSIMD) ? (has(Feature.FP16) ? 1L : 0L) : 0xFL) << 20;
        // [27:24] GIC: a property of the board, not of the CPU model: IdRegs adds it (Cpu.gicSysregInterface).
        v |= f(Feature.RAS, 28, 1);
        v |= f(Feature.SEL2, 36, 1);
        v |= f(Feature.DIT, 48, 1);
        v |= f(Feature.CSV2, 56, 1);
        v |= f(Feature.CSV3, 60, 1);
        return v;
    }

    public long idAa64pfr1() {
        return f(Feature.BTI, 0, 1) | f(Feature.SSBS, 4, 2) | f(Feature.MTE, 8, 2);
    }

    public long idAa64isar0() {
        long v = 0;
        v |= has(Feature.AES) ? (has(Feature.PMULL) ? 2L : 1L) << 4 : 0;
        v |= f(Feature.SHA1, 8, 1);
        v |= has(Feature.SHA256) ? (has(Feature.SHA512) ? 2L : 1L) << 12 : 0;
        v |= f(Feature.CRC32, 16, 1);
        v |= has(Feature.LSE) ? (has(Feature.ATOMICS_128) ? 3L : 2L) << 20 : 0;
        v |= f(Feature.RDM, 28, 1);
        v |= f(Feature.SHA3, 32, 1);
        v |= f(Feature.SM3, 36, 1);
        v |= f(Feature.SM4, 40, 1);
        v |= f(Feature.DOTPROD, 44, 1);
        v |= f(Feature.FHM, 48, 1);
        v |= has(Feature.FLAGM) ? (has(Feature.FLAGM2) ? 2L : 1L) << 52 : 0;
        return v;
    }

    public long idAa64isar1() {
        long v = 0;
        v |= has(Feature.DPB) ? (has(Feature.DPB2) ? 2L : 1L) : 0;
        // APA/API [11:4]: pointer authentication is disassembled but not implemented; advertised only with PAUTH.
        v |= f(Feature.PAUTH, 4, 1);
        v |= f(Feature.JSCVT, 12, 1);
        v |= f(Feature.FCMA, 16, 1);
        v |= has(Feature.LRCPC) ? (has(Feature.LRCPC2) ? 2L : 1L) << 20 : 0;
        v |= f(Feature.FRINTTS, 32, 1);
        v |= f(Feature.SB, 36, 1);
        v |= f(Feature.SPECRES, 40, 1);
        v |= f(Feature.BF16, 44, 1);
        v |= f(Feature.I8MM, 52, 1);
        return v;
    }

    public long idAa64isar2() {
        return 0;
    }

    /** ID_AA64MMFR0_EL1: PARange of the profile, 16-bit ASID, 4KB/16KB/64KB granules at stage 1 and 2, little-endian only. */
    public long idAa64mmfr0() {
        return paRange() | 2L << 4 | 1L << 20 /* TGran16 */ | f(Feature.ECV, 60, 1);
    }

    public long idAa64mmfr1() {
        long v = 0;
        v |= f(Feature.VMID16, 4, 2);
        v |= f(Feature.VHE, 8, 1);
        v |= f(Feature.HPDS, 12, 1);
        v |= f(Feature.LOR, 16, 1);
        v |= has(Feature.PAN) ? (has(Feature.PAN2) ? 2L : 1L) << 20 : 0;
        return v;
    }

    public long idAa64mmfr2() {
        long v = 0;
        v |= f(Feature.TTCNXT, 0, 1);
        v |= f(Feature.UAO, 4, 1);
        v |= f(Feature.LVA, 16, 1);
        v |= f(Feature.NV, 24, 1);
        v |= f(Feature.TTST, 28, 1);
        v |= f(Feature.IDST, 36, 1);
        v |= f(Feature.LSE2, 32, 1);
        v |= f(Feature.S2FWB, 40, 1);
        return v;
    }

    /** Breakpoint and watchpoint register pairs (DBGBVR<n>/DBGBCR<n>, DBGWVR<n>/DBGWCR<n>, sysreg.CoreRegs). */
    public static final int BREAKPOINTS = 6, WATCHPOINTS = 4, CONTEXT_BREAKPOINTS = 2;

    /**
     * ID_AA64DFR0_EL1: Armv8.0 debug with Cortex-A57's 6 breakpoints (the last 2 context-aware) and 4
     * watchpoints (Cortex-A57 TRM; QEMU 7.2 gives the same counts to max and cortex-a57); no PMU.
     * The registers are storage only: self-hosted debug events are not modelled.
     */
    public long idAa64dfr0() {
        return 0x6L | (long) (BREAKPOINTS - 1) << 12 | (long) (WATCHPOINTS - 1) << 20 | (long) (CONTEXT_BREAKPOINTS - 1) << 28;
    }
}
