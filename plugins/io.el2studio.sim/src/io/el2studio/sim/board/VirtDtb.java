package io.el2studio.sim.board;

import io.el2studio.sim.isa.Feature;

/**
 * The device tree of the virt board, shaped like the one QEMU 7.2 generates for
 * {@code -M virt,gic-version=3} (hw/arm/virt.c; compare shared/reference/qemu-virt/*.dts) for the
 * devices that are modelled: memory, cpus (enable-method psci), psci, timer, the GICv3, the PL011
 * with its apb-pclk clock, and chosen. Differences from QEMU, on purpose:
 * <ul>
 * <li>Devices that are not modelled are absent: flash, fw-cfg, virtio-mmio, pl031, pl061 and
 * gpio-keys, PCIe, platform-bus, the GIC ITS, the PMU.</li>
 * <li>The timer lists the EL2 virtual timer PPI (12) as a fifth interrupt when the profile has VHE,
 * as QEMU does from 8.1; QEMU 7.2 lists four.</li>
 * <li>chosen has a fixed rng-seed and no kaslr-seed, so runs reproduce (QEMU's are random).</li>
 * </ul>
 */
public final class VirtDtb {
    private VirtDtb() {
    }

    /** GIC_FDT_IRQ_TYPE_SPI / PPI and the level-high trigger flag of the interrupt specifiers. */
    static final int SPI = 0, PPI = 1, LEVEL_HIGH = 4;

    public static DeviceTree build(VirtBoard.Config c, String bootargs) {
        int n = c.smp();
        int clockPhandle = 0x8000;
        int gicPhandle = 0x8001 + n; // phandles in QEMU's order: the clock, the CPUs from the last, the GIC
        DeviceTree t = new DeviceTree();
        DeviceTree.Node root = t.root;
        root.cells("interrupt-parent", gicPhandle).string("model", "linux,dummy-virt").cells("#size-cells", 2)
                .cells("#address-cells", 2).string("compatible", "linux,dummy-virt");

        DeviceTree.Node psci = root.child("psci");
        psci.cells("migrate", 0xC400_0005).cells("cpu_on", Psci.CPU_ON_64).cells("cpu_off", Psci.CPU_OFF)
                .cells("cpu_suspend", Psci.CPU_SUSPEND_64).string("method", c.bootEl() == 1 ? "hvc" : "smc")
                .string("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
        if (c.bootEl() == 3) {
            root.children().remove(psci); // the guest is the firmware: no built-in PSCI
        }

        root.child(String.format("memory@%x", MemoryMap.RAM)).cells64("reg", MemoryMap.RAM, c.ramSize())
                .string("device_type", "memory");

        root.child(String.format("pl011@%x", MemoryMap.UART)).string("clock-names", "uartclk", "apb_pclk")
                .cells("clocks", clockPhandle, clockPhandle).cells("interrupts", SPI, MemoryMap.UART_SPI, LEVEL_HIGH)
                .cells64("reg", MemoryMap.UART, MemoryMap.UART_SIZE).string("compatible", "arm,pl011", "arm,primecell");

        DeviceTree.Node gic = root.child(String.format("intc@%x", MemoryMap.GIC_DIST));
        gic.cells("phandle", gicPhandle);
        if (c.bootEl() >= 2) {
            gic.cells("interrupts", PPI, MemoryMap.PPI_GIC_MAINTENANCE, LEVEL_HIGH); // virtualization: maintenance IRQ
        }
        gic.cells64("reg", MemoryMap.GIC_DIST, MemoryMap.GIC_DIST_SIZE, MemoryMap.GIC_REDIST, MemoryMap.GIC_REDIST_SIZE)
                .cells("#redistributor-regions", 1).string("compatible", "arm,gic-v3").empty("ranges")
                .cells("#size-cells", 2).cells("#address-cells", 2).empty("interrupt-controller")
                .cells("#interrupt-cells", 3);

        DeviceTree.Node cpus = root.child("cpus");
        cpus.cells("#size-cells", 0).cells("#address-cells", 1);
        DeviceTree.Node cluster = cpus.child("cpu-map").child("socket0").child("cluster0");
        for (int i = 0; i < n; i++) {
            cluster.child("core" + i).cells("cpu", cpuPhandle(n, i));
        }
        for (int i = 0; i < n; i++) {
            cpus.child("cpu@" + i).cells("phandle", cpuPhandle(n, i)).cells("reg", i).string("enable-method", "psci")
                    .string("compatible", "arm,cortex-a57").string("device_type", "cpu");
            if (c.bootEl() == 3) {
                cpus.find("cpu@" + i).props().remove("enable-method");
            }
        }

        int[] timer = {PPI, MemoryMap.PPI_SEC_PHYS_TIMER, LEVEL_HIGH, PPI, MemoryMap.PPI_NS_PHYS_TIMER, LEVEL_HIGH,
            PPI, MemoryMap.PPI_VIRT_TIMER, LEVEL_HIGH, PPI, MemoryMap.PPI_HYP_TIMER, LEVEL_HIGH};
        if (c.profile().has(Feature.VHE)) {
            int[] five = java.util.Arrays.copyOf(timer, 15);
            five[12] = PPI;
            five[13] = MemoryMap.PPI_HYP_VIRT_TIMER;
            five[14] = LEVEL_HIGH;
            timer = five;
        }
        root.child("timer").cells("interrupts", timer).empty("always-on")
                .string("compatible", "arm,armv8-timer", "arm,armv7-timer");

        root.child("apb-pclk").cells("phandle", clockPhandle).string("clock-output-names", "clk24mhz")
                .cells("clock-frequency", MemoryMap.APB_CLOCK_HZ).cells("#clock-cells", 0)
                .string("compatible", "fixed-clock");

        DeviceTree.Node chosen = root.child("chosen");
        chosen.string("stdout-path", String.format("/pl011@%x", MemoryMap.UART));
        // A fixed seed: the kernel's entropy pool is seeded the same way on every run (reproducible runs).
        chosen.cells("rng-seed", 0x454C_3253, 0x7475_6469, 0x6F20_7365, 0x6564_2121, 0x0123_4567, 0x89AB_CDEF,
                0x0F1E_2D3C, 0x4B5A_6978);
        if (bootargs != null) {
            chosen.string("bootargs", bootargs);
        }
        return t;
    }

    static int cpuPhandle(int n, int i) {
        return 0x8000 + n - i;
    }

    /**
     * The updates QEMU makes to any DTB it passes to the kernel (hw/arm/boot.c, arm_load_dtb): the
     * command line and the initrd location in /chosen (the node is created if missing).
     */
    public static void fixupChosen(DeviceTree t, String bootargs, long initrdStart, long initrdEnd) {
        DeviceTree.Node chosen = t.root.child("chosen");
        if (bootargs != null) {
            chosen.string("bootargs", bootargs);
        }
        if (initrdEnd > initrdStart) {
            chosen.cells64("linux,initrd-start", initrdStart);
            chosen.cells64("linux,initrd-end", initrdEnd);
        }
    }
}
