/* Console of the scenario guests (sys, mmu, irq): printf on the PL011 of the virt board at
 * 0x09000000 (QEMU -M virt and `el2studio run --machine virt`), so that both UART transcripts can be
 * compared byte for byte. The UART needs no set-up on either side: QEMU's and ours transmit with
 * UARTCR at its reset value. Semihosting is used only for the exit status of guests that boot at
 * EL3 (where QEMU provides no PSCI); guests booted at EL2 end with PSCI SYSTEM_OFF. */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H
#include <stdarg.h>
#include <stddef.h>

#define UART_BASE 0x09000000UL

void putc_uart(char c);
int printf(const char *fmt, ...);       /* %d %i %u %x %c %s %p, l/ll/z, width, 0 and - flags */
void flush(void);                       /* waits until the UART has sent everything (UARTFR.BUSY = 0) */
void sh_exit(int status) __attribute__((noreturn));   /* semihosting SYS_EXIT_EXTENDED */
void psci_system_off(void) __attribute__((noreturn)); /* SMC: PSCI SYSTEM_OFF (0x84000008) */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
#endif
