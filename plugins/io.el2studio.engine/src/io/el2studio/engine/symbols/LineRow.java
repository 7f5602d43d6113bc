package io.el2studio.engine.symbols;

/**
 * The line-table entry covering an address, as gdb reads it ({@code find_pc_line}): the row's file,
 * line and column, its runtime start {@code address}, {@code end} (the next entry's address: the end
 * of the range gdb steps over), and whether it is a recommended breakpoint location (is_stmt).
 */
public record LineRow(String file, int line, int column, long address, long end, boolean isStmt) {
}
