/* Each guest's EL1 virtual timer (CNTV_*_EL0). Its output is PPI 27, taken at EL2 because
 * HCR_EL2.IMO = 1. The microvisor acknowledges it (ICC_IAR1_EL1), drops the priority (ICC_EOIR1_EL1
 * with EOImode 1) and hands it to the running guest as vINTID 27 in a hardware-linked list
 * register: the guest's EOI deactivates the physical PPI (GICv3 spec 12.4.1), after it has
 * re-armed or stopped its timer, so the level-sensitive PPI does not fire again at once.
 * CNTVOFF_EL2 makes each VM's virtual count advance only while it runs (main.c, switch_to), so a
 * guest's "10 ms" means 10 ms of its own run time. */
#include "hyp.h"

/* The physical interrupt is the virtual timer of `current` (only the running vCPU's timer is live). */
void vtimer_irq(struct vcpu *v)
{
    vgic_inject(v, VTIMER_INTID, VTIMER_INTID);
    v->ticks++;
}
