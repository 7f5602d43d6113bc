/* MMU behaviour compared with qemu-system-aarch64 (tests/mmu MmuQemuTest): stage 1 walks with the
 * 4KB and 64KB granules, TTBR1, every fault kind with its ESR/FAR, PAN and LDTR, Device alignment,
 * AT into PAR_EL1, TLB maintenance, stage 2 with the ISV syndrome and HPFAR_EL2, a stage 2 fault on
 * the stage 1 walk, MMIO emulated by the EL2 handler from the ISV syndrome, and the EL2 and EL2&0 (VHE)
 * regimes. See harness.S. Every regime maps the PL011 (0x09000000) as Device memory, identity, for
 * console.c. */
#include "../common/console.h"

typedef unsigned long u64;
extern volatile u64 rec[5]; /* count, EL, ESR, FAR, HPFAR_EL2 */
extern u64 call_el1(u64 (*fn)(u64), u64 arg);
extern u64 p_dc_civac(u64), p_dc_zva(u64), p_ldar(u64), p_ld32(u64), p_ld64(u64), p_ldp(u64), p_ldtr(u64), p_exec(u64), p_ldr_unaligned(u64), p_ldr_post(u64);
extern void p_stlr(u64, u64), p_st32(u64, u64), p_st64(u64, u64), p_sttr(u64, u64), set_pan(u64);
extern u64 p_ldrsb(u64), p_ldrsw(u64), p_ldrh(u64);
extern void p_strb(u64, u64);
extern u64 at_s1e1r(u64), at_s1e1w(u64), at_s1e0r(u64), at_s1e0w(u64), at_s1e2r(u64), at_s1e2w(u64);
extern u64 at_s12e1r(u64), at_s12e1w(u64), at_s12e0r(u64);
extern void tlbi_vmalle1(void), tlbi_vae1(u64), tlbi_vae1is(u64), tlbi_vaae1(u64), tlbi_aside1(u64), tlbi_vale1(u64);
extern void tlbi_alle1(void), tlbi_alle2(void), tlbi_vae2(u64), tlbi_ipas2e1(u64), tlbi_vmalls12e1(void);
extern char ret_600d[], ret_600d_end[];

#define SYSREG_W(name, v) __asm__ volatile("msr " #name ", %0\n isb" :: "r"((u64)(v)) : "memory")
#define SYSREG_R(name) ({ u64 _v; __asm__ volatile("mrs %0, " #name : "=r"(_v)); _v; })
#define DSB() __asm__ volatile("dsb ish" ::: "memory")

#define VALID 1UL
#define TABLE 3UL
#define PAGE 3UL
#define BLOCK 1UL
#define AF (1UL << 10)
#define NG (1UL << 11)
#define ISH (3UL << 8)
#define AP_RW_EL1 (0UL << 6)
#define AP_RW_ALL (1UL << 6)
#define AP_RO_EL1 (2UL << 6)
#define ATTR(i) ((u64)(i) << 2)
#define PXN (1UL << 53)
#define UXN (1UL << 54)
#define NORMAL (ATTR(0) | ISH | AF)
#define S2_RW (3UL << 6)
#define S2_RO (1UL << 6)
#define S2_NORMAL ((0xFUL << 2) | ISH)
#define S2_XN (1UL << 54)
#define S2_DEVICE (0UL << 2) /* MemAttr 0b0000: Device-nGnRnE */
#define DEVICE (ATTR(1) | AF | UXN | PXN)

static u64 l0[512] __attribute__((aligned(4096)));
static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2[512] __attribute__((aligned(4096)));
static u64 l3[512] __attribute__((aligned(4096)));
static u64 l0h[512] __attribute__((aligned(4096)));
static u64 l1h[512] __attribute__((aligned(4096)));
static u64 s2l1[1024] __attribute__((aligned(8192)));
static u64 s2l2[512] __attribute__((aligned(4096)));
static u64 s2l3[512] __attribute__((aligned(4096)));
static u64 g1[8192] __attribute__((aligned(65536)));
static u64 g2[8192] __attribute__((aligned(65536)));
static u64 g3[8192] __attribute__((aligned(65536)));
static u64 bufE[8192] __attribute__((aligned(65536)));
static u64 bufA[512] __attribute__((aligned(4096)));
static u64 bufB[512] __attribute__((aligned(4096)));
static u64 bufC[512] __attribute__((aligned(4096)));
static u64 bufD[512] __attribute__((aligned(4096)));
static u64 code1[512] __attribute__((aligned(4096)));

