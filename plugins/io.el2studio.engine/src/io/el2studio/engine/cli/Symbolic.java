package io.el2studio.engine.cli;

import java.util.Optional;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.symbols.ElfSymbol;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.values.Symbolizer;

/**
 * {@code <symbol+offset>} as gdb 13 builds it (printcmd.c build_address_symbolic): the DWARF
 * function holding the address (its name, as the abstract origin gives it for a gcc clone such as
 * {@code is_even.part.0}) unless the ELF symbol below the address starts after that function's
 * entry; data addresses by their ELF symbol.
 */
final class Symbolic implements Symbolizer {
    private final SymbolFile file;

    Symbolic(SymbolFile file) {
        this.file = file;
    }

    @Override
    public String symbolize(long address) {
        return name(file, address);
    }

    /** {@code main+12}, {@code main}, or null when gdb names nothing there. */
    static String name(SymbolFile f, long address) {
        if (f == null) {
            return null;
        }
        String name = null;
        long location = 0;
        try {
            Die fn = f.functionAt(address);
            if (fn != null && fn.has(Dw.AT_low_pc)) {
                name = fn.nameInherited();
                location = fn.lowPc() + f.bias();
            }
        } catch (RuntimeException e) {
            name = null; // damaged DWARF: the ELF symbol names it
        }
        Optional<ElfSymbol> s = f.symbolAt(address);
        if (s.isPresent() && (name == null || Long.compareUnsigned(s.get().address(), location) > 0)) {
            name = s.get().name();
            location = s.get().address();
        }
        if (name == null) {
            return null;
        }
        long off = address - location;
        return off == 0 ? name : name + "+" + off;
    }
}
