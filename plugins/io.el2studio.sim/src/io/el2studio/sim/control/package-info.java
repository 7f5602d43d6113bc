/**
 * The control API: the one way the headless runner ({@link io.el2studio.sim.control.HeadlessRun}),
 * the GDB server and the Eclipse debugger drive a simulation.
 *
 * <p>A client builds a {@link io.el2studio.sim.board.VirtBoard}, loads images with
 * {@link io.el2studio.sim.board.BootLoader}, and wraps the board in a
 * {@link io.el2studio.sim.control.Simulation}, which owns the simulation thread from then on. Every
 * client call is queued to that thread and returns promptly: {@code run()} / {@code stop()} /
 * {@code step(pe, n)} / {@code stepAll(n)} return a token for {@code awaitStopAfter(token, ...)};
 * breakpoints (VA, IPA + VMID, PA), watchpoints (VA or PA, read/write/access) and exception catches
 * (target EL, EC, VMID) are values of {@link io.el2studio.sim.control.Debug} (a watchpoint stops
 * before the access, the PC on the accessing instruction, and its stop reason carries the watchpoint
 * and the data address; a step leaves a pending interrupt pending unless
 * {@code setStepEntersInterrupts(true)}); snapshots
 * ({@code registers}, {@code readSysreg}, {@code readMemory} through a
 * {@link io.el2studio.sim.control.Translation}) are taken between two instructions, without side
 * effects. Events ({@link io.el2studio.sim.control.SimulationListener}) arrive on the simulation
 * thread; a listener records and returns. Trap records of exceptions taken to EL2/EL3 are in
 * {@code board.traps} (io.el2studio.sim.trace).
 */
package io.el2studio.sim.control;
