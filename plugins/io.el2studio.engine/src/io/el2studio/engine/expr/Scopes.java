package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.sim.loader.ElfImage;

/**
 * The variables of one symbol file as gdb 13 sees them: the blocks of each function (built from the
 * DIEs as gdb's dwarf2/read.c does: lexical blocks without declarations dropped, those without pc
 * bounds transparent, inlined instances as function blocks, abstract-origin children the concrete
 * instance does not repeat inherited), the arguments and locals visible at a pc in gdb's
 * {@code info args} / {@code info locals} order, and name lookup with C scoping down to the ELF symbol
 * table. Everything here is derived from the file and cached; locations are computed per frame.
 * Damaged DWARF never throws out: the damaged part is skipped and {@link #problems} says where.
 */
public final class Scopes {
    private final DwarfInfo dwarf;
    private final ElfImage elf;
    private final long bias;
    private final Map<Long, Block> functions = new HashMap<>();
    private final Map<Unit, List<Variable>> unitVariables = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Unit, Block> staticBlocks = new HashMap<>();
    private final SymbolReader reader = new SymbolReader(problems, this::elfAddress);
    private long[] fnLo, fnHi;
    private Die[] fnDie;

    /** A's symbol file when there is one: its lazy address index finds functions and units without reading every unit. */
    private final io.el2studio.engine.symbols.SymbolFile file;

    /** {@code bias}: runtime address = link address + bias. {@code elf} may be null (no ELF fallback). */
    public Scopes(DwarfInfo dwarf, ElfImage elf, long bias) {
        this(dwarf, elf, bias, null);
    }

    private Scopes(DwarfInfo dwarf, ElfImage elf, long bias, io.el2studio.engine.symbols.SymbolFile file) {
        this.dwarf = dwarf;
        this.elf = elf;
        this.bias = bias;
        this.file = file;
    }

    private static final Map<io.el2studio.engine.symbols.SymbolFile, Scopes> OF_FILE = new java.util.WeakHashMap<>();

    /** The scopes of a symbol file (one instance per file, kept as long as the file is). */
    public static Scopes of(io.el2studio.engine.symbols.SymbolFile file) {
        synchronized (OF_FILE) {
            return OF_FILE.computeIfAbsent(file, f -> new Scopes(f.dwarf(), f.elf(), f.bias(), f));
        }
    }

    public DwarfInfo dwarf() {
        return dwarf;
    }

    public long bias() {
        return bias;
    }

    /** What could not be read while building scopes. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    // ------------------------------------------------------------------ blocks at a pc

    /** The innermost block at runtime address {@code pc} (gdb's block_for_pc), or null outside every function. */
    public synchronized Block blockAt(long pc) {
        Die fn = subprogramAt(pc - bias);
        if (fn == null) {
            return null;
        }
        Block b = function(fn);
        return b.innermost(pc - bias);
    }

    /**
     * The block a frame at {@code lookupPc} sees when it is the {@code inlineDepth}-th function level
     * there (0: the innermost inlined instance or the function; 1: the function or instance that
     * inlined it, seen from the call ...), as gdb's inline frames are. Null when there is no such level.
     */
    public synchronized Block frameBlock(long lookupPc, int inlineDepth) {
        Block b = blockAt(lookupPc);
        for (int i = 0; i < inlineDepth && b != null; i++) {
            Block f = b.function();
            b = f == null ? null : f.parent();
        }
        return b;
    }

