/* The hypervisor of the unwinder's exception-crossing test (hypstart.S has the vectors): one guest,
 * VMID 1, whose IPAs 0x48000000-0x481fffff are PA 0x46000000-0x461fffff (a 2 MiB stage 2 block), so
 * the guest's stack can only be read through its stage 2. Its HVC #0x42 is answered by handle_hvc,
 * its stage 2 faults skipped by handle_abort, HVC #0 ends the run with the guest's x0 as the exit status. */
typedef unsigned long u64;

struct trap_frame {
    u64 x[31];
    u64 elr, spsr, esr;
};

void sh_exit(int status);

#define GUEST_IPA 0x48000000UL
#define GUEST_PA 0x46000000UL

/* a 40-bit IPA space starting at level 1 has 1024 level 1 entries: 8 KiB, 8 KiB aligned (Arm ARM D8.2.5) */
static u64 s2l1[1024] __attribute__((aligned(8192)));
static u64 s2l2[512] __attribute__((aligned(4096)));
volatile u64 hvc_count;

#define SYSREG_W(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)))

/* Stage 2 descriptors (Arm ARM D8.3): block/table, MemAttr Normal WB (0b1111), S2AP read/write, AF, inner shareable. */
#define TABLE 3UL
#define BLOCK 1UL
#define S2_NORMAL (0xfUL << 2)
#define S2_RW (3UL << 6)
#define S2_SH (3UL << 8)
#define AF (1UL << 10)

u64 hyp_main(void) {
    s2l1[1] = (u64)s2l2 | TABLE;                                    /* IPA 0x40000000-0x7fffffff */
    s2l2[(GUEST_IPA - 0x40000000UL) >> 21] = GUEST_PA | BLOCK | S2_NORMAL | S2_RW | S2_SH | AF;
    /* VTCR_EL2: T0SZ 24 (40-bit IPA), SL0 1 (start at level 1), WB caches, inner shareable, 4K, PS 40 bits, VS 16-bit VMID */
    SYSREG_W(vtcr_el2, 24UL | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | (2UL << 16) | (1UL << 19) | (1UL << 31));
    SYSREG_W(vttbr_el2, (u64)s2l1 | (1UL << 48));                  /* VMID 1 */
    SYSREG_W(sctlr_el1, 0x30d00800UL);                              /* guest MMU off */
    SYSREG_W(hcr_el2, (1UL << 31) | 1UL);                           /* RW: EL1 is AArch64; VM: stage 2 on */
    __asm__ volatile("isb; tlbi vmalls12e1; dsb sy; isb" : : : "memory");
    return GUEST_IPA;
}

__attribute__((noinline)) static void handle_hvc(struct trap_frame *tf, unsigned imm) {
    hvc_count++; /* BREAK handle_hvc */
    if (imm == 0) {
        sh_exit((int)tf->x[0]);
    }
    tf->x[0] = tf->x[0] * 10 + imm;
}

volatile u64 aborts;

/* A stage 2 fault of the guest (EC 0x24): counted and skipped, as an emulated device that ignores writes. */
__attribute__((noinline)) static void handle_abort(struct trap_frame *tf) {
    aborts++; /* BREAK handle_abort */
    tf->elr += 4;
}

void handle_trap(struct trap_frame *tf) {
    unsigned ec = (unsigned)(tf->esr >> 26) & 0x3f;
    if (ec == 0x16) {
        handle_hvc(tf, (unsigned)(tf->esr & 0xffff)); /* CALL handle_hvc */
    } else if (ec == 0x24) {
        handle_abort(tf);
    } else {
        sh_exit(100 + (int)ec);
    }
}
