/* VM 1 ("ping"): shows what it sees of the machine, probes the read-only page, shares a page with
 * VM 2, exchanges three rounds of messages with it, then runs its virtual timer and hands over. */
#include "guest.h"

static char shared[4096] __attribute__((aligned(4096)));

static void copy(char *d, const char *s)
{
    while ((*d++ = *s++))
        ;
}

int main(long vmid)
{
    irq_on();
    printf("hello from VM %ld (hypercall says VM %ld)\n", vmid, hvc(HVC_GET_VMID, 0, 0, 0));
    printf("MIDR_EL1 0x%lx, MPIDR_EL1 0x%lx\n", SYSREG_READ(midr_el1), SYSREG_READ(mpidr_el1));
    printf("ID_AA64PFR0_EL1 0x%lx\n", SYSREG_READ(id_aa64pfr0_el1));
    printf("read-only page holds 0x%lx\n", *RO_PAGE);
    *RO_PAGE = 0xbad;
    printf("after my write it holds 0x%lx\n", *RO_PAGE);

    copy(shared, "a page from vm1");
    long id = hvc(HVC_SHARE, 2, (long)shared, 0);
    printf("shared a page with vm2 as share id %ld\n", id);

    for (long round = 1; round <= 3; round++) {
        hvc(HVC_SEND, 2, round * 10, 0);
        long from;
        long reply = wait_message(&from);
        printf("round %ld: sent %ld, got %ld from vm%ld\n", round, round * 10, reply, from);
    }
    printf("the shared page now reads \"%s\"\n", shared);

    timer_ticks(3, 1000);
    hvc(HVC_SEND, 2, 999, 0);
    printf("done\n");
    return 0;
}
