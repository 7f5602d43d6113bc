// The highest priority pending interrupt (HPPI) when the group of the most urgent pending interrupt
// is disabled at the CPU interface, on one PE at EL2 by polling (interrupts stay masked): a Group 0
// SGI 0 at priority 0 pending with ICC_IGRPEN0_EL1 = 0, and the Group 1 SPI 40 at priority 0x80.
// GIC architecture (IHI0069, 4.1.1 "Physical CPU interface" and the GIC Stream Protocol's Upstream
// Control and Release): the CPU interface only takes interrupts of the groups it has enabled, so the
// SGI does not hide the SPI and ICC_IAR1_EL1 acknowledges 40. QEMU 7.2 keeps the SGI as the HPPI and
// returns 1023 (GicGuestTest.KNOWN). Then ICC_IGRPEN0_EL1 = 1: the SGI is the HPPI for both views.
#include "gic.h"
    START
    W32     GICR + 0x14, 0                  // GICR_WAKER: wake
    W32     GICD + 0x0, 3                   // GICD_CTLR: EnableGrp0, EnableGrp1 (ARE, DS RAO)
    SPIS_40_43 0x10907080                   // 40 = 0x80, 41 = 0x70, 42 = 0x90, 43 = 0x10
    CPUIF_ON
    msr     icc_igrpen0_el1, xzr            // Group 0 disabled at the CPU interface
    W32     GICR_SGI + 0x80, 0xfffffffe     // GICR_IGROUPR0: SGI 0 Group 0, the rest Group 1
    W32     GICR_SGI + 0x400, 0x80808000    // GICR_IPRIORITYR0: SGI 0 = 0x00, SGIs 1..3 = 0x80
    W32     GICR_SGI + 0x100, 1             // GICR_ISENABLER0: SGI 0
    W32     GICR_SGI + 0x200, 1             // GICR_ISPENDR0: pend SGI 0
    W32     GICD + 0x204, 1 << 8            // pend SPI 40 (Group 1, 0x80)
    isb
    mrs     x0, icc_igrpen0_el1
    SHOW    "ICC_IGRPEN0_EL1"
    R32     GICR_SGI + 0x200
    SHOW    "GICR_ISPENDR0"
    mrs     x0, icc_hppir0_el1
    SHOW    "HPPIR0, Group 0 disabled"
    mrs     x0, icc_hppir1_el1
    SHOW    "HPPIR1, Group 0 disabled"
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1, Group 0 disabled"
    cmp     x0, #1020
    b.hs    1f
    msr     icc_eoir1_el1, x0               // end whatever was acknowledged
1:  isb
    R32     GICD + 0x204
    SHOW    "GICD_ISPENDR1 after IAR1"
    R32     GICD + 0x304
    SHOW    "GICD_ISACTIVER1 after EOI"

    // Group 0 enabled: SGI 0 is the HPPI; IAR1 returns 1023, IAR0 acknowledges it.
    mov     x0, #1
    msr     icc_igrpen0_el1, x0
    W32     GICD + 0x204, 1 << 8            // pend SPI 40 again (if it was acknowledged)
    isb
    mrs     x0, icc_hppir0_el1
    SHOW    "HPPIR0, Group 0 enabled"
    mrs     x0, icc_hppir1_el1
    SHOW    "HPPIR1, Group 0 enabled"
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1, Group 0 enabled"
    mrs     x0, icc_iar0_el1
    SHOW    "IAR0, Group 0 enabled"
    msr     icc_eoir0_el1, x0
    isb
    mrs     x0, icc_iar1_el1
    SHOW    "IAR1 after EOI of SGI 0"
    msr     icc_eoir1_el1, x0
    isb
    R32     GICR_SGI + 0x300
    SHOW    "GICR_ISACTIVER0 end"
    R32     GICD + 0x304
    SHOW    "GICD_ISACTIVER1 end"
    OFF
