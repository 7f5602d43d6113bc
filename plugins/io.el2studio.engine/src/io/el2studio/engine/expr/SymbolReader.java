package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Unit;

/**
 * gdb 13's reading of a function's DIEs into blocks and symbols (gdb/dwarf2/read.c: read_func_scope,
 * read_lexical_block_scope, inherit_abstract_dies, new_symbol, var_decode_location; buildsym.c
 * finish_block): which DIEs become symbols of which block, with which address class, in the order
 * gdb's dictionaries iterate them. Damage is recorded in the problems list, never thrown.
 */
final class SymbolReader {
    private final List<String> problems;
    private final ToLongFunction<String> elfAddress;

    SymbolReader(List<String> problems, ToLongFunction<String> elfAddress) {
        this.problems = problems;
        this.elfAddress = elfAddress;
    }

    /** The block tree of the out-of-line function {@code fn}. */
    Block function(Die fn) {
        Block b = new Block(fn, null, PcRanges.of(fn));
        List<Pending> pending = new ArrayList<>();
        try {
            processChildren(fn, b, pending);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        finish(b, pending);
        return b;
    }

    /** gdb's static block of unit {@code u}, whose parent is the unit's global block. */
    Block fileBlocks(Unit u) {
        Block st;
        {
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
    Variable symbol(Die d, Block block, boolean inFunction) {
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
            elfAddr = elfAddress.applyAsLong(name);
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

}
