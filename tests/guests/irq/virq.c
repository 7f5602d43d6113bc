/* Virtual interrupts (HCR_EL2.VI, VF, VSE) compared with qemu-system-aarch64: each step makes one
 * pending, unmasks (or not) and prints what the handlers recorded. See virq.S for the harness. */
#include "../common/console.h"

extern volatile unsigned long rec[8]; /* count, EL, vector offset, ESR, ELR, SPSR */
extern void set_hcr(unsigned long), at_el2(void (*fn)(void)), run_el0(void (*fn)(void)), t_wfi_masked(void);
extern unsigned long get_hcr(void);
extern void t_unmask_i(void), t_unmask_f(void), t_unmask_a(void), t_unmask_aif(void);
extern char t_unmask_i_nop[], t_unmask_f_nop[], t_unmask_a_nop[], t_unmask_aif_nop[], e0_body[];

#define RW (1UL << 31)
#define FMO (1UL << 3)
#define IMO (1UL << 4)
#define AMO (1UL << 5)
#define VF (1UL << 6)
#define VI (1UL << 7)
#define VSE (1UL << 8)

static unsigned long last;

/* ELR is printed relative to a label, so that the output names the instruction. SPSR: NZCV, IL,
 * DAIF, M[4:0] (the other bits belong to features QEMU's max CPU has and ours may not). */
static void report(const char *what, const char *name, const char *label) {
    unsigned long n = rec[0] - last;
    last = rec[0];
    if (n == 0) {
        printf("%-36s no exception\n", what);
    } else {
        printf("%-36s n=%lu EL%lu vec=0x%03lx ESR=0x%08lx ELR=%s+%ld SPSR=0x%08lx\n", what, n, rec[1], rec[2],
               rec[3], name, (long)(rec[4] - (unsigned long)label), rec[5] & 0xF01003DFUL);
    }
    flush();
}

#define REPORT(what, label) report(what, #label, label)

/* At EL2 (HVC #0xE5): virtual interrupts are never taken at EL2, whatever PSTATE says. */
static void el2_body(void) {
    __asm__ volatile("msr hcr_el2, %0; isb" :: "r"(RW | IMO | FMO | AMO | VI | VF | VSE));
    t_unmask_aif();                 REPORT("EL2: VI+VF+VSE, unmask A,I,F", t_unmask_aif_nop);
    __asm__ volatile("msr hcr_el2, %0; isb" :: "r"(RW));
}

int main(void) {
    /* vIRQ */
    set_hcr(RW | IMO | VI);         REPORT("VI, IMO, PSTATE.I = 1", t_unmask_i_nop);
    t_unmask_f();                   REPORT("VI, IMO, unmask F only", t_unmask_f_nop);
    t_unmask_i();                   REPORT("VI, IMO, unmask I", t_unmask_i_nop);
    set_hcr(RW | VI);               t_unmask_i();   REPORT("VI without IMO, unmask I", t_unmask_i_nop);
    set_hcr(RW | IMO);              t_unmask_i();   REPORT("IMO without VI, unmask I", t_unmask_i_nop);

    /* vFIQ */
    set_hcr(RW | FMO | VF);         t_unmask_i();   REPORT("VF, FMO, unmask I only", t_unmask_i_nop);
    t_unmask_f();                   REPORT("VF, FMO, unmask F", t_unmask_f_nop);
    set_hcr(RW | IMO | VF);         t_unmask_f();   REPORT("VF with IMO but not FMO, unmask F", t_unmask_f_nop);

    /* vSError: ESR_EL1 = EC 0x2F, IL, ISS 0 (VSESR_EL2 is 0 on QEMU); taking it clears HCR_EL2.VSE */
    set_hcr(RW | AMO | VSE);        t_unmask_i();   REPORT("VSE, AMO, unmask I only", t_unmask_i_nop);
    printf("HCR_EL2.VSE before unmasking A: %lu\n", (get_hcr() >> 8) & 1);
    t_unmask_a();                   REPORT("VSE, AMO, unmask A", t_unmask_a_nop);
    printf("HCR_EL2.VSE after the vSError: %lu\n", (get_hcr() >> 8) & 1);
    t_unmask_a();                   REPORT("after vSError, unmask A again", t_unmask_a_nop);

    /* Priority among pending virtual interrupts (IMPLEMENTATION DEFINED: QEMU takes vIRQ first) */
    set_hcr(RW | IMO | FMO | VI | VF); t_unmask_aif(); REPORT("VI+VF pending, unmask all", t_unmask_aif_nop);
    set_hcr(RW | IMO | AMO | VI | VSE); t_unmask_aif(); REPORT("VI+VSE pending, unmask all", t_unmask_aif_nop);
    set_hcr(RW);

    /* WFI completes on a pending virtual interrupt even when PSTATE masks it */
    set_hcr(RW | IMO | VI);         t_wfi_masked(); REPORT("WFI, VI pending, all masked", t_unmask_i_nop);
    printf("WFI returned\n");
    set_hcr(RW);

    /* From EL0 (nothing masked): taken to EL1 at the lower-EL vector; ELR = the first EL0 instruction */
    set_hcr(RW | IMO | VI);         run_el0((void (*)(void))e0_body); REPORT("EL0: VI, IMO", e0_body);
    set_hcr(RW | AMO | VSE);        run_el0((void (*)(void))e0_body); REPORT("EL0: VSE, AMO", e0_body);
    set_hcr(RW);                    run_el0((void (*)(void))e0_body); REPORT("EL0: nothing pending (svc)", e0_body);

    at_el2(el2_body);
    printf("done\n");
    return 0;
}
