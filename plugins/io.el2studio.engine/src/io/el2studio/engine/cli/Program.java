package io.el2studio.engine.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.step.EngineStepModel;
import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.sim.loader.ImageException;

/**
 * The program being debugged, as the batch debugger sees it: the symbol files by address space
 * (one per space, chosen by the PE's EL and VMID, never by address: IDE.md), the unwinder's view of
 * each, and the backtrace of the stopped PE. The one place the command line meets the symbol,
 * unwind and variable parts of the engine.
 */
final class Program implements EngineStepModel.Files {
    private final SimTarget target;
    private final List<SymbolFile> files = new ArrayList<>();
    private final Map<SymbolFile, FrameSymbols> frameSymbols = new IdentityHashMap<>();

    Program(SimTarget target, List<DebugCommand.SymbolsArg> args, PrintStream out) {
        this.target = target;
        for (DebugCommand.SymbolsArg a : args) {
            try {
                SymbolFile f = SymbolFile.open(a.elf(), a.bias(), a.space());
                files.add(f);
                for (String p : f.problems()) {
                    out.println("warning: " + a.elf() + ": " + p);
                }
            } catch (ImageException e) {
                out.println(a.elf() + ": " + e.getMessage());
            }
        }
    }

    SimTarget target() {
        return target;
    }

    List<SymbolFile> files() {
        return files;
    }

    /**
     * The symbol file of code at {@code el} in {@code vmid} (ENGINE.md, SymbolFiles.forContext):
     * EL2/EL3 the hypervisor's, EL1/EL0 that VMID's, else the one of EL1 outside a VM, else the only file.
     */
    @Override
    public SymbolFile file(int el, int vmid) {
        AddressSpace want = AddressSpace.of(el, vmid);
        for (SymbolFile f : files) {
            if (f.space().equals(want)) {
                return f;
            }
        }
        if (el <= 1) {
            AddressSpace any = AddressSpace.of(1, -1);
            for (SymbolFile f : files) {
                if (f.space().equals(any)) {
                    return f;
                }
            }
        }
        return files.size() == 1 ? files.get(0) : null;
    }

    /** The symbol file of where the selected PE is now. */
    SymbolFile current() {
        SimTarget.Snapshot s = target.snapshot();
        return file(s.el(), s.vmid());
    }

    @Override
    public FrameSymbols frameSymbols(int el, int vmid) {
        SymbolFile f = file(el, vmid);
        return f == null ? null : frameSymbols(f);
    }

    synchronized FrameSymbols frameSymbols(SymbolFile f) {
        return frameSymbols.computeIfAbsent(f, FrameSymbols::of);
    }

    /**
     * How many inlined calls are hidden inside frame {@code i} (gdb's inline_skipped_frames, for the
     * frames of the stop's pc only): the inline chain at the pc minus the inline frames shown there.
     */
    int skippedInline(List<io.el2studio.engine.unwind.Frame> frames, int i) {
        int group = 0;
        while (group < frames.size() && frames.get(group).isInline()) {
            group++;
        }
        if (i > group || frames.isEmpty()) {
            return 0;
        }
        io.el2studio.engine.unwind.Frame f = frames.get(0);
        FrameSymbols fs = frameSymbols(f.el(), f.vmid());
        try {
            return fs == null ? 0 : Math.max(0, fs.inlineChain(f.lookupPc()).size() - group);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The line-table row at {@code pc} in {@code f}, empty without line information. */
    static Optional<LineRow> line(SymbolFile f, long pc) {
        return f == null ? Optional.empty() : f.lineAt(pc).filter(r -> r.line() != 0);
    }

    /** DW_AT_comp_dir of the unit holding {@code pc}, or null. */
    static String compDir(SymbolFile f, long pc) {
        try {
            Unit u = f == null ? null : f.unitAt(pc);
            return u == null ? null : u.root().string(Dw.AT_comp_dir);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The file name gdb shows ({@code types.c}): gdb names a symtab by the line table's own entry,
     * which for a file of the compilation directory is its bare name (gdb 13 dwarf2_start_subfile),
     * so a path under DW_AT_comp_dir is shown relative to it.
     */
    static String displayName(SymbolFile f, long pc, String file) {
        if (file == null) {
            return null;
        }
        String dir = compDir(f, pc);
        if (dir != null && file.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
            return file.substring(dir.length() + (dir.endsWith("/") ? 0 : 1));
        }
        return file;
    }
}
