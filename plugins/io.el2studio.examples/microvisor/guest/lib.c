/* The guest side of the microvisor's services. The UART is the PL011 at IPA 0x09000000, which the
 * microvisor does not map: each access traps and is emulated (hyp/vuart.c), so every access is a
 * single 32-bit load or store (a syndrome with ISV = 1). */
#include <stdarg.h>
#include "guest.h"

#define UARTDR (*(volatile unsigned int *)0x09000000)
#define UARTFR (*(volatile unsigned int *)0x09000018)

volatile int ticks;
static volatile int messages;

static void putc_uart(char c)
{
    while (UARTFR & (1u << 5))
        ;
    UARTDR = (unsigned char)c;
}

static void put_num(u64 v, unsigned base, int negative)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (negative)
        putc_uart('-');
    while (n)
        putc_uart(buf[--n]);
}

/* %s %c %d %ld %x %lx */
void printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putc_uart(*fmt);
            continue;
        }
        int is_long = 0;
        if (*++fmt == 'l') {
            is_long = 1;
            fmt++;
        }
        switch (*fmt) {
        case 's': for (const char *s = va_arg(ap, const char *); *s; s++) putc_uart(*s); break;
        case 'c': putc_uart((char)va_arg(ap, int)); break;
        case 'd': {
            long d = is_long ? va_arg(ap, long) : va_arg(ap, int);
            put_num(d < 0 ? -(u64)d : (u64)d, 10, d < 0);
            break;
        }
        case 'x': put_num(is_long ? va_arg(ap, u64) : va_arg(ap, unsigned), 16, 0); break;
        default: putc_uart(*fmt); break;
        }
    }
    va_end(ap);
}

long hvc(long fn, long a1, long a2, long *out1)
{
    register long x0 __asm__("x0") = fn;
    register long x1 __asm__("x1") = a1;
    register long x2 __asm__("x2") = a2;
    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1) : "r"(x2) : "memory");
    if (out1)
        *out1 = x1;
    return x0;
}

/* The virtual CPU interface: every priority, Group 1 on (these reach ICV_PMR_EL1 and
 * ICV_IGRPEN1_EL1 because the microvisor set HCR_EL2.IMO). */
void irq_on(void)
{
    SYSREG_WRITE(S3_0_C4_C6_0, 0xff);       /* ICC_PMR_EL1 */
    SYSREG_WRITE(S3_0_C12_C12_7, 1);        /* ICC_IGRPEN1_EL1 */
    __asm__ volatile("isb");
}

/* Called from the EL1 IRQ vector (start.S) for each virtual interrupt. */
void irq_handler(void)
{
    u64 intid = SYSREG_READ(S3_0_C12_C12_0) & 0xffffff;    /* ICC_IAR1_EL1 */
    if (intid == VTIMER_INTID) {
        SYSREG_WRITE(cntv_ctl_el0, 0);      /* stop the timer before the EOI: the PPI is level-sensitive */
        ticks++;
    } else if (intid == MSG_VINTID) {
        messages++;
    }
    if (intid != 1023)
        SYSREG_WRITE(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1: drop and deactivate (HW: the physical PPI too) */
}

/* Sleeps until a message is queued (WFI traps to the microvisor, which runs the other VM meanwhile);
 * IRQs masked around the check so that the wake-up interrupt cannot slip in between. */
long wait_message(long *from)
{
    for (;;) {
        __asm__ volatile("msr daifset, #2");
        long m = hvc(HVC_RECV, 0, 0, from);
        if (m != -1) {
            __asm__ volatile("msr daifclr, #2");
            return m;
        }
        __asm__ volatile("wfi");
        __asm__ volatile("msr daifclr, #2; isb");
    }
}

/* n ticks of the EL1 virtual timer, each period_us of this VM's own virtual time. */
void timer_ticks(int n, unsigned period_us)
{
    u64 freq = SYSREG_READ(cntfrq_el0);
    int start = ticks;
    for (int i = 1; i <= n; i++) {
        SYSREG_WRITE(cntv_tval_el0, freq / 1000000 * period_us);
        SYSREG_WRITE(cntv_ctl_el0, 1);       /* ENABLE, not masked */
        __asm__ volatile("isb");
        while (ticks - start < i) {
            __asm__ volatile("msr daifset, #2");
            if (ticks - start < i)
                __asm__ volatile("wfi");
            __asm__ volatile("msr daifclr, #2; isb");
        }
        printf("tick %d (%d us of my own time each)\n", i, (int)period_us);
    }
}
