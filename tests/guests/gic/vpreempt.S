// Virtual priority masking and preemption with virtual interrupts taken at EL1 as exceptions
// (tests/io.el2studio.sim.tests gic/GicGuestTest), on one PE. EL2 sets HCR_EL2.IMO/FMO, ICH_HCR_EL2.En
// and ICH_VMCR_EL2 (VENG0, VENG1) and runs an EL1 guest whose ICC_* accesses reach ICV_*. The guest asks
// the hypervisor to inject a virtual interrupt with HVC #n, which writes a list register: #1 vINTID 41
// (priority 0x80, LR1), #2 42 (0x90, LR2), #3 Group 0 43 (0x70, LR3), #4 40 (0x88, LR0); HVC #0 ends
// the guest. The guest's handlers save their context and may unmask PSTATE.I/F, so a higher virtual
// group priority preempts them; each prints its INTID and ICV_RPR_EL1 on entry and its INTID on return.
// Scenarios: (1) ICV_PMR_EL1 (ICH_VMCR_EL2.VPMR) masks an equal priority until raised; (2) 0x80 preempts
// the handler of 0x88, 0x90 waits until it ends; (3) ICV_BPR1_EL1 = 4: 0x80 no longer preempts 0x88;
// (4) EOImode 1 (VEOIM): after the EOIR of 40, 0x90 preempts its handler, 40 stays active until
// ICV_DIR_EL1; (5) a Group 0 list register preempts an IRQ handler as a virtual FIQ.
#include "gic.h"
    .equ LR_PENDING, 1 << 62
    .equ LR_GROUP1, 1 << 60

    START
    sub     x0, x0, #0x4000
    msr     sp_el1, x0
    adr     x0, el2_vectors
    msr     vbar_el2, x0
    W32     GICR + 0x14, 0
    IRQ_FIQ_TO_EL2
    VCPUIF_ON
    ERET_EL1H guest

el2_end:                                    // after the guest's HVC #0
    mrs     x0, ich_elrsr_el2
    SHOW    "EL2 ICH_ELRSR_EL2 at the end"
    mrs     x0, ich_ap1r0_el2
    SHOW    "EL2 ICH_AP1R0_EL2 at the end"
    OFF

