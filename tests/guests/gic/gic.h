// Common definitions of the GIC and timer scenario guests (tests/io.el2studio.sim.tests gic/GicGuestTest):
// QEMU virt's GICv3 frames, and SHOW, which prints "label: 0x<x0>" with board/lib.S's report.
#define GICD        0x08000000
#define GICR        0x080A0000
#define GICR_SGI    0x080B0000
#define GICR_STRIDE 0x20000
#define PSCI_CPU_ON64   0xc4000003
#define PSCI_SYSTEM_OFF 0x84000008

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
