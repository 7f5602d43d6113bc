/* The microvisor: two VMs, one vCPU each, on one physical PE at EL2 (nVHE: HCR_EL2.E2H = 0).
 *
 * hyp_main() sets up the GIC, each VM's stage 2 and vCPU, and enters VM 1. From then on the
 * microvisor runs only when a guest traps: handle_sync() for hypercalls, stage-2 data aborts and
 * trapped instructions, handle_irq() for the physical interrupts HCR_EL2.IMO routes here. A vCPU
 * that executes WFI with nothing to do blocks (HCR_EL2.TWI), and the other vCPU runs; when both
 * are blocked the PE waits in WFI at EL2 for the next physical interrupt. */
#include "hyp.h"

/* HCR_EL2 (Arm ARM D19.2.48): RW (EL1 is AArch64), TID3 (ID group 3 reads trap), TWI (WFI traps),
 * AMO/IMO/FMO (physical SError/IRQ/FIQ to EL2; EL1's ICC_* reach ICV_*), VM (stage 2 on). */
#define HCR_VM   (1ul << 0)
#define HCR_FMO  (1ul << 3)
#define HCR_IMO  (1ul << 4)
#define HCR_AMO  (1ul << 5)
#define HCR_TWI  (1ul << 13)
#define HCR_TID3 (1ul << 18)
#define HCR_RW   (1ul << 31)
#define HCR_E2H  (1ul << 34)
#ifdef VHE
#define HCR_HOST HCR_E2H
/* CPTR_EL2 with E2H = 1 has CPACR_EL1's layout: FPEN [21:20] = 0b11 (no FP/SIMD trap) */
#define CPTR_NO_TRAP (3ul << 20)
/* CNTHCTL_EL2 with E2H = 1: EL1PCTEN [10], EL1PCEN [11] */
#define CNTHCTL_EL1_PHYS (3ul << 10)
#else
#define HCR_HOST 0
#define CPTR_NO_TRAP 0x33fful   /* RES1 bits, TFP = 0 */
#define CNTHCTL_EL1_PHYS 3ul    /* EL1PCTEN [0], EL1PCEN [1] */
#endif
#define HCR_GUEST (HCR_HOST | HCR_RW | HCR_TID3 | HCR_TWI | HCR_AMO | HCR_IMO | HCR_FMO | HCR_VM)

/* VTCR_EL2: T0SZ 32 (4 GiB IPA), SL0 1 (start at level 1), inner/outer write-back, inner shareable,
 * 4 KiB granule, PS 40 bits, RES1 bit 31 */
#define VTCR_GUEST (0x80000000ul | (2ul << 16) | (3ul << 12) | (1ul << 10) | (1ul << 8) | (1ul << 6) | 32)

/* ESR_EL2.EC values handled here (Arm ARM D17.2.37) */
#define EC_WFX     0x01
#define EC_HVC64   0x16
#define EC_SYS64   0x18
#define EC_DABT_LOW 0x24

#define SPSR_EL1H_DAIF 0x3c5

extern char __guest1_start[], __guest2_start[];
extern void guest_enter(void) __attribute__((noreturn));
void vgic_save(struct vcpu *v);
void vgic_restore(struct vcpu *v);

struct vcpu vcpus[NVM];
struct vcpu *current;

static void vcpu_init(struct vcpu *v, int vmid, const char *name, u64 ram_pa)
{
    v->vmid = vmid;
    v->name = name;
    v->state = VCPU_RUNNABLE;
    v->at_line_start = 1;
    v->regs.elr = GUEST_RAM_IPA;          /* each guest ELF is linked to run at IPA 0x40000000 */
    v->regs.spsr = SPSR_EL1H_DAIF;
    v->regs.x[0] = (u64)vmid;
    v->el1.sctlr = 0x30d00800;            /* MMU off, SPAN = 1 */
    v->el1.cpacr = 3ul << 20;             /* FP/SIMD not trapped */
    stage2_init(v, ram_pa);
    /* the read-only page holds a word the guest can read but not overwrite */
    *(volatile u64 *)stage2_pa_of(v, GUEST_RO_IPA) = 0x524f0000ul + (u64)vmid;
}

/* ---- the world switch: the EL1 state that is not in struct gp_regs ---- */

