/* The microvisor's console (the real PL011, 32-bit accesses to aligned registers as DDI0183
 * requires) and a small printk: %s %c %d %u %x %lx %lu %ld %p and a width with 0 padding. */
#include <stdarg.h>
#include "hyp.h"

#define UARTDR (*(volatile u32 *)(UART_PA + 0x00))
#define UARTFR (*(volatile u32 *)(UART_PA + 0x18))
#define FR_TXFF (1u << 5)
#define FR_BUSY (1u << 3)

void uart_putc(char c)
{
    while (UARTFR & FR_TXFF)
        ;
    UARTDR = (unsigned char)c;
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

static void put_num(u64 v, unsigned base, int width, char pad, int negative)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (negative)
        buf[n++] = '-';
    while (n < width--)
        uart_putc(pad);
    while (n)
        uart_putc(buf[--n]);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            uart_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, is_long = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        if (*fmt == 'l') {
            is_long = 1;
            fmt++;
        }
        switch (*fmt) {
        case 's': uart_puts(va_arg(ap, const char *)); break;
        case 'c': uart_putc((char)va_arg(ap, int)); break;
        case 'd': {
            long d = is_long ? va_arg(ap, long) : va_arg(ap, int);
            put_num(d < 0 ? -(u64)d : (u64)d, 10, width, pad, d < 0);
            break;
        }
        case 'u': put_num(is_long ? va_arg(ap, u64) : va_arg(ap, unsigned), 10, width, pad, 0); break;
        case 'x': put_num(is_long ? va_arg(ap, u64) : va_arg(ap, unsigned), 16, width, pad, 0); break;
        case 'p': uart_puts("0x"); put_num((u64)va_arg(ap, void *), 16, width, pad, 0); break;
        default: uart_putc('%'); uart_putc(*fmt); break;
        }
    }
    va_end(ap);
}

void psci_system_off(void)
{
    while (UARTFR & FR_BUSY)
        ;
    register u64 x0 __asm__("x0") = PSCI_SYSTEM_OFF;
    __asm__ volatile("smc #0" : "+r"(x0) :: "memory");
    for (;;)
        ;
}

void hyp_panic(u64 esr, u64 elr, u64 far)
{
    printk("[hyp] unexpected exception at EL2: ESR_EL2 0x%lx ELR_EL2 0x%lx FAR_EL2 0x%lx\n", esr, elr, far);
    psci_system_off();
}
