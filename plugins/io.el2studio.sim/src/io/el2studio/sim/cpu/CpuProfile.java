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

    private CpuProfile(String name, Set<Feature> features) {
        this.name = name;
        this.features = Collections.unmodifiableSet(features);
    }

    /** Armv8.0-A Cortex-A57: FP, AdvSIMD, CRC32 and the v8.0 crypto extension; no VHE, no LSE. */
    public static CpuProfile cortexA57() {
        return new CpuProfile("cortex-a57", EnumSet.of(Feature.FP, Feature.ADVSIMD, Feature.CRC32,
                Feature.AES, Feature.PMULL, Feature.SHA1, Feature.SHA256));
    }

    /** Everything the simulator really implements (the default). */
    public static CpuProfile max() {
        return new CpuProfile("max", EnumSet.of(Feature.FP, Feature.ADVSIMD, Feature.CRC32,
                Feature.AES, Feature.PMULL, Feature.SHA1, Feature.SHA256, Feature.SHA512, Feature.SHA3,
                Feature.SM3, Feature.SM4, Feature.FP16, Feature.FHM, Feature.LSE, Feature.PAN, Feature.VHE,
                Feature.VMID16));
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
}
