package io.el2studio.sim.trace;

/** Names of the ESR_ELx.EC values (Arm ARM D17.2.37, "ESR_EL1, Exception Syndrome Register (EL1)"). */
public final class ExceptionClasses {
    private ExceptionClasses() {
    }

    private static final String[] NAMES = new String[64];

    static {
        String[] rows = {
            "00 Unknown reason", "01 WFI/WFE trap", "03 MCR/MRC (cp15) trap", "04 MCRR/MRRC (cp15) trap",
            "05 MCR/MRC (cp14) trap", "06 LDC/STC trap", "07 SIMD/FP access trap", "08 VMRS (cp10) trap",
            "09 Pointer authentication trap", "0a LD64B/ST64B trap", "0c MRRC (cp14) trap", "0d Branch target exception",
            "0e Illegal Execution state", "11 SVC (AArch32)", "12 HVC (AArch32)", "13 SMC (AArch32)",
            "15 SVC", "16 HVC", "17 SMC", "18 MSR/MRS/system instruction trap", "19 SVE access trap",
            "1a ERET/ERETAA/ERETAB trap", "1b TSTART trap", "1c Pointer authentication failure", "1d SME access trap",
            "1e Granule protection check", "1f IMPLEMENTATION DEFINED (EL3)", "20 Instruction Abort from a lower EL",
            "21 Instruction Abort", "22 PC alignment fault", "24 Data Abort from a lower EL", "25 Data Abort",
            "26 SP alignment fault", "27 Memory operation exception", "28 FP exception (AArch32)",
            "2c FP exception", "2f SError", "30 Breakpoint from a lower EL", "31 Breakpoint", "32 Software Step from a lower EL",
            "33 Software Step", "34 Watchpoint from a lower EL", "35 Watchpoint", "38 BKPT (AArch32)",
            "3a Vector catch (AArch32)", "3c BRK",
        };
        for (String r : rows) {
            NAMES[Integer.parseInt(r.substring(0, 2), 16)] = r.substring(3);
        }
    }

    /**
     * The exception classes by the short names hypervisor code uses for them (Linux's
     * ESR_ELx_EC_* in arch/arm64/include/asm/esr.h, which KVM, Xen and most others follow).
     */
    private static final String[] SHORT = new String[64];

    static {
        String[] rows = {
            "00 UNKNOWN", "01 WFx", "03 CP15_32", "04 CP15_64", "05 CP14_MR", "06 CP14_LS", "07 FP_ASIMD", "08 CP10_ID",
            "09 PAC", "0a LS64", "0c CP14_64", "0d BTI", "0e ILL", "11 SVC32", "12 HVC32", "13 SMC32", "15 SVC64",
            "16 HVC64", "17 SMC64", "18 SYS64", "19 SVE", "1a ERET", "1b TSTART", "1c FPAC", "1d SME", "1e GPC",
            "1f IMP_DEF", "20 IABT_LOW", "21 IABT_CUR", "22 PC_ALIGN", "24 DABT_LOW", "25 DABT_CUR", "26 SP_ALIGN",
            "27 MOPS", "28 FP_EXC32", "2c FP_EXC64", "2f SERROR", "30 BREAKPT_LOW", "31 BREAKPT_CUR",
            "32 SOFTSTP_LOW", "33 SOFTSTP_CUR", "34 WATCHPT_LOW", "35 WATCHPT_CUR", "38 BKPT32", "3a VECTOR32",
            "3c BRK64",
        };
        for (String r : rows) {
            SHORT[Integer.parseInt(r.substring(0, 2), 16)] = r.substring(3);
        }
    }

    /** The short name of {@code ec} (DABT_LOW, HVC64 ...); "EC_0xNN" for unallocated values. */
    public static String shortName(int ec) {
        String n = ec >= 0 && ec < 64 ? SHORT[ec] : null;
        return n != null ? n : String.format("EC_0x%02x", ec);
    }

    /** The class a short name (any case) stands for, or -1. */
    public static int byShortName(String name) {
        for (int ec = 0; ec < 64; ec++) {
            if (SHORT[ec] != null && SHORT[ec].equalsIgnoreCase(name)) {
                return ec;
            }
        }
        return -1;
    }

    /** Every short name, in EC order. */
    public static java.util.List<String> shortNames() {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (String n : SHORT) {
            if (n != null) {
                l.add(n);
            }
        }
        return l;
    }

    /** The Arm ARM's short name of exception class {@code ec}; "EC 0xNN" for unallocated values. */
    public static String name(int ec) {
        String n = ec >= 0 && ec < 64 ? NAMES[ec] : null;
        return n != null ? n : String.format("EC 0x%02x", ec);
    }
}
