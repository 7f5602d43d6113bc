/* The guest of the unwinder's exception-crossing test: nested calls down to an HVC. The test stops
 * in the hypervisor's handler and expects these frames below the exception marker, with the lines
 * marked CALL (ExceptionBacktraceTest finds them by the marks). */
typedef unsigned long u64;

volatile u64 results[4];

__attribute__((noinline)) u64 leaf_call(u64 a) {
    register u64 x0 __asm__("x0") = a;
    __asm__ volatile("hvc #0x42" : "+r"(x0) : : "memory"); /* CALL hvc */
    return x0 + 1;
}

__attribute__((noinline)) u64 middle(u64 a) {
    u64 r = leaf_call(a * 2); /* CALL leaf_call */
    results[1] = r;
    return r + 3;
}

__attribute__((noinline)) u64 outer(u64 a) {
    u64 r = middle(a + 1); /* CALL middle */
    results[2] = r;
    return r * 2;
}

/* IPA 0x48400000 is outside the guest's stage 2 block: a stage 2 translation fault the hypervisor
 * skips (the store does not happen). */
__attribute__((noinline)) void poke(volatile u64 *p) {
    *p = 7; /* CALL abort */
}

int main(void) {
    u64 r = outer(5); /* CALL outer */
    results[3] = r;
    poke((volatile u64 *)0x48400000UL); /* CALL poke */
    return (int)(r & 0x7f);
}
