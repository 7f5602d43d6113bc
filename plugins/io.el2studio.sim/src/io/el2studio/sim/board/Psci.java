package io.el2studio.sim.board;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.Firmware;

/**
 * PSCI 1.1 (Arm DEN 0022D) built into the board, as QEMU's target/arm/psci.c provides it on virt:
 * reached through the SMC Calling Convention (DEN 0028) by SMC when the board boots at EL2, or by
 * HVC when it boots at EL1 (the "conduit", also named in the DTB's psci node). Every call through
 * the conduit is answered (SMCCC 1.3 section 5.2, as QEMU since 6.2): an unknown function gets
 * NOT_SUPPORTED in X0. SMCCC_VERSION is not supported, so Linux assumes SMCCC 1.0, as on QEMU 7.2
 * ("psci: SMC Calling Convention v1.0").
 */
public final class Psci implements Firmware {
    // Function IDs (DEN 0022D table 5-1): 0x84.. SMC32, 0xC4.. SMC64.
    public static final int PSCI_VERSION = 0x8400_0000, CPU_SUSPEND_32 = 0x8400_0001, CPU_SUSPEND_64 = 0xC400_0001,
            CPU_OFF = 0x8400_0002, CPU_ON_32 = 0x8400_0003, CPU_ON_64 = 0xC400_0003, AFFINITY_INFO_32 = 0x8400_0004,
            AFFINITY_INFO_64 = 0xC400_0004, MIGRATE_INFO_TYPE = 0x8400_0006, SYSTEM_OFF = 0x8400_0008,
            SYSTEM_RESET = 0x8400_0009, PSCI_FEATURES = 0x8400_000A;
    /** SMCCC_VERSION and SMCCC_ARCH_FEATURES (DEN 0028, Arm Architecture Calls). */
    public static final int SMCCC_VERSION = 0x8000_0000, SMCCC_ARCH_FEATURES = 0x8000_0001;

    /** Return codes (DEN 0022D table 5-2). */
    public static final long SUCCESS = 0, NOT_SUPPORTED = -1, INVALID_PARAMETERS = -2, DENIED = -3, ALREADY_ON = -4,
            ON_PENDING = -5, INTERNAL_FAILURE = -6;
    /** PSCI 1.1 in X0 of PSCI_VERSION: major in [31:16], minor in [15:0]. */
    public static final long VERSION_1_1 = 0x1_0001;
    /** MIGRATE_INFO_TYPE: "Trusted OS is not present or does not require migration". */
    public static final long MIGRATE_NOT_REQUIRED = 2;

    /** How the board reacts to calls that change power state. */
    public interface Power {
        /** Powers PE {@code target} on at {@code entry} with {@code contextId} in X0; false if it is not off. */
        boolean cpuOn(int target, long entry, long contextId);

        void cpuOff(Cpu cpu);

        boolean isOn(int target);

        /** SYSTEM_OFF or SYSTEM_RESET: the run ends. */
        void system(Cpu cpu, boolean reset);

        /** Told of every call (control API event "PSCI"). */
        default void called(Cpu cpu, long function, long result) {
        }
    }

    private final boolean viaSmc;
    private final int pes;
    private final Power power;

    /** {@code viaSmc}: the conduit is SMC (boot at EL2) rather than HVC (boot at EL1). */
    public Psci(boolean viaSmc, int pes, Power power) {
        this.viaSmc = viaSmc;
        this.pes = pes;
        this.power = power;
    }

    public boolean viaSmc() {
        return viaSmc;
    }

    @Override
    public boolean smc(Cpu cpu, int imm16) {
        return viaSmc && call(cpu);
    }

    @Override
    public boolean hvc(Cpu cpu, int imm16) {
        return !viaSmc && call(cpu);
    }

    private boolean call(Cpu cpu) {
        long fn = cpu.x[0];
        if ((fn & 0x4000_0000L) == 0) {
            // SMC32/HVC32 convention: only W0..W7 are meaningful (DEN 0028 2.6).
            fn &= 0xFFFF_FFFFL;
        }
        int id = (int) fn;
        long r;
        boolean returns = true;
        if ((fn >>> 32) != 0) {
            r = NOT_SUPPORTED;
        } else {
            switch (id) {
                case PSCI_VERSION -> r = VERSION_1_1;
                case MIGRATE_INFO_TYPE -> r = MIGRATE_NOT_REQUIRED;
                case PSCI_FEATURES -> r = features((int) cpu.x[1]);
                case CPU_ON_32, CPU_ON_64 -> r = cpuOn(cpu, id == CPU_ON_64);
                case AFFINITY_INFO_32, AFFINITY_INFO_64 -> r = affinityInfo(cpu, id == AFFINITY_INFO_64);
                case CPU_SUSPEND_32, CPU_SUSPEND_64 -> r = SUCCESS; // a standby state: returns at once, as a WFI that wakes
                case CPU_OFF -> {
                    power.cpuOff(cpu);
                    r = SUCCESS;
                    returns = false;
                }
                case SYSTEM_OFF, SYSTEM_RESET -> {
                    power.system(cpu, id == SYSTEM_RESET);
                    r = SUCCESS;
                    returns = false;
                }
                default -> r = NOT_SUPPORTED; // SMCCC_VERSION, SMCCC_ARCH_FEATURES and everything else
            }
        }
        power.called(cpu, fn, r);
        if (returns) {
            cpu.x[0] = r;
        }
        return true;
    }

    /** PSCI_FEATURES: 0 (supported, no flags) for the implemented PSCI functions, NOT_SUPPORTED otherwise. */
    private static long features(int id) {
        return switch (id) {
            case PSCI_VERSION, CPU_SUSPEND_32, CPU_SUSPEND_64, CPU_OFF, CPU_ON_32, CPU_ON_64, AFFINITY_INFO_32,
                    AFFINITY_INFO_64, MIGRATE_INFO_TYPE, SYSTEM_OFF, SYSTEM_RESET, PSCI_FEATURES -> 0;
            default -> NOT_SUPPORTED;
        };
    }

    /** The PE index with MPIDR affinity {@code mpidr} (Aff0 = index, as on virt with fewer than 16 PEs), or -1. */
    private int target(long mpidr) {
        if ((mpidr & ~0xFF_00FF_FFFFL) != 0 || (mpidr & 0xFF_00FF_FF00L) != 0) {
            return -1;
        }
        int i = (int) (mpidr & 0xFF);
        return i < pes ? i : -1;
    }

    private long cpuOn(Cpu cpu, boolean smc64) {
        long mpidr = smc64 ? cpu.x[1] : cpu.x[1] & 0xFFFF_FFFFL;
        long entry = smc64 ? cpu.x[2] : cpu.x[2] & 0xFFFF_FFFFL;
        long context = smc64 ? cpu.x[3] : cpu.x[3] & 0xFFFF_FFFFL;
        int t = target(mpidr);
        if (t < 0) {
            return INVALID_PARAMETERS;
        }
        if (power.isOn(t)) {
            return ALREADY_ON;
        }
        return power.cpuOn(t, entry, context) ? SUCCESS : ALREADY_ON;
    }

    private long affinityInfo(Cpu cpu, boolean smc64) {
        long mpidr = smc64 ? cpu.x[1] : cpu.x[1] & 0xFFFF_FFFFL;
        if (cpu.x[2] != 0) {
            return INVALID_PARAMETERS; // only the lowest affinity level (0) is supported, as QEMU
        }
        int t = target(mpidr);
        if (t < 0) {
            return INVALID_PARAMETERS;
        }
        return power.isOn(t) ? 0 : 1; // ON, OFF
    }
}