static void el1_save(struct vcpu *v)
{
    struct el1_state *s = &v->el1;
    s->sctlr = SYSREG_READ(EL1(sctlr));
    s->vbar = SYSREG_READ(EL1(vbar));
    s->sp_el1 = SYSREG_READ(sp_el1);
    s->sp_el0 = SYSREG_READ(sp_el0);
    s->elr = SYSREG_READ(EL1(elr));
    s->spsr = SYSREG_READ(EL1(spsr));
    s->esr = SYSREG_READ(EL1(esr));
    s->far = SYSREG_READ(EL1(far));
    s->cpacr = SYSREG_READ(EL1(cpacr));
    s->tpidr = SYSREG_READ(tpidr_el1);
    s->cntkctl = SYSREG_READ(EL1(cntkctl));
    s->cntv_ctl = SYSREG_READ(EL0(cntv_ctl));
    s->cntv_cval = SYSREG_READ(EL0(cntv_cval));
    SYSREG_WRITE(EL0(cntv_ctl), 0);        /* this VM's timer must not fire while another VM runs */
    vgic_save(v);
    v->descheduled_at = read_cntpct();
}

static void el1_restore(struct vcpu *v)
{
    struct el1_state *s = &v->el1;
    /* the time the VM spent off the PE is added to its offset: its virtual count stood still */
    if (v->descheduled_at)
        v->cntvoff += read_cntpct() - v->descheduled_at;
    else
        v->cntvoff = read_cntpct();       /* first run: the VM's time starts at 0 */
    SYSREG_WRITE(cntvoff_el2, v->cntvoff);
    SYSREG_WRITE(vttbr_el2, v->vttbr);
    SYSREG_WRITE(vpidr_el2, 0x410fd070ul);            /* guests see a Cortex-A57's MIDR_EL1 */
    SYSREG_WRITE(vmpidr_el2, 0x80000000ul | (u64)(v->vmid - 1));  /* and their own MPIDR_EL1.Aff0 */
    SYSREG_WRITE(EL1(sctlr), s->sctlr);
    SYSREG_WRITE(EL1(vbar), s->vbar);
    SYSREG_WRITE(sp_el1, s->sp_el1);
    SYSREG_WRITE(sp_el0, s->sp_el0);
    SYSREG_WRITE(EL1(elr), s->elr);
    SYSREG_WRITE(EL1(spsr), s->spsr);
    SYSREG_WRITE(EL1(esr), s->esr);
    SYSREG_WRITE(EL1(far), s->far);
    SYSREG_WRITE(EL1(cpacr), s->cpacr);
    SYSREG_WRITE(tpidr_el1, s->tpidr);
    SYSREG_WRITE(EL1(cntkctl), s->cntkctl);
    SYSREG_WRITE(EL0(cntv_cval), s->cntv_cval);
    SYSREG_WRITE(EL0(cntv_ctl), s->cntv_ctl);
    vgic_restore(v);
    __asm__ volatile("isb");
}

static void switch_to(struct vcpu *next)
{
    if (next == current)
        return;
    if (current)
        el1_save(current);
    current = next;
    el1_restore(next);
    SYSREG_WRITE(tpidr_el2, next);        /* guest_enter restores this vCPU's registers */
}

void vcpu_block(struct vcpu *v)
{
    v->state = VCPU_BLOCKED;
}

void vcpu_wake(struct vcpu *v)
{
    if (v->state == VCPU_BLOCKED)
        v->state = VCPU_RUNNABLE;
}

/* Waits at EL2 for a physical interrupt while no vCPU can run; the virtual timer belongs to the vCPU
 * that is still loaded. WFI wakes on a pending interrupt even with PSTATE.I set (Arm ARM D1.6.2). */
static void idle(void)
{
    for (;;) {
        __asm__ volatile("dsb sy; wfi" ::: "memory");
        u64 intid = SYSREG_READ(S3_0_C12_C12_0) & 0xffffff;      /* ICC_IAR1_EL1 */
        if (intid == 1023)
            continue;                                             /* spurious */
        SYSREG_WRITE(S3_0_C12_C12_1, intid);                      /* ICC_EOIR1_EL1: priority drop */
        if (intid == VTIMER_INTID) {
            vtimer_irq(current);
            current->state = VCPU_RUNNABLE;
            return;
        }
        printk("[hyp] unexpected physical interrupt %lu\n", intid);
    }
}

/* Picks the next vCPU: the other one if it can run, else this one, else wait for an interrupt. */
void schedule(void)
{
    for (;;) {
        int all_done = 1;
        for (int i = 1; i <= NVM; i++) {
            struct vcpu *v = &vcpus[(current - vcpus + i) % NVM];
            if (v->state != VCPU_DONE)
                all_done = 0;
            if (v->state == VCPU_RUNNABLE) {
                switch_to(v);
                return;
            }
        }
        if (all_done) {
            printk("[hyp] all VMs are done; powering off\n");
            psci_system_off();
        }
        idle();
    }
}