    /**
     * gdb's static block of the unit whose ranges hold runtime {@code pc} (its file-scope symbols; its
     * parent is the unit's global block), for a pc in a unit but in no function (padding between
     * functions); null when no unit holds pc.
     */
    public synchronized Block fileBlockAt(long pc) {
        for (Unit u : dwarf.units()) {
            try {
                if (PcRanges.contains(PcRanges.of(u.root()), pc - bias)) {
                    return fileBlocks(u);
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        return null;
    }

    /** The function-level blocks at {@code pc}, innermost first: inlined instances, then the function. */
    public synchronized List<Block> functionsAt(long pc) {
        List<Block> out = new ArrayList<>();
        for (Block b = blockAt(pc); b != null; b = b.parent()) {
            if (b.isFunction()) {
                out.add(b);
            }
        }
        return out;
    }

    /** {@code info args}: the parameters of the function (or inlined instance) that {@code block} belongs to. */
    public static List<Variable> arguments(Block block) {
        List<Variable> out = new ArrayList<>();
        Block f = block == null ? null : block.function();
        if (f != null) {
            for (Variable v : f.symbols) {
                if (v.isArgument()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * {@code info locals} (gdb 13 stack.c iterate_over_block_local_vars): the block's variables, then its
     * parents' up to and including the function block, each block in gdb's order; shadowed names stay.
     */
    public static List<Variable> locals(Block block) {
        List<Variable> out = new ArrayList<>();
        for (Block b = block; b != null; b = b.parent()) {
            for (Variable v : b.symbols) {
                if (!v.isArgument() && v.storage() != Variable.Storage.UNRESOLVED) {
                    out.add(v);
                }
            }
            if (b.isFunction()) {
                break;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ name lookup

    /**
     * The variable {@code name} means in {@code block} with C scoping, as gdb's lookup_symbol: the block
     * and its parents (not past an inlined function's block), then the unit's file-scope variables, then
     * the global variables of every unit, then other units' statics, then the ELF symbol table.
     */
    public synchronized Optional<Variable> lookup(String name, Block block) {
        Unit own = null;
        for (Block b = block; b != null; b = b.parent()) {
            for (Variable v : b.symbols) {
                if (v.name().equals(name)) {
                    return Optional.of(v.storage() == Variable.Storage.UNRESOLVED ? resolveDeclaration(v) : v);
                }
            }
            own = b.die().unit();
            if (b.isInlined()) {
                break;
            }
        }
        if (own != null) {
            Optional<Variable> v = inUnit(own, name, false);
            if (v.isPresent()) {
                return v;
            }
            v = inUnit(own, name, true);
            if (v.isPresent()) {
                return v;
            }
        }
        for (Unit u : dwarf.units()) {
            Optional<Variable> v = inUnit(u, name, true);
            if (v.isPresent()) {
                return v;
            }
        }
        for (Unit u : dwarf.units()) {
            Optional<Variable> v = inUnit(u, name, false);
            if (v.isPresent()) {
                return v;
            }
        }
        return elfSymbol(name);
    }

    /** Every file-scope and global variable (and file-scope enumerator) of every unit, in DIE order. */
    public synchronized List<Variable> globals() {
        List<Variable> out = new ArrayList<>();
        for (Unit u : dwarf.units()) {
            out.addAll(unitVariables(u));
        }
        return out;
    }

    private Optional<Variable> inUnit(Unit u, String name, boolean external) {
        for (Variable v : unitVariables(u)) {
            if (v.name().equals(name) && (v.kind() == Variable.Kind.GLOBAL) == external) {
                if (v.storage() == Variable.Storage.UNRESOLVED) {
                    // a declaration: the definition of another unit gives its location, as gdb's minimal symbol does
                    return Optional.of(resolveDeclaration(v));
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private Variable resolveDeclaration(Variable decl) {
        for (Unit u : dwarf.units()) {
            for (Variable v : unitVariables(u)) {
                if (v.kind() == Variable.Kind.GLOBAL && v.name().equals(decl.name()) && v.storage() != Variable.Storage.UNRESOLVED) {
                    return v;
                }
            }
        }
        return decl;
    }

    private Optional<Variable> elfSymbol(String name) {
        if (elf == null) {
            return Optional.empty();
        }
        return elf.symbol(name).filter(s -> s.type() != 4 /* STT_FILE */ && s.type() != 3 /* STT_SECTION */ && s.shndx() != 0)
                .map(s -> new Variable(name, null, null, Variable.Kind.NO_DEBUG_INFO,
                        s.type() == ElfImage.STT_FUNC ? Variable.Storage.MINIMAL_TEXT : Variable.Storage.MINIMAL, null,
                        s.value() + bias));
    }

    private long elfAddress(String name) {
        if (elf == null) {
            return -1;
        }
        return elf.symbol(name).filter(s -> s.shndx() != 0).map(s -> s.value() + bias).orElse(-1L);
    }

    private List<Variable> unitVariables(Unit u) {
        List<Variable> vs = unitVariables.get(u);
        if (vs == null) {
            vs = new ArrayList<>();
            try {
                u.entries(); // the root alone has no children until the unit's tree is read
                for (Die d : u.root().children()) {
                    collectFileScope(d, vs);
                }
                if (u.damaged() != null) {
                    problems.add(u.damaged());
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
            unitVariables.put(u, vs);
        }
        return vs;
    }

    private void collectFileScope(Die d, List<Variable> out) {
        if (d.tag() == Dw.TAG_variable) {
            Variable v = reader.symbol(d, null, false);
            if (v != null) {
                out.add(v);
            }
        } else if (d.tag() == Dw.TAG_enumeration_type) {
            for (Die e : d.children()) {
                if (e.tag() == Dw.TAG_enumerator && e.has(Dw.AT_name)) {
                    out.add(new Variable(e.name(), e, d, Variable.Kind.ENUMERATOR, Variable.Storage.CONST, null, -1));
                }
            }
        }
    }

    // ------------------------------------------------------------------ call sites (entry values)

    private final Map<Unit, Map<Long, Die>> callSites = new HashMap<>();
    private final Map<Long, List<Die>> tailCalls = new HashMap<>();

    /**
     * The call site (DW_TAG_call_site / DW_TAG_GNU_call_site) whose return address is runtime
     * {@code returnPc}, or null; looked for in the unit of {@code returnPc - 1} (gdb's call_site_for_pc: a
     * tail call's return address may lie past its unit), in every unit without a symbol file.
     */
    synchronized Die callSiteAt(long returnPc) {
        List<Unit> units = dwarf.units();
        if (file != null) {
            Unit u = file.unitAt(returnPc - 1);
            units = u == null ? List.of() : List.of(u);
        }
        for (Unit u : units) {
            Die d = callSitesOf(u).get(returnPc - bias);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private Map<Long, Die> callSitesOf(Unit u) {
        Map<Long, Die> m = callSites.get(u);
        if (m == null) {
            m = new HashMap<>();
            try {
                for (Die d : u.entries().values()) {
                    if (d.tag() == Dw.TAG_call_site || d.tag() == Dw.TAG_GNU_call_site) {
                        long pc = d.has(Dw.AT_call_return_pc) ? d.address(Dw.AT_call_return_pc, -1) : d.lowPc();
                        if (pc != -1) {
                            m.putIfAbsent(pc, d);
                        }
                    }
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
            callSites.put(u, m);
        }
        return m;
    }

    /** The function whose entry is runtime {@code addr} (gdb's find_pc_function with the entry check), or null. */
    synchronized Die subprogramEntryAt(long addr) {
        Die fn = subprogramAt(addr - bias);
        if (fn == null) {
            return null;
        }
        Block b = function(fn);
        return b.entryPc() == addr - bias ? fn : null;
    }

    /** The tail calls (DW_AT_call_tail_call) made by {@code fn} or code inlined into it. */
    synchronized List<Die> tailCallSites(Die fn) {
        List<Die> out = tailCalls.get(fn.offset());
        if (out == null) {
            out = new ArrayList<>();
            collectTailCalls(fn, out);
            tailCalls.put(fn.offset(), out);
        }
        return out;
    }

    private static void collectTailCalls(Die d, List<Die> out) {
        for (Die c : d.children()) {
            if (c.tag() == Dw.TAG_call_site || c.tag() == Dw.TAG_GNU_call_site) {
                if (c.unsigned(Dw.AT_call_tail_call, 0) != 0 || c.unsigned(EntryValues.AT_GNU_tail_call, 0) != 0) {
                    out.add(c);
                }
            } else if (c.tag() == Dw.TAG_lexical_block || c.tag() == Dw.TAG_inlined_subroutine) {
                collectTailCalls(c, out);
            }
        }
    }

    /** The runtime address of ELF function symbol {@code name}, -1 when there is none. */
    long elfFunction(String name) {
        return elfAddress(name);
    }

    // ------------------------------------------------------------------ function index

    private Die subprogramAt(long linkPc) {
        if (file != null) {
            // the symbol file's lazy index; its function may be nested: gdb's blocks start at the unit's child
            Die d = file.functionAt(linkPc + bias);
            while (d != null && d.parent() != null && d.parent().tag() != Dw.TAG_compile_unit
                    && d.parent().tag() != Dw.TAG_partial_unit) {
                d = d.parent();
            }
            return d != null && d.tag() == Dw.TAG_subprogram ? d : null;
        }
        if (fnLo == null) {
            indexFunctions();
        }
        // functions do not overlap (each range of a split function is a row): the last start <= pc decides
        int i = upperBound(fnLo, linkPc) - 1;
        return i >= 0 && Long.compareUnsigned(linkPc, fnHi[i]) < 0 ? fnDie[i] : null;
    }

    private static int upperBound(long[] a, long key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(a[mid], key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void indexFunctions() {
        List<long[]> rows = new ArrayList<>();
        List<Die> dies = new ArrayList<>();
        for (Unit u : dwarf.units()) {
            try {
                u.entries();
                for (Die d : u.root().children()) {
                    if (d.tag() == Dw.TAG_subprogram) {
                        long[] r = PcRanges.of(d);
                        for (int i = 0; i + 1 < r.length; i += 2) {
                            rows.add(new long[] {r[i], r[i + 1], dies.size()});
                            dies.add(d);
                        }
                    }
                }
                if (u.damaged() != null) {
                    problems.add(u.damaged());
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        rows.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        fnLo = new long[rows.size()];
        fnHi = new long[rows.size()];
        fnDie = new Die[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            fnLo[i] = rows.get(i)[0];
            fnHi[i] = rows.get(i)[1];
            fnDie[i] = dies.get((int) rows.get(i)[2]);
        }
    }

    private Block function(Die fn) {
        return functions.computeIfAbsent(fn.offset(), k -> reader.function(fn));
    }

    private Block fileBlocks(Unit u) {
        return staticBlocks.computeIfAbsent(u, reader::fileBlocks);
    }

    @Override
    public String toString() {
        return "scopes of " + dwarf.units().size() + " units" + (bias != 0 ? " bias 0x" + Long.toHexString(bias) : "");
    }
}
