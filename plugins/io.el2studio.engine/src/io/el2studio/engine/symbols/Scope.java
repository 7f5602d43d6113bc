package io.el2studio.engine.symbols;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;

/**
 * A pc-scoped entry of a unit (DW_TAG_subprogram, DW_TAG_inlined_subroutine, DW_TAG_lexical_block)
 * with its ranges read once, and its nesting. A lexical block without ranges is no scope: its
 * children belong to the enclosing one, as gdb reads them.
 */
final class Scope {
    final UnitData unit;
    final Die die;
    final long[] low, high;
    final Scope parent;
    final List<Scope> children = new ArrayList<>(2);
    /** A lexical block gdb turns into a block: one that declares something (read_lexical_block_scope). */
    boolean hasSymbols;

    Scope(UnitData unit, Die die, long[] low, long[] high, Scope parent) {
        this.unit = unit;
        this.die = die;
        this.low = low;
        this.high = high;
        this.parent = parent;
    }

    int tag() {
        return die.tag();
    }

    boolean isFunction() {
        return die.tag() == Dw.TAG_subprogram || die.tag() == Dw.TAG_inlined_subroutine;
    }

    boolean inlined() {
        return die.tag() == Dw.TAG_inlined_subroutine;
    }

    boolean contains(long pc) {
        for (int i = 0; i < low.length; i++) {
            if (Long.compareUnsigned(pc, low[i]) >= 0 && Long.compareUnsigned(pc, high[i]) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Size of the range piece holding pc (bfd's best-fit measure), or -1. */
    long pieceSize(long pc) {
        for (int i = 0; i < low.length; i++) {
            if (Long.compareUnsigned(pc, low[i]) >= 0 && Long.compareUnsigned(pc, high[i]) < 0) {
                return high[i] - low[i];
            }
        }
        return -1;
    }

    /** gdb's BLOCK_ENTRY_PC (gdb 13): the start of a contiguous block, else of its first listed range. */
    long entryPc() {
        return low[0];
    }

    /** The end of the range holding pc (gdb's find_pc_partial_function end), or the first range's end. */
    long endOf(long pc) {
        for (int i = 0; i < low.length; i++) {
            if (Long.compareUnsigned(pc, low[i]) >= 0 && Long.compareUnsigned(pc, high[i]) < 0) {
                return high[i];
            }
        }
        return high[0];
    }

    /** The nearest enclosing function scope (this one included), or null. */
    Scope function() {
        Scope s = this;
        while (s != null && !s.isFunction()) {
            s = s.parent;
        }
        return s;
    }

    /** The outermost non-inlined function (gdb's block_linkage_function). */
    Scope linkageFunction() {
        Scope s = this, found = null;
        while (s != null) {
            if (s.tag() == Dw.TAG_subprogram) {
                found = s;
            }
            s = s.parent;
        }
        return found;
    }

    /** gdb's block for this scope: lexical blocks that declare nothing are not blocks. */
    Scope gdbBlock() {
        Scope s = this;
        while (s != null && s.tag() == Dw.TAG_lexical_block && !s.hasSymbols) {
            s = s.parent;
        }
        return s;
    }

    private String name;
    private boolean named;

    String name() {
        if (named) {
            return name;
        }
        named = true;
        try {
            return name = die.nameInherited();
        } catch (RuntimeException e) {
            unit.problem("name of " + die + ": " + e.getMessage());
            return null;
        }
    }
}
