/* See console.h. Every access to the UART is a 32-bit access to an aligned register, as the PL011
 * requires (DDI0183: the registers are 32 bits wide). */
#include "console.h"

#define UARTDR (*(volatile unsigned int *)(UART_BASE + 0x00))
#define UARTFR (*(volatile unsigned int *)(UART_BASE + 0x18))
#define FR_TXFF (1u << 5)
#define FR_BUSY (1u << 3)

void putc_uart(char c)
{
    while (UARTFR & FR_TXFF)
        ;
    UARTDR = (unsigned char)c;
}

void flush(void)
{
    while (UARTFR & FR_BUSY)
        ;
}

void sh_exit(int status)
{
    flush();
    long block[2] = { 0x20026 /* ADP_Stopped_ApplicationExit */, status };
    register long x0 __asm__("x0") = 0x20; /* SYS_EXIT_EXTENDED */
    register long *x1 __asm__("x1") = block;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    for (;;)
        ;
}

void psci_system_off(void)
{
    flush();
    register long x0 __asm__("x0") = 0x84000008L;
    __asm__ volatile("smc #0" : "+r"(x0) :: "memory");
    for (;;)
        ;
}

void *memset(void *d, int c, size_t n) { unsigned char *p = d; while (n--) *p++ = (unsigned char)c; return d; }
void *memcpy(void *d, const void *s, size_t n) { unsigned char *p = d; const unsigned char *q = s; while (n--) *p++ = *q++; return d; }
size_t strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static void emit(const char *s, size_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left)
        while (fill-- > 0) putc_uart(pad);
    while (n--) putc_uart(*s++);
    if (left)
        while (fill-- > 0) putc_uart(' ');
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            putc_uart(*f);
            continue;
        }
        f++;
        int left = 0, width = 0, longs = 0;
        char pad = ' ';
        for (;; f++) {
            if (*f == '-') left = 1;
            else if (*f == '0') pad = '0';
            else break;
        }
        while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        while (*f == 'l' || *f == 'z') { longs++; f++; }
        char buf[24], *e = buf + sizeof buf, *p = e;
        unsigned long long u;
        int neg = 0;
        switch (*f) {
        case 'd': case 'i': {
            long long v = longs ? va_arg(ap, long long) : va_arg(ap, int);
            neg = v < 0;
            u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
            if (neg) *--p = '-';
            break;
        }
        case 'u':
            u = longs ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
            do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
            break;
        case 'x': case 'p':
            u = (longs || *f == 'p') ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
            do { *--p = "0123456789abcdef"[u & 15]; u >>= 4; } while (u);
            if (*f == 'p') { *--p = 'x'; *--p = '0'; }
            break;
        case 'c':
            *--p = (char)va_arg(ap, int);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            emit(s, strlen(s), width, left, ' ');
            continue;
        }
        default:
            *--p = *f;
            break;
        }
        emit(p, (size_t)(e - p), width, left, pad);
    }
    va_end(ap);
    return 0;
}
