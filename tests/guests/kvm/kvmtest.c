/*
 * kvmtest: a tiny KVM/arm64 VMM of our own, run inside the Linux guest of the simulator (or of
 * QEMU, the oracle) to prove that the host's EL2 support is good enough for real KVM:
 *   1. MMIO write and read of an unmapped IPA exit to user space (KVM_EXIT_MMIO),
 *   2. HVC is handled by KVM's SMCCC/PSCI code (unknown function -> -1, PSCI_VERSION),
 *   3. the vGICv3 delivers the EL1 virtual timer interrupt (INTID 27) to the guest, which
 *      acknowledges it with ICC_IAR1_EL1,
 *   4. PSCI SYSTEM_OFF ends the VM with KVM_EXIT_SYSTEM_EVENT.
 * With "bench" as the second argument the guest first runs the ATC'17-style microbenchmarks
 * (guest.S, step 5) for el2studio profile: hypercall, I/O kernel, I/O user, virtual IPI.
 * Prints one line per step and finally "KVMTEST: PASS" or "KVMTEST: FAIL: reason".
 * Build: aarch64-linux-gnu-gcc -static -O2 -o kvmtest kvmtest.c guest.S (tests/guests/kvm/Makefile)
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvmtest.h"

extern const unsigned char guest_code_start[], guest_code_end[];

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;
	printf("KVMTEST: FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

static int xioctl(int fd, unsigned long req, void *arg, const char *what)
{
	int r = ioctl(fd, req, arg);
	if (r < 0)
		fail("%s: %s", what, strerror(errno));
	return r;
}

static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "KVMTEST: FAIL: timeout (guest did not finish)\n";
	write(1, msg, sizeof msg - 1);
	_exit(1);
}

static void set_vgic_attr(int dev, uint32_t group, uint64_t attr, void *addr, const char *what)
{
	struct kvm_device_attr a = { .group = group, .attr = attr, .addr = (uint64_t)(uintptr_t)addr };
	xioctl(dev, KVM_SET_DEVICE_ATTR, &a, what);
}

static uint64_t core_reg_id(size_t offset)
{
	return KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | (offset / sizeof(uint32_t));
}

int main(int argc, char **argv)
{
	int timeout = argc > 1 ? atoi(argv[1]) : 120;
	int bench = argc > 2 && strcmp(argv[2], "bench") == 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, on_alarm);
	alarm(timeout);

	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		fail("open /dev/kvm: %s", strerror(errno));
	int api = ioctl(kvm, KVM_GET_API_VERSION, 0);
	if (api != KVM_API_VERSION)
		fail("KVM_GET_API_VERSION = %d, expected %d", api, KVM_API_VERSION);
	printf("kvmtest: /dev/kvm API version %d\n", api);

	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		fail("KVM_CREATE_VM: %s", strerror(errno));

	/* guest RAM with the EL1 code */
	size_t len = (size_t)(guest_code_end - guest_code_start);
	if (len > GUEST_RAM_SIZE)
		fail("guest code too large");
	void *ram = mmap(NULL, GUEST_RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		fail("mmap guest RAM: %s", strerror(errno));
	memcpy(ram, guest_code_start, len);
	struct kvm_userspace_memory_region region = {
		.slot = 0, .guest_phys_addr = GUEST_RAM_BASE, .memory_size = GUEST_RAM_SIZE,
		.userspace_addr = (uint64_t)(uintptr_t)ram,
	};
	xioctl(vm, KVM_SET_USER_MEMORY_REGION, &region, "KVM_SET_USER_MEMORY_REGION");

	/* vGICv3: distributor and redistributor frames; initialised after the vCPU exists */
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	xioctl(vm, KVM_CREATE_DEVICE, &cd, "KVM_CREATE_DEVICE(VGIC_V3)");
	int gic = cd.fd;
	uint64_t dist = GICD_BASE, redist = GICR_BASE;
	set_vgic_attr(gic, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_DIST, &dist, "vgic dist address");
	set_vgic_attr(gic, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_REDIST, &redist, "vgic redist address");
	printf("kvmtest: created VM with vGICv3 (GICD 0x%x, GICR 0x%x)\n", GICD_BASE, GICR_BASE);

	int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		fail("KVM_CREATE_VCPU: %s", strerror(errno));
	struct kvm_vcpu_init init;
	memset(&init, 0, sizeof init);
	xioctl(vm, KVM_ARM_PREFERRED_TARGET, &init, "KVM_ARM_PREFERRED_TARGET");
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	xioctl(vcpu, KVM_ARM_VCPU_INIT, &init, "KVM_ARM_VCPU_INIT");
	printf("kvmtest: vCPU 0 initialised (target %u)\n", init.target);
	set_vgic_attr(gic, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT, NULL, "KVM_DEV_ARM_VGIC_CTRL_INIT");

	uint64_t pc = GUEST_RAM_BASE;
	struct kvm_one_reg reg = { .id = core_reg_id(offsetof(struct kvm_regs, regs.pc)),
				   .addr = (uint64_t)(uintptr_t)&pc };
	xioctl(vcpu, KVM_SET_ONE_REG, &reg, "KVM_SET_ONE_REG(pc)");
	uint64_t x0 = (uint64_t)bench;
	struct kvm_one_reg reg0 = { .id = core_reg_id(offsetof(struct kvm_regs, regs.regs[0])),
				    .addr = (uint64_t)(uintptr_t)&x0 };
	xioctl(vcpu, KVM_SET_ONE_REG, &reg0, "KVM_SET_ONE_REG(x0)");

	int mmap_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (mmap_size <= 0)
		fail("KVM_GET_VCPU_MMAP_SIZE: %s", strerror(errno));
	struct kvm_run *run = mmap(NULL, (size_t)mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		fail("mmap kvm_run: %s", strerror(errno));

	int seen_write = 0, seen_echo = 0, seen_hvc = 0, seen_psci = 0, seen_intid = 0;
	uint64_t fail_esr = 0;
	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			fail("KVM_RUN: %s", strerror(errno));
		}
		if (run->exit_reason == KVM_EXIT_SYSTEM_EVENT) {
			if (run->system_event.type != KVM_SYSTEM_EVENT_SHUTDOWN)
				fail("system event type %u, expected SHUTDOWN", run->system_event.type);
			printf("kvmtest: step 4 ok: PSCI SYSTEM_OFF -> KVM_EXIT_SYSTEM_EVENT (shutdown)\n");
			break;
		}
		if (run->exit_reason != KVM_EXIT_MMIO)
			fail("unexpected exit reason %u", run->exit_reason);

		uint64_t addr = run->mmio.phys_addr, data = 0;
		if (addr < REPORT_BASE || addr >= REPORT_BASE + 0x100)
			fail("MMIO at unexpected address 0x%llx", (unsigned long long)addr);
		unsigned off = (unsigned)(addr - REPORT_BASE);
		if (run->mmio.len != 8)
			fail("MMIO at +0x%x has length %u, expected 8", off, run->mmio.len);
		if (!run->mmio.is_write) {
			if (off != R_READ)
				fail("MMIO read at unexpected offset 0x%x", off);
			data = MMIO_READ_VALUE;
			memcpy(run->mmio.data, &data, 8);
			continue;
		}
		memcpy(&data, run->mmio.data, 8);
		switch (off) {
		case R_STEP:
			printf("kvmtest: guest at step %llu\n", (unsigned long long)data);
			break;
		case R_WRITE:
			if (data != MMIO_WRITE_VALUE)
				fail("MMIO write data 0x%llx, expected 0x%llx", (unsigned long long)data,
				     (unsigned long long)MMIO_WRITE_VALUE);
			seen_write = 1;
			break;
		case R_ECHO:
			if (data != MMIO_READ_VALUE + 1)
				fail("MMIO read then write back gave 0x%llx", (unsigned long long)data);
			seen_echo = 1;
			printf("kvmtest: step 1 ok: KVM_EXIT_MMIO write 0x%llx and read at 0x%x\n",
			       (unsigned long long)MMIO_WRITE_VALUE, REPORT_BASE + R_READ);
			break;
		case R_HVC_UNKNOWN:
			if (data != UINT64_MAX)
				fail("HVC unknown function returned 0x%llx, expected -1 (NOT_SUPPORTED)",
				     (unsigned long long)data);
			seen_hvc = 1;
			break;
		case R_PSCI_VERSION:
			if ((data >> 16) < 1 || (data >> 31) != 0)
				fail("PSCI_VERSION returned 0x%llx", (unsigned long long)data);
			seen_psci = 1;
			printf("kvmtest: step 2 ok: HVC unknown function -> -1, PSCI_VERSION -> %llu.%llu\n",
			       (unsigned long long)(data >> 16), (unsigned long long)(data & 0xffff));
			break;
		case R_TIMER_INTID:
			if (data != VTIMER_INTID)
				fail("ICC_IAR1_EL1 returned INTID %llu, expected %d", (unsigned long long)data,
				     VTIMER_INTID);
			seen_intid = 1;
			break;
		case R_TIMER_CTL:
			if ((data & 5) != 5) /* ENABLE and ISTATUS */
				fail("CNTV_CTL_EL0 in the handler = 0x%llx, expected ENABLE|ISTATUS",
				     (unsigned long long)data);
			printf("kvmtest: step 3 ok: vGICv3 virtual timer interrupt, ICC_IAR1_EL1 = %d, CNTV_CTL_EL0 = 0x%llx\n",
			       VTIMER_INTID, (unsigned long long)data);
			break;
		case R_BENCH:
			if (data == 9)
				printf("kvmtest: microbenchmarks done\n");
			else
				printf("kvmtest: microbenchmark %llu (%s), %d rounds\n", (unsigned long long)data,
				       data == 1 ? "hypercall" : data == 2 ? "I/O kernel" : data == 3 ? "I/O user" : "virtual IPI",
				       BENCH_ROUNDS);
			break;
		case R_BENCH_IO:
			break;
		case R_FAIL_ESR:
			fail_esr = data;
			break;
		case R_FAIL_ELR:
			fail("guest took an unexpected exception: ESR_EL1 0x%llx ELR_EL1 0x%llx",
			     (unsigned long long)fail_esr, (unsigned long long)data);
		default:
			fail("MMIO write at unexpected offset 0x%x", off);
		}
	}
	if (!(seen_write && seen_echo && seen_hvc && seen_psci && seen_intid))
		fail("guest skipped steps (write %d echo %d hvc %d psci %d timer %d)", seen_write, seen_echo,
		     seen_hvc, seen_psci, seen_intid);
	printf("KVMTEST: PASS\n");
	return 0;
}
