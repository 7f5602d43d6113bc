package io.el2studio.engine.symbols;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.el2studio.engine.dwarf.Aranges;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.DwarfSections;
import io.el2studio.engine.dwarf.LineProgram;
import io.el2studio.engine.dwarf.Ranges;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;

/**
 * One ELF file's symbols and debug information, bound to an address space and loaded with a bias
 * (runtime address = link address + bias; every address in and out of this class is a runtime one).
 *
 * <p>Opening reads the ELF headers and the DWARF unit headers only. The address-to-unit index
 * (.debug_aranges when present, else the units' DW_AT_ranges / low_pc) is built on the first address
 * question; a unit's line table and entry tree when a question needs them.
 *
 * <p>Damaged debug information never throws out of this class: answers become empty (or {@code ??}
 * as addr2line says) and {@link #problems} names the damaged unit or table and its offset.
 */
public final class SymbolFile {
    private final Path path;
    private final ElfImage elf;
    private final long bias;
    private final AddressSpace space;
    private final DwarfSections sections;
    private final DwarfInfo dwarf;
    private final Set<String> problems = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<UnitData> units = new ArrayList<>();
    private final Map<Long, UnitData> unitsByOffset = new HashMap<>();
    private final ElfSymbols symbols;
    private final Breakpoints breakpoints;

    private Map<String, List<Scope>> functionsByName;
    private volatile long[] indexLo;
    private long[] indexHi;
    private UnitData[] indexUnit;

    private SymbolFile(Path path, ElfImage elf, long bias, AddressSpace space) {
        this.path = path;
        this.elf = elf;
        this.bias = bias;
        this.space = space;
        DwarfSections s;
        try {
            s = new DwarfSections(elf);
        } catch (RuntimeException e) {
            problem("debug sections: " + e.getMessage());
            s = new DwarfSections(Map.of());
        }
        sections = s;
        if (!s.problems().isEmpty()) {
            problem(s.problems());
        }
        DwarfInfo d;
        try {
            d = new DwarfInfo(s);
        } catch (RuntimeException e) {
            problem(".debug_info: " + e.getMessage());
            d = new DwarfInfo(new DwarfSections(Map.of()));
        }
        dwarf = d;
        for (String p : d.problems()) {
            problem(p);
        }
        for (Unit u : d.units()) {
            UnitData ud = new UnitData(u, this);
            units.add(ud);
            unitsByOffset.put(u.offset(), ud);
        }
        symbols = new ElfSymbols(elf);
        breakpoints = new Breakpoints(this);
    }

    /**
     * Opens {@code elf}. Throws {@link ImageException} only when the file is not a usable AArch64 ELF;
     * damaged debug information is reported by {@link #problems}.
     */
    public static SymbolFile open(Path elf, long bias, AddressSpace space) throws ImageException {
        return new SymbolFile(elf, ElfImage.read(elf), bias, space);
    }

    /** The same over an already parsed image. */
    public static SymbolFile of(Path path, ElfImage image, long bias, AddressSpace space) {
        return new SymbolFile(path, image, bias, space);
    }

    public ElfImage elf() {
        return elf;
    }

    public DwarfInfo dwarf() {
        return dwarf;
    }

    public long bias() {
        return bias;
    }

    public AddressSpace space() {
        return space;
    }

    public Path path() {
        return path;
    }

    /** What is damaged, each naming the section or unit and offset; empty for sound files. Grows as parts are read. */
    public List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    void problem(String p) {
        if (p != null && !p.isEmpty()) {
            problems.add(p);
        }
    }

    List<UnitData> units() {
        return units;
    }

    ElfSymbols symbols() {
        return symbols;
    }

    // ---------------------------------------------------------------- ELF symbols

    /** The symbol holding {@code runtimeAddr}, else the nearest one below it in the same section. */
    public Optional<ElfSymbol> symbolAt(long runtimeAddr) {
        ElfImage.Symbol s = symbols.at(runtimeAddr - bias);
        return s == null ? Optional.empty() : Optional.of(new ElfSymbol(s.name(), s.value() + bias, s.size()));
    }

    /** The runtime address of {@code symbol}, empty if the file has none of that name. */
    public OptionalLong address(String symbol) {
        Optional<ElfImage.Symbol> s = elf.symbol(symbol);
        return s.isPresent() ? OptionalLong.of(s.get().value() + bias) : OptionalLong.empty();
    }

    /** {@code main+12}, {@code main}, or {@code 0x...} when no symbol is below the address. */
    public String describe(long runtimeAddr) {
        Optional<ElfSymbol> s = symbolAt(runtimeAddr);
        if (s.isEmpty()) {
            return "0x" + Long.toHexString(runtimeAddr);
        }
        long off = runtimeAddr - s.get().address();
        return off == 0 ? s.get().name() : s.get().name() + "+" + off;
    }

    // ---------------------------------------------------------------- address -> unit

    private synchronized void buildIndex() {
        if (indexLo != null) {
            return;
        }
        List<long[]> ranges = new ArrayList<>();
        List<UnitData> owners = new ArrayList<>();
        Set<UnitData> covered = new java.util.HashSet<>();
        Aranges ar;
        try {
            ar = new Aranges(sections.get("debug_aranges"));
        } catch (RuntimeException e) {
            problem(".debug_aranges: " + e.getMessage());
            ar = new Aranges(null);
        }
        for (String p : ar.problems()) {
            problem(p);
        }
        problem(Ranges.checkRnglistsTables(sections.get("debug_rnglists")));
        for (Aranges.Entry e : ar.entries()) {
            UnitData u = unitsByOffset.get(e.unitOffset());
            if (u == null) {
                problem(".debug_aranges: a range names no unit (.debug_info+0x" + Long.toHexString(e.unitOffset()) + ")");
                continue;
            }
            covered.add(u);
            ranges.add(new long[] {e.low(), e.high()});
            owners.add(u);
        }
        // every unit's own ranges are read too: the index of units .debug_aranges leaves out, and a
        // check of the rest (a damaged range list is reported here rather than never)
        for (UnitData u : units) {
            Die r = u.root();
            if (r == null) {
                continue;
            }
            try {
                List<Ranges.Range> own = Ranges.of(r);
                if (!covered.contains(u)) {
                    for (Ranges.Range rg : own) {
                        ranges.add(new long[] {rg.low(), rg.high()});
                        owners.add(u);
                    }
                }
            } catch (RuntimeException e) {
                problem(u.where() + ": unit ranges: " + e.getMessage());
            }
        }
        Integer[] order = new Integer[ranges.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compareUnsigned(ranges.get(a)[0], ranges.get(b)[0]));
        long[] lo = new long[order.length], hi = new long[order.length];
        UnitData[] un = new UnitData[order.length];
        for (int i = 0; i < order.length; i++) {
            lo[i] = ranges.get(order[i])[0];
            hi[i] = ranges.get(order[i])[1];
            un[i] = owners.get(order[i]);
        }
        indexHi = hi;
        indexUnit = un;
        indexLo = lo; // published last: unitData reads it without the lock
    }

    UnitData unitData(long link) {
        if (indexLo == null) {
            buildIndex();
        }
        int i = UnitData.lastAtOrBelow(indexLo, link);
        for (int j = i; j >= 0 && j > i - 32; j--) {
            if (Long.compareUnsigned(link, indexHi[j]) < 0) {
                return indexUnit[j];
            }
        }
        return null;
    }

    /** Function scopes (subprograms with code, inlined instances) called {@code name}, in unit order; indexed on first use. */
    synchronized List<Scope> functionsNamed(String name) {
        if (functionsByName == null) {
            Map<String, List<Scope>> m = new HashMap<>();
            for (UnitData u : units) {
                for (Scope s : u.allScopes()) {
                    String n = s.isFunction() ? s.name() : null;
                    if (n != null) {
                        m.computeIfAbsent(n, k -> new ArrayList<>(1)).add(s);
                    }
                }
            }
            functionsByName = m;
        }
        return functionsByName.getOrDefault(name, List.of());
    }

    /** The unit whose code holds {@code runtimePc}, or null. */
    public Unit unitAt(long runtimePc) {
        try {
            UnitData u = unitData(runtimePc - bias);
            return u == null ? null : u.unit;
        } catch (RuntimeException e) {
            problem("address index: " + e.getMessage());
            return null;
        }
    }

    Scope scopeAt(long link) {
        UnitData u = unitData(link);
        return u == null ? null : u.innermost(link);
    }

    /** The concrete (not inlined) DW_TAG_subprogram holding {@code runtimePc}, or null. */
    public Die functionAt(long runtimePc) {
        try {
            Scope s = scopeAt(runtimePc - bias);
            Scope f = s == null ? null : s.linkageFunction();
            return f == null ? null : f.die;
        } catch (RuntimeException e) {
            problem("functionAt 0x" + Long.toHexString(runtimePc) + ": " + e.getMessage());
            return null;
        }
    }

    /** The scopes holding {@code runtimePc}, innermost first: lexical blocks, inlined subroutines, up to the subprogram. */
    public List<Die> scopesAt(long runtimePc) {
        try {
            List<Die> out = new ArrayList<>();
            for (Scope s = scopeAt(runtimePc - bias); s != null; s = s.parent) {
                out.add(s.die);
            }
            return out;
        } catch (RuntimeException e) {
            problem("scopesAt 0x" + Long.toHexString(runtimePc) + ": " + e.getMessage());
            return List.of();
        }
    }

    // ---------------------------------------------------------------- lines

