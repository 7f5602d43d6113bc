package io.el2studio.debug.core.symbols;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the debug model needs to know about the program in one address space: symbols, the line
 * table, breakpoint addresses of a source line. The small interface the source-level engine
 * ({@code io.el2studio.engine.symbols.SymbolFile}) plugs into; {@link ElfProgram} serves it from
 * the ELF's symbol table and line table until the engine's does.
 */
public interface ProgramInfo {

    /**
     * A row of the line table: {@code file} as gdb shows it (relative to the compilation directory),
     * its line, the row's address, and {@code path}, the file as the line table names it (DWARF 5
     * 6.2.4: the directory entry joined with the file entry), for finding the source.
     */
    record Line(String file, int line, long address, String path) {
        public Line(String file, int line, long address) {
            this(file, line, address, file);
        }
    }

    /** The breakpoint addresses of a requested line, and the line that has them (the first line at or after it with code). */
    record Resolved(int line, List<Long> addresses) {
    }

    /** The function symbol containing {@code pc}: name, start, size. */
    record Function(String name, long start, long size) {
    }

    /** The line-table row covering {@code pc}. */
    Optional<Line> lineAt(long pc);

    /** The function (ELF symbol) containing {@code pc}. */
    Optional<Function> functionAt(long pc);

    /** {@code main+12}, or the address in hex when no symbol covers it. */
    default String describe(long pc) {
        return functionAt(pc).map(f -> pc == f.start() ? f.name() : f.name() + "+" + (pc - f.start()))
                .orElse(String.format("0x%x", pc));
    }

    /**
     * Where a breakpoint on {@code file}:{@code line} goes, as gdb places it: the first line at or after
     * {@code line} that has code, every statement start of it; {@code file} matched by its path suffix.
     * Empty addresses when nothing maps.
     */
    Resolved breakpointAddresses(String file, int line);

    /** The address of a symbol. */
    OptionalLong address(String symbol);

    /** The address a {@code break FUNCTION} stops at: after the prologue (the function's second line). */
    OptionalLong functionBreakpoint(String function);
}
