// Exception handler pieces of the scenario guests that boot at EL3 (sys/exc.S, irq/virq.S; #include
// from a .S file after vectors.h, whose entries put the vector offset in x9 and branch to handler<EL>).
// A handler reads its syndrome into x10 = ESR, x11 = ELR, x12 = SPSR, serves the HVC/SMC service calls
// and records every other exception in `rec` {count, EL, offset, ESR, ELR, SPSR (, PSTATE.PAN)}.
// Each macro expands to exactly the instructions it replaced, so the guests keep their addresses (the
// QEMU deviation lines of ExceptionsQemuTest hold ELR values).

// HANDLER_REGS el: x10 = ESR_ELx, x11 = ELR_ELx, x12 = SPSR_ELx
    .macro HANDLER_REGS el
    mrs     x10, esr_el\el
    mrs     x11, elr_el\el
    mrs     x12, spsr_el\el
    .endm

// CALL_IMM16 ec, other: x13 = the imm16 of an HVC (ec 0x16) or SMC (ec 0x17) taken from AArch64
// (ESR_ELx.ISS[15:0] for an HVC or SMC instruction execution, Arm ARM D17.2); any other exception class branches to \other
    .macro CALL_IMM16 ec, other
    ubfx    x13, x10, #26, #6
    cmp     x13, #\ec
    b.ne    \other
    and     x13, x10, #0xffff
    .endm

// SERVICE_WRITE imm, next, reg: the service call \imm writes \reg = x0 and returns after it (the ISB
// makes the write visible to the caller); other imm16 values branch to \next
    .macro SERVICE_WRITE imm, next, reg
    cmp     x13, #\imm
    b.ne    \next
    msr     \reg, x0
    isb
    eret
    .endm

// SERVICE_CALL_EL2 next: HVC #0xE5 calls x0 at EL2 (SP_EL2) and returns to EL1 with HCR_EL2 = RW only;
// other imm16 values branch to \next
    .macro SERVICE_CALL_EL2 next
    cmp     x13, #0xe5
    b.ne    \next
    ldr     x14, =saved2
    mrs     x15, elr_el2
    mrs     x16, spsr_el2
    stp     x15, x16, [x14]
    str     x30, [x14, #16]
    blr     x0
    ldr     x14, =saved2
    ldp     x15, x16, [x14]
    ldr     x30, [x14, #16]
    msr     elr_el2, x15
    msr     spsr_el2, x16
    mov     x13, #(1 << 31)         // HCR_EL2 back to RW only
    msr     hcr_el2, x13
    isb
    eret
    .endm

// RECORD pan: x9 = offset, x16 = EL, x10 = ESR, x11 = ELR, x12 = SPSR into `rec` (count first); with
// pan = 1 also PSTATE.PAN in the handler (MRS PAN, encoded as S3_0_C4_C2_3 for older assemblers)
    .macro RECORD pan=0
    ldr     x14, =rec
    ldr     x15, [x14]
    add     x15, x15, #1
    stp     x15, x16, [x14]
    stp     x9, x10, [x14, #16]
    stp     x11, x12, [x14, #32]
    .if \pan
    mrs     x15, s3_0_c4_c2_3
    str     x15, [x14, #48]
    .endif
    .endm

// RETURN_TO_CALLER el: back to the caller of the stub that raised the exception: ELR = x30, same EL
// and SP_ELx, PSTATE.IL cleared
    .macro RETURN_TO_CALLER el
    bic     x12, x12, #(1 << 20)
    orr     x12, x12, #1
    msr     spsr_el\el, x12
    msr     elr_el\el, x30
    eret
    .endm

// SAVE_CALLER: saved = {x30, SP}: where the handler of the first exception from EL0 returns to
    .macro SAVE_CALLER
    ldr     x9, =saved
    mov     x10, sp
    stp     x30, x10, [x9]
    .endm

// STUB name, insns: a global leaf function \name running \insns
    .macro STUB name, insns:vararg
    .global \name
\name:
    \insns
    ret
    .endm

// HANDLER_DATA: `rec` and the save areas of run_el0 (saved) and of HVC #0xE5 (saved2), in .data
    .macro HANDLER_DATA
    .data
    .balign 16
    .global rec
rec:    .quad 0, 0, 0, 0, 0, 0, 0, 0
saved:  .quad 0, 0
saved2: .quad 0, 0, 0, 0
    .endm

// STACKS: 8 KiB stacks for EL0 to EL3 (stack<N>_top, as el3-boot.h and run_el0 use them), in .bss
    .macro STACKS
    .bss
    .balign 16
    .space 0x2000
stack0_top:
    .space 0x2000
stack1_top:
    .space 0x2000
stack2_top:
    .space 0x2000
stack3_top:
    .endm
