// ID register guest (tests/sys IdRegistersQemuTest): boots at EL2 on qemu-system-aarch64
// (-M virt,virtualization=on,gic-version=3, -cpu max,pauth=off or -cpu cortex-a57) and on the virt
// board with the same profile, prints every register of the feature ID space on the PL011
// (common/console.c, idregs.c) and ends with PSCI SYSTEM_OFF.
// id_table: one 8-byte entry per encoding op0 = 3, op1 = 0, CRn = 0, CRm = 0..7, op2 = 0..7
// ("mrs x0, <reg>; ret"), then the extra entries listed in idregs.c (op1 = 1 and 3).
// An exception taken to EL2 from EL2 (an UNDEFINED MRS) stores ESR_EL2 in fault_esr and skips the
// instruction. el_call(entry, spsr) runs the entry at EL0 or EL1 (EL1 handles their exceptions the same
// way, into fault_esr, and the final SVC returns to EL2 with HVC #0).
#include "../common/semihost-start.h"
#include "../common/boot.h"
    START
    EL2_SETUP
    isb
    RUN_MAIN psci_system_off        // common/console.c: PSCI SYSTEM_OFF through SMC

// unsigned long el_call(unsigned long entry, unsigned long spsr): runs entry at EL0t (spsr 0x3c0) or
// EL1h (0x3c5), DAIF masked, with x30 = el0_done (whose SVC returns to EL2 through EL1's handler).
    .global el_call
el_call:
    stp     x29, x30, [sp, #-16]!
    ldr     x9, =saved_sp2
    mov     x10, sp
    str     x10, [x9]
    msr     elr_el2, x0
    msr     spsr_el2, x1
    ldr     x10, =stack0_top
    msr     sp_el0, x10
    ldr     x30, =el0_done
    isb
    eret
el0_done:
    svc     #0
    b       .

// ---- the table ----
    .macro ENT crm, op2
    mrs     x0, s3_0_c0_c\crm\()_\op2
    ret
    .endm
    .balign 8
    .global id_table
id_table:
    .irp crm, 0,1,2,3,4,5,6,7
    .irp op2, 0,1,2,3,4,5,6,7
    ENT     \crm, \op2
    .endr
    .endr
    mrs     x0, ccsidr_el1          // 64
    ret
    mrs     x0, clidr_el1           // 65
    ret
    mrs     x0, s3_1_c0_c0_2        // 66 CCSIDR2_EL1
    ret
    mrs     x0, s3_1_c0_c0_4        // 67 GMID_EL1
    ret
    mrs     x0, aidr_el1            // 68
    ret
    mrs     x0, ctr_el0             // 69
    ret
    mrs     x0, dczid_el0           // 70
    ret

// ---- exceptions ----
#include "../common/vectors.h"
    VECTORS 1
    VECTORS 2

handler2:
    cmp     x9, #0x400              // synchronous from EL1 (AArch64): the HVC #0 that ends el0_call
    b.ne    1f
    ldr     x9, =saved_sp2
    ldr     x10, [x9]
    mov     sp, x10
    ldr     x0, =el0_value
    ldr     x0, [x0]
    ldp     x29, x30, [sp], #16
    ret
1:  cmp     x9, #0x200              // synchronous from EL2: record and skip
    b.ne    .
    mrs     x10, esr_el2
    ldr     x11, =fault_esr
    str     x10, [x11]
    mrs     x10, elr_el2
    add     x10, x10, #4
    msr     elr_el2, x10
    eret

handler1:
    cmp     x9, #0x400              // synchronous from EL0
    b.eq    2f
    cmp     x9, #0x200              // synchronous from EL1 (an el_call at EL1h)
    b.ne    .
2:
    mrs     x10, esr_el1
    lsr     x11, x10, #26
    cmp     x11, #0x15              // SVC: el0_done, back to EL2 with the value in x0
    b.ne    1f
    ldr     x11, =el0_value
    str     x0, [x11]
    hvc     #0
1:  ldr     x11, =fault_esr
    str     x10, [x11]
    mrs     x10, elr_el1
    add     x10, x10, #4
    msr     elr_el1, x10
    eret

    .data
    .balign 8
    .global fault_esr
fault_esr: .quad 0
el0_value: .quad 0
saved_sp2: .quad 0
    .bss
    .balign 16
    .space 4096
stack1_top:
    .space 4096
stack0_top:
