package io.el2studio.debug.core.model;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.el2studio.debug.core.symbols.ProgramInfo;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.Translation;

/**
 * Step Into / Over / Return of one PE, by source line or by instruction, over the control API; a
 * stand-in for the engine's Stepper (io.el2studio.engine.step), with gdb's rules as far as they go
 * without DWARF call-frame information:
 * <ul>
 * <li>a line step ends at the first instruction that starts a line-table row of another line (gdb
 * keeps stepping when it lands in the middle of a line, e.g. back in a caller); a Step Into that
 * enters a function by a call stops after its prologue, at the function's second line, as gdb's step;
 * <li>over a call (BL, BLR) a Step Over runs to the return address instead of stepping into it;
 * a Step Into that enters code without line information runs back out to the return address;
 * <li>Step Return runs to the caller's return address (frame 1);
 * <li>in instruction mode Into is one instruction, Over steps over a BL/BLR, Return as above.
 * </ul>
 * A breakpoint, a watchpoint, Suspend or the end of the guest end any step early.
 */
final class Stepper {
    enum Kind { INTO, OVER, RETURN }

    /** Instruction steps one line step may take before it gives up and reports where it is. */
    static final int MAX_STEPS = 200_000;

    private final El2DebugTarget target;
    private final Simulation sim;
    private final ProgramInfo program;
    private final int pe;
    private final boolean instructions;

    Stepper(El2DebugTarget target, int pe, boolean instructions) {
        this.target = target;
        this.sim = target.simulation();
        this.program = target.program();
        this.pe = pe;
        this.instructions = instructions || program == null;
    }

    StopReason step(Kind kind) throws InterruptedException {
        if (kind == Kind.RETURN) {
            return stepReturn();
        }
        long pc = pc();
        if (instructions) {
            return kind == Kind.OVER && isCall(pc) ? runTo(pc + 4) : stepInstruction();
        }
        Optional<ProgramInfo.Line> start = program.lineAt(pc);
        StopReason r = null;
        for (int i = 0; i < MAX_STEPS; i++) {
            long at = pc();
            if (kind == Kind.OVER && isCall(at)) {
                r = runTo(at + 4);
            } else {
                r = stepInstruction();
            }
            if (!endsNormally(r)) {
                return r;
            }
            long now = pc();
            Optional<ProgramInfo.Line> line = program.lineAt(now);
            if (line.isEmpty()) {
                if (kind == Kind.INTO && program.functionAt(now).isPresent() && isReturnAddressCaller(at, now)) {
                    r = runTo(at + 4); // stepped into code without lines: back out, as gdb's step does
                    if (!endsNormally(r)) {
                        return r;
                    }
                }
                continue;
            }
            Optional<ProgramInfo.Function> entered = program.functionAt(now);
            if (kind == Kind.INTO && entered.isPresent() && entered.get().start() == now && isCall(at)) {
                // entered a function by a call: gdb's step stops after its prologue (the function's second line)
                long body = program.functionBreakpoint(entered.get().name()).orElse(now);
                if (body != now) {
                    r = runTo(body);
                    return endsNormally(r) ? new StopReason(StopKind.STEP, pe, body, "step") : r;
                }
                return new StopReason(StopKind.STEP, pe, now, "step");
            }
            boolean newLine = start.isEmpty() || line.get().line() != start.get().line()
                    || !line.get().file().equals(start.get().file());
            if (newLine && line.get().address() == now) {
                return new StopReason(StopKind.STEP, pe, now, "step");
            }
        }
        return r;
    }

    private StopReason stepReturn() throws InterruptedException {
        Snapshot stop = target.snapshot(); // the stop the step starts from (the thread no longer counts as suspended)
        if (stop == null) {
            return stepInstruction();
        }
        Snapshot.Pe st = stop.pes[pe];
        List<FrameUnwinder.Frame> frames = new FrameUnwinder(sim, program, st).frames();
        if (frames.size() < 2) {
            return stepInstruction(); // no caller known: one instruction, so the step still ends
        }
        return runTo(frames.get(1).pc());
    }

    /** Runs the board to the first of {@code addresses} reached (Run to Line without the engine). */
    StopReason runToAny(List<Long> addresses) throws InterruptedException {
        if (addresses.size() == 1) {
            return runTo(addresses.get(0));
        }
        for (long a : addresses) {
            target.insertions().insert(a);
        }
        try {
            StopReason r = await(sim.run());
            return r != null && r.kind() == StopKind.BREAKPOINT && addresses.contains(r.pc())
                    ? new StopReason(StopKind.STEP, pe, r.pc(), "step") : r;
        } finally {
            for (long a : addresses) {
                target.insertions().remove(a);
            }
        }
    }

    /** True when the instruction at {@code at} was a BL/BLR that went to {@code now}. */
    private boolean isReturnAddressCaller(long at, long now) {
        return isCall(at) && now != at + 4;
    }

    private boolean endsNormally(StopReason r) {
        return r != null && (r.kind() == StopKind.STEP || (r.kind() == StopKind.BREAKPOINT && r.pc() == target.temporary()));
    }

    private long pc() {
        return sim.registers(pe).pc();
    }

    private StopReason stepInstruction() throws InterruptedException {
        long token = sim.step(pe, 1);
        return await(token);
    }

    /** Runs the board until {@code address} (a temporary breakpoint), a breakpoint, Suspend or the end. */
    private StopReason runTo(long address) throws InterruptedException {
        target.setTemporary(address);
        try {
            long token = sim.run();
            StopReason r = await(token);
            if (r != null && r.kind() == StopKind.BREAKPOINT && r.pc() == address) {
                return new StopReason(StopKind.STEP, pe, address, "step");
            }
            return r;
        } finally {
            target.clearTemporary();
        }
    }

    /** The next stop after {@code token}, however long the guest runs; null when the session ended. */
    private StopReason await(long token) throws InterruptedException {
        while (!target.isTerminated()) {
            StopReason r = sim.awaitStopAfter(token, 500, TimeUnit.MILLISECONDS);
            if (r != null) {
                return r;
            }
            if (sim.state() == Simulation.State.CLOSED || sim.state() == Simulation.State.SHUTDOWN) {
                return null;
            }
        }
        return null;
    }

    /** BL (imm26) or BLR Xn (Arm ARM C6.2.34, C6.2.35). */
    private boolean isCall(long pc) {
        byte[] b;
        try {
            b = sim.readMemory(Translation.currentRegime(pe), pc, 4);
        } catch (RuntimeException e) {
            return false;
        }
        int w = (int) FrameUnwinder.le32(b, 0);
        return (w & 0xFC000000) == 0x94000000 || (w & 0xFFFFFC1F) == 0xD63F0000;
    }
}