#define VA(n) (0x80000000UL + ((u64)(n) << 12))
#define MAIR 0x4400FFUL /* Attr0 Normal WB, Attr1 Device-nGnRnE, Attr2 Normal NC */
#define TCR_4K (16UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (16UL << 16) | (1UL << 24) | (1UL << 26) | (3UL << 28) \
                | (2UL << 30) | (2UL << 32) | (1UL << 36))

static u64 last;

static void show(const char *what, u64 v) {
    u64 n = rec[0] - last;
    last = rec[0];
    if (n == 0) {
        printf("%-26s = 0x%lx\n", what, v);
    } else {
        printf("%-26s = 0x%lx  EL%lu ESR=0x%08lx FAR=0x%lx HPFAR=0x%lx\n", what, v, rec[1], rec[2], rec[3], rec[4]);
    }
    flush();
}

static void build_4k(void) {
    for (int i = 0; i < 512; i++) {
        bufA[i] = 0xAAAA0000UL + i;
        bufB[i] = 0xBBBB0000UL + i;
        bufC[i] = 0xCCCC0000UL + i;
        bufD[i] = 0xDDDD0000UL + i;
    }
    memcpy(code1, ret_600d, ret_600d_end - ret_600d);
    l0[0] = (u64)l1 | TABLE;
    l1[0] = 0x00000000UL | BLOCK | DEVICE | AP_RW_EL1;   /* the UART */
    l1[1] = 0x40000000UL | BLOCK | NORMAL | AP_RW_EL1;
    l1[2] = (u64)l2 | TABLE;
    l2[0] = (u64)l3 | TABLE;
    l3[0] = (u64)bufA | PAGE | NORMAL | AP_RW_EL1 | UXN;
    l3[1] = (u64)bufB | PAGE | NORMAL | AP_RO_EL1 | UXN;
    l3[2] = (u64)bufA | PAGE | ATTR(0) | ISH | AP_RW_EL1; /* AF = 0 */
    l3[3] = 0;
    l3[4] = (u64)code1 | PAGE | NORMAL | AP_RO_EL1 | UXN;
    l3[5] = (u64)code1 | PAGE | NORMAL | AP_RO_EL1 | UXN | PXN;
    l3[6] = (u64)bufC | PAGE | NORMAL | AP_RW_ALL | UXN | PXN;
    l3[7] = (u64)bufD | PAGE | ATTR(1) | AF | AP_RW_EL1 | UXN | PXN;
    l3[8] = (u64)bufA | PAGE | NORMAL | AP_RW_EL1 | NG | UXN;
    l3[9] = 0x10000000000UL | PAGE | NORMAL | AP_RW_EL1; /* OA bit 40: beyond TCR_EL1.IPS = 40 bits */
    l0h[0] = (u64)l1h | TABLE;
    l1h[2] = (u64)l2 | TABLE;
    DSB();
}

