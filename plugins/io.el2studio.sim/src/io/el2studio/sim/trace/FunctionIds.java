package io.el2studio.sim.trace;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names of the function IDs an HVC or SMC carries in W0/X0 under the SMC Calling Convention (Arm DEN0028,
 * "SMC Calling Convention", 2.5: bit 31 fast call, bit 30 SMC64, bits [29:24] the owning entity,
 * bits [15:0] the function number): PSCI's (Arm DEN0022, "Power State Coordination Interface", 5.1)
 * and the Arm architecture calls, by name; any other ID decoded by its fields.
 */
public final class FunctionIds {
    private FunctionIds() {
    }

    private static final Map<Long, String> NAMES = new LinkedHashMap<>();

    static {
        String[] rows = {
            "80000000 SMCCC_VERSION", "80000001 SMCCC_ARCH_FEATURES", "80000002 SMCCC_ARCH_SOC_ID",
            "80008000 SMCCC_ARCH_WORKAROUND_1", "80007fff SMCCC_ARCH_WORKAROUND_2", "80003fff SMCCC_ARCH_WORKAROUND_3",
            "84000000 PSCI_VERSION", "84000001 PSCI_CPU_SUSPEND", "c4000001 PSCI_CPU_SUSPEND64", "84000002 PSCI_CPU_OFF",
            "84000003 PSCI_CPU_ON", "c4000003 PSCI_CPU_ON64", "84000004 PSCI_AFFINITY_INFO", "c4000004 PSCI_AFFINITY_INFO64",
            "84000005 PSCI_MIGRATE", "c4000005 PSCI_MIGRATE64", "84000006 PSCI_MIGRATE_INFO_TYPE",
            "84000007 PSCI_MIGRATE_INFO_UP_CPU", "c4000007 PSCI_MIGRATE_INFO_UP_CPU64", "84000008 PSCI_SYSTEM_OFF",
            "84000009 PSCI_SYSTEM_RESET", "8400000a PSCI_FEATURES", "8400000b PSCI_CPU_FREEZE",
            "8400000c PSCI_CPU_DEFAULT_SUSPEND", "c400000c PSCI_CPU_DEFAULT_SUSPEND64", "8400000d PSCI_NODE_HW_STATE",
            "c400000d PSCI_NODE_HW_STATE64", "8400000e PSCI_SYSTEM_SUSPEND", "c400000e PSCI_SYSTEM_SUSPEND64",
            "8400000f PSCI_SET_SUSPEND_MODE", "84000010 PSCI_STAT_RESIDENCY", "c4000010 PSCI_STAT_RESIDENCY64",
            "84000011 PSCI_STAT_COUNT", "c4000011 PSCI_STAT_COUNT64", "84000012 PSCI_SYSTEM_RESET2",
            "c4000012 PSCI_SYSTEM_RESET2_64", "84000013 PSCI_MEM_PROTECT", "84000014 PSCI_MEM_PROTECT_CHECK_RANGE",
            "c4000014 PSCI_MEM_PROTECT_CHECK_RANGE64",
        };
        for (String r : rows) {
            NAMES.put(Long.parseLong(r.substring(0, 8), 16), r.substring(9));
        }
    }

    private static final String[] OWNERS = {"Arm Architecture", "CPU Service", "SiP Service", "OEM Service",
        "Standard Secure Service", "Standard Hypervisor Service", "Vendor Specific Hypervisor Service"};

    /** The name of a function ID (the low 32 bits of X0), or null when it has none here. */
    public static String name(long id) {
        return NAMES.get(id & 0xffff_ffffL);
    }

    /** A readable form: the name, else the SMCCC fields ("SMCCC fast SMC64 Standard Hypervisor Service #0x12"). */
    public static String describe(long id) {
        long w = id & 0xffff_ffffL;
        String n = NAMES.get(w);
        if (n != null) {
            return n;
        }
        if ((w & 0x8000_0000L) == 0) {
            return String.format("0x%x", w);
        }
        int owner = (int) (w >>> 24) & 0x3f;
        String o = owner < OWNERS.length ? OWNERS[owner]
                : owner >= 0x30 && owner <= 0x31 ? "Trusted Application" : owner >= 0x32 ? "Trusted OS" : "reserved owner " + owner;
        return String.format("SMCCC fast %s %s #0x%x", (w & 0x4000_0000L) != 0 ? "SMC64" : "SMC32", o, w & 0xffff);
    }

    /** The function ID of a name (any case, with or without the PSCI_/SMCCC_ prefix), or -1. */
    public static long byName(String name) {
        String u = name.toUpperCase(Locale.ROOT);
        for (Map.Entry<Long, String> e : NAMES.entrySet()) {
            String n = e.getValue();
            if (n.equals(u) || n.equals("PSCI_" + u) || n.equals("SMCCC_" + u)) {
                return e.getKey();
            }
        }
        return -1;
    }
}
