/* Stage 2 translation per VM (Arm ARM D8, "The AArch64 Virtual Memory System Architecture"): a
 * 4 KiB granule, a 32-bit IPA space starting at level 1 (VTCR_EL2.T0SZ = 32, SL0 = 1), level 1 ->
 * level 2 -> one level-3 table for the 2 MiB of guest RAM at IPA 0x40000000, so that single pages
 * can be read-only (S2AP = 01), absent (the UART page and the share window), or shared. Everything
 * else, the UART's IPA included, has no mapping: the guest's access is a stage-2 translation fault
 * taken to EL2 as a data abort (vuart.c). The VMID in VTTBR_EL2 tags the TLB entries, so switching
 * VMs needs no TLB maintenance; changing a live mapping does (stage2_tlb_flush_vmid). */
#include "hyp.h"

#define DESC_VALID   (1ul << 0)
#define DESC_TABLE   (1ul << 1)      /* table (levels 1-2) or page (level 3) */
#define S2_MEMATTR_NORMAL_WB (0xful << 2)
#define S2AP_RO      (1ul << 6)
#define S2AP_RW      (3ul << 6)
#define SH_INNER     (3ul << 8)
#define AF           (1ul << 10)

static u64 l1[NVM][512] __attribute__((aligned(4096)));
static u64 l2[NVM][512] __attribute__((aligned(4096)));
static u64 l3[NVM][512] __attribute__((aligned(4096)));

void stage2_map_page(struct vcpu *v, u64 ipa, u64 pa, int writable)
{
    u64 idx = (ipa - GUEST_RAM_IPA) >> 12;
    v->s2_l3[idx] = pa | DESC_VALID | DESC_TABLE | S2_MEMATTR_NORMAL_WB | (writable ? S2AP_RW : S2AP_RO) | SH_INNER | AF;
}

void stage2_init(struct vcpu *v, u64 ram_pa)
{
    int n = v->vmid - 1;
    v->s2_l3 = l3[n];
    l1[n][GUEST_RAM_IPA >> 30] = (u64)l2[n] | DESC_VALID | DESC_TABLE;
    l2[n][(GUEST_RAM_IPA >> 21) & 511] = (u64)l3[n] | DESC_VALID | DESC_TABLE;
    for (u64 off = 0; off < GUEST_RAM_SIZE; off += 4096) {
        u64 ipa = GUEST_RAM_IPA + off;
        if (ipa == GUEST_SHARE_IPA)
            continue;                              /* the share window stays empty until HVC_SHARE */
        stage2_map_page(v, ipa, ram_pa + off, ipa != GUEST_RO_IPA);
    }
    v->vttbr = (u64)l1[n] | (u64)v->vmid << 48;
}

/* The physical address behind a guest IPA of its RAM, 0 when the IPA has no page. */
u64 stage2_pa_of(struct vcpu *v, u64 ipa)
{
    if (ipa < GUEST_RAM_IPA || ipa >= GUEST_RAM_IPA + GUEST_RAM_SIZE)
        return 0;
    u64 d = v->s2_l3[(ipa - GUEST_RAM_IPA) >> 12];
    return (d & DESC_VALID) ? (d & 0xfffffffff000ul) | (ipa & 0xfff) : 0;
}

/* After changing a mapping of VM v: TLBI by VMID needs v's VTTBR_EL2 loaded (the TLBI operates on
 * the current VMID, Arm ARM D8.13), so load it, invalidate stage 1+2 of that VMID, and put back. */
void stage2_tlb_flush_vmid(struct vcpu *v)
{
    u64 saved = SYSREG_READ(vttbr_el2);
    SYSREG_WRITE(vttbr_el2, v->vttbr);
    __asm__ volatile("isb; dsb ishst; tlbi vmalls12e1is; dsb ish; isb" ::: "memory");
    SYSREG_WRITE(vttbr_el2, saved);
    __asm__ volatile("isb");
}