static u64 el1_stage1(u64 unused) {
    SYSREG_W(mair_el1, MAIR);
    SYSREG_W(tcr_el1, TCR_4K);
    SYSREG_W(ttbr0_el1, (u64)l0 | (1UL << 48));
    SYSREG_W(ttbr1_el1, (u64)l0h);
    tlbi_vmalle1();
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) | 1 | (1 << 2) | (1 << 12));
    show("ld  TTBR0 page", p_ld64(VA(0)));
    show("ld  TTBR1 page", p_ld64(0xFFFF000080000000UL));
    show("st  read-only page", (p_st64(VA(1), 1), 0));
    show("ld  read-only page", p_ld64(VA(1) + 8));
    show("ld  AF=0 page", p_ld64(VA(2)));
    show("ld  invalid page", p_ld64(VA(3)));
    show("ld  VA out of range", p_ld64(0x0001000000000000UL));
    show("ld  OA beyond IPS", p_ld64(VA(9)));
    show("exec page", p_exec(VA(4)));
    show("exec PXN page", p_exec(VA(5)));
    show("exec UXN-only page at EL1", p_exec(VA(4)));
    show("ld  EL0 page, PAN=0", p_ld64(VA(6)));
    set_pan(1);
    show("ld  EL0 page, PAN=1", p_ld64(VA(6) + 16));
    show("ldtr EL0 page, PAN=1", p_ldtr(VA(6) + 24));
    set_pan(0);
    show("ldtr EL1-only page", p_ldtr(VA(0)));
    show("sttr EL1-only page", (p_sttr(VA(0), 5), 0));
    show("dc civac invalid page", p_dc_civac(VA(3)));
    show("dc civac read-only page", p_dc_civac(VA(1)));
    show("dc zva read-only page", p_dc_zva(VA(1)));
    show("ld  Device aligned", p_ld64(VA(7) + 8));
    show("ld  Device unaligned", p_ldr_unaligned(VA(7)));
    show("ld  Normal unaligned", p_ldr_unaligned(VA(0)));
    show("at s1e1r", at_s1e1r(VA(0) + 0x123));
    show("at s1e1w read-only", at_s1e1w(VA(1)));
    show("at s1e0r EL1-only", at_s1e0r(VA(0)));
    show("at s1e0w EL0 page", at_s1e0w(VA(6)));
    show("at s1e1r invalid", at_s1e1r(VA(3)));
    show("at s1e1r AF=0", at_s1e1r(VA(2)));
    show("at s1e1r Device", at_s1e1r(VA(7)));
    show("at s1e1r TTBR1", at_s1e1r(0xFFFF000080000000UL));
    /* A stale translation is used until its TLBI. */
    show("ld  before remap", p_ld64(VA(0) + 32));
    l3[0] = (u64)bufB | PAGE | NORMAL | AP_RW_EL1 | UXN;
    DSB();
    show("ld  after remap, no TLBI", p_ld64(VA(0) + 32));
    tlbi_vae1((VA(0) >> 12) | (1UL << 48));
    show("ld  after TLBI VAE1", p_ld64(VA(0) + 32));
    l3[0] = (u64)bufA | PAGE | NORMAL | AP_RW_EL1 | UXN;
    DSB();
    tlbi_vaae1(VA(0) >> 12);
    show("ld  after TLBI VAAE1", p_ld64(VA(0) + 32));
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) & ~1UL);
    return 0;
}

/* 64KB granule, 48-bit VA: levels 1 to 3; 512MB blocks at level 2. */
static u64 el1_64k(u64 unused) {
    for (int i = 0; i < 8192; i++) bufE[i] = 0xEEEE0000UL + i;
    g1[0] = (u64)g2 | TABLE;
    g2[0] = 0x00000000UL | BLOCK | DEVICE | AP_RW_EL1;   /* the UART */
    g2[2] = 0x40000000UL | BLOCK | NORMAL | AP_RW_EL1;
    g2[4] = (u64)g3 | TABLE;
    g3[0] = (u64)bufE | PAGE | NORMAL | AP_RW_EL1 | UXN;
    DSB();
    SYSREG_W(tcr_el1, 16UL | (1UL << 14) | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) | (2UL << 32));
    SYSREG_W(ttbr0_el1, (u64)g1);
    tlbi_vmalle1();
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) | 1);
    show("64K ld page", p_ld64(0x80000000UL + 0x8008));
    show("64K ld invalid page", p_ld64(0x80010000UL));
    show("64K ld TTBR1 (EPD1)", p_ld64(0xFFFF000080000000UL));
    show("64K at s1e1r", at_s1e1r(0x80000000UL + 0xFFF8));
    show("64K at s1e1r block", at_s1e1r(0x40001234UL));
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) & ~1UL);
    return 0;
}

static u64 el1_flat_probes(u64 unused) {
    show("s2 ld RW page", p_ld32(VA(0) + 4));
    show("s2 ld invalid (ISV)", p_ld32(VA(2) + 4));
    show("s2 st read-only (ISV)", (p_st64(VA(1) + 8, 7), 0));
    show("s2 ld read-only", p_ld64(VA(1) + 8));
    show("s2 ldp invalid (no ISV)", p_ldp(VA(2)));
    show("s2 ldr post (no ISV)", p_ldr_post(VA(2) + 16));
    show("s2 exec XN page", p_exec(VA(3)));
    show("s2 ld AF=0", p_ld64(VA(4)));
    show("s2 ldar invalid (AR)", p_ldar(VA(2) + 8));
    show("s2 stlr read-only (AR)", (p_stlr(VA(1) + 16, 3), 0));
    return 0;
}

