#include "lib.h"

long semihost(long op, const void *arg)
{
    register long x0 __asm__("x0") = op;
    register const void *x1 __asm__("x1") = arg;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

void sh_writec(char c) { semihost(0x03, &c); }
void sh_write0(const char *s) { semihost(0x04, s); }

static char out[512];
static size_t out_len;
static long tt = -1;

void flush(void)
{
    if (out_len == 0)
        return;
    if (tt < 0) {
        long open_args[3] = { (long)":tt", 4 /* "w" */, 3 };
        tt = semihost(0x01, open_args);
    }
    long write_args[3] = { tt, (long)out, (long)out_len };
    semihost(0x05, write_args);
    out_len = 0;
}

static void put(char c)
{
    out[out_len++] = c;
    if (out_len == sizeof out || c == '\n')
        flush();
}

void *memset(void *d, int c, size_t n) { unsigned char *p = d; while (n--) *p++ = (unsigned char)c; return d; }
void *memcpy(void *d, const void *s, size_t n) { unsigned char *p = d; const unsigned char *q = s; while (n--) *p++ = *q++; return d; }
void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *p = d; const unsigned char *q = s;
    if (p < q) while (n--) *p++ = *q++;
    else { p += n; q += n; while (n--) *--p = *--q; }
    return d;
}
int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++) if (*p != *q) return *p - *q;
    return 0;
}
size_t strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static void emit(const char *s, size_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left) while (fill--) put(pad);
    while (n--) put(*s++);
    if (left) while (fill-- > 0) put(' ');
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') { put(*f); continue; }
        f++;
        int left = 0; char pad = ' '; int width = 0, longs = 0;
        for (;; f++) { if (*f == '-') left = 1; else if (*f == '0') pad = '0'; else break; }
        while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        while (*f == 'l' || *f == 'z') { longs++; f++; }
        char buf[24]; char *e = buf + sizeof buf, *p = e;
        unsigned long long u; int neg = 0;
        switch (*f) {
        case 'd': case 'i': {
            long long v = longs ? va_arg(ap, long long) : va_arg(ap, int);
            neg = v < 0; u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
            if (neg) *--p = '-';
            emit(p, (size_t)(e - p), width, left, pad);
            break;
        }
        case 'u': case 'x': case 'p': {
            int base = *f == 'u' ? 10 : 16;
            u = (*f == 'p' || longs) ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
            do { *--p = "0123456789abcdef"[u % base]; u /= base; } while (u);
            emit(p, (size_t)(e - p), width, left, pad);
            break;
        }
        case 'c': buf[0] = (char)va_arg(ap, int); emit(buf, 1, width, left, ' '); break;
        case 's': { const char *s = va_arg(ap, const char *); emit(s, strlen(s), width, left, ' '); break; }
        case '%': put('%'); break;
        default: put('%'); put(*f); break;
        }
    }
    va_end(ap);
    return 0;
}

void print_double(const char *label, double d)
{
    union { double d; uint64_t u; } b = { d };
    int neg = d < 0;
    double a = neg ? -d : d;
    if (a < 1e18) {
        uint64_t ip = (uint64_t)a;
        uint64_t frac = (uint64_t)((a - (double)ip) * 1e6 + 0.5);
        if (frac >= 1000000) { ip++; frac -= 1000000; }
        printf("%s = %s%lu.%06lu [%016lx]\n", label, neg ? "-" : "", ip, frac, b.u);
    } else {
        printf("%s = (large) [%016lx]\n", label, b.u);
    }
}

void print_float(const char *label, float f)
{
    union { float f; uint32_t u; } b = { f };
    print_double(label, (double)f);
    printf("  %s bits %08x\n", label, b.u);
}
