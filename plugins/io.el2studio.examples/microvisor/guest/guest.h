/* What a guest kernel of the microvisor uses: its UART (trapped and emulated by the microvisor),
 * a small printf, the hypercalls (numbers as hyp/hyp.h) and the virtual interrupts. */
#ifndef GUEST_H
#define GUEST_H
#include <stdint.h>

typedef uint64_t u64;

#define HVC_GET_VMID 1
#define HVC_SEND     2
#define HVC_RECV     3
#define HVC_SHARE    4
#define MSG_VINTID   5
#define VTIMER_INTID 27
#define RO_PAGE      ((volatile u64 *)0x40100000)
#define SHARE_WINDOW ((volatile char *)0x40180000)

void printf(const char *fmt, ...);
long hvc(long fn, long a1, long a2, long *out1);
long wait_message(long *from);
void timer_ticks(int n, unsigned period_us);
void irq_on(void);
extern volatile int ticks;

#define SYSREG_READ(r) ({ u64 __v; __asm__ volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define SYSREG_WRITE(r, v) __asm__ volatile("msr " #r ", %0" :: "r"((u64)(v)))
#endif
