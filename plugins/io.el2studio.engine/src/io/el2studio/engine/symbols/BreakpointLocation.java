package io.el2studio.engine.symbols;

/**
 * One location of a breakpoint as gdb places it: runtime address, the function gdb names for it in
 * {@code info breakpoints} (innermost, inlined functions included; null when no debug function
 * covers it), and the file and line gdb reports there.
 */
public record BreakpointLocation(long address, String function, String file, int line) {
}
