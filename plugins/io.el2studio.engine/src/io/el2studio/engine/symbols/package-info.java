/**
 * Symbols and lines of the ELF files of a debug session, each bound to an address space: ELF
 * symbols, address to file:line with inlined-call chains (as {@code addr2line -f -i}), the line-table
 * row gdb steps by, and breakpoint placement by FILE:LINE and FUNCTION as gdb 13 places it. Entry
 * points: {@link io.el2studio.engine.symbols.SymbolFile}, {@link io.el2studio.engine.symbols.SymbolFiles}.
 */
package io.el2studio.engine.symbols;
