/* Trap-and-emulate of the guests' PL011. The UART page has no stage-2 mapping, so every guest access
 * to it is a data abort from EL1 (ESR_EL2.EC = 0x24, DABT_LOW) with the faulting IPA in HPFAR_EL2
 * (FIPA, bits [43:4] = IPA[51:12]) and FAR_EL2's page offset. With ESR_EL2.ISV = 1 the syndrome
 * describes the access (Arm ARM D17.2.40, ISS encoding for a Data Abort): SAS = size, SSE = sign
 * extend, SRT = the general register, SF = 64-bit register, WnR = write. A write of UARTDR goes to
 * the real UART with "[vmN] " at the start of each line; UARTFR reads as 0 (never busy, never full);
 * other registers read as zero and ignore writes. */
#include "hyp.h"

#define ISS_ISV     (1ul << 24)
#define ISS_SAS(e)  (((e) >> 22) & 3)
#define ISS_SSE     (1ul << 21)
#define ISS_SRT(e)  (((e) >> 16) & 31)
#define ISS_SF      (1ul << 15)
#define ISS_WNR     (1ul << 6)

#define PL011_DR 0x000
#define PL011_FR 0x018

static void vuart_out(struct vcpu *v, char c)
{
    if (v->at_line_start) {
        printk("[%s] ", v->name);
        v->at_line_start = 0;
    }
    uart_putc(c);
    if (c == '\n')
        v->at_line_start = 1;
}

/* Returns 1 when the abort was a UART access and has been emulated (the guest resumes after it). */
int vuart_abort(struct vcpu *v, u64 esr, u64 ipa)
{
    if ((ipa & ~0xffful) != GUEST_UART_IPA)
        return 0;
    if (!(esr & ISS_ISV)) {
        printk("[hyp] %s: UART access without a valid syndrome (ISV = 0) at 0x%lx\n", v->name, v->regs.elr);
        return 0;
    }
    unsigned rt = ISS_SRT(esr);
    unsigned offset = ipa & 0xfff;
    if (esr & ISS_WNR) {
        u64 value = rt == 31 ? 0 : v->regs.x[rt];    /* register 31 is XZR here */
        if (offset == PL011_DR)
            vuart_out(v, (char)(value & 0xff));
    } else if (rt != 31) {
        u64 value = 0;                               /* UARTFR = 0: TXFF and BUSY clear */
        unsigned bits = 8u << ISS_SAS(esr);
        if ((esr & ISS_SSE) && bits < 64 && (value >> (bits - 1) & 1))
            value |= ~0ul << bits;
        if (!(esr & ISS_SF))
            value &= 0xffffffffu;
        v->regs.x[rt] = value;
    }
    v->regs.elr += 4;
    return 1;
}
