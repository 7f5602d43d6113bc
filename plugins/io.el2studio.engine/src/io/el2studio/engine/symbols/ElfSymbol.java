package io.el2studio.engine.symbols;

/** A .symtab symbol at its runtime address (link address + the file's bias). */
public record ElfSymbol(String name, long address, long size) {
}
