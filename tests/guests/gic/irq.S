// Interrupts taken as exceptions (tests/io.el2studio.sim.tests gic/GicGuestTest), on one PE booted at
// EL2: (1) the EL2 physical timer (PPI 26) taken at EL2 as an IRQ (HCR_EL2.IMO = 1) while the PE waits
// in WFI; (2) the KVM flow for a virtual timer: the EL1 virtual timer's physical PPI 27 interrupts the
// EL1 guest into EL2, which acknowledges it with EOImode 1, drops its priority and injects it into
// ICH_LR0_EL2 with HW = 1; the guest takes the vIRQ at EL1, acknowledges and EOIs it through ICV_*,
// which deactivates the physical interrupt; the guest then returns to EL2 with HVC; (3) the maintenance
// interrupt (PPI 25) taken at EL2 while the guest runs: underflow (ICH_HCR_EL2.UIE) with no valid LR;
// (4) with VHE (HCR_EL2.{E2H, TGE} = {1, 1}) the EL2 virtual timer (PPI 28) taken at EL2.
#include "gic.h"

    START
    mov     x20, #0
    sub     x0, x0, #0x4000
    msr     sp_el1, x0
    adr     x0, el2_vectors
    msr     vbar_el2, x0
    W32     GICR + 0x14, 0
    W32     GICD + 0x0, 3
    W32     GICR_SGI + 0x80, (1 << 26) | (1 << 27)      // Group 1
    W32     GICR_SGI + 0x418, 0x80808080                 // IPRIORITYR6: INTIDs 24..27 = 0x80
    W32     GICR_SGI + 0x100, (1 << 26) | (1 << 27)     // enable
    CPUIF_ON
    IRQ_FIQ_TO_EL2
    isb

    // (1) EL2 physical timer, taken at EL2.
    mov     x0, #2000
    msr     cnthp_tval_el2, x0
    mov     x0, #1
    msr     cnthp_ctl_el2, x0
    // Wait with IRQs masked around the check, so that an interrupt arriving between the check and
    // WFI is not lost (WFI wakes on a pending interrupt even when PSTATE.I masks it).
1:  ldr     x1, =flag
    ldr     w0, [x1]
    cbnz    w0, 2f
    wfi
    msr     daifclr, #2
    isb
    msr     daifset, #2
    b       1b
2:  SHOW    "EL2 woke, flag"

    // (2) The virtual timer through EL2 into a list register.
    mrs     x0, icc_ctlr_el1
    orr     x0, x0, #2                      // EOImode 1 at EL2
    msr     icc_ctlr_el1, x0
    ldr     x0, =(0xf8 << 24) | 2           // ICH_VMCR_EL2: VPMR 0xf8, VENG1
    msr     ich_vmcr_el2, x0
    mov     x0, #1
    msr     ich_hcr_el2, x0
    ERET_EL1H guest                         // the guest unmasks I around WFI

el2_after_guest:
    R32     GICR_SGI + 0x300
    SHOW    "GICR_ISACTIVER0 after the guest's EOI"
    mrs     x0, ich_lr0_el2
    SHOW    "ICH_LR0_EL2"
    mrs     x0, icc_rpr_el1
    SHOW    "EL2 ICC_RPR_EL1"

    // (3) Maintenance interrupt: UIE with no valid LR asserts PPI 25 as soon as the guest runs.
    msr     ich_lr0_el2, xzr
    W32     GICR_SGI + 0x80, (1 << 25) | (1 << 26) | (1 << 27)
    W32     GICR_SGI + 0x100, 1 << 25
    mov     x0, #(1 | 1 << 1)               // En, UIE
    msr     ich_hcr_el2, x0
    adr     x0, guest2
    msr     elr_el2, x0
    mov     x0, #0x345
    msr     spsr_el2, x0
    adr     x20, el2_after_guest2
    isb
    eret

el2_after_guest2:
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 at the end"
    R32     GICR_SGI + 0x200
    SHOW    "GICR_ISPENDR0 at the end"

    // (4) VHE: the EL2 virtual timer (PPI 28), reached through CNTV_*_EL0 at EL2 with E2H = 1, taken
    // at EL2. Its condition is met at once (CVAL = 0); the handler records the INTID and stops it.
    msr     ich_hcr_el2, xzr
    W32     GICR_SGI + 0x80, (1 << 25) | (1 << 26) | (1 << 27) | (1 << 28)
    W32     GICR_SGI + 0x41c, 0x80          // IPRIORITYR7: INTID 28 = 0x80
    W32     GICR_SGI + 0x100, 1 << 28
    ldr     x0, =(1 << 31) | (1 << 34) | (1 << 27)  // HCR_EL2: RW, E2H, TGE
    msr     hcr_el2, x0
    isb
    msr     cntv_cval_el0, xzr              // CNTHV_CVAL_EL2
    mov     x0, #1
    msr     cntv_ctl_el0, x0                // CNTHV_CTL_EL2
    isb
    mrs     x0, S3_4_C14_C3_1
    SHOW    "CNTHV_CTL_EL2"
    msr     daifclr, #2
    isb
    mov     x2, #1000                       // a bounded wait: QEMU 7.2 never signals this timer
