/**
 * The Arm PrimeCell UART (PL011) of the virt board: a device with bytes in, bytes out and an
 * interrupt line as an interface ({@link io.el2studio.sim.uart.IrqLine}), wired to the GIC's SPI 1
 * (INTID 33) once the GIC is on the board.
 */
package io.el2studio.sim.uart;
