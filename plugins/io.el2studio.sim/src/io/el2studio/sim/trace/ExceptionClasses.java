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

    /** The Arm ARM's short name of exception class {@code ec}; "EC 0xNN" for unallocated values. */
    public static String name(int ec) {
        String n = ec >= 0 && ec < 64 ? NAMES[ec] : null;
        return n != null ? n : String.format("EC 0x%02x", ec);
    }
}
