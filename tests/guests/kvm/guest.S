// EL1 guest code that kvmtest.c copies into the VM's memory slot and runs with the MMU off.
// Position independent, no stack, no literal pools: with the stage-1 MMU off every data
// access is Device-nGnRnE (Arm ARM D8.2.x "The effective value of SCTLR_ELx.M is 0"), so the
// only data accesses are the aligned MMIO reports below. Layout constants: kvmtest.h.
#include "kvmtest.h"

// mov64 Xd, imm: build a 64-bit constant with movz/movk (no literal pool)
.macro mov64 rd, imm
	movz	\rd, #((\imm) & 0xffff)
	movk	\rd, #(((\imm) >> 16) & 0xffff), lsl #16
	movk	\rd, #(((\imm) >> 32) & 0xffff), lsl #32
	movk	\rd, #(((\imm) >> 48) & 0xffff), lsl #48
.endm

// report OFFSET, Xsrc: 64-bit MMIO write to the (unmapped) report page -> KVM_EXIT_MMIO
.macro report off, rs
	str	\rs, [x28, #\off]
.endm

	.section .rodata.guest, "a"
	.balign 2048
	.global guest_code_start, guest_code_end
guest_code_start:
	b	entry

// ---- EL1 vector table (VBAR_EL1 needs 2 KiB alignment; the blob is copied to a 2 KiB boundary)
	.balign 2048
vectors:
	.rept	4			// current EL with SP_EL0: unexpected
	b	unexpected
	.balign	128
	.endr
	b	unexpected		// current EL with SP_ELx: synchronous
	.balign	128
	b	irq			// current EL with SP_ELx: IRQ
	.balign	128
	b	unexpected		// FIQ
	.balign	128
	b	unexpected		// SError
	.balign	128
	.rept	8			// lower EL: unexpected
	b	unexpected
	.balign	128
	.endr

unexpected:
	mrs	x0, esr_el1
	report	R_FAIL_ESR, x0
	mrs	x0, elr_el1
	report	R_FAIL_ELR, x0
1:	wfi
	b	1b

// IRQ handler: acknowledge through the GICv3 CPU interface (ICC_IAR1_EL1, Group 1), record
// the INTID and the timer control register, stop the timer, end the interrupt.
irq:
	mrs	x21, icc_iar1_el1
	mrs	x22, cntv_ctl_el0
	msr	cntv_ctl_el0, xzr	// disable: the level-sensitive PPI drops
	isb
	msr	icc_eoir1_el1, x21	// EOImode 0: priority drop + deactivate
	isb
	eret

entry:
	mov	x27, x0			// 1: run the microbenchmarks (kvmtest ... bench)
	mov64	x28, REPORT_BASE
	adr	x0, vectors
	msr	vbar_el1, x0
	isb

	// ---- step 1: MMIO write and read exits to user space
	mov	x0, #1
	report	R_STEP, x0
	mov64	x0, MMIO_WRITE_VALUE
	report	R_WRITE, x0
	ldr	x1, [x28, #R_READ]	// user space supplies MMIO_READ_VALUE
	add	x1, x1, #1
	report	R_ECHO, x1

	// ---- step 2: HVC (SMCCC) handled by KVM itself
	mov	x0, #2
	report	R_STEP, x0
	mov64	x0, SMCCC_UNKNOWN_FN
	hvc	#0
	report	R_HVC_UNKNOWN, x0	// expect SMCCC_RET_NOT_SUPPORTED (-1)
	mov64	x0, G_PSCI_VERSION
	hvc	#0
	report	R_PSCI_VERSION, x0

	// ---- step 3: vGICv3 + virtual timer interrupt (PPI 27)
	mov	x0, #3
	report	R_STEP, x0
	mov	x0, #7			// ICC_SRE_EL1: SRE, DFB, DIB
	msr	icc_sre_el1, x0
	isb
	mov64	x1, GICD_BASE
	mov	w0, #((1 << 4) | (1 << 1) | (1 << 0))	// GICD_CTLR: ARE, EnableGrp1, EnableGrp0
	str	w0, [x1, #0x0]
	mov64	x1, GICR_BASE		// RD_base of vCPU 0
	ldr	w0, [x1, #0x14]		// GICR_WAKER: clear ProcessorSleep
	bic	w0, w0, #(1 << 1)
	str	w0, [x1, #0x14]
2:	ldr	w0, [x1, #0x14]		// wait for ChildrenAsleep == 0
	tbnz	w0, #2, 2b
	add	x1, x1, #0x10000	// SGI_base
	mov	w0, #(1 << 27)
	str	w0, [x1, #0x80]		// GICR_IGROUPR0: INTID 27 in Group 1
	mov	w0, #0x80000000
	str	w0, [x1, #0x418]	// GICR_IPRIORITYR6: INTID 27 (byte 3) priority 0x80
	mov	w0, #(1 << 27)
	str	w0, [x1, #0x100]	// GICR_ISENABLER0: enable INTID 27
	mov	x0, #0xff
	msr	icc_pmr_el1, x0
	msr	icc_bpr1_el1, xzr
	mov	x0, #1
	msr	icc_igrpen1_el1, x0
	isb

	mov	x21, #0			// INTID seen by the handler (0 = none yet)
	mrs	x0, cntfrq_el0
	lsr	x0, x0, #10		// ~1 ms
	mrs	x1, cntvct_el0
	add	x1, x1, x0
	msr	cntv_cval_el0, x1
	mov	x0, #1			// CNTV_CTL_EL0.ENABLE, IMASK = 0
	msr	cntv_ctl_el0, x0
	isb
	// Wait with IRQs masked: WFI still wakes on a pending interrupt (Arm ARM D1.6.2 "Wait for
	// Interrupt"), so an interrupt that became pending before the WFI is not lost; then
	// open the window for exactly one instruction to take it.
3:	wfi
	msr	daifclr, #2
	isb
	msr	daifset, #2
	cbz	x21, 3b
	report	R_TIMER_INTID, x21
	report	R_TIMER_CTL, x22

	// ---- step 5 (kvmtest ... bench): the ATC'17 microbenchmarks (Dall et al., "Optimizing the
	// Design and Implementation of the Linux ARM Hypervisor", Table 2), BENCH_ROUNDS each, each loop
	// its own code (distinct ELR_EL2) and announced by an R_BENCH report, for el2studio profile:
	//   1 hypercall: HVC SMCCC_VERSION, answered by KVM in the kernel
	//   2 I/O kernel: a read of the vGIC distributor (GICD_IIDR), emulated in the kernel
	//   3 I/O user: an MMIO write that exits to this VMM in user space
	//   4 virtual IPI: ICC_SGI1R_EL1 write (SGI 1 to this vCPU), trapped and emulated by the vGIC
	// A virtual EOI (ICC_EOIR1_EL1 with GICv3 list registers) does not exit, so it has no switch.
	cbz	x27, 5f
	mov	x0, #5
	report	R_STEP, x0
	mov	x0, #1
	report	R_BENCH, x0
	mov	x20, #BENCH_ROUNDS
6:	mov64	x0, SMCCC_VERSION_FN
	hvc	#0
	subs	x20, x20, #1
	b.ne	6b
	mov	x0, #2
	report	R_BENCH, x0
	mov64	x1, GICD_BASE
	mov	x20, #BENCH_ROUNDS
7:	ldr	w0, [x1, #0x8]		// GICD_IIDR
	subs	x20, x20, #1
	b.ne	7b
	mov	x0, #3
	report	R_BENCH, x0
	mov	x20, #BENCH_ROUNDS
8:	report	R_BENCH_IO, x20
	subs	x20, x20, #1
	b.ne	8b
	mov	x0, #4
	report	R_BENCH, x0
	mov	x1, #(1 << 24)		// ICC_SGI1R_EL1: INTID 1, TargetList bit 0 (Aff0 = 0)
	orr	x1, x1, #1
	mov	x20, #BENCH_ROUNDS
9:	msr	icc_sgi1r_el1, x1
	isb
	subs	x20, x20, #1
	b.ne	9b
	mov	x0, #9
	report	R_BENCH, x0
5:
	// ---- step 4: PSCI SYSTEM_OFF -> KVM_EXIT_SYSTEM_EVENT (shutdown)
	mov	x0, #4
	report	R_STEP, x0
	mov64	x0, G_PSCI_SYSTEM_OFF
	hvc	#0
	report	R_FAIL_ESR, xzr		// not reached
4:	b	4b
guest_code_end:
