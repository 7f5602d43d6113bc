package io.el2studio.engine.values;

import io.el2studio.sim.loader.ElfImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * gdb's {@code <symbol+offset>} from an ELF's .symtab (its minimal symbols, gdb/minsyms.c
 * lookup_minimal_symbol_by_pc_section): the last symbol at or below the address in an allocated
 * section; a symbol with a size that ends before the address names nothing unless a zero-sized symbol
 * stands in; section, file and AArch64 mapping symbols ($x, $d) are not minimal symbols.
 */
public final class ElfSymbolizer implements Symbolizer {
    private record Sym(String name, long address, long size, boolean global) {
    }

    private final List<Sym> syms = new ArrayList<>();
    private final List<long[]> sections = new ArrayList<>();
    private final long bias;

    /** Symbols of {@code elf} at runtime address = link address + {@code bias}. */
    public ElfSymbolizer(ElfImage elf, long bias) {
        this.bias = bias;
        for (ElfImage.Symbol s : elf.symbols()) {
            if (s.name().isEmpty() || s.shndx() == 0 || s.type() == 3 || s.type() == 4 || s.name().startsWith("$")
                    || s.shndx() >= 0xff00) {
                continue;
            }
            syms.add(new Sym(s.name(), s.value(), s.size(), false));
        }
        syms.sort(Comparator.comparingLong(Sym::address));
        for (ElfImage.Section sec : elf.sections()) {
            if ((sec.flags() & ElfImage.SHF_ALLOC) != 0 && sec.size() > 0) {
                sections.add(new long[] { sec.addr(), sec.addr() + sec.size() });
            }
        }
    }

    @Override
    public String symbolize(long runtime) {
        long a = runtime - bias;
        long[] sec = null;
        for (long[] s : sections) {
            if (Long.compareUnsigned(a, s[0]) >= 0 && Long.compareUnsigned(a, s[1]) < 0) {
                sec = s;
            }
        }
        if (sec == null) {
            return null;
        }
        // the last symbol at or below a, in the same section
        int lo = 0, hi = syms.size() - 1, best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(syms.get(mid).address, a) <= 0) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (best < 0) {
            return null;
        }
        // among symbols at the same address, prefer one with a size (gdb's preference of sized over zero-sized)
        int i = best;
        Sym pick = syms.get(i);
        for (int j = i; j >= 0 && syms.get(j).address == pick.address; j--) {
            if (syms.get(j).size != 0 && pick.size == 0) {
                pick = syms.get(j);
            }
        }
        if (Long.compareUnsigned(pick.address, sec[0]) < 0) {
            return null;
        }
        if (pick.size != 0 && Long.compareUnsigned(a - pick.address, pick.size) >= 0) {
            // outside the sized symbol: a zero-sized symbol at or below stands in, as gdb's best_zero_sized
            Sym zero = null;
            for (int j = best; j >= 0 && Long.compareUnsigned(syms.get(j).address, sec[0]) >= 0; j--) {
                if (syms.get(j).size == 0) {
                    zero = syms.get(j);
                    break;
                }
                if (syms.get(j).address != pick.address) {
                    break;
                }
            }
            if (zero == null) {
                return null;
            }
            pick = zero;
        }
        long off = a - pick.address;
        return off == 0 ? pick.name : pick.name + "+" + off;
    }
}
