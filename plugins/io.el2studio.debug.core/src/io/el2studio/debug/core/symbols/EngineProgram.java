package io.el2studio.debug.core.symbols;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.expr.Scopes;
import io.el2studio.engine.step.EngineStepModel;
import io.el2studio.engine.values.ElfSymbolizer;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.BreakpointResult;
import io.el2studio.engine.symbols.ElfSymbol;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.symbols.SymbolFiles;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.sim.loader.ImageException;

/**
 * {@link ProgramInfo} from the source-level engine (io.el2studio.engine.symbols): the image's ELF and
 * DWARF as one {@link SymbolFile} bound to the address space the board starts in (IDE.md: one symbol
 * file per address space, chosen by EL and VMID, never by address). Breakpoints and lines follow
 * gdb's rules there; this class only maps the engine's records to the debug model's.
 */
public final class EngineProgram implements ProgramInfo, EngineStepModel.Files {
    private final SymbolFiles files;
    private final SymbolFile image;
    private final FrameSymbols frameSymbols;
    private Scopes scopes;
    private GdbFormat format;

    private EngineProgram(SymbolFile image) {
        this.image = image;
        this.files = new SymbolFiles(List.of(image));
        this.frameSymbols = FrameSymbols.of(image);
    }

    /** The image loaded where it is linked (bias 0), in the space of the entry EL outside any VM. */
    public static EngineProgram open(Path elf, int entryEl) throws ImageException {
        return new EngineProgram(SymbolFile.open(elf, 0, AddressSpace.of(entryEl, -1)));
    }

    public SymbolFile symbolFile() {
        return image;
    }

    /** The variables' scopes of the image (an index of its DWARF, built on first use). */
    public synchronized Scopes scopes() {
        if (scopes == null) {
            scopes = new Scopes(image.dwarf(), image.elf(), image.bias());
        }
        return scopes;
    }

    /** gdb's value formatting with the image's symbols ({@code <main+12>} after a pointer). */
    public synchronized GdbFormat format() {
        if (format == null) {
            format = new GdbFormat(new ElfSymbolizer(image.elf(), image.bias()));
        }
        return format;
    }

    /** SymbolFiles.forContext: the file of code at {@code el} in {@code vmid}, else the only one. */
    @Override
    public SymbolFile file(int el, int vmid) {
        SymbolFile f = files.forContext(el, vmid);
        return f != null ? f : image;
    }

    @Override
    public FrameSymbols frameSymbols(int el, int vmid) {
        return file(el, vmid) == image ? frameSymbols : FrameSymbols.of(file(el, vmid));
    }

    @Override
    public Optional<Line> lineAt(long pc) {
        Optional<LineRow> r = image.lineAt(pc).filter(row -> row.line() != 0);
        return r.map(row -> new Line(displayName(pc, row.file()), row.line(), row.address(), row.file()));
    }

    /**
     * The name gdb shows ({@code main.c}): a path under the unit's DW_AT_comp_dir relative to it, as gdb
     * 13 names a symtab by the line table's own entry.
     */
    private String displayName(long pc, String file) {
        if (file == null) {
            return null;
        }
        try {
            Unit u = image.unitAt(pc);
            String dir = u == null ? null : u.root().string(Dw.AT_comp_dir);
            if (dir != null) {
                String prefix = dir.endsWith("/") ? dir : dir + "/";
                if (file.startsWith(prefix)) {
                    return file.substring(prefix.length());
                }
            }
        } catch (RuntimeException e) {
            // damaged DWARF: the path as the line table has it
        }
        return file;
    }

    @Override
    public Optional<Function> functionAt(long pc) {
        Optional<ElfSymbol> s = image.symbolAt(pc);
        return s.map(x -> new Function(x.name(), x.address(), x.size()));
    }

    @Override
    public String describe(long pc) {
        return image.describe(pc);
    }

    @Override
    public Resolved breakpointAddresses(String file, int line) {
        BreakpointResult r = image.breakpoint(file, line);
        return new Resolved(r.isEmpty() ? line : r.line(), r.addresses());
    }

    @Override
    public OptionalLong address(String symbol) {
        return image.address(symbol);
    }

    @Override
    public OptionalLong functionBreakpoint(String function) {
        return image.functionBreakpoint(function);
    }
}
