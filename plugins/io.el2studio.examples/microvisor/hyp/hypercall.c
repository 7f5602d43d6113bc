/* The hypercalls (HVC #0, function in x0, hyp.h), in the style of OKL4's microvisor: a VM learns its
 * own id, sends a one-word message to another VM, receives the next message, shares one of its
 * pages, and says it is done. A message raises MSG_VINTID in the receiver through a list register
 * (vgic.c), so a receiver sleeps in WFI instead of polling; a WFI that finds no message switches
 * to the other vCPU (main.c). */
#include "hyp.h"

static struct vcpu *vm(u64 id)
{
    return id >= 1 && id <= NVM ? &vcpus[id - 1] : 0;
}

static long send(struct vcpu *from, u64 to_id, u64 word)
{
    struct vcpu *to = vm(to_id);
    if (!to || to == from || to->count == QUEUE_LEN)
        return -1;
    int slot = (to->head + to->count++) % QUEUE_LEN;
    to->queue[slot] = word;
    to->queue_from[slot] = from->vmid;
    vgic_inject(to, MSG_VINTID, -1);
    vcpu_wake(to);
    return 0;
}

static long recv(struct vcpu *v)
{
    if (v->count == 0)
        return -1;
    u64 word = v->queue[v->head];
    v->regs.x[1] = (u64)v->queue_from[v->head];
    v->head = (v->head + 1) % QUEUE_LEN;
    v->count--;
    return (long)word;
}

/* Maps the sender's page at `ipa` into the receiver's share window (GUEST_SHARE_IPA) and sends the
 * share id to the receiver. Both VMs then see the same physical page. */
static long share(struct vcpu *from, u64 to_id, u64 ipa)
{
    static long next_share_id = 100;
    struct vcpu *to = vm(to_id);
    u64 pa = stage2_pa_of(from, ipa & ~0xffful);
    if (!to || to == from || !pa)
        return -1;
    stage2_map_page(to, GUEST_SHARE_IPA, pa, 1);
    stage2_tlb_flush_vmid(to);
    long id = next_share_id++;
    printk("[hyp] %s shares IPA 0x%lx (PA 0x%lx) with %s at IPA 0x%lx, share id %ld\n", from->name, ipa, pa,
           to->name, GUEST_SHARE_IPA, id);
    send(from, to_id, (u64)id);
    return id;
}

void hypercall(struct vcpu *v)
{
    u64 *x = v->regs.x;
    long r;
    switch (x[0]) {
    case HVC_GET_VMID: r = v->vmid; break;
    case HVC_SEND: r = send(v, x[1], x[2]); break;
    case HVC_RECV: r = recv(v); break;
    case HVC_SHARE: r = share(v, x[1], x[2]); break;
    case HVC_EXIT:
        printk("[hyp] %s is done (%d virtual timer ticks)\n", v->name, v->ticks);
        v->state = VCPU_DONE;
        r = 0;
        break;
    default:
        printk("[hyp] %s: unknown hypercall %lu\n", v->name, x[0]);
        r = -1;
        break;
    }
    x[0] = (u64)r;
    /* ELR_EL2 already points after the HVC (preferred return address of HVC, Arm ARM D1.10.1) */
}
