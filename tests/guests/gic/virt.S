// The virtual CPU interface (tests/io.el2studio.sim.tests gic/GicGuestTest): at EL2 the guest programs
// ICH_HCR_EL2, ICH_VMCR_EL2 and list registers, then runs short EL1 phases with HCR_EL2.IMO/FMO = 1, so
// that EL1's ICC_* accesses reach the ICV_* registers; each phase ends with HVC back to EL2, which prints
// the list registers and the maintenance status. Interrupts stay masked at EL1 (PSTATE.I = 1) and no
// physical interrupt is signalled while EL1 runs. Scenarios: a list-register interrupt acknowledged and
// EOI'd through ICV_*, EOImode 1 (ICV_DIR), an HW-linked LR deactivating physical SPI 48, EOIcount,
// and each maintenance condition (ICH_MISR_EL2, with the maintenance PPI 25 seen in GICR_ISPENDR0),
// the group enable and disable ones also caused by the guest's own ICV_IGRPEN1_EL1 writes; and the
// ICH_HCR_EL2 trap controls TC, TALL0, TALL1, TDIR.
#include "gic.h"
    .equ LR_PENDING, 1 << 62
    .equ LR_ACTIVE, 1 << 63
    .equ LR_HW, 1 << 61
    .equ LR_GROUP1, 1 << 60
    .equ LR_EOI, 1 << 41

// RUN_EL1 label: run the EL1 phase at \label; continue after the macro when it executes HVC
.macro RUN_EL1 label
    adr     x0, \label
    msr     elr_el2, x0
    mov     x0, #0x3c5                      // EL1h, DAIF masked
    msr     spsr_el2, x0
    adr     x20, 98f
    eret
98:
.endm

// TRAP bits, label, "text": run the EL1 phase \label with ICH_HCR_EL2 = En | \bits, print ESR_EL2
.macro TRAP bits, label, text
    ldr     x0, =1 | (\bits)
    msr     ich_hcr_el2, x0
    isb
    RUN_EL1 \label
    mrs     x0, esr_el2
    SHOW    "ESR_EL2 \text"
.endm

.macro LR n, flags, prio, vintid, pintid=0
    ldr     x0, =\flags | (\prio << 48) | (\pintid << 32) | \vintid
    msr     ich_lr\n\()_el2, x0
