// Entry, vector-table and exception-return macros shared by the bare-metal guests (START needs the
// __stack_top of diff/link.ld). Each expands to exactly the instructions it replaced in the guests, so
// they keep their addresses and their transcripts.

#ifndef COMMON_BOOT_H
#define COMMON_BOOT_H

// START: the entry point _start, first in .text.start, with SP = __stack_top (x0 = __stack_top too)
.macro START
    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
.endm

// VTABLE name, other, irq, fiq, lower_sync, lower_irq: a vector table at \name (VBAR_ELx needs 2 KiB
// alignment; each of the 16 entries is 128 bytes, Arm ARM D1.3.1): the current EL with SPx IRQ and FIQ
// entries branch to \irq and \fiq, the lower EL (AArch64) synchronous and IRQ entries to \lower_sync and
// \lower_irq, and every entry not named to \other
.macro VTABLE name, other, irq, fiq, lower_sync, lower_irq
    .balign 2048
\name:
    .rept 5
    .balign 128
    b       \other
    .endr
    VENTRY  \other, \irq                    // current EL, SPx: IRQ
    VENTRY  \other, \fiq                    // current EL, SPx: FIQ
    VENTRY  \other                          // current EL, SPx: SError
    VENTRY  \other, \lower_sync             // lower EL, AArch64: synchronous
    VENTRY  \other, \lower_irq              // lower EL, AArch64: IRQ
    .rept 6
    .balign 128
    b       \other
    .endr
.endm

// VENTRY other, target: one 128-byte vector entry branching to \target, or to \other if none is named
.macro VENTRY other, target
    .balign 128
    .ifb \target
    b       \other
    .else
    b       \target
    .endif
.endm

// EL2_SETUP mdcr: at EL2 with the MMU off, the state the scenario guests run EL1 in: VBAR_EL2 =
// vectors2, SCTLR_EL2 with MMU and caches off, no FP/SIMD trap to EL2, HCR_EL2.RW only (EL1 is AArch64,
// TGE = 0 so EL0 exceptions go to EL1), MDCR_EL2 = 0 if \mdcr is 1, SCTLR_EL1 with the MMU off (SPAN = 1,
// UMA = DZE = UCT = 0), CPACR_EL1.FPEN = 0b11, VBAR_EL1 = vectors1 and SP_EL1 = stack1_top (the symbols
// come from the includer). No ISB: the includer synchronizes (ISB or ERET).
.macro EL2_SETUP mdcr=0
    adr     x0, vectors2
    msr     vbar_el2, x0
    ldr     x0, =0x30c50830                 // SCTLR_EL2: MMU and caches off, RES1 bits, DSSBS = 0
    msr     sctlr_el2, x0
    mov     x0, #0x33ff                     // CPTR_EL2: RES1 bits, TFP = 0
    msr     cptr_el2, x0
    mov     x0, #(1 << 31)                  // HCR_EL2.RW: EL1 is AArch64
    msr     hcr_el2, x0
    .if \mdcr
    msr     mdcr_el2, xzr
    .endif
    ldr     x0, =0x30d00800                 // SCTLR_EL1: MMU off, SPAN = 1, UMA = DZE = UCT = 0
    msr     sctlr_el1, x0
    mov     x0, #(3 << 20)                  // CPACR_EL1.FPEN = 0b11
    msr     cpacr_el1, x0
    adr     x0, vectors1
    msr     vbar_el1, x0
    ldr     x0, =stack1_top
    msr     sp_el1, x0
.endm

// ERET_EL1H label: from EL2, enter \label at EL1 with SP_EL1 (EL1h) and PSTATE.{D, A, I, F} masked
// (SPSR_EL2 = 0x3c5); the ISB makes the earlier system register writes visible to it
.macro ERET_EL1H label
    adr     x0, \label
    msr     elr_el2, x0
    mov     x0, #0x3c5                      // EL1h, DAIF masked
    msr     spsr_el2, x0
    isb
    eret
.endm

#endif