3:  subs    x2, x2, #1
    b.ne    3b
    msr     daifset, #2
    ldr     x1, =vtimer_intid
    ldr     w0, [x1]
    SHOW    "EL2 virtual timer IRQ at EL2 (VHE), ICC_IAR1_EL1"
    msr     cntv_ctl_el0, xzr
    OFF

guest2:
    ldr     x1, =mflag
4:  ldr     w0, [x1]
    cbz     w0, 4b
    SHOW    "guest2 sees mflag"
    hvc     #0

// ---- the EL1 guest ----
guest:
    adr     x0, el1_vectors
    msr     vbar_el1, x0
    mov     x0, #0xff
    msr     icc_pmr_el1, x0                 // ICV_PMR_EL1
    mov     x0, #1
    msr     icc_igrpen1_el1, x0             // ICV_IGRPEN1_EL1
    mov     x0, #3000
    msr     cntv_tval_el0, x0
    mov     x0, #1
    msr     cntv_ctl_el0, x0
    isb
    WAIT_FLAG vflag
    SHOW    "guest woke, vflag"
    hvc     #0

guest_irq:
    mrs     x0, icc_iar1_el1                // ICV_IAR1_EL1
    SHOW    "guest vIRQ, ICV_IAR1_EL1"
    mov     x22, x0
    msr     cntv_ctl_el0, xzr               // the guest stops its timer
    mrs     x0, icc_rpr_el1
    SHOW    "guest ICV_RPR_EL1"
    msr     icc_eoir1_el1, x22
    isb
    ldr     x1, =vflag
    mov     w0, #1
    str     w0, [x1]
    eret

// ---- EL2 handlers ----
el2_irq_current:                            // (1): the EL2 physical timer at EL2; (4) the EL2 virtual timer
    mrs     x0, icc_iar1_el1
    cmp     x0, #28
    b.eq    el2_vtimer
    SHOW    "EL2 IRQ at EL2, ICC_IAR1_EL1"
    mov     x22, x0
    msr     cnthp_ctl_el2, xzr
    msr     icc_eoir1_el1, x22
    isb
    ldr     x1, =flag
    mov     w0, #1
    str     w0, [x1]
    eret

el2_vtimer:                                 // (4): record, stop the timer (its level drops), EOI
    ldr     x1, =vtimer_intid
    str     w0, [x1]
    msr     cntv_ctl_el0, xzr
    isb
    msr     icc_eoir1_el1, x0
    msr     icc_dir_el1, x0                 // EOImode 1 since (2)
    isb
    eret

el2_irq_lower:                              // (2): PPI 27 while the guest runs; (3): PPI 25
    mrs     x0, icc_iar1_el1
    SHOW    "EL2 IRQ from EL1, ICC_IAR1_EL1"
    cmp     x0, #25
    b.eq    el2_maintenance
    // The timer still asserts its level-sensitive output: 27 is active and pending again.
    mov     x22, x0
    R32     GICR_SGI + 0x200
    ubfx    x0, x0, #27, #1
    SHOW    "GICR_ISPENDR0 bit 27 after the acknowledge (level still high)"
    R32     GICR_SGI + 0xc04
    SHOW    "GICR_ICFGR1 (PPIs level-sensitive)"
    mov     x0, x22
    msr     icc_eoir1_el1, x0               // priority drop only (EOImode 1)
    isb
    ldr     x1, =(1 << 62) | (1 << 61) | (1 << 60) | (0x80 << 48) | (27 << 32) | 27
    msr     ich_lr0_el2, x1
    isb
    eret

el2_maintenance:
    mov     x22, x0
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 in the maintenance handler"
    mov     x0, #1                          // UIE off: the maintenance interrupt goes low
    msr     ich_hcr_el2, x0
    isb
    msr     icc_eoir1_el1, x22
    msr     icc_dir_el1, x22
    isb
    ldr     x1, =mflag
    mov     w0, #1
    str     w0, [x1]
    eret

el2_sync_lower:                             // HVC from the guest: continue at x20 (0: after phase 2)
    cbnz    x20, 1f
    b       el2_after_guest
1:  br      x20

    UNEXPECTED_EL2

    VTABLE  el2_vectors, unexpected, irq=el2_irq_current, lower_sync=el2_sync_lower, lower_irq=el2_irq_lower
    VTABLE  el1_vectors, el1_unexpected, irq=guest_irq         // the vIRQ
el1_unexpected:
    mrs     x0, esr_el1
    SHOW    "UNEXPECTED EL1 EXCEPTION, ESR_EL1"
    hvc     #1

    .data
    .balign 8
flag:   .word 0
vflag:  .word 0
mflag:  .word 0
vtimer_intid: .word 0x3ff