.endm

    START
    sub     x0, x0, #0x4000
    msr     sp_el1, x0
    adr     x0, vectors
    msr     vbar_el2, x0
    W32     GICR + 0x14, 0
    W32     GICD + 0x0, 3
    CPUIF_ON
    IRQ_FIQ_TO_EL2
    VCPUIF_ON
    isb
    mrs     x0, ich_vtr_el2
    SHOW    "ICH_VTR_EL2"
    mrs     x0, ich_vmcr_el2
    SHOW    "ICH_VMCR_EL2"
    mrs     x0, ich_elrsr_el2
    SHOW    "ICH_ELRSR_EL2 empty"

    // 1. A Group 1 interrupt in LR0, acknowledged and EOI'd at EL1 through ICV_*.
    LR      0, LR_PENDING | LR_GROUP1, 0x80, 44
    isb
    RUN_EL1 el1_ack_eoi
    mrs     x0, ich_lr0_el2
    SHOW    "LR0 after EOI"
    mrs     x0, ich_elrsr_el2
    SHOW    "ICH_ELRSR_EL2"
    mrs     x0, ich_ap1r0_el2
    SHOW    "ICH_AP1R0_EL2"

    // 2. EOImode 1: ICV_EOIR1 drops the priority, ICV_DIR deactivates.
    LR      1, LR_PENDING | LR_GROUP1, 0x40, 45
    isb
    RUN_EL1 el1_eoimode1
    mrs     x0, ich_lr1_el2
    SHOW    "LR1 after EOIR (EOImode 1)"
    mrs     x0, ich_vmcr_el2
    SHOW    "ICH_VMCR_EL2 VEOIM"
    RUN_EL1 el1_dir45
    mrs     x0, ich_lr1_el2
    SHOW    "LR1 after DIR"
    ldr     x0, =(0xf8 << 24) | 3
    msr     ich_vmcr_el2, x0

    // 3. HW = 1: the guest's EOI deactivates physical SPI 48, which EL2 acknowledged with EOImode 1.
    W32     GICD + 0x84, 1 << 16            // IGROUPR1: 48 Group 1
    W32     GICD + 0x430, 0xa0              // IPRIORITYR12: 48 = 0xa0
    ldr     x9, =GICD + 0x6000 + 8 * 48
    str     xzr, [x9]
    W32     GICD + 0x104, 1 << 16           // ISENABLER1
    mrs     x0, icc_ctlr_el1
    orr     x0, x0, #2
    msr     icc_ctlr_el1, x0
    W32     GICD + 0x204, 1 << 16           // ISPENDR1: pend 48
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "EL2 IAR1"
    msr     icc_eoir1_el1, x0
    isb
    R32     GICD + 0x304
    SHOW    "ISACTIVER1 after EL2 EOIR"
    LR      2, LR_PENDING | LR_GROUP1 | LR_HW, 0xa0, 48, 48
    isb
    RUN_EL1 el1_ack_eoi_48
    R32     GICD + 0x304
    SHOW    "ISACTIVER1 after the guest's EOI"
    mrs     x0, ich_lr2_el2
    SHOW    "LR2"
    mrs     x0, ich_eisr_el2
    SHOW    "ICH_EISR_EL2 (HW)"

    // 3b. HW = 1 with the guest in EOImode 1 (VEOIM): its EOIR only drops the virtual priority, the
    // physical SPI 48 stays active until the guest's DIR.
    msr     ich_lr2_el2, xzr
    W32     GICD + 0x204, 1 << 16           // pend 48 again
    isb
    mrs     x0, icc_iar1_el1
    msr     icc_eoir1_el1, x0               // EL2: priority drop (EOImode 1)
    isb
    ldr     x0, =(0xf8 << 24) | (1 << 9) | 3        // VEOIM
    msr     ich_vmcr_el2, x0
    LR      2, LR_PENDING | LR_GROUP1 | LR_HW, 0xa0, 48, 48
    isb
    RUN_EL1 el1_ack_eoi_48
    R32     GICD + 0x304
    SHOW    "ISACTIVER1 after the guest's EOIR (VEOIM)"
    mrs     x0, ich_lr2_el2
    SHOW    "LR2 after the guest's EOIR (VEOIM)"
    RUN_EL1 el1_dir48
    R32     GICD + 0x304
    SHOW    "ISACTIVER1 after the guest's DIR"
    mrs     x0, ich_lr2_el2
    SHOW    "LR2 after the guest's DIR"
    ldr     x0, =(0xf8 << 24) | 3
    msr     ich_vmcr_el2, x0
    msr     ich_lr2_el2, xzr
    isb

    // 4. EOI maintenance: an LR with EOI = 1 and HW = 0.
    LR      3, LR_PENDING | LR_GROUP1 | LR_EOI, 0x50, 47
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 before"
    RUN_EL1 el1_ack_eoi_47
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 EOI"
    mrs     x0, ich_eisr_el2
    SHOW    "ICH_EISR_EL2"
    mrs     x0, ich_elrsr_el2
    SHOW    "ICH_ELRSR_EL2 EOI pending"
    R32     GICR_SGI + 0x200
    SHOW    "GICR_ISPENDR0 maintenance"
    msr     ich_lr3_el2, xzr
    isb
    R32     GICR_SGI + 0x200
    SHOW    "GICR_ISPENDR0 after clearing LR3"

    // 5. EOIcount and LRENP: the guest EOIs an interrupt the hypervisor evicted from the LRs.
    LR      0, LR_PENDING | LR_GROUP1, 0x60, 49
    isb
    RUN_EL1 el1_ack49
    msr     ich_lr0_el2, xzr
    isb
    RUN_EL1 el1_eoi49
    mrs     x0, ich_hcr_el2
    SHOW    "ICH_HCR_EL2 EOIcount"
    mov     x0, #(1 | 1 << 2)
    orr     x0, x0, #(1 << 27)
    msr     ich_hcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 LRENP"

    // EOImode 1: an EOIR of an evicted interrupt only drops the priority; its DIR counts.
    mov     x0, #1
    msr     ich_hcr_el2, x0
    ldr     x0, =(0xf8 << 24) | (1 << 9) | 3        // VEOIM
    msr     ich_vmcr_el2, x0
    LR      0, LR_PENDING | LR_GROUP1, 0x60, 52
    isb
    RUN_EL1 el1_ack52
    msr     ich_lr0_el2, xzr
    isb
    RUN_EL1 el1_eoi52
    mrs     x0, ich_hcr_el2
    SHOW    "ICH_HCR_EL2 after EOIR (EOImode 1)"
    RUN_EL1 el1_dir52
    mrs     x0, ich_hcr_el2
    SHOW    "ICH_HCR_EL2 after DIR (EOImode 1)"
    ldr     x0, =(0xf8 << 24) | 3
    msr     ich_vmcr_el2, x0

    // 6. Underflow (U) and no pending (NP).
    mov     x0, #(1 | 1 << 1)
    msr     ich_hcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 U, no valid LR"
    LR      0, LR_PENDING | LR_GROUP1, 0x60, 50
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 U, one valid LR"
    LR      1, LR_ACTIVE | LR_GROUP1, 0x60, 51
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 U, two valid LRs"
    mov     x0, #(1 | 1 << 3)
    msr     ich_hcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 NP, one pending"
    msr     ich_lr0_el2, xzr
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 NP, none pending"
    msr     ich_lr1_el2, xzr

    // 7. Group enable and disable conditions.
    mov     x0, #(1 | 0xf0)
    msr     ich_hcr_el2, x0
    ldr     x0, =(0xf8 << 24) | 3
    msr     ich_vmcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 VENG0 VENG1"
    ldr     x0, =(0xf8 << 24) | 2
    msr     ich_vmcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 VENG1 only"
    ldr     x0, =(0xf8 << 24) | 1
    msr     ich_vmcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 VENG0 only"
    ldr     x0, =(0xf8 << 24)
    msr     ich_vmcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 none enabled"
    R32     GICR_SGI + 0x200
    SHOW    "GICR_ISPENDR0 maintenance asserted"
    mov     x0, #0xf0
    msr     ich_hcr_el2, x0
    isb
    R32     GICR_SGI + 0x200
    SHOW    "GICR_ISPENDR0 with En = 0"

    // 8. The guest itself disables and enables its Group 1 (ICV_IGRPEN1_EL1 is ICH_VMCR_EL2.VENG1).
    ldr     x0, =(0xf8 << 24) | 3
    msr     ich_vmcr_el2, x0
    mov     x0, #(1 | 1 << 7)               // En, VGrp1DIE
    msr     ich_hcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 VGrp1DIE, VENG1 = 1"
    RUN_EL1 el1_grpen1_off
    mrs     x0, ich_vmcr_el2
    SHOW    "ICH_VMCR_EL2 after the guest's IGRPEN1 = 0"
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 VGrp1D"
    R32     GICR_SGI + 0x200
    SHOW    "GICR_ISPENDR0 VGrp1D"
    mov     x0, #(1 | 1 << 6)               // En, VGrp1EIE
    msr     ich_hcr_el2, x0
    isb
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 VGrp1EIE, VENG1 = 0"
    RUN_EL1 el1_grpen1_on
    mrs     x0, ich_misr_el2
    SHOW    "ICH_MISR_EL2 VGrp1E"

    // 9. ICH_HCR_EL2 trap controls: a trapped EL1 access comes back to EL2 as EC 0x18 (ESR_EL2 shows the
    // register); an access that is not trapped reaches the HVC (EC 0x16) after it.
    TRAP    1 << 10, el1_read_pmr, "TC: ICV_PMR_EL1 read"
    TRAP    1 << 10, el1_read_iar1, "TC: ICV_IAR1_EL1 read"
    TRAP    1 << 10, el1_write_ctlr, "TC: ICV_CTLR_EL1 write"
    TRAP    1 << 11, el1_read_iar0, "TALL0: ICV_IAR0_EL1 read"
    TRAP    1 << 11, el1_read_iar1, "TALL0: ICV_IAR1_EL1 read"
    TRAP    1 << 12, el1_read_iar1, "TALL1: ICV_IAR1_EL1 read"
    TRAP    1 << 12, el1_write_grpen1, "TALL1: ICV_IGRPEN1_EL1 write"
    TRAP    1 << 12, el1_read_pmr, "TALL1: ICV_PMR_EL1 read"
    TRAP    1 << 14, el1_write_dir, "TDIR: ICV_DIR_EL1 write"
    TRAP    0, el1_write_dir, "no trap bit: ICV_DIR_EL1 write"
    TRAP    0, el1_write_sgi1r, "IMO = 1: ICC_SGI1R_EL1 write"
    msr     ich_hcr_el2, xzr
    OFF