/* MMIO emulation, as a hypervisor does it: a stage 2 Data Abort on the device's IPA page with ISV = 1
 * gives the access size (SAS), sign extension (SSE), register (SRT), register width (SF), acquire/
 * release (AR) and direction (WnR); the IPA is HPFAR_EL2.FIPA << 12 | FAR_EL2[11:0] (Arm ARM D17.2.37,
 * ISS encoding for a Data Abort; D19.2 HPFAR_EL2). The device is 64 bytes of registers. */
#define MMIO_IPA VA(5)
static unsigned char mmio_regs[64];

u64 mmio_emulate(u64 *x, u64 esr, u64 far, u64 hpfar) {
    u64 ipa = ((hpfar >> 4) & 0xFFFFFFFFFUL) << 12 | (far & 0xFFF);
    if ((esr & (1UL << 24)) == 0 || (ipa & ~0xFFFUL) != MMIO_IPA || (ipa & 0xFFF) >= sizeof mmio_regs)
        return 0;
    unsigned sas = (esr >> 22) & 3, srt = (esr >> 16) & 31, size = 1u << sas, off = ipa & 0xFFF;
    int sse = (esr >> 21) & 1, sf = (esr >> 15) & 1, ar = (esr >> 14) & 1, wnr = (esr >> 6) & 1;
    u64 v = 0;
    if (wnr) {
        v = srt == 31 ? 0 : x[srt];
        for (unsigned i = 0; i < size; i++)
            mmio_regs[off + i] = (unsigned char)(v >> (8 * i));
    } else {
        for (unsigned i = 0; i < size; i++)
            v |= (u64)mmio_regs[off + i] << (8 * i);
        if (sse && size < 8 && (v >> (8 * size - 1)) & 1)
            v |= ~0UL << (8 * size);
        if (!sf)
            v &= 0xFFFFFFFFUL;
        if (srt != 31)
            x[srt] = v;
    }
    printf("  emulated %s ESR=0x%08lx FAR=0x%lx HPFAR=0x%lx IPA=0x%lx size=%u x%u%s%s = 0x%lx\n", wnr ? "write" : "read",
           esr, far, hpfar, ipa, size, srt, sse ? " SSE" : "", ar ? " AR" : "", v);
    return 1;
}

static u64 el1_ld64(u64 va) {
    return p_ld64(va);
}

static u64 el1_mmio(u64 unused) {
    show("mmio ldr w  0x10", p_ld32(MMIO_IPA + 0x10));
    show("mmio str x  0x18", (p_st64(MMIO_IPA + 0x18, 0x8877665544332211UL), 0));
    show("mmio ldr x  0x18", p_ld64(MMIO_IPA + 0x18));
    show("mmio strb   0x21", (p_strb(MMIO_IPA + 0x21, 0xF0), 0));
    show("mmio ldrsb  0x21", p_ldrsb(MMIO_IPA + 0x21));
    show("mmio ldrh   0x20", p_ldrh(MMIO_IPA + 0x20));
    show("mmio ldrsw  0x1c", p_ldrsw(MMIO_IPA + 0x1c));
    show("mmio ldar w 0x18", p_ldar(MMIO_IPA + 0x18));
    show("mmio stlr x 0x28", (p_stlr(MMIO_IPA + 0x28, 0xABCD), 0));
    show("mmio ldr x  0x28", p_ld64(MMIO_IPA + 0x28));
    show("mmio ldp (no ISV)", p_ldp(MMIO_IPA + 0x10));
    return 0;
}

static u64 el1_s1_over_s2(u64 unused) {
    SYSREG_W(mair_el1, MAIR);
    SYSREG_W(tcr_el1, TCR_4K);
    SYSREG_W(ttbr0_el1, (u64)l0 | (1UL << 48));
    SYSREG_W(ttbr1_el1, VA(2)); /* the TTBR1 table is at an IPA stage 2 does not map */
    tlbi_vmalle1();
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) | 1);
    show("s1+s2 ld TTBR0 page", p_ld64(VA(0) + 8));
    show("s1+s2 ld S1PTW fault", p_ld64(0xFFFF000080000000UL));
    show("s1+s2 at s1e1r S1PTW", at_s1e1r(0xFFFF000080000000UL));
    show("s1+s2 at s1e1r", at_s1e1r(VA(0)));
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) & ~1UL);
    return 0;
}

/* HCR_EL2.PTW: a stage 1 walk that reads a table from stage 2 Device memory takes a stage 2
 * Permission fault with S1PTW = 1 (Arm ARM D8 "Stage 2 fault on a stage 1 translation table walk"). */
