package io.el2studio.sim.board;

/**
 * The physical memory map of QEMU 7.2's {@code virt} board (hw/arm/virt.c, base_memmap; the
 * addresses a guest built for it hard-codes), and the interrupt numbers of its devices (SPIs, as
 * in the DTB: 32 is added for the GIC INTID).
 */
public final class MemoryMap {
    private MemoryMap() {
    }

    public static final long FLASH = 0x0000_0000L, FLASH_SIZE = 0x0800_0000L;
    public static final long GIC_DIST = 0x0800_0000L, GIC_DIST_SIZE = 0x1_0000L;
    public static final long GIC_ITS = 0x0808_0000L, GIC_ITS_SIZE = 0x2_0000L;
    public static final long GIC_REDIST = 0x080A_0000L, GIC_REDIST_SIZE = 0xF6_0000L;
    /** Size of one PE's redistributor (RD_base + SGI_base frames, GICv3 without VLPIs). */
    public static final long GIC_REDIST_STRIDE = 0x2_0000L;
    public static final long UART = 0x0900_0000L, UART_SIZE = 0x1000L;
    public static final long RTC = 0x0901_0000L;
    public static final long FW_CFG = 0x0902_0000L;
    public static final long GPIO = 0x0903_0000L;
    public static final long VIRTIO_MMIO = 0x0A00_0000L;
    public static final long RAM = 0x4000_0000L;

    /** SPI numbers (the DTB's second interrupt cell). */
    public static final int UART_SPI = 1, RTC_SPI = 2, GPIO_SPI = 7;

    /** PPI numbers of the generic timer (INTID - 16), as QEMU's virt: ARCH_TIMER_*_IRQ. */
    public static final int PPI_SEC_PHYS_TIMER = 13, PPI_NS_PHYS_TIMER = 14, PPI_VIRT_TIMER = 11, PPI_HYP_TIMER = 10,
            PPI_HYP_VIRT_TIMER = 12, PPI_PMU = 7, PPI_GIC_MAINTENANCE = 9;

    /** The fixed APB clock of the PrimeCell devices (24 MHz, "clk24mhz"). */
    public static final int APB_CLOCK_HZ = 24_000_000;
}