// ---- EL1 phases (ICC_* names reach ICV_* because HCR_EL2.IMO/FMO = 1) ----
el1_ack_eoi:
    mrs     x0, icc_ctlr_el1
    SHOW    "EL1 ICV_CTLR_EL1"
    mrs     x0, icc_hppir1_el1
    SHOW    "EL1 ICV_HPPIR1_EL1"
    mrs     x0, icc_iar1_el1
    SHOW    "EL1 ICV_IAR1_EL1"
    mov     x22, x0
    mrs     x0, icc_rpr_el1
    SHOW    "EL1 ICV_RPR_EL1"
    msr     icc_eoir1_el1, x22
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "EL1 ICV_RPR_EL1 after EOI"
    mrs     x0, icc_iar1_el1
    SHOW    "EL1 ICV_IAR1_EL1 again"
    hvc     #0

el1_eoimode1:
    mov     x0, #2
    msr     icc_ctlr_el1, x0
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "EL1 ICV_IAR1_EL1 (EOImode 1)"
    msr     icc_eoir1_el1, x0
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "EL1 ICV_RPR_EL1 after EOIR"
    hvc     #0

el1_dir45:
    mov     x0, #45
    msr     icc_dir_el1, x0
    isb
    hvc     #0

el1_ack_eoi_48:
    mrs     x0, icc_iar1_el1
    SHOW    "EL1 ICV_IAR1_EL1 (HW)"
    msr     icc_eoir1_el1, x0
    isb
    hvc     #0

