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
    /** The inlined functions shown as frames at this stop though their blocks start at the pc. */
    private final java.util.Set<String> shown = new java.util.HashSet<>();
    private boolean byAddress;
    /** Inline frames step_into_inline_frame has shown at this stop (each step "down" one more). */
    private int unhidden;

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
        // A symbol of unknown size (assembler without .size) bounds nothing: gdb's find_pc_function
        // finds no function there either, so a step in it never counts as changing function.
        Optional<ElfSymbol> s = f.symbolAt(pc);
        return s.filter(e -> e.size() > 0 && Long.compareUnsigned(pc - e.address(), e.size()) < 0)
                .map(e -> new Function(e.name(), e.address(), e.address() + e.size()));
    }

    @Override
    public long partialFunctionStart(long pc) {
        SymbolFile f = file();
        return f == null ? -1 : f.symbolAt(pc).map(ElfSymbol::address).orElse(-1L);
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

    /** The inline frames the stop shows (a breakpoint in them, step_into_inline_frame), for the unwinder. */
    public SimUnwindContext.StopBreakpoints stopBreakpoints() {
        java.util.Set<String> names = java.util.Set.copyOf(shown);
        boolean address = byAddress;
        return new SimUnwindContext.StopBreakpoints() {
            @Override
            public boolean in(String function) {
                return names.contains(function);
            }

            @Override
            public boolean byAddress() {
                return address;
            }
        };
    }

    /** A user breakpoint stop: the inlined functions its locations at the pc are in, or an address breakpoint. */
    public void breakpointStop(java.util.Collection<String> functions, boolean address) {
        shown.clear();
        shown.addAll(functions);
        byAddress = address;
    }

    @Override
    public void newStop() {
        shown.clear();
        byAddress = false;
        unhidden = 0;
    }

    @Override
    public void instructionStop() {
        byAddress = true; // as after break *ADDR: no inline frame hidden
    }

    /**
     * The backtrace of this stop as gdb shows it (inline-frame.c skip_inline_frames): from the
     * innermost, the inlined calls whose blocks have a range starting at the pc are hidden, up to
     * the first that does not or that a user breakpoint of this stop is in (stopped_by_user_bp_inline_frame:
     * the location's function is the block's, wherever in the block it is); none after
     * {@code break *ADDR}; then as many shown again as step_into_inline_frame asked for. Frames are
     * numbered by their index.
     */
    public io.el2studio.engine.unwind.Backtrace backtrace(Unwinder u) {
        io.el2studio.engine.unwind.Backtrace full = u.unwind(new SimUnwindContext(target, files::frameSymbols,
                new SimUnwindContext.StopBreakpoints() {
                    @Override
                    public boolean in(String function) {
                        return false;
                    }

                    @Override
                    public boolean byAddress() {
                        return true; // nothing hidden: the policy is applied here
                    }
                }));
        int hide = 0;
        if (!byAddress && !full.frames().isEmpty()) {
            for (FrameSymbols.InlineLevel l : chain(full.frames().get(0).lookupPc())) {
                if (!l.startsAtPc() || (l.function() != null && shown.contains(l.function()))) {
                    break;
                }
                hide++;
            }
        }
        hide = Math.min(Math.max(0, hide - unhidden), leadingInline(full.frames()));
        return hide == 0 ? full
                : new io.el2studio.engine.unwind.Backtrace(full.frames().subList(hide, full.frames().size()), full.stopReason());
    }

    private static int leadingInline(List<Frame> f) {
        int n = 0;
        while (n < f.size() && f.get(n).isInline()) {
            n++;
        }
        return n;
    }

    /** The inlined calls at the pc, innermost first (B's chain: the concrete function not counted). */
    private List<FrameSymbols.InlineLevel> chain(long pc) {
        SimTarget.Snapshot s = target.snapshot();
        FrameSymbols fs = files.frameSymbols(s.el(), s.vmid());
        try {
            return fs == null ? List.of() : fs.inlineChain(pc);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public int skippedInlineFrames() {
        List<FrameRef> f = frames(INLINE_LOOK);
        int shownInline = 0;
        while (shownInline < f.size() && f.get(shownInline).inline()) {
            shownInline++;
        }
        long pc = target.registers().pc();
        return Math.max(0, chain(pc).size() - shownInline);
    }

    @Override
    public Optional<LineRange> skippedCallSite() {
        int k = skippedInlineFrames();
        SymbolFile f = file();
        if (k == 0 || f == null) {
            return Optional.empty();
        }
        long pc = target.registers().pc();
        List<io.el2studio.engine.symbols.SourceLocation> chain = f.locationsAt(pc);
        if (chain.size() <= k || chain.get(k).line() == 0) {
            return Optional.empty();
        }
        return Optional.of(new LineRange(pc, pc, chain.get(k).file(), chain.get(k).line(), true));
    }

    @Override
    public void stepIntoInlineFrame() {
        if (skippedInlineFrames() > 0) {
            unhidden++;
        }
    }

    private static final int INLINE_LOOK = 16;

    @Override
    public List<FrameRef> frames(int max) {
        List<Frame> frames = backtrace(new Unwinder(true, Math.max(1, max + 2 + INLINE_LOOK))).frames();
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
