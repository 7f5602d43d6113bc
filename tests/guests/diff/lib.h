/* Freestanding support for the differential-test guests: semihosting console and a tiny printf. */
#ifndef GUEST_LIB_H
#define GUEST_LIB_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

long semihost(long op, const void *arg);
void sh_exit(int status) __attribute__((noreturn));
void sh_writec(char c);                 /* SYS_WRITEC */
void sh_write0(const char *s);          /* SYS_WRITE0 */
int printf(const char *fmt, ...);       /* %d %i %u %x %c %s %p, l/ll/z, width, 0 and - flags */
void flush(void);                       /* SYS_WRITE of the buffered output to ":tt" */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
/* printf of a double: sign, integer part and 6 decimals (rounding by integer arithmetic), plus bits. */
void print_double(const char *label, double d);
void print_float(const char *label, float f);
#endif
