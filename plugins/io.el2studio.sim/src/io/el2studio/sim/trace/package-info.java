/**
 * Trap event records: every exception taken to EL2 or EL3 as a {@link io.el2studio.sim.trace.TrapRecord}
 * (PE, ELs, EC and its name, ISS, ESR, FAR, HPFAR, ELR, VMID, instruction count), kept in a bounded
 * history, written one JSON object per line for {@code --trace-traps}, counted by class for
 * {@code --stats} ({@link io.el2studio.sim.trace.TrapRecorder}). The GDB {@code monitor traps}
 * command and the Eclipse trap history read the same records.
 */
package io.el2studio.sim.trace;