static u64 el1_ptw(u64 unused) {
    SYSREG_W(mair_el1, MAIR);
    SYSREG_W(tcr_el1, TCR_4K);
    SYSREG_W(ttbr0_el1, (u64)l0 | (1UL << 48));
    SYSREG_W(ttbr1_el1, VA(6)); /* the TTBR1 level 0 table through the Device alias of l0 */
    tlbi_vmalle1();
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) | 1);
    show("ptw ld table in Device", p_ld64(0xFFFF000080000000UL + 0x18));
    show("ptw at s1e1r table in Device", at_s1e1r(0xFFFF000080000000UL));
    SYSREG_W(sctlr_el1, SYSREG_R(sctlr_el1) & ~1UL);
    return 0;
}

static void stage2(void) {
    s2l1[0] = 0x00000000UL | BLOCK | S2_DEVICE | S2_RW | AF | S2_XN; /* the UART */
    s2l1[1] = 0x40000000UL | BLOCK | S2_NORMAL | S2_RW | AF;
    s2l1[2] = (u64)s2l2 | TABLE;
    s2l2[0] = (u64)s2l3 | TABLE;
    s2l3[0] = (u64)bufA | PAGE | S2_NORMAL | S2_RW | AF;
    s2l3[1] = (u64)bufB | PAGE | S2_NORMAL | S2_RO | AF;
    s2l3[2] = 0;
    s2l3[3] = (u64)code1 | PAGE | S2_NORMAL | S2_RO | AF | S2_XN;
    s2l3[4] = (u64)bufD | PAGE | S2_NORMAL | S2_RW;
    s2l3[5] = 0; /* IPA VA(5): the emulated device of mmio_emulate */
    s2l3[6] = (u64)l0 | PAGE | S2_DEVICE | S2_RW | AF | S2_XN; /* l0 again, as Device memory */
    DSB();
    /* VTCR_EL2: T0SZ = 24 (40-bit IPA), SL0 = 1 (start at level 1: two concatenated tables),
     * inner/outer WB, inner shareable, 4KB, PS = 40 bits, VS = 16-bit VMID. */
    SYSREG_W(vtcr_el2, 24UL | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | (2UL << 16) | (1UL << 19) | (1UL << 31));
    SYSREG_W(vttbr_el2, (u64)s2l1 | (0x105UL << 48));
    SYSREG_W(hcr_el2, (1UL << 31) | 1);
    tlbi_vmalls12e1();
    call_el1(el1_flat_probes, 0);
    call_el1(el1_mmio, 0);
    /* A stale stage 2 translation is used until its TLBI: TLBI IPAS2E1 removes the stage 2 entry, and
     * TLBI VMALLE1 the combined stage 1+2 entries, which an IPA invalidation need not remove (Arm ARM
     * D8.13 "TLB maintenance", the sequence for changing a stage 2 entry). */
    show("s2 ld before remap", call_el1(el1_ld64, VA(0) + 56));
    s2l3[0] = (u64)bufC | PAGE | S2_NORMAL | S2_RW | AF;
    DSB();
    show("s2 ld after remap, no TLBI", call_el1(el1_ld64, VA(0) + 56));
    tlbi_ipas2e1(VA(0) >> 12);
    tlbi_vmalle1();
    show("s2 ld after TLBI IPAS2E1+VMALLE1", call_el1(el1_ld64, VA(0) + 56));
    s2l3[0] = (u64)bufA | PAGE | S2_NORMAL | S2_RW | AF;
    DSB();
    tlbi_ipas2e1(VA(0) >> 12);
    tlbi_vmalle1();
    show("at s12e1r", at_s12e1r(VA(1) + 0x10));
    show("at s12e1w read-only", at_s12e1w(VA(1)));
    show("at s12e1r invalid", at_s12e1r(VA(2)));
    show("at s12e0r", at_s12e0r(VA(0)));
    call_el1(el1_s1_over_s2, 0);
    show("at s12e1r (s1 off)", at_s12e1r(VA(0) + 8));
    SYSREG_W(hcr_el2, (1UL << 31) | 1 | (1UL << 2));
    call_el1(el1_ptw, 0);
    SYSREG_W(hcr_el2, (1UL << 31) | 1);
    call_el1(el1_ptw, 0);
    /* HCR_EL2.DC: with stage 1 off, EL1&0 accesses are Normal Write-Back (PAR_EL1.ATTR 0xff). */
    show("at s1e1r (s1 off)", at_s1e1r(VA(0) + 8));
    show("at s12e1r (s1 off, Device s2)", at_s12e1r(VA(6)));
    SYSREG_W(hcr_el2, (1UL << 31) | 1 | (1UL << 12));
    show("DC at s1e1r (s1 off)", at_s1e1r(VA(0) + 8));
    show("DC at s12e1r (s1 off)", at_s12e1r(VA(0) + 8));
    show("DC at s12e1r (s1 off, Device s2)", at_s12e1r(VA(6)));
    SYSREG_W(hcr_el2, (1UL << 31) | 1);
    SYSREG_W(hcr_el2, 1UL << 31);
    tlbi_alle1();
}

