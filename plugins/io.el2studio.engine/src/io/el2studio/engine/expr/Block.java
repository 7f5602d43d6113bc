package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;

/**
 * A scope as gdb builds it from DWARF (gdb's {@code struct block}): a function (DW_TAG_subprogram),
 * an inlined instance of one (DW_TAG_inlined_subroutine) or a lexical block that declares something.
 * A lexical block that declares nothing is no block (gdb drops it); one without pc bounds lends its
 * declarations to its parent. {@link #symbols} are in gdb's iteration order: declaration order for
 * functions, gdb's hash-table order for lexical blocks ({@link GdbHash}).
 */
public final class Block {
    private final Die die;
    Block parent; // set again when gdb would drop an empty enclosing lexical block
    private final long[] ranges;
    final List<Variable> symbols = new ArrayList<>();
    final List<Block> children = new ArrayList<>();
    /** How many symbols gdb makes for this block (types, labels and functions too): sizes its hash table. */
    int symbolCount;

    Block(Die die, Block parent, long[] ranges) {
        this.die = die;
        this.parent = parent;
        this.ranges = ranges;
    }

    /** The DW_TAG_subprogram, DW_TAG_inlined_subroutine or DW_TAG_lexical_block entry. */
    public Die die() {
        return die;
    }

    /** The enclosing block, null for an out-of-line function. */
    public Block parent() {
        return parent;
    }

    public List<Block> children() {
        return Collections.unmodifiableList(children);
    }

    /** True for a function or an inlined function instance (gdb: {@code block->function () != NULL}). */
    public boolean isFunction() {
        return die.tag() == Dw.TAG_subprogram || die.tag() == Dw.TAG_inlined_subroutine;
    }

    public boolean isInlined() {
        return die.tag() == Dw.TAG_inlined_subroutine;
    }

    /** The function's name (from the abstract origin for inlined instances), null for a lexical block. */
    public String functionName() {
        return isFunction() ? die.nameInherited() : null;
    }

    /** Variables, parameters and enumerators the block declares, in gdb's order. */
    public List<Variable> variables() {
        return Collections.unmodifiableList(symbols);
    }

    /** Link-time code ranges {lo, hi, lo, hi...}. */
    public long[] ranges() {
        return ranges.clone();
    }

    public boolean contains(long linkPc) {
        return PcRanges.contains(ranges, linkPc);
    }

    /** gdb's BLOCK_ENTRY_PC: the start of a contiguous block, else the start of its first range (link time). */
    public long entryPc() {
        return die.has(Dw.AT_low_pc) ? die.lowPc() : ranges.length > 0 ? ranges[0] : -1;
    }

    /** This block or the nearest enclosing one that is a function or inlined instance. */
    public Block function() {
        Block b = this;
        while (b != null && !b.isFunction()) {
            b = b.parent;
        }
        return b;
    }

    /** The out-of-line function (DW_TAG_subprogram) that holds this block: its frame base applies. */
    public Block outerFunction() {
        Block b = this;
        while (b.parent != null) {
            b = b.parent;
        }
        return b;
    }

    /** The innermost descendant (or this) containing {@code linkPc}. */
    Block innermost(long linkPc) {
        for (Block c : children) {
            if (c.contains(linkPc)) {
                return c.innermost(linkPc);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "block " + die;
    }
}
