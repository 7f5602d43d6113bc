/* The microvisor's shared definitions: the virt board's memory map, the vCPU structure that the
 * world switch (entry.S) saves guest registers into, and the hypercall numbers (guest/guest.h has
 * the same numbers for the guests). */
#ifndef HYP_H
#define HYP_H
#include <stdint.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint8_t u8;

/* QEMU virt board */
#define UART_PA        0x09000000ul
#define GICD           0x08000000ul
#define GICR           0x080A0000ul
#define GICR_SGI       (GICR + 0x10000)
#define PSCI_SYSTEM_OFF 0x84000008ul

/* Guest physical layout (IPA), the same for both VMs */
#define GUEST_RAM_IPA  0x40000000ul
#define GUEST_RAM_SIZE 0x00200000ul          /* 2 MiB, mapped page by page */
#define GUEST_RO_IPA   0x40100000ul          /* one page mapped read-only (S2AP = 01) */
#define GUEST_SHARE_IPA 0x40180000ul         /* window where a shared page appears */
#define GUEST_UART_IPA 0x09000000ul          /* left unmapped: trap-and-emulate */

/* Hypercalls: HVC #0 with the function in x0, arguments in x1.., result in x0 (OKL4 style) */
#define HVC_GET_VMID   1   /* -> own VM id */
#define HVC_SEND       2   /* x1 = destination VM, x2 = message word -> 0 or -1 */
#define HVC_RECV       3   /* -> message word, or -1 when none is queued; x1 = sender */
#define HVC_SHARE      4   /* x1 = destination VM, x2 = own page IPA -> share id; the page appears at GUEST_SHARE_IPA */
#define HVC_EXIT       5   /* the VM is done; when every VM is done the board powers off */

#define MSG_VINTID     5   /* the virtual interrupt that says "a message is waiting" */
#define VTIMER_INTID   27  /* the EL1 virtual timer's PPI (QEMU virt) */
#define NVM            2
#define QUEUE_LEN      8

/* Saved by entry.S on every exit from a guest: x0-x30 then the EL2 view of the guest's PC and PSTATE. */
struct gp_regs {
    u64 x[31];
    u64 elr;            /* ELR_EL2: where the guest resumes */
    u64 spsr;           /* SPSR_EL2: the guest's PSTATE */
};

/* The guest's EL1 system registers and virtual devices, saved and restored by the world switch. */
struct el1_state {
    u64 sctlr, vbar, sp_el1, sp_el0, elr, spsr, esr, far, cpacr, tpidr, cntkctl;
    u64 cntv_ctl, cntv_cval;
    u64 ich_lr[4], ich_vmcr;
};

enum vcpu_state { VCPU_RUNNABLE, VCPU_BLOCKED, VCPU_DONE };

struct vcpu {
    struct gp_regs regs;             /* first: entry.S addresses it from TPIDR_EL2 */
    struct el1_state el1;
    int vmid;
    const char *name;
    enum vcpu_state state;
    u64 vttbr;                       /* VTTBR_EL2: VMID and stage-2 table */
    u64 cntvoff;                     /* CNTVOFF_EL2: this VM's virtual time covers its own run time */
    u64 descheduled_at;              /* CNTPCT_EL0 when it last left the PE */
    u64 queue[QUEUE_LEN];
    int queue_from[QUEUE_LEN];
    int head, count;
    int at_line_start;               /* for the "[vm1] " prefix of emulated UART output */
    int ticks;
    u64 *s2_l3;                      /* the stage-2 level-3 table of guest RAM */
};

extern struct vcpu vcpus[NVM];
extern struct vcpu *current;

/* lib.c */
void uart_putc(char c);
void uart_puts(const char *s);
void printk(const char *fmt, ...);
void psci_system_off(void) __attribute__((noreturn));

/* stage2.c */
void stage2_init(struct vcpu *v, u64 ram_pa);
void stage2_map_page(struct vcpu *v, u64 ipa, u64 pa, int writable);
u64 stage2_pa_of(struct vcpu *v, u64 ipa);
void stage2_tlb_flush_vmid(struct vcpu *v);

/* vuart.c */
int vuart_abort(struct vcpu *v, u64 esr, u64 ipa);

/* hypercall.c */
void hypercall(struct vcpu *v);

/* vgic.c */
void vgic_init(void);
void vgic_inject(struct vcpu *v, u32 vintid, int hw_pintid);
int vgic_pending(struct vcpu *v);

/* vtimer.c */
void vtimer_irq(struct vcpu *v);

/* main.c */
void schedule(void);
void vcpu_block(struct vcpu *v);
void vcpu_wake(struct vcpu *v);

static inline u64 read_cntpct(void) { u64 v; __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v)); return v; }
#define SYSREG_READ_(r) ({ u64 __v; __asm__ volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define SYSREG_WRITE_(r, v) __asm__ volatile("msr " #r ", %0" :: "r"((u64)(v)))
#define SYSREG_READ(r) SYSREG_READ_(r)
#define SYSREG_WRITE(r, v) SYSREG_WRITE_(r, v)

/* The guest's EL1 registers as EL2 names them. With HCR_EL2.E2H = 1 (VHE, Arm ARM D5.6, "Virtualization
 * Host Extensions") an EL2 access to SCTLR_EL1, ELR_EL1, CNTV_CTL_EL0 ... reaches the EL2 register
 * instead, and the guest's copy is reached through the _EL12 / _EL02 encodings. */
#ifdef VHE
#define EL1(r) r##_el12
#define EL0(r) r##_el02
#define HYP_MODE "VHE"
#else
#define EL1(r) r##_el1
#define EL0(r) r##_el0
#define HYP_MODE "nVHE"
#endif
#endif
