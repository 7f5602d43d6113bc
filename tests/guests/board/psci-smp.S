// PSCI on the virt board (tests/board PsciSmpTest): boots at EL2 on qemu-system-aarch64
// (-M virt,virtualization=on,gic-version=3 -smp 4: PSCI through SMC) and on el2studio's virt board.
// PE 0 queries the firmware, then starts PEs 1..3 one at a time with CPU_ON (context id = PE number);
// each prints its MPIDR_EL1, CurrentEL and X0, sets its flag in done[] and powers itself off with
// CPU_OFF; PE 0 waits for the flag and then until AFFINITY_INFO reports the PE off before starting
// the next, so the transcript is the same on every run (QEMU runs the PEs on parallel threads).
// Ends with SYSTEM_OFF. MMU off: only aligned accesses, to the PL011 at 0x09000000.
// Built with -DCONDUIT_HVC it calls PSCI with HVC, for QEMU without virtualization=on (boot at EL1).
#ifdef CONDUIT_HVC
#define PSCI_CALL hvc #0
#else
#define PSCI_CALL smc #0
#endif
    .equ PSCI_VERSION, 0x84000000
    .equ CPU_OFF, 0x84000002
    .equ CPU_ON64, 0xc4000003
    .equ AFFINITY_INFO64, 0xc4000004
    .equ MIGRATE_INFO_TYPE, 0x84000006
    .equ SYSTEM_OFF, 0x84000008
    .equ PSCI_FEATURES, 0x8400000a

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =stack_top
    mov     sp, x0
    adr     x0, s_hello
    bl      puts
    mrs     x0, mpidr_el1
    bl      print_pe

    ldr     x0, =PSCI_VERSION
    PSCI_CALL
    adr     x1, s_version
    bl      report
    ldr     x0, =PSCI_FEATURES
    ldr     x1, =CPU_ON64
    PSCI_CALL
    adr     x1, s_feat_on
    bl      report
    ldr     x0, =PSCI_FEATURES
    mov     x1, #0x80000000         // SMCCC_VERSION: not supported (-1)
    PSCI_CALL
    adr     x1, s_feat_smccc
    bl      report
    ldr     x0, =MIGRATE_INFO_TYPE
    PSCI_CALL
    adr     x1, s_migrate
    bl      report
    ldr     x0, =CPU_ON64           // PE 0 is on: ALREADY_ON (-4)
    mov     x1, #0
    adr     x2, secondary
    mov     x3, #0
    PSCI_CALL
    adr     x1, s_on_self
    bl      report
    ldr     x0, =CPU_ON64           // no PE with Aff1 = 1: INVALID_PARAMETERS (-2)
    mov     x1, #0x100
    adr     x2, secondary
    mov     x3, #0
    PSCI_CALL
    adr     x1, s_on_bad
    bl      report

    mov     x19, #1
1:  ldr     x0, =AFFINITY_INFO64    // off before CPU_ON: 1
    mov     x1, x19
    mov     x2, #0
    PSCI_CALL
    adr     x1, s_aff_before
    bl      report
    ldr     x0, =CPU_ON64
    mov     x1, x19
    adr     x2, secondary
    mov     x3, x19                 // context id
    PSCI_CALL
    mov     x21, x0                 // printed once the secondary is done: no interleaving
    ldr     x1, =done               // wait for the secondary's flag (its output is complete)
2:  dmb     sy
    ldr     x0, [x1, x19, lsl #3]
    cbz     x0, 2b
3:  ldr     x0, =AFFINITY_INFO64    // then until it has turned itself off
    mov     x1, x19
    mov     x2, #0
    PSCI_CALL
    cmp     x0, #1
    b.ne    3b
    mov     x0, x21
    adr     x1, s_on
    bl      report
    adr     x0, s_off
    bl      puts
    add     x19, x19, #1
    cmp     x19, #4
    b.lo    1b

    adr     x0, s_bye
    bl      puts
    ldr     x0, =SYSTEM_OFF
    PSCI_CALL
    b       .

// Secondary entry: X0 = context id, at EL2, MMU off.
secondary:
    mov     x20, x0
    ldr     x1, =stack_top
    sub     x1, x1, x0, lsl #12     // 4 KiB of stack per PE
    mov     sp, x1
    mrs     x0, mpidr_el1
    bl      print_pe
    adr     x0, s_ctx
    bl      puts
    mov     x0, x20
    bl      puthex
    bl      newline
    ldr     x1, =done
    mov     x0, #1
    dsb     sy
    str     x0, [x1, x20, lsl #3]
    dsb     sy
    ldr     x0, =CPU_OFF
    PSCI_CALL
    b       .                       // CPU_OFF does not return

// print_pe(x0 = MPIDR): "PE mpidr=0x... el=N\n"
print_pe:
    stp     x29, x30, [sp, #-32]!
    str     x0, [sp, #16]
    adr     x0, s_pe
    bl      puts
    ldr     x0, [sp, #16]
    bl      puthex
    adr     x0, s_el
    bl      puts
    mrs     x0, CurrentEL
    lsr     x0, x0, #2
    bl      puthex
    bl      newline
    ldp     x29, x30, [sp], #32
    ret

    .balign 4
s_hello:      .asciz "psci-smp guest\n"
s_pe:         .asciz "PE mpidr="
s_el:         .asciz " el="
s_ctx:        .asciz "  context id="
s_version:    .asciz "PSCI_VERSION: "
s_feat_on:    .asciz "PSCI_FEATURES(CPU_ON): "
s_feat_smccc: .asciz "PSCI_FEATURES(SMCCC_VERSION): "
s_migrate:    .asciz "MIGRATE_INFO_TYPE: "
s_on_self:    .asciz "CPU_ON(0): "
s_on_bad:     .asciz "CPU_ON(0x100): "
s_aff_before: .asciz "AFFINITY_INFO before CPU_ON: "
s_on:         .asciz "CPU_ON: "
s_off:        .asciz "secondary is off\n"
s_bye:        .asciz "SYSTEM_OFF\n"

    .balign 16
    .bss
done:
    .space 64
    .space 0x8000
stack_top:
