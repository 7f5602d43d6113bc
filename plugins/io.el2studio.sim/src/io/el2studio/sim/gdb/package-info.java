/**
 * The GDB remote serial protocol server: gdb-multiarch, and Eclipse CDT through it, debug the whole
 * system (EL2 and EL3 included) as a client of the control API ({@link io.el2studio.sim.control}).
 * {@link io.el2studio.sim.gdb.GdbServer} accepts one client at a time; a session
 * ({@code Session}) answers the packets; the target description adds a feature generated from the
 * system-register table to gdb's aarch64 core and fpu features; {@code monitor} commands show
 * what QEMU's gdbstub does not: ELs and regimes, translation walks, the trap history, trap
 * breakpoints, physical and IPA memory.
 */
package io.el2studio.sim.gdb;
