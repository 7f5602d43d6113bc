package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private long[] fnLo, fnHi;
    private Die[] fnDie;

    /** {@code bias}: runtime address = link address + bias. {@code elf} may be null (no ELF fallback). */
    public Scopes(DwarfInfo dwarf, ElfImage elf, long bias) {
        this.dwarf = dwarf;
        this.elf = elf;
        this.bias = bias;
    }

    private static final Map<io.el2studio.engine.symbols.SymbolFile, Scopes> OF_FILE = new java.util.WeakHashMap<>();

    /** The scopes of a symbol file (one instance per file, kept as long as the file is). */
    public static Scopes of(io.el2studio.engine.symbols.SymbolFile file) {
        synchronized (OF_FILE) {
            return OF_FILE.computeIfAbsent(file, f -> new Scopes(f.dwarf(), f.elf(), f.bias()));
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

    private final Map<Unit, Block> staticBlocks = new HashMap<>();

    private Block fileBlocks(Unit u) {
        Block st = staticBlocks.get(u);
        if (st == null) {
            Die root = u.root();
            Block global = new Block(root, null, new long[0]);
            st = new Block(root, global, PcRanges.of(root));
            List<Pending> sp = new ArrayList<>(), gp = new ArrayList<>();
            try {
                u.entries();
                for (Die d : root.children()) {
                    fileScopeSymbol(d, st, global, sp, gp);
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
            finish(st, sp);
            finish(global, gp);
            staticBlocks.put(u, st);
        }
        return st;
    }

    /** new_symbol at file scope: externals go to the global block, the rest to the static block. */
    private void fileScopeSymbol(Die d, Block st, Block global, List<Pending> sp, List<Pending> gp) {
        try {
            switch (d.tag()) {
                case Dw.TAG_variable -> {
                    Variable v = symbol(d, null, false);
                    if (v != null) {
                        boolean ext = v.kind() == Variable.Kind.GLOBAL;
                        Block b = ext ? global : st;
                        v = new Variable(v.name(), v.die(), v.type(), v.kind(), v.storage(), b, v.elfAddress());
                        (ext ? gp : sp).add(new Pending(v.name(), v));
                    }
                }
                case Dw.TAG_subprogram -> {
                    if (d.has(Dw.AT_name) && PcRanges.of(d).length > 0) {
                        (d.unsigned(Dw.AT_external, 0) != 0 ? gp : sp).add(new Pending(d.name(), null));
                    }
                }
                default -> processDie(d, st, sp); // types and enumerators, as in a block
            }
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
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
            Variable v = symbol(d, null, false);
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

    private Map<Long, Die> callSites;
    private final Map<Long, List<Die>> tailCalls = new HashMap<>();

    /** The call site (DW_TAG_call_site / DW_TAG_GNU_call_site) whose return address is runtime {@code returnPc}, or null. */
    synchronized Die callSiteAt(long returnPc) {
        if (callSites == null) {
            callSites = new HashMap<>();
            for (Unit u : dwarf.units()) {
                try {
                    for (Die d : u.entries().values()) {
                        if (d.tag() == Dw.TAG_call_site || d.tag() == Dw.TAG_GNU_call_site) {
                            long pc = d.has(Dw.AT_call_return_pc) ? d.address(Dw.AT_call_return_pc, -1) : d.lowPc();
                            if (pc != -1) {
                                callSites.putIfAbsent(pc, d);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return callSites.get(returnPc - bias);
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
        Block b = functions.get(fn.offset());
        if (b == null) {
            b = new Block(fn, null, PcRanges.of(fn));
            List<Pending> pending = new ArrayList<>();
            try {
                processChildren(fn, b, pending);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
            finish(b, pending);
            functions.put(fn.offset(), b);
        }
        return b;
    }

    // ------------------------------------------------------------------ building blocks as gdb does

    /** A symbol gdb makes for the block, in creation order; {@code variable} null for types, labels, functions. */
    private record Pending(String name, Variable variable) {
    }

    /** Nesting of processChildren: damaged abstract-origin references can form a cycle. */
    private int nesting;
    private static final int MAX_NESTING = 256;

    private void processChildren(Die scope, Block block, List<Pending> pending) {
        if (++nesting > MAX_NESTING) {
            nesting--;
            problems.add(scope + ": scopes nested more than " + MAX_NESTING + " deep (an abstract origin cycle?)");
            return;
        }
        try {
            for (Die c : scope.children()) {
                processDie(c, block, pending);
            }
            inheritAbstract(scope, block, pending);
        } finally {
            nesting--;
        }
    }

    /** gdb's inherit_abstract_dies: abstract children that no concrete child names by DW_AT_abstract_origin. */
    private void inheritAbstract(Die scope, Block block, List<Pending> pending) {
        Die origin;
        try {
            origin = scope.ref(Dw.AT_abstract_origin);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
            return;
        }
        if (origin == null) {
            return;
        }
        Set<Long> referenced = new HashSet<>();
        for (Die c : scope.children()) {
            try {
                Die o = c.ref(Dw.AT_abstract_origin);
                if (o != null && o.parent() == origin) {
                    referenced.add(o.offset());
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        for (Die oc : origin.children()) {
            if (!referenced.contains(oc.offset())) {
                processDie(oc, block, pending);
            }
        }
    }

    private void processDie(Die d, Block block, List<Pending> pending) {
        try {
            switch (d.tag()) {
                case Dw.TAG_formal_parameter, Dw.TAG_variable -> {
                    Variable v = symbol(d, block, true);
                    if (v != null) {
                        pending.add(new Pending(v.name(), v));
                    }
                }
                case Dw.TAG_lexical_block -> {
                    long[] r = PcRanges.of(d);
                    if (r.length == 0) {
                        // gdb: a block without pc bounds is processed as if its children were not wrapped
                        if (++nesting > MAX_NESTING) {
                            problems.add(d + ": scopes nested too deep");
                        } else {
                            for (Die c : d.children()) {
                                processDie(c, block, pending);
                            }
                        }
                        nesting--;
                        return;
                    }
                    Block child = new Block(d, block, r);
                    List<Pending> cp = new ArrayList<>();
                    processChildren(d, child, cp);
                    if (cp.isEmpty()) {
                        // no declarations: gdb makes no block; nested blocks belong to the enclosing one
                        for (Block gc : child.children) {
                            gc.parent = block;
                            block.children.add(gc);
                        }
                    } else {
                        finish(child, cp);
                        block.children.add(child);
                    }
                }
                case Dw.TAG_inlined_subroutine, Dw.TAG_subprogram -> {
                    if (d.tag() == Dw.TAG_subprogram && d.has(Dw.AT_name)) {
                        pending.add(new Pending(d.name(), null)); // a nested function is a symbol of the block
                    }
                    long[] r = PcRanges.of(d);
                    if (r.length == 0) {
                        return; // gdb ignores functions without pc bounds
                    }
                    Block child = new Block(d, block, r);
                    List<Pending> cp = new ArrayList<>();
                    processChildren(d, child, cp);
                    finish(child, cp);
                    block.children.add(child);
                }
                case Dw.TAG_enumeration_type -> {
                    for (Die e : d.children()) {
                        if (e.tag() == Dw.TAG_enumerator && e.has(Dw.AT_name)) {
                            pending.add(new Pending(e.name(), new Variable(e.name(), e, d, Variable.Kind.ENUMERATOR,
                                    Variable.Storage.CONST, block, -1)));
                        }
                    }
                    if (d.has(Dw.AT_name)) {
                        pending.add(new Pending(d.name(), null));
                    }
                }
                case Dw.TAG_structure_type, Dw.TAG_union_type, Dw.TAG_class_type -> {
                    if (d.has(Dw.AT_name) && (d.has(Dw.AT_byte_size) || !d.has(Dw.AT_declaration))) {
                        pending.add(new Pending(d.name(), null));
                    }
                }
                case Dw.TAG_typedef, Dw.TAG_base_type, Dw.TAG_subrange_type, Dw.TAG_label -> {
                    if (d.has(Dw.AT_name)) {
                        pending.add(new Pending(d.name(), null));
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
    }

    /** Puts the pending symbols in gdb's order: linear for functions, hashed for lexical blocks. */
    private static void finish(Block b, List<Pending> pending) {
        b.symbolCount = pending.size();
        if (b.isFunction()) {
            for (Pending p : pending) {
                if (p.variable() != null) {
                    b.symbols.add(p.variable());
                }
            }
            return;
        }
        List<String> names = new ArrayList<>();
        for (Pending p : pending) {
            names.add(p.name());
        }
        for (int i : GdbHash.order(names)) {
            Variable v = pending.get(i).variable();
            if (v != null) {
                b.symbols.add(v);
            }
        }
    }

    /**
     * The symbol gdb's new_symbol makes for a variable or formal parameter, or null when it makes none
     * (no name; a non-external declaration; a static eliminated by the linker at address 0).
     */
    private Variable symbol(Die d, Block block, boolean inFunction) {
        String name = d.nameInherited();
        if (name == null) {
            return null;
        }
        Die type = d.typeInherited();
        boolean param = d.tag() == Dw.TAG_formal_parameter;
        Die cv = d.withInherited(Dw.AT_const_value);
        Die loc = d.withInherited(Dw.AT_location);
        Die ext = d.withInherited(Dw.AT_external);
        boolean external = ext != null && ext.unsigned(Dw.AT_external, 0) != 0;
        Variable.Storage storage;
        long elfAddr = -1;
        if (cv != null) {
            storage = cv.isBlock(Dw.AT_const_value) || isStringForm(cv.form(Dw.AT_const_value))
                    ? Variable.Storage.CONST_BYTES : Variable.Storage.CONST;
        } else if (loc != null) {
            storage = decodeStorage(loc);
            if (storage == Variable.Storage.STATIC && !param && staticAddress(loc) == 0) {
                return null;
            }
        } else if (!param && external && d.withInherited(Dw.AT_type) != null) {
            storage = Variable.Storage.UNRESOLVED;
            elfAddr = elfAddress(name);
        } else if (!param && d.withInherited(Dw.AT_declaration) != null) {
            return null;
        } else {
            storage = Variable.Storage.OPTIMIZED_OUT;
        }
        Variable.Kind kind;
        if (param && inFunction) {
            kind = Variable.Kind.ARGUMENT;
        } else if (inFunction) {
            kind = storage == Variable.Storage.STATIC ? Variable.Kind.STATIC_LOCAL : Variable.Kind.LOCAL;
        } else {
            kind = external ? Variable.Kind.GLOBAL : Variable.Kind.FILE_STATIC;
        }
        return new Variable(name, d, type, kind, storage, block, elfAddr);
    }

    private static boolean isStringForm(int f) {
        return f == Dw.FORM_string || f == Dw.FORM_strp || f == Dw.FORM_line_strp || f == Dw.FORM_strx || f == Dw.FORM_strx1
                || f == Dw.FORM_strx2 || f == Dw.FORM_strx3 || f == Dw.FORM_strx4;
    }

    /** gdb's var_decode_location: an empty block is optimized out, a lone DW_OP_addr/addrx is static storage. */
    private static Variable.Storage decodeStorage(Die loc) {
        if (!loc.isBlock(Dw.AT_location)) {
            return Variable.Storage.COMPUTED;
        }
        byte[] b = loc.block(Dw.AT_location);
        if (b.length == 0) {
            return Variable.Storage.OPTIMIZED_OUT;
        }
        int as = loc.unit().addressSize();
        int op = b[0] & 0xff;
        if (op == DwOp.addr && b.length == 1 + as) {
            return Variable.Storage.STATIC;
        }
        if ((op == DwOp.addrx || op == DwOp.GNU_addr_index) && b.length == 1 + lebLength(b, 1)) {
            return Variable.Storage.STATIC;
        }
        return Variable.Storage.COMPUTED;
    }

    private static int lebLength(byte[] b, int from) {
        int n = 0;
        for (int i = from; i < b.length; i++) {
            n++;
            if ((b[i] & 0x80) == 0) {
                return n;
            }
        }
        return -1;
    }

    /** The link-time address of a static variable (DW_OP_addr operand, or the .debug_addr entry). */
    static long staticAddress(Die loc) {
        byte[] b = loc.block(Dw.AT_location);
        int op = b[0] & 0xff;
        if (op == DwOp.addr) {
            long v = 0;
            for (int i = b.length - 1; i >= 1; i--) {
                v = v << 8 | (b[i] & 0xff);
            }
            return v;
        }
        long idx = 0;
        int shift = 0;
        for (int i = 1; i < b.length; i++) {
            idx |= (long) (b[i] & 0x7f) << shift;
            shift += 7;
        }
        return loc.unit().addrx(idx);
    }

    @Override
    public String toString() {
        return "scopes of " + dwarf.units().size() + " units" + (bias != 0 ? " bias 0x" + Long.toHexString(bias) : "");
    }
}
