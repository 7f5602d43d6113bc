/* Virtual interrupts through the GICv3 virtual CPU interface (GICv3 spec IHI0069, 12.4-12.5). The
 * guests' ICC_* accesses reach the ICV_* registers because HCR_EL2.IMO = 1; a list register
 * ICH_LR<n>_EL2 carries each virtual interrupt: State [63:62] (01 = pending), HW [61] (the guest's
 * deactivation also deactivates the physical pINTID [44:32]), Group [60], Priority [55:48],
 * vINTID [31:0]. Each vCPU owns four list registers: the running vCPU's are in hardware, the
 * others' in its saved state, moved by the world switch (main.c). */
#include "hyp.h"

#define LR_STATE_PENDING (1ul << 62)
#define LR_STATE_MASK    (3ul << 62)
#define LR_HW            (1ul << 61)
#define LR_GROUP1        (1ul << 60)
#define LR_PRIORITY(p)   ((u64)(p) << 48)
#define LR_PINTID(i)     ((u64)(i) << 32)

/* The physical side at EL2: distributor and this PE's redistributor on, the virtual timer's PPI in
 * Group 1 and enabled, every priority let through, EOImode 1 (ICC_CTLR_EL1.EOImode: EOIR only drops
 * the priority; deactivation comes from the guest through the hardware-linked list register). */
void vgic_init(void)
{
    *(volatile u32 *)(GICR + 0x14) = 0;                         /* GICR_WAKER: awake */
    *(volatile u32 *)(GICD + 0x0) = 3;                          /* GICD_CTLR: EnableGrp0, EnableGrp1 */
    *(volatile u32 *)(GICR_SGI + 0x80) |= 1u << VTIMER_INTID;   /* GICR_IGROUPR0: Group 1 */
    *(volatile u8 *)(GICR_SGI + 0x400 + VTIMER_INTID) = 0x80;   /* GICR_IPRIORITYR */
    *(volatile u32 *)(GICR_SGI + 0x100) = 1u << VTIMER_INTID;   /* GICR_ISENABLER0 */
    SYSREG_WRITE(S3_0_C12_C12_4, 2);                            /* ICC_CTLR_EL1.EOImode = 1 */
    SYSREG_WRITE(S3_0_C4_C6_0, 0xff);                           /* ICC_PMR_EL1 */
    SYSREG_WRITE(S3_0_C12_C12_7, 1);                            /* ICC_IGRPEN1_EL1 */
    SYSREG_WRITE(S3_4_C12_C11_0, 1);                            /* ICH_HCR_EL2.En */
    __asm__ volatile("isb");
}

static u64 lr_read(int n)
{
    switch (n) {
    case 0: return SYSREG_READ(S3_4_C12_C12_0);
    case 1: return SYSREG_READ(S3_4_C12_C12_1);
    case 2: return SYSREG_READ(S3_4_C12_C12_2);
    default: return SYSREG_READ(S3_4_C12_C12_3);
    }
}

static void lr_write(int n, u64 v)
{
    switch (n) {
    case 0: SYSREG_WRITE(S3_4_C12_C12_0, v); break;
    case 1: SYSREG_WRITE(S3_4_C12_C12_1, v); break;
    case 2: SYSREG_WRITE(S3_4_C12_C12_2, v); break;
    default: SYSREG_WRITE(S3_4_C12_C12_3, v); break;
    }
}

/* Saves the running vCPU's list registers and ICH_VMCR_EL2 (its ICV_PMR, group enables ...). */
void vgic_save(struct vcpu *v)
{
    for (int n = 0; n < 4; n++)
        v->el1.ich_lr[n] = lr_read(n);
    v->el1.ich_vmcr = SYSREG_READ(S3_4_C12_C11_7);
}

void vgic_restore(struct vcpu *v)
{
    for (int n = 0; n < 4; n++)
        lr_write(n, v->el1.ich_lr[n]);
    SYSREG_WRITE(S3_4_C12_C11_7, v->el1.ich_vmcr);
}

/* Queues vINTID for v in a free list register (state invalid); hw_pintid >= 0 links it to that
 * physical interrupt. An interrupt already pending in a list register is not queued twice. */
void vgic_inject(struct vcpu *v, u32 vintid, int hw_pintid)
{
    u64 lr = LR_STATE_PENDING | LR_GROUP1 | LR_PRIORITY(0xa0) | vintid;
    if (hw_pintid >= 0)
        lr |= LR_HW | LR_PINTID(hw_pintid);
    int running = v == current;
    int free = -1;
    for (int n = 0; n < 4; n++) {
        u64 cur = running ? lr_read(n) : v->el1.ich_lr[n];
        if ((cur & LR_STATE_MASK) && (u32)cur == vintid)
            return;
        if (!(cur & LR_STATE_MASK) && free < 0)
            free = n;
    }
    if (free < 0) {
        printk("[hyp] %s: no free list register for vINTID %u\n", v->name, vintid);
        return;
    }
    if (running)
        lr_write(free, lr);
    else
        v->el1.ich_lr[free] = lr;
}

/* Whether v has a virtual interrupt pending in a list register (a trapped WFI then returns at once). */
int vgic_pending(struct vcpu *v)
{
    for (int n = 0; n < 4; n++) {
        u64 cur = v == current ? lr_read(n) : v->el1.ich_lr[n];
        if ((cur & LR_STATE_MASK) == LR_STATE_PENDING)
            return 1;
    }
    return 0;
}
