/* The GDB server's test guest: a little work at EL1 to break in, step through and watch, two HVCs
 * handled at EL2 by el2_trap(), then a spin loop to interrupt with Ctrl-C. See start.S. */
volatile unsigned long hvc_count;
volatile unsigned long last_esr;
volatile unsigned long watched;
volatile unsigned long counter;
volatile unsigned long spin;
volatile unsigned long sec_spin;

extern void hvc_call(void);

/* Called from the EL2 vector for every synchronous exception from EL1. */
unsigned long el2_trap(unsigned long esr, unsigned long elr) {
    hvc_count++;
    last_esr = esr;
    return elr;
}

static int add(int a, int b) {
    return a + b;
}

int compute(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        s = add(s, i);
    }
    return s;
}

void secondary_main(void) {
    for (;;) {
        sec_spin++;
    }
}

int main(void) {
    int r = compute(5);
    watched = r;
    counter = r + 1;
    hvc_call();
    hvc_call();
    for (;;) {
        spin++;
    }
    return 0;
}
