package io.el2studio.engine.expr;

import io.el2studio.engine.dwarf.Die;

/**
 * A variable as gdb's symbol table sees it: a formal parameter, a local (automatic, static or
 * constant), a file-scope or global variable, an enumerator of a locally declared enumeration (gdb
 * lists those with the locals), or an ELF data symbol without debug information.
 *
 * @param name the name (from the abstract origin for inlined and out-of-line instances)
 * @param die the concrete entry: the one that carries DW_AT_location (or the abstract entry when the
 *        instance has none, then the variable is optimized out); null for an ELF symbol
 * @param type the type entry (DW_AT_type here or on the abstract origin), null for void / no debug info
 * @param kind what it is
 * @param storage gdb's address class for it (decides how {@code info scope} describes it)
 * @param block the scope that declares it, null for globals and ELF symbols
 * @param elfAddress for {@link Kind#NO_DEBUG_INFO}: the symbol's runtime address; else -1
 */
public record Variable(String name, Die die, Die type, Kind kind, Storage storage, Block block, long elfAddress) {

    public enum Kind {
        ARGUMENT, LOCAL, STATIC_LOCAL, FILE_STATIC, GLOBAL, ENUMERATOR, NO_DEBUG_INFO
    }

    /** gdb's address classes for DWARF symbols (symtab.h enum address_class), as far as they apply. */
    public enum Storage {
        /** DW_AT_location that needs the frame (an expression or a location list). */
        COMPUTED,
        /** DW_AT_location that is exactly DW_OP_addr / DW_OP_addrx. */
        STATIC,
        /** DW_AT_const_value of a constant form (or an enumerator's value). */
        CONST,
        /** DW_AT_const_value of a block or string form. */
        CONST_BYTES,
        /** No location and no value: the compiler dropped it. */
        OPTIMIZED_OUT,
        /** A declaration (DW_AT_declaration) resolved through the ELF symbol table by its name. */
        UNRESOLVED,
        /** An ELF data symbol only (gdb: {@code <data variable, no debug info>}). */
        MINIMAL,
        /** An ELF function symbol only (gdb: {@code <text variable, no debug info>}). */
        MINIMAL_TEXT
    }

    public boolean isArgument() {
        return kind == Kind.ARGUMENT;
    }

    /**
     * Where the variable's value is in the frame {@code ctx} describes (registers, memory, pc for
     * location lists, frame base). Never throws: bad debug information is {@link Location.Unavailable}.
     * Not cached: the answer depends on the target's state.
     */
    public Location location(ExpressionContext ctx) {
        return Locator.locate(this, ctx);
    }

    @Override
    public String toString() {
        return kind + " " + name + (die == null ? "" : " " + die);
    }
}
