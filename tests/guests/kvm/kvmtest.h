/* Guest physical layout shared by kvmtest.c (user space, VMM) and guest.S (EL1 guest). */
#ifndef KVMTEST_H
#define KVMTEST_H

#define GUEST_RAM_BASE   0x40000000
#define GUEST_RAM_SIZE   0x10000
#define GICD_BASE        0x08000000	/* 64 KiB distributor */
#define GICR_BASE        0x080a0000	/* 128 KiB redistributor (RD_base + SGI_base) per vCPU */
#define REPORT_BASE      0x0a000000	/* not backed by any memslot or device: MMIO exits */

/* offsets in the report page */
#define R_STEP           0x00
#define R_WRITE          0x08
#define R_READ           0x10
#define R_ECHO           0x18
#define R_HVC_UNKNOWN    0x20
#define R_PSCI_VERSION   0x28
#define R_TIMER_INTID    0x30
#define R_TIMER_CTL      0x38
#define R_BENCH          0x40	/* microbenchmark markers: the number of the one that starts, 9 = done */
#define R_BENCH_IO       0x48	/* the "I/O user" microbenchmark's MMIO writes: ignored by user space */
#define R_FAIL_ESR       0xf0
#define R_FAIL_ELR       0xf8

#define MMIO_WRITE_VALUE 0x0123456789abcdef
#define MMIO_READ_VALUE  0x5a5a00000000cafe

/* SMC Calling Convention (Arm DEN 0028) / PSCI (Arm DEN 0022) function IDs */
#define SMCCC_UNKNOWN_FN          0x8300ff42	/* fast SMC32, SiP owner: not implemented by KVM */
#define G_PSCI_VERSION  0x84000000
#define SMCCC_VERSION_FN 0x80000000	/* handled by KVM in the kernel */
#define G_PSCI_SYSTEM_OFF    0x84000008

#define VTIMER_INTID     27	/* EL1 virtual timer PPI (Arm BSA / KVM default) */
#define BENCH_ROUNDS     256	/* repetitions of each microbenchmark */

#endif
