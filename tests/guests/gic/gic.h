// Common definitions of the GIC and timer scenario guests (tests/io.el2studio.sim.tests gic/GicGuestTest):
// QEMU virt's GICv3 frames, and SHOW, which prints "label: 0x<x0>" with board/lib.S's report.
#define GICD        0x08000000
#define GICR        0x080A0000
#define GICR_SGI    0x080B0000
#define GICR_STRIDE 0x20000
#define PSCI_CPU_ON64   0xc4000003
#define PSCI_SYSTEM_OFF 0x84000008
#include "../common/boot.h"

// SHOW "label": prints "label: 0x<x0>" (report of board/lib.S); x0 is preserved (x21 is clobbered)
.macro SHOW str
    mov     x21, x0
    adr     x1, 97f
    bl      report
    mov     x0, x21
    .pushsection .rodata.show, "a"
97: .asciz "\str: "
    .popsection
.endm

// Store w\val at the 32-bit register \addr (x9, x10 scratch)
.macro W32 addr, val
    ldr     x9, =\addr
    ldr     x10, =\val
    str     w10, [x9]
.endm

// Load the 32-bit register \addr into x0
.macro R32 addr
    ldr     x9, =\addr
    ldr     w0, [x9]
.endm

.macro OFF
    ldr     x0, =PSCI_SYSTEM_OFF
    smc     #0
    b       .
.endm

// UNEXPECTED_EL2 name: the target of the vectors no scenario expects: print ESR_EL2 and end the run
.macro UNEXPECTED_EL2 name=unexpected
\name:
    mrs     x0, esr_el2
    SHOW    "UNEXPECTED EXCEPTION, ESR_EL2"
    OFF
.endm

// CPUIF_ON: this PE's physical CPU interface lets every priority through (ICC_PMR_EL1 = 0xff) and
// signals Group 1 interrupts (ICC_IGRPEN1_EL1.Enable)
.macro CPUIF_ON
    mov     x0, #0xff
    msr     icc_pmr_el1, x0
    mov     x0, #1
    msr     icc_igrpen1_el1, x0
.endm

// IRQ_FIQ_TO_EL2: HCR_EL2.{RW, IMO, FMO}: EL1 is AArch64, physical IRQs and FIQs are taken at EL2 (and
// EL1's ICC_* accesses reach ICV_*)
.macro IRQ_FIQ_TO_EL2
    ldr     x0, =(1 << 31) | (1 << 4) | (1 << 3)    // HCR_EL2: RW, IMO, FMO
    msr     hcr_el2, x0
.endm

// VCPUIF_ON: the virtual CPU interface with ICH_VMCR_EL2.VPMR 0xf8, VENG1 and VENG0, and ICH_HCR_EL2.En
.macro VCPUIF_ON
    ldr     x0, =(0xf8 << 24) | 3                   // ICH_VMCR_EL2: VPMR 0xf8, VENG1, VENG0
    msr     ich_vmcr_el2, x0
    mov     x0, #1
    msr     ich_hcr_el2, x0
.endm

// SPIS_40_43 priorities: SPIs 40, 41, 42 Group 1 and 43 Group 0, with IPRIORITYR10 = \priorities (a
// byte each, 40 lowest), routed to Aff0 = 0 and enabled
.macro SPIS_40_43 priorities
    W32     GICD + 0x84, 0x700              // IGROUPR1: 40, 41, 42 Group 1; 43 Group 0
    W32     GICD + 0x428, \priorities       // IPRIORITYR10
    ldr     x9, =GICD + 0x6000 + 8 * 40     // IROUTER40..43 = 0
    str     xzr, [x9]
    str     xzr, [x9, #8]
    str     xzr, [x9, #16]
    str     xzr, [x9, #24]
    W32     GICD + 0x104, 0xF00             // ISENABLER1
.endm

// START_PE1: PSCI CPU_ON starts PE 1 (Aff0 = 1) at secondary, prints the result, then waits until
// PE 1 sets the word ready
.macro START_PE1
    ldr     x0, =PSCI_CPU_ON64
    mov     x1, #1
    adr     x2, secondary
    mov     x3, #1
    smc     #0
    SHOW    "CPU_ON"
    ldr     x1, =ready
1:  ldr     w0, [x1]
    cbz     w0, 1b
.endm

// WAIT_FLAG addr: sleep in WFI until the word at \addr is non-zero (I masked around the check, so an
// interrupt between the check and WFI is not lost: WFI wakes on a pending interrupt even when masked)
.macro WAIT_FLAG addr
1:  msr     daifset, #2
    ldr     x1, =\addr
    ldr     w0, [x1]
    cbnz    w0, 2f
    wfi
    msr     daifclr, #2
    isb
    b       1b
2:
.endm

// ---- nested interrupt handlers with per-INTID hooks (preempt at EL2, vpreempt at EL1 through ICV_*) ----
// The includer reserves "hooks: .space 8 * 4", one function per INTID 40..43 (0: eoi_default).

// HOOK intid, fn: the handler of \intid calls \fn (x0 = INTID) instead of the default EOI
.macro HOOK intid, fn
    ldr     x0, =hooks + 8 * (\intid - 40)
    adr     x1, \fn
    str     x1, [x0]
.endm

// EOI40_RET: the end of a hook that pushed x29, x30: EOI INTID 40, pop them and return
.macro EOI40_RET
    mov     x0, #40
    msr     icc_eoir1_el1, x0
    ldp     x29, x30, [sp], #16
    ret
.endm

// EOI_DEFAULT: the hook eoi_default ends the interrupt x0 (EOIR, and DIR with EOImode 1)
.macro EOI_DEFAULT
eoi_default:
    msr     icc_eoir1_el1, x0
    mrs     x1, icc_ctlr_el1
    tbz     x1, #1, 1f
    msr     icc_dir_el1, x0
1:  ret
.endm

// NEST_HANDLER name, iar, el, label, rpr: an interrupt handler at EL\el that saves its context and
// ELR/SPSR (so that a higher priority may preempt it once it unmasks PSTATE.I/F), acknowledges with
// \iar, prints the INTID and "\rpr" (the running priority), then for Group 0 (ICC_IAR0_EL1) ends the
// interrupt itself, for Group 1 calls the hook of its INTID, prints the INTID again and returns
.macro NEST_HANDLER name, iar, el, label, rpr
\name:
    sub     sp, sp, #256
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x9, x10, [sp, #32]
    stp     x19, x20, [sp, #48]
    stp     x21, x22, [sp, #64]
    stp     x29, x30, [sp, #80]
    mrs     x0, elr_el\el
    mrs     x1, spsr_el\el
    stp     x0, x1, [sp, #96]
    mrs     x0, \iar
    mov     x22, x0
    SHOW    "\label, INTID"
    mrs     x0, icc_rpr_el1
    SHOW    "\rpr"
    mov     x0, x22
    .ifc \iar, icc_iar0_el1
    msr     icc_eoir0_el1, x0
    mrs     x1, icc_ctlr_el1
    tbz     x1, #1, 1f
    msr     icc_dir_el1, x0
1:
    .else
    adr     x2, eoi_default
    sub     x1, x0, #40
    cmp     x1, #4
    b.hs    2f                              // no hook outside 40..43
    ldr     x3, =hooks
    ldr     x1, [x3, x1, lsl #3]
    cbz     x1, 2f
    mov     x2, x1
2:  blr     x2
    .endif
    mov     x0, x22
    SHOW    "\label return, INTID"
    ldp     x0, x1, [sp, #96]
    msr     elr_el\el, x0
    msr     spsr_el\el, x1
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x9, x10, [sp, #32]
    ldp     x19, x20, [sp, #48]
    ldp     x21, x22, [sp, #64]
    ldp     x29, x30, [sp, #80]
    add     sp, sp, #256
    eret
.endm
