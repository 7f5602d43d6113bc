// Virtual-interrupt guest (tests/irq VirtualInterruptsQemuTest): boots at EL3 on qemu-system-aarch64
// (-M virt,virtualization=on,secure=on -cpu max) and on the virt board (--el 3), drops to EL2 and EL1, and
// lets virq.c make HCR_EL2.{VI,VF,VSE} interrupts pending, printing on the PL011 (common/console.c). Every handler records {EL, vector offset, ESR,
// ELR, SPSR} in `rec`. An asynchronous exception returns to ELR with PSTATE.{A,I,F} masked in the
// restored SPSR (so that the still-pending level interrupt is not taken again at once); a synchronous
// one returns to the caller of the stub that raised it (x30). Services: HVC #0xE1 writes HCR_EL2 = x0,
// HVC #0xE5 calls x0 at EL2, HVC #0xE6 reads HCR_EL2 into x0; SMC #0xE3 writes SCR_EL3 = x0.
#include "../common/semihost-start.h"
#include "../common/el3-boot.h"

    START_EL3

#include "../common/vectors.h"
#include "../common/handlers.h"
    VECTORS 1
    VECTORS 2
    VECTORS 3

// An asynchronous exception (vector offset 0x080, 0x100 or 0x180 in its group): back to ELR with
// A, I and F masked.
    .macro RETURN_ASYNC el
    orr     x12, x12, #0x1c0
    msr     spsr_el\el, x12
    eret
    .endm

// Back to the EL1 code that called run_el0 (an exception taken from EL0 to EL1).
    .macro RETURN_FROM_EL0
    ldr     x14, =saved
    ldp     x30, x15, [x14]
    msr     elr_el1, x30
    mov     x13, #0x3c5
    msr     spsr_el1, x13
    mov     sp, x15
    eret
    .endm

handler1:
    HANDLER_REGS 1
    mov     x16, #1
    RECORD
    tst     x12, #0xf
    b.eq    1f                      // from EL0
    tst     x9, #0x180
    b.eq    2f                      // synchronous
    RETURN_ASYNC 1
2:  RETURN_TO_CALLER 1
1:  RETURN_FROM_EL0

handler2:
    HANDLER_REGS 2
    CALL_IMM16 0x16, 2f             // not an HVC: recorded
    SERVICE_WRITE 0xe1, 1f, hcr_el2
1:  cmp     x13, #0xe6
    b.ne    4f
    mrs     x0, hcr_el2
    eret
4:  SERVICE_CALL_EL2 2f
2:  mov     x16, #2
    RECORD
    tst     x9, #0x180
    b.eq    3f
    RETURN_ASYNC 2
3:  RETURN_TO_CALLER 2

handler3:
    HANDLER_REGS 3
    CALL_IMM16 0x17, 2f             // not an SMC: recorded
    SERVICE_WRITE 0xe3, 2f, scr_el3
2:  mov     x16, #3
    RECORD
    tst     x9, #0x180
    b.eq    3f
    RETURN_ASYNC 3
3:  RETURN_TO_CALLER 3

// ---- run_el0(fn): run fn at EL0t with D, A, I, F clear; the first exception to EL1 returns here ----
    .global run_el0
run_el0:
    SAVE_CALLER
    msr     elr_el1, x0
    msr     spsr_el1, xzr           // EL0t, nothing masked
    ldr     x10, =stack0_top
    msr     sp_el0, x10
    eret

    STUB set_hcr, hvc #0xe1
    STUB get_hcr, hvc #0xe6
    STUB at_el2, hvc #0xe5
    STUB t_wfi, wfi

// Unmask (DAIFClr #imm) for one instruction, then mask everything again. The interrupt, if taken,
// is taken before `nop` (ELR = its address): MSR DAIFClr is a context synchronization point for PSTATE.
    .macro UNMASK name, imm
    .global \name
    .global \name\()_nop
\name:
    msr     daifclr, #\imm
\name\()_nop:
    nop
    msr     daifset, #0xf
    ret
    .endm
    UNMASK t_unmask_i, 2
    UNMASK t_unmask_f, 1
    UNMASK t_unmask_a, 4
    UNMASK t_unmask_aif, 7

// WFI with everything masked: completes if a WFI wake-up event is pending.
    .global t_wfi_masked
t_wfi_masked:
    msr     daifset, #0xf
    wfi
    ret

    .global e0_body
e0_body:
    nop
    svc     #0xef

    HANDLER_DATA
    STACKS