// HVC #n from the guest: inject (n = 1..4) or end (n = 0); anything else is unexpected.
el2_sync_lower:
    stp     x0, x1, [sp, #-16]!
    mrs     x0, esr_el2
    lsr     x1, x0, #26
    cmp     x1, #0x16
    b.ne    el2_unexpected
    and     x0, x0, #0xffff
    cbz     x0, el2_end
    cmp     x0, #1
    b.ne    1f
    ldr     x1, =LR_PENDING | LR_GROUP1 | (0x80 << 48) | 41
    msr     ich_lr1_el2, x1
1:  cmp     x0, #2
    b.ne    2f
    ldr     x1, =LR_PENDING | LR_GROUP1 | (0x90 << 48) | 42
    msr     ich_lr2_el2, x1
2:  cmp     x0, #3
    b.ne    3f
    ldr     x1, =LR_PENDING | (0x70 << 48) | 43
    msr     ich_lr3_el2, x1
3:  cmp     x0, #4
    b.ne    4f
    ldr     x1, =LR_PENDING | LR_GROUP1 | (0x88 << 48) | 40
    msr     ich_lr0_el2, x1
4:  isb
    ldp     x0, x1, [sp], #16
    eret

el2_unexpected:
    mrs     x0, esr_el2
    SHOW    "UNEXPECTED EXCEPTION AT EL2, ESR_EL2"
    OFF

// ---- the EL1 guest ----
guest:
    adr     x0, el1_vectors
    msr     vbar_el1, x0
    mov     x0, #1
    msr     icc_igrpen1_el1, x0
    msr     icc_igrpen0_el1, x0
    isb

    // (1) Masking: VPMR 0x80 hides 41 (0x80) until raised to 0xf8.
    mov     x0, #0x80
    msr     icc_pmr_el1, x0
    isb
    msr     daifclr, #2
    hvc     #1
    isb
    mrs     x0, icc_hppir1_el1
    SHOW    "(1) ICV_PMR_EL1 0x80, PSTATE.I = 0: ICV_HPPIR1_EL1, not taken"
    mov     x0, #0xf8
    msr     icc_pmr_el1, x0
    isb
    mrs     x0, icc_pmr_el1
    SHOW    "(1) after ICV_PMR_EL1 0xf8"

    // (2) Preemption.
    HOOK    40, nest40
    hvc     #4
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "(2) back in the guest, ICV_RPR_EL1"

    // (3) ICV_BPR1_EL1 = 4.
    mov     x0, #4
    msr     icc_bpr1_el1, x0
    isb
    mrs     x0, icc_bpr1_el1
    SHOW    "(3) ICV_BPR1_EL1"
    HOOK    40, bpr40
    hvc     #4
    isb
    mov     x0, #3
    msr     icc_bpr1_el1, x0
    isb

    // (4) EOImode 1.
    mrs     x0, icc_ctlr_el1
    orr     x0, x0, #2
    msr     icc_ctlr_el1, x0
    isb
    HOOK    40, split40
    hvc     #4
    isb
    mrs     x0, icc_ctlr_el1
    bic     x0, x0, #2
    msr     icc_ctlr_el1, x0
    isb

    // (5) vFIQ preempts the vIRQ handler.
    HOOK    40, fiq40
    hvc     #4
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "(5) ICV_RPR_EL1 at the end"
    msr     daifset, #3
    hvc     #0

// ---- hooks (x0 = vINTID) ----
    EOI_DEFAULT

nest40:
    stp     x29, x30, [sp, #-16]!
    hvc     #2                              // 42 (0x90)
    hvc     #1                              // 41 (0x80)
    msr     daifclr, #2
    isb
    msr     daifset, #2
    mrs     x0, icc_rpr_el1
    SHOW    "  40 resumed, ICV_RPR_EL1"
    EOI40_RET

bpr40:
    stp     x29, x30, [sp, #-16]!
    msr     daifclr, #2
    hvc     #1                              // 41 (0x80): same group priority 0x80
    isb
    msr     daifset, #2
    mrs     x0, icc_hppir1_el1
    SHOW    "  ICV_BPR1_EL1 4: ICV_HPPIR1_EL1 pending, not taken"
    mrs     x0, icc_ap1r0_el1
    SHOW    "  ICV_BPR1_EL1 4: ICV_AP1R0_EL1"
    EOI40_RET

split40:
    stp     x29, x30, [sp, #-16]!
    msr     icc_eoir1_el1, x0               // priority drop only
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "  40 after ICV_EOIR1_EL1, ICV_RPR_EL1"
    msr     daifclr, #2
    hvc     #2                              // 42 (0x90)
    isb
    msr     daifset, #2
    mrs     x0, icc_iar1_el1
    SHOW    "  ICV_IAR1_EL1 while 40 is active"
    mov     x0, #40
    msr     icc_dir_el1, x0
    isb
    ldp     x29, x30, [sp], #16
    ret

fiq40:
    stp     x29, x30, [sp, #-16]!
    msr     daifclr, #1
    hvc     #3                              // Group 0 43 (0x70)
    isb
    msr     daifset, #1
    mrs     x0, icc_rpr_el1
    SHOW    "  40 after the vFIQ, ICV_RPR_EL1"
    EOI40_RET

    NEST_HANDLER virq_handler, icc_iar1_el1, 1, "vIRQ", "  ICV_RPR_EL1"
    NEST_HANDLER vfiq_handler, icc_iar0_el1, 1, "vFIQ", "  ICV_RPR_EL1"

el1_unexpected:
    mrs     x0, esr_el1
    SHOW    "UNEXPECTED EL1 EXCEPTION, ESR_EL1"
    hvc     #0

    VTABLE  el2_vectors, el2_unexpected, lower_sync=el2_sync_lower   // HVC
    VTABLE  el1_vectors, el1_unexpected, irq=virq_handler, fiq=vfiq_handler

    .data
    .balign 8
hooks:  .space 8 * 4
