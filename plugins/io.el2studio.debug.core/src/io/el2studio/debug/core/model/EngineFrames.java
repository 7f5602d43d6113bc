package io.el2studio.debug.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.el2studio.debug.core.symbols.EngineProgram;
import io.el2studio.debug.core.symbols.ProgramInfo;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.sim.SimUnwindContext;
import io.el2studio.engine.unwind.Backtrace;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.unwind.Unwinder;
import io.el2studio.sim.control.Simulation;

/**
 * The frames of a stopped PE from the engine's DWARF unwinder (CFI, prologue analysis, exception
 * marker frames between an EL2 handler and the interrupted guest), as gdb's {@code bt} lists them.
 */
final class EngineFrames {
    private EngineFrames() {
    }

    /** The frames for the views, and the engine's frames they come from (same index), for their variables. */
    record Unwound(List<FrameUnwinder.Frame> frames, List<Frame> engineFrames) {
    }

    static Unwound unwind(Simulation sim, EngineProgram program, int pe) {
        Backtrace bt = new Unwinder().unwind(new SimUnwindContext(new SimTarget(sim, pe), program::frameSymbols));
        return new Unwound(of(bt, program), bt.frames());
    }

    private static List<FrameUnwinder.Frame> of(Backtrace bt, EngineProgram program) {
        List<FrameUnwinder.Frame> out = new ArrayList<>();
        for (Frame f : bt.frames()) {
            if (f.isExceptionMarker()) {
                out.add(new FrameUnwinder.Frame(f.pc(), f.pc(), Optional.empty(), Optional.empty(), f.markerText()));
                continue;
            }
            Optional<ProgramInfo.Function> fn = f.function() == null ? Optional.empty()
                    : Optional.of(new ProgramInfo.Function(f.function(), f.functionStart(), 0));
            out.add(new FrameUnwinder.Frame(f.pc(), f.lookupPc(), fn, program.lineAt(f.lookupPc()), null));
        }
        return out;
    }
}
