/* VM 2 ("pong"): waits for VM 1's shared page and messages, answers each, then runs its own
 * virtual timer when VM 1 says it is done. */
#include "guest.h"

int main(long vmid)
{
    irq_on();
    printf("hello from VM %ld, MPIDR_EL1 0x%lx\n", vmid, SYSREG_READ(mpidr_el1));
    long from;
    long share_id = wait_message(&from);
    printf("vm%ld shared page %ld with me: \"%s\"\n", from, share_id, (const char *)SHARE_WINDOW);
    const char *reply = "vm2 was here";
    volatile char *p = SHARE_WINDOW;
    while ((*p++ = *reply++))
        ;

    for (;;) {
        long m = wait_message(&from);
        if (m == 999)
            break;
        printf("got %ld from vm%ld, answering %ld\n", m, from, m + 1);
        hvc(HVC_SEND, from, m + 1, 0);
    }
    printf("vm1 is done; my timer now\n");
    timer_ticks(3, 2000);
    printf("done\n");
    return 0;
}