el1_dir48:
    mov     x0, #48
    msr     icc_dir_el1, x0
    isb
    hvc     #0

el1_ack_eoi_47:
    mrs     x0, icc_iar1_el1
    SHOW    "EL1 ICV_IAR1_EL1 (EOI maintenance)"
    msr     icc_eoir1_el1, x0
    isb
    hvc     #0

el1_ack49:
    mrs     x0, icc_iar1_el1
    SHOW    "EL1 ICV_IAR1_EL1 (49)"
    hvc     #0

el1_eoi49:
    mov     x0, #49
    msr     icc_eoir1_el1, x0
    isb
    mrs     x0, icc_rpr_el1
    SHOW    "EL1 ICV_RPR_EL1 after EOI of an evicted interrupt"
    hvc     #0

el1_ack52:
    mrs     x0, icc_iar1_el1
    SHOW    "EL1 ICV_IAR1_EL1 (52)"
    hvc     #0

el1_eoi52:
    mov     x0, #52
    msr     icc_eoir1_el1, x0
    isb
    hvc     #0

el1_dir52:
    mov     x0, #52
    msr     icc_dir_el1, x0
    isb
    hvc     #0

el1_grpen1_off:
    msr     icc_igrpen1_el1, xzr
    isb
    hvc     #0

el1_grpen1_on:
    mov     x0, #1
    msr     icc_igrpen1_el1, x0
    isb
    mrs     x0, icc_igrpen1_el1
    SHOW    "EL1 ICV_IGRPEN1_EL1"
    hvc     #0

el1_read_pmr:
    mrs     x0, icc_pmr_el1
    hvc     #0

el1_read_iar1:
    mrs     x0, icc_iar1_el1
    hvc     #0

el1_read_iar0:
    mrs     x0, icc_iar0_el1
    hvc     #0

el1_write_ctlr:
    msr     icc_ctlr_el1, xzr
    hvc     #0

el1_write_grpen1:
    mov     x0, #1
    msr     icc_igrpen1_el1, x0
    hvc     #0

el1_write_dir:
    mov     x0, #1023
    msr     icc_dir_el1, x0
    hvc     #0

el1_write_sgi1r:
    msr     icc_sgi1r_el1, xzr
    hvc     #0

// ---- EL2 vectors: HVC from EL1 continues at x20; anything else is reported and ends the run ----
    .balign 2048
vectors:
    .rept 8
    .balign 128
    b       unexpected
    .endr
    .balign 128
    br      x20                             // synchronous from a lower EL (HVC)
    .rept 7
    .balign 128
    b       unexpected
    .endr
    UNEXPECTED_EL2
