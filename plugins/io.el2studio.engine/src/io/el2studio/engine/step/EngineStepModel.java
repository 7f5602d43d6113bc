package io.el2studio.engine.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.sim.SimUnwindContext;
import io.el2studio.engine.symbols.BreakpointLocation;
import io.el2studio.engine.symbols.ElfSymbol;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.Unwinder;

/**
 * The {@link StepModel} of a PE of the simulator: line table and functions from the symbol file of
 * the PE's address space (chosen by EL and VMID, never by address), frames from the unwinder
 * (past main, as gdb's stepping unwinds with get_prev_frame_always).
 */
public final class EngineStepModel implements StepModel {
    /** The symbol file, and the unwinder's view of it, for code at an EL in a VMID; null when there is none. */
    public interface Files {
        SymbolFile file(int el, int vmid);

        FrameSymbols frameSymbols(int el, int vmid);
    }

    private final SimTarget target;
    private final Files files;

    public EngineStepModel(SimTarget target, Files files) {
        this.target = target;
        this.files = files;
    }

    private SymbolFile file() {
        SimTarget.Snapshot s = target.snapshot();
        return files.file(s.el(), s.vmid());
    }

    @Override
    public Optional<LineRange> line(long pc) {
        SymbolFile f = file();
        if (f == null) {
            return Optional.empty();
        }
        Optional<LineRow> row = f.lineAt(pc);
        return row.filter(r -> r.line() != 0)
                .map(r -> new LineRange(r.address(), r.end(), r.file(), r.line(), r.isStmt()));
    }

    @Override
    public Optional<Function> function(long pc) {
        SymbolFile f = file();
        if (f == null) {
            return Optional.empty();
        }
        Optional<ElfSymbol> s = f.symbolAt(pc);
        return s.filter(e -> Long.compareUnsigned(pc - e.address(), Math.max(e.size(), 1)) < 0)
                .map(e -> new Function(e.name(), e.address(), e.address() + Math.max(e.size(), 1)));
    }

    /**
     * A C function: where {@code break FUNCTION} goes (after the prologue); code without a DWARF
     * function (assembler) has no prologue to skip (gdb: handle_step_into_function skips it only
     * for units not in assembler), so its first instruction, when it has line information.
     */
    @Override
    public long stepIntoStop(long start) {
        SymbolFile f = file();
        if (f == null || f.lineAt(start).filter(r -> r.line() != 0).isEmpty()) {
            return -1;
        }
        Optional<Function> fn = function(start);
        if (f.functionAt(start) == null || fn.isEmpty()) {
            return start;
        }
        for (BreakpointLocation l : f.functionBreakpoints(fn.get().name()).locations()) {
            if (Long.compareUnsigned(l.address() - start, fn.get().end() - start) < 0) {
                return l.address();
            }
        }
        return start;
    }

    @Override
    public List<FrameRef> frames(int max) {
        List<Frame> frames = new Unwinder(true, Math.max(1, max + 2)).frames(new SimUnwindContext(target, files::frameSymbols));
        List<FrameRef> out = new ArrayList<>();
        for (int i = 0; i < frames.size() && out.size() < max; i++) {
            Frame f = frames.get(i);
            if (f.isExceptionMarker()) {
                continue;
            }
            int depth = 0;
            for (int j = i; j < frames.size() && frames.get(j).isInline(); j++) {
                depth++;
            }
            out.add(new FrameRef(new FrameId(f.cfa(), f.functionStart(), depth), f.pc(), f.isInline()));
        }
        return out;
    }
}
