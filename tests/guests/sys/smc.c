/* Self-modifying code guest (smc.S): a hot variable on the page of the hot loop that stores it, a
 * function rewritten between calls with and without IC IVAU, and an instruction rewritten right ahead
 * of the running code, with and without the maintenance sequence. Each case is run hot (thousands of
 * calls), so that a simulator runs it translated; one line per case. */
#include "../common/console.h"

extern unsigned long count_beside(unsigned long n);
extern unsigned patched(void);
extern unsigned write_next(unsigned word);
extern unsigned write_next_sync(unsigned word);

#define CALLS 20000

static unsigned movz_w0(unsigned imm) {
    return 0x52800000u | (imm << 5); /* MOVZ W0, #imm */
}

/* DC CVAU, DSB, IC IVAU, DSB, ISB: the sequence that makes a written instruction the one fetched. */
static void sync_insn(volatile unsigned *p) {
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" : : "r"(p) : "memory");
}

static unsigned hot_calls(void) {
    unsigned sum = 0;
    for (int i = 0; i < CALLS; i++)
        sum += patched();
    return sum / CALLS;
}

int main(void) {
    printf("count_beside: %lu\n", count_beside(100000));
    printf("count_beside again: %lu\n", count_beside(50000));

    volatile unsigned *p = (volatile unsigned *)(void *)patched;
    for (unsigned v = 2; v < 5; v++) {
        unsigned before = hot_calls();
        *p = movz_w0(v);
        sync_insn(p);
        printf("patched with IC IVAU: %u then %u\n", before, patched());
    }
    for (unsigned v = 5; v < 8; v++) {
        unsigned before = hot_calls();
        *p = movz_w0(v);
        __asm__ volatile("dsb ish\n\tisb" : : : "memory");
        printf("patched without IC IVAU: %u then %u\n", before, patched());
    }

    unsigned fresh = 0, stale = 0, other = 0;
    for (unsigned i = 0; i < CALLS; i++) {
        unsigned v = 100 + (i & 1), r = write_next(movz_w0(v));
        if (r == v)
            fresh++;
        else if (r == 100 + ((i + 1) & 1) || (i == 0 && r == 1))
            stale++;
        else
            other++;
    }
    printf("write_next without maintenance: new %u old %u other %u\n", fresh, stale, other);
    fresh = stale = other = 0;
    for (unsigned i = 0; i < CALLS; i++) {
        unsigned v = 200 + (i & 1), r = write_next_sync(movz_w0(v));
        if (r == v)
            fresh++;
        else if (r == 200 + ((i + 1) & 1) || (i == 0 && r == 1))
            stale++;
        else
            other++;
    }
    printf("write_next with IC IVAU: new %u old %u other %u\n", fresh, stale, other);
    printf("done\n");
    return 0;
}