/* A trapped WFI (ESR_EL2.ISS.TI = 0): return at once when a virtual interrupt waits, else block. */
static void wfi_trap(struct vcpu *v)
{
    v->regs.elr += 4;
    if (vgic_pending(v))
        return;
    vcpu_block(v);
    schedule();
}

/* A trapped MRS of an ID group 3 register (HCR_EL2.TID3; ESR_EL2.ISS for EC 0x18 holds Op0, Op2,
 * Op1, CRn, Rt, CRm and Direction, Arm ARM D17.2.56). ID_AA64PFR0_EL1 is emulated to hide EL2 and EL3
 * from the guest; the rest of the group reads as zero. */
static void sysreg_trap(struct vcpu *v, u64 esr)
{
    unsigned op0 = (esr >> 20) & 3, op2 = (esr >> 17) & 7, op1 = (esr >> 14) & 7;
    unsigned crn = (esr >> 10) & 15, rt = (esr >> 5) & 31, crm = (esr >> 1) & 15, read = esr & 1;
    u64 value = 0;
    if (op0 == 3 && op1 == 0 && crn == 0 && crm == 4 && op2 == 0) {
        value = 0x01000011ul;   /* ID_AA64PFR0_EL1: EL0 and EL1 AArch64, no EL2, no EL3, GIC 1, FP and AdvSIMD */
        printk("[hyp] %s reads ID_AA64PFR0_EL1: emulated as 0x%lx\n", v->name, value);
    }
    if (read && rt != 31)
        v->regs.x[rt] = value;
    v->regs.elr += 4;
}

static void data_abort(struct vcpu *v, u64 esr)
{
    u64 ipa = (SYSREG_READ(hpfar_el2) & 0xffffffffff0ul) << 8 | (SYSREG_READ(far_el2) & 0xfff);
    unsigned dfsc = esr & 0x3f;
    if (vuart_abort(v, esr, ipa))
        return;
    if ((dfsc & 0x3c) == 0x0c && (ipa & ~0xffful) == GUEST_RO_IPA) {   /* permission fault */
        printk("[hyp] %s: write to read-only IPA 0x%lx ignored\n", v->name, ipa);
        v->regs.elr += 4;
        return;
    }
    printk("[hyp] %s: stage-2 abort at IPA 0x%lx (ESR_EL2 0x%lx, PC 0x%lx): VM stopped\n", v->name, ipa, esr,
           v->regs.elr);
    v->state = VCPU_DONE;
    schedule();
}

void handle_sync(struct vcpu *v)
{
    u64 esr = SYSREG_READ(esr_el2);
    switch (esr >> 26) {
    case EC_HVC64:
        hypercall(v);
        if (v->state != VCPU_RUNNABLE)
            schedule();
        break;
    case EC_DABT_LOW: data_abort(v, esr); break;
    case EC_WFX: wfi_trap(v); break;
    case EC_SYS64: sysreg_trap(v, esr); break;
    default:
        printk("[hyp] %s: unexpected exception, ESR_EL2 0x%lx at 0x%lx: VM stopped\n", v->name, esr, v->regs.elr);
        v->state = VCPU_DONE;
        schedule();
        break;
    }
}

void handle_irq(struct vcpu *v)
{
    u64 intid = SYSREG_READ(S3_0_C12_C12_0) & 0xffffff;             /* ICC_IAR1_EL1 */
    if (intid == 1023)
        return;
    SYSREG_WRITE(S3_0_C12_C12_1, intid);                            /* ICC_EOIR1_EL1 */
    if (intid == VTIMER_INTID)
        vtimer_irq(v);
    else
        printk("[hyp] unexpected physical interrupt %lu\n", intid);
}

void hyp_main(void)
{
    printk("[hyp] EL2 Studio microvisor: %d VMs, " HYP_MODE ", stage 2 with VMIDs\n", NVM);
    vgic_init();
    SYSREG_WRITE(vtcr_el2, VTCR_GUEST);
    SYSREG_WRITE(hcr_el2, HCR_GUEST);
    SYSREG_WRITE(cptr_el2, CPTR_NO_TRAP);
    SYSREG_WRITE(cnthctl_el2, CNTHCTL_EL1_PHYS);  /* EL1 may use the physical counter and timer */
    vcpu_init(&vcpus[0], 1, "vm1", (u64)__guest1_start);
    vcpu_init(&vcpus[1], 2, "vm2", (u64)__guest2_start);
    __asm__ volatile("isb");
    switch_to(&vcpus[0]);
    guest_enter();
}