static void el2_regimes(void) {
    /* EL2&0 (VHE): TCR_EL2 in the TCR_EL1 layout, ASIDs, TTBR0_EL2. */
    SYSREG_W(hcr_el2, (1UL << 31) | (1UL << 34));
    SYSREG_W(mair_el2, MAIR);
    SYSREG_W(tcr_el2, TCR_4K | (1UL << 23));
    SYSREG_W(ttbr0_el2, (u64)l0 | (3UL << 48));
    tlbi_alle2();
    SYSREG_W(sctlr_el2, SYSREG_R(sctlr_el2) | 1);
    show("vhe ld page", p_ld64(VA(0) + 40));
    show("vhe ld invalid", p_ld64(VA(3)));
    show("vhe st read-only", (p_st64(VA(1), 9), 0));
    show("vhe ld TTBR1 EPD1", p_ld64(0xFFFF000080000000UL));
    show("vhe at s1e2r", at_s1e2r(VA(0) + 0x40));
    show("vhe at s1e2w read-only", at_s1e2w(VA(1)));
    /* TTBR1_EL2 exists in the EL2&0 regime (EPD1 = 0), and non-global entries are tagged by ASID. */
    SYSREG_W(tcr_el2, TCR_4K);
    SYSREG_W(ttbr1_el2, (u64)l0h);
    tlbi_alle2();
    show("vhe ld TTBR1_EL2 page", p_ld64(0xFFFF000080000000UL + 0x50));
    show("vhe at s1e2r TTBR1_EL2", at_s1e2r(0xFFFF000080000000UL + 0x50));
    show("vhe ld nG page, ASID 3", p_ld64(VA(8) + 0x58));
    l3[8] = (u64)bufC | PAGE | NORMAL | AP_RW_EL1 | NG | UXN;
    DSB();
    show("vhe ld nG remapped, no TLBI", p_ld64(VA(8) + 0x58));
    SYSREG_W(ttbr0_el2, (u64)l0 | (4UL << 48));
    show("vhe ld nG page, ASID 4", p_ld64(VA(8) + 0x58));
    l3[8] = (u64)bufA | PAGE | NORMAL | AP_RW_EL1 | NG | UXN;
    DSB();
    tlbi_alle2();
    SYSREG_W(sctlr_el2, SYSREG_R(sctlr_el2) & ~1UL);
    SYSREG_W(hcr_el2, 1UL << 31);
    tlbi_alle2();
    /* EL2 (E2H = 0): TCR_EL2 with PS in [18:16] and RES1 bits 31 and 23; one VA range. */
    SYSREG_W(tcr_el2, 16UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (2UL << 16) | (1UL << 23) | (1UL << 31));
    SYSREG_W(ttbr0_el2, (u64)l0);
    tlbi_alle2();
    SYSREG_W(sctlr_el2, SYSREG_R(sctlr_el2) | 1);
    show("el2 ld page", p_ld64(VA(0) + 48));
    show("el2 st read-only", (p_st64(VA(1), 9), 0));
    show("el2 ld AF=0", p_ld64(VA(2)));
    show("el2 at s1e2r", at_s1e2r(VA(1)));
    show("el2 at s1e2w read-only", at_s1e2w(VA(1)));
    SYSREG_W(sctlr_el2, SYSREG_R(sctlr_el2) & ~1UL);
    tlbi_alle2();
}

int main(void) {
    for (unsigned i = 0; i < sizeof mmio_regs; i++)
        mmio_regs[i] = (unsigned char)(0xA0 + i);
    build_4k();
    call_el1(el1_stage1, 0);
    call_el1(el1_64k, 0);
    stage2();
    el2_regimes();
    printf("done\n");
    return 0;
}
