/**
 * The {@code virt} board, compatible with QEMU 7.2's {@code -M virt,gic-version=3}: the memory map
 * ({@link io.el2studio.sim.board.MemoryMap}), the PEs and their deterministic round-robin scheduler
 * and virtual time ({@link io.el2studio.sim.board.VirtBoard}, {@link io.el2studio.sim.board.VirtualClock}),
 * the built-in PSCI 1.1 firmware ({@link io.el2studio.sim.board.Psci}), the device tree
 * ({@link io.el2studio.sim.board.DeviceTree}, {@link io.el2studio.sim.board.VirtDtb}) and loading as
 * QEMU's -kernel/-initrd/-dtb ({@link io.el2studio.sim.board.BootLoader}).
 *
 * <p>Modelled: RAM at 0x4000_0000, the PL011 at 0x0900_0000 (io.el2studio.sim.uart). Reserved and
 * read-as-zero until their models are wired in (logged once when touched): the GICv3 distributor
 * (0x0800_0000), ITS (0x0808_0000) and redistributors (0x080A_0000). Not present: flash, RTC, GPIO,
 * fw-cfg, virtio-mmio, PCIe (and so absent from the device tree).
 */
package io.el2studio.sim.board;
