// Traps to EL2 for the --trace-traps test (tests/io.el2studio.sim.tests cli/RunStatusTest): booted at
// EL2, the guest sets HCR_EL2.{TSC, TID3, TWI}, drops to EL1 and executes HVC #1, WFI, an ID register
// read and SMC #0, each taken to EL2 (EC 0x16, 0x01, 0x18, 0x17), whose handler steps over the trapped
// instruction; HVC #0xff ends the run with PSCI SYSTEM_OFF.
#include "../gic/gic.h"
#include "../common/vectors.h"

    START
    adr     x0, vectors2
    msr     vbar_el2, x0
    ldr     x0, =(1 << 31) | (1 << 19) | (1 << 18) | (1 << 13)    // HCR_EL2: RW, TSC, TID3, TWI
    msr     hcr_el2, x0
    sub     x0, sp, #0x4000
    msr     sp_el1, x0
    ERET_EL1H el1

el1:
    hvc     #1
    wfi
    mrs     x0, id_aa64mmfr0_el1
    smc     #0
    hvc     #0xff
    b       .

handler2:
    mrs     x10, esr_el2
    lsr     x11, x10, #26
    cmp     x11, #0x16                      // HVC: ELR_EL2 is the next instruction
    b.ne    1f
    and     x12, x10, #0xffff
    cmp     x12, #0xff
    b.eq    2f
    eret
1:  mrs     x12, elr_el2                    // a trapped instruction: ELR_EL2 is that instruction
    add     x12, x12, #4
    msr     elr_el2, x12
    eret
2:  OFF

    VECTORS 2
