package io.el2studio.debug.core.model;

import java.util.List;

import io.el2studio.debug.core.symbols.EngineProgram;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.step.EngineStepModel;
import io.el2studio.engine.step.Stop;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;

/**
 * Step Into / Over / Return through the engine's Stepper (io.el2studio.engine.step), which leaves the
 * PE where gdb 13's step, next, finish, stepi and nexti leave it. The user breakpoints it passes stop
 * it; the momentary breakpoints it inserts share the target's counted insertions with them.
 */
final class EngineStepping {
    private EngineStepping() {
    }

    /** The stop the step ended with, as a Simulation stop for the target; null when the guest ended. */
    static StopReason step(El2DebugTarget target, EngineProgram program, int pe, Stepper.Kind kind, boolean instructions) {
        SimTarget st = new SimTarget(target.simulation(), pe);
        io.el2studio.engine.step.Stepper s = new io.el2studio.engine.step.Stepper(st, new EngineStepModel(st, program),
                target.insertions(), pc -> target.breakpointTable().at(pc).length > 0 ? List.of(1) : List.of());
        return toStop(target, pe, switch (kind) {
            case INTO -> instructions ? s.stepi(1) : s.step(1);
            case OVER -> instructions ? s.nexti(1) : s.next(1);
            // "finish" not meaningful in the outermost frame: one instruction, so the step still ends
            case RETURN -> s.finish(0).orElseGet(() -> s.stepi(1));
        });
    }

    /** Run to Line: gdb's {@code advance}, to any of {@code addresses} in any frame (or the current frame's return). */
    static StopReason runTo(El2DebugTarget target, EngineProgram program, int pe, List<Long> addresses) {
        SimTarget st = new SimTarget(target.simulation(), pe);
        io.el2studio.engine.step.Stepper s = new io.el2studio.engine.step.Stepper(st, new EngineStepModel(st, program),
                target.insertions(), pc -> target.breakpointTable().at(pc).length > 0 ? List.of(1) : List.of());
        return toStop(target, pe, s.runTo(addresses, true));
    }

    private static StopReason toStop(El2DebugTarget target, int pe, Stop stop) {
        return switch (stop.kind()) {
            case STEPPED, FINISHED, LOCATION -> new StopReason(StopKind.STEP, pe, stop.pc(), "step");
            case BREAKPOINT -> new StopReason(StopKind.BREAKPOINT, pe, stop.pc(), "breakpoint");
            case EXITED -> null;
            case OTHER -> {
                StopReason last = target.simulation().lastStop();
                yield last != null && last.kind() != StopKind.STEP && last.kind() != StopKind.BREAKPOINT ? last
                        : new StopReason(StopKind.USER, pe, stop.pc(), stop.detail());
            }
        };
    }
}
