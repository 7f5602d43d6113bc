package io.el2studio.engine.unwind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.Ranges;
import io.el2studio.engine.symbols.SymbolFile;

/** {@link FrameSymbols} of an engine {@link SymbolFile}: ELF functions and CFI, DWARF names and inline chains. */
final class DwarfFrameSymbols implements FrameSymbols {
    private final SymbolFile file;
    private final FrameSymbols elf;

    DwarfFrameSymbols(SymbolFile file) {
        this.file = file;
        this.elf = FrameSymbols.of(file.elf(), file.bias());
    }

    SymbolFile file() {
        return file;
    }

    @Override
    public String path() {
        return file.path().toString();
    }

    @Override
    public CallFrameInfo cfi() {
        return elf.cfi();
    }

    @Override
    public Optional<Function> functionAt(long runtimePc) {
        Optional<Function> sym = elf.functionAt(runtimePc);
        String name = null;
        try {
            Die d = file.functionAt(runtimePc);
            name = d == null ? null : d.nameInherited();
        } catch (RuntimeException e) {
            // damaged DWARF: the ELF symbol's name
        }
        if (name == null) {
            return sym;
        }
        String n = name;
        return Optional.of(sym.map(f -> new Function(n, f.start(), f.size())).orElse(new Function(n, -1, 0)));
    }

    @Override
    public long entry() {
        return elf.entry();
    }

    @Override
    public List<InlineLevel> inlineChain(long runtimePc) {
        List<Die> scopes = file.scopesAt(runtimePc);
        List<InlineLevel> out = new ArrayList<>();
        List<Die> before = null;
        for (Die d : scopes) {
            if (d.tag() == Dw.TAG_subprogram) {
                break;
            }
            if (d.tag() != Dw.TAG_inlined_subroutine) {
                continue;
            }
            long entry = -1;
            boolean ranges = d.has(Dw.AT_ranges);
            try {
                List<Ranges.Range> r = Ranges.of(d);
                if (!r.isEmpty()) {
                    entry = r.get(0).low() + file.bias();
                }
            } catch (RuntimeException e) {
                // no ranges: no entry pc
            }
            boolean starts = entry == runtimePc;
            if (!starts && ranges) {
                // gdb's block_starting_point_at: the address before pc is not in this block (nor in one inside it)
                if (before == null) {
                    before = file.scopesAt(runtimePc - 1);
                }
                starts = before.stream().noneMatch(b -> b.offset() == d.offset());
            }
            out.add(new InlineLevel(d.nameInherited(), entry, starts));
        }
        return out;
    }

    @Override
    public String toString() {
        return path();
    }
}
