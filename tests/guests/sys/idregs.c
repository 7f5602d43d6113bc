/* ID register guest (idregs.S): prints every register of the feature ID space read at EL2, then the
 * syndromes of EL0 reads of a few of them (FEAT_IDST: EC 0x18 instead of 0x00). One line per register:
 * "<name> = 0x<value>" or "<name> UNDEFINED ESR=0x<esr>". */
#include "../common/console.h"

extern volatile unsigned long fault_esr;
extern char id_table[];
extern unsigned long el_call(unsigned long entry, unsigned long spsr);

static const char *const names[64] = {
    "MIDR_EL1", "s3_0_c0_c0_1", "s3_0_c0_c0_2", "s3_0_c0_c0_3", "s3_0_c0_c0_4", "MPIDR_EL1", "REVIDR_EL1", "s3_0_c0_c0_7",
    "ID_PFR0_EL1", "ID_PFR1_EL1", "ID_DFR0_EL1", "ID_AFR0_EL1", "ID_MMFR0_EL1", "ID_MMFR1_EL1", "ID_MMFR2_EL1", "ID_MMFR3_EL1",
    "ID_ISAR0_EL1", "ID_ISAR1_EL1", "ID_ISAR2_EL1", "ID_ISAR3_EL1", "ID_ISAR4_EL1", "ID_ISAR5_EL1", "ID_MMFR4_EL1", "ID_ISAR6_EL1",
    "MVFR0_EL1", "MVFR1_EL1", "MVFR2_EL1", "s3_0_c0_c3_3", "ID_PFR2_EL1", "ID_DFR1_EL1", "ID_MMFR5_EL1", "s3_0_c0_c3_7",
    "ID_AA64PFR0_EL1", "ID_AA64PFR1_EL1", "ID_AA64PFR2_EL1", "s3_0_c0_c4_3", "ID_AA64ZFR0_EL1", "ID_AA64SMFR0_EL1", "s3_0_c0_c4_6", "ID_AA64FPFR0_EL1",
    "ID_AA64DFR0_EL1", "ID_AA64DFR1_EL1", "ID_AA64DFR2_EL1", "s3_0_c0_c5_3", "ID_AA64AFR0_EL1", "ID_AA64AFR1_EL1", "s3_0_c0_c5_6", "s3_0_c0_c5_7",
    "ID_AA64ISAR0_EL1", "ID_AA64ISAR1_EL1", "ID_AA64ISAR2_EL1", "ID_AA64ISAR3_EL1", "s3_0_c0_c6_4", "s3_0_c0_c6_5", "s3_0_c0_c6_6", "s3_0_c0_c6_7",
    "ID_AA64MMFR0_EL1", "ID_AA64MMFR1_EL1", "ID_AA64MMFR2_EL1", "ID_AA64MMFR3_EL1", "ID_AA64MMFR4_EL1", "s3_0_c0_c7_5", "s3_0_c0_c7_6", "s3_0_c0_c7_7",
};
static const char *const extra[] = {"CCSIDR_EL1", "CLIDR_EL1", "CCSIDR2_EL1", "GMID_EL1", "AIDR_EL1", "CTR_EL0", "DCZID_EL0"};

static unsigned long read_at_el2(int n) {
    unsigned long (*fn)(void) = (unsigned long (*)(void))(id_table + 8 * n);
    fault_esr = 0;
    return fn();
}

static void show(const char *name, unsigned long v) {
    if (fault_esr)
        printf("%-18s UNDEFINED ESR=0x%08lx\n", name, fault_esr);
    else
        printf("%-18s = 0x%016lx\n", name, v);
}

static void at_el0(const char *name, int n) {
    fault_esr = 0;
    unsigned long v = el_call((unsigned long)(id_table + 8 * n), 0x3c0);
    if (fault_esr)
        printf("EL0 %-18s ESR=0x%08lx\n", name, fault_esr);
    else
        printf("EL0 %-18s = 0x%016lx\n", name, v);
}

int main(void) {
    for (int n = 0; n < 64; n++)
        show(names[n], read_at_el2(n));
    for (int level = 0; level < 3; level++) {
        for (int ind = 0; ind < 2; ind++) {
            unsigned long csselr = (unsigned long)(level << 1 | ind);
            __asm__ volatile("msr csselr_el1, %0; isb" :: "r"(csselr));
            printf("CSSELR_EL1=%lu ", csselr);
            show("CCSIDR_EL1", read_at_el2(64));
        }
    }
    for (int n = 65; n < 71; n++)
        show(extra[n - 64], read_at_el2(n));
    /* The same registers read at EL1 (HCR_EL2 = RW only: no TID traps; MIDR_EL1 and MPIDR_EL1 read
     * VPIDR_EL2 and VMPIDR_EL2, which reset to the real values): only the differences are printed. */
    int same = 0;
    for (int n = 0; n < 71; n++) {
        if (n == 64)
            continue; /* CCSIDR_EL1: CSSELR_EL1 was left at 5 */
        unsigned long v2 = read_at_el2(n), e2 = fault_esr;
        fault_esr = 0;
        unsigned long v1 = el_call((unsigned long)(id_table + 8 * n), 0x3c5);
        unsigned long e1 = fault_esr;
        if (e1 != e2 || (!e1 && v1 != v2))
            printf("EL1 differs: entry %d EL1 0x%lx ESR=0x%lx, EL2 0x%lx ESR=0x%lx\n", n, v1, e1, v2, e2);
        else
            same++;
    }
    printf("EL1 reads equal to EL2 reads: %d\n", same);
    /* EL0 reads (SCTLR_EL1.UCT = 0): MIDR_EL1 and an ID_AA64 register, an unallocated ID encoding,
     * CLIDR_EL1 (op1 = 1), CTR_EL0 (trapped by UCT), DCZID_EL0 (EL0 readable). */
    at_el0("MIDR_EL1", 0);
    at_el0("ID_AA64PFR0_EL1", 32);
    at_el0("s3_0_c0_c7_7", 63);
    at_el0("CLIDR_EL1", 65);
    at_el0("CTR_EL0", 69);
    at_el0("DCZID_EL0", 70);
    printf("done\n");
    return 0;
}