    /**
     * {@code addr2line -f -i} for {@code runtimePc}: the innermost function (bfd's best fit: the
     * smallest range piece holding pc, the later entry on a tie) at the line-table row's file:line,
     * then each caller at the call site of the inlined callee. Without a debug function the ELF symbol
     * below pc names it, as bfd falls back to _bfd_elf_find_function.
     */
    public List<SourceLocation> locationsAt(long runtimePc) {
        long link = runtimePc - bias;
        try {
            UnitData u = unitData(link);
            String file = null;
            int line = 0, column = 0;
            Scope best = null;
            if (u != null) {
                LineProgram p = u.program();
                int row = p == null ? -1 : u.bfdRow(link);
                if (row >= 0) {
                    file = p.path(p.file(row));
                    line = p.line(row);
                    column = p.column(row);
                }
                long bestSize = Long.MAX_VALUE;
                for (Scope s = u.innermost(link); s != null; s = s.parent) {
                    if (!s.isFunction()) {
                        continue;
                    }
                    long size = s.pieceSize(link);
                    if (best == null || Long.compareUnsigned(size, bestSize) < 0) {
                        best = s;
                        bestSize = size;
                    }
                }
            }
            List<SourceLocation> out = new ArrayList<>();
            if (best == null) {
                ElfImage.Symbol sym = symbols.bfdFunctionAt(link);
                if (file == null && sym != null) {
                    file = symbols.bfdFile(sym);
                }
                out.add(new SourceLocation(sym == null ? null : sym.name(), file, line, column, false));
                return out;
            }
            LineProgram p = u.program();
            Scope f = best;
            out.add(new SourceLocation(f.name(), file, line, column, f.inlined()));
            while (f.inlined()) {
                Scope caller = f.parent == null ? null : f.parent.function();
                String cf = null;
                int cl = 0, cc = 0;
                try {
                    long fi = f.die.unsigned(Dw.AT_call_file, -1);
                    cf = p == null || fi < 0 ? null : p.path((int) fi);
                    cl = (int) f.die.unsigned(Dw.AT_call_line, 0);
                    cc = (int) f.die.unsigned(Dw.AT_call_column, 0);
                } catch (RuntimeException e) {
                    problem(u.where() + ": call site of " + f.die + ": " + e.getMessage());
                }
                if (caller == null) {
                    out.add(new SourceLocation(null, cf, cl, cc, false));
                    break;
                }
                out.add(new SourceLocation(caller.name(), cf, cl, cc, caller.inlined()));
                f = caller;
            }
            return out;
        } catch (RuntimeException e) {
            problem("locationsAt 0x" + Long.toHexString(runtimePc) + ": " + e.getMessage());
            return List.of(new SourceLocation(null, null, 0, 0, false));
        }
    }

    /** The line-table entry covering {@code runtimePc} as gdb's find_pc_line reads it, empty without line info. */
    public Optional<LineRow> lineAt(long runtimePc) {
        long link = runtimePc - bias;
        try {
            UnitData u = unitData(link);
            UnitData.GdbLine g = u == null ? null : u.gdbLine(link);
            if (g == null) {
                return Optional.empty();
            }
            LineProgram p = u.program();
            int col = p.column(g.file().row[g.index()]);
            long end = g.end() != 0 ? g.end() : g.pc() + 4;
            return Optional.of(new LineRow(g.file().path, g.line(), col, g.pc() + bias, end + bias, g.stmt()));
        } catch (RuntimeException e) {
            problem("lineAt 0x" + Long.toHexString(runtimePc) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- breakpoints

    /**
     * gdb's {@code break FILE:LINE}: the first line at or after {@code line} with code in a file whose
     * path ends with {@code file} (at a path-component boundary; a bare base name matches any
     * directory), every is_stmt entry of it, one per block, each moved past its function's prologue
     * where it lies inside it.
     */
    public BreakpointResult breakpoint(String file, int line) {
        try {
            return breakpoints.atLine(file, line);
        } catch (RuntimeException e) {
            problem("break " + file + ":" + line + ": " + e.getMessage());
            return BreakpointResult.NONE;
        }
    }

    /** The addresses of {@link #breakpoint(String, int)}. */
    public List<Long> breakpointAddresses(String file, int line) {
        return breakpoint(file, line).addresses();
    }

    /** gdb's {@code break FUNCTION}: every function and inlined instance of that name, after its prologue. */
    public BreakpointResult functionBreakpoints(String function) {
        try {
            return breakpoints.atFunction(function);
        } catch (RuntimeException e) {
            problem("break " + function + ": " + e.getMessage());
            return BreakpointResult.NONE;
        }
    }

    /** The first location of {@link #functionBreakpoints}, empty when gdb says the function is not defined. */
    public OptionalLong functionBreakpoint(String function) {
        BreakpointResult r = functionBreakpoints(function);
        return r.isEmpty() ? OptionalLong.empty() : OptionalLong.of(r.locations().get(0).address());
    }

    /** Every source file named by a line table, as addr2line prints the paths, each once. */
    public List<String> sourceFiles() {
        Set<String> out = new LinkedHashSet<>();
        for (UnitData u : units) {
            try {
                for (UnitData.Subfile s : u.subfiles()) {
                    if (s.n > 0) {
                        out.add(s.path);
                    }
                }
            } catch (RuntimeException e) {
                problem(u.where() + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return path + " (" + space + (bias != 0 ? ", bias 0x" + Long.toHexString(bias) : "") + ")";
    }
}
