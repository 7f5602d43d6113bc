package io.el2studio.engine.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.el2studio.sim.loader.ElfImage;

/**
 * The .symtab symbols that name code or data, sorted by address, with the lookups addr2line (bfd's
 * elf_find_function) and gdb (minimal symbols) make. AArch64 mapping symbols ($x, $d: AAELF64, 5.5.4)
 * name no function and are left out.
 */
final class ElfSymbols {
    static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4, STT_GNU_IFUNC = 10;

    private final ElfImage elf;
    private final List<ElfImage.Symbol> sorted = new ArrayList<>();
    private final List<ElfImage.Section> sections;
    private final java.util.Map<ElfImage.Symbol, String> bfdFile = new java.util.IdentityHashMap<>();

    ElfSymbols(ElfImage elf) {
        this.elf = elf;
        this.sections = elf.sections();
        // bfd's elf_find_function names a function's file by the STT_FILE symbol before it: always
        // for a local symbol, for a global only while no STT_FILE has followed another symbol
        String file = null;
        boolean symbolSeen = false, fileAfterSymbol = false;
        int[] binds = binds(elf);
        List<ElfImage.Symbol> all = elf.symbols();
        for (int k = 0; k < all.size(); k++) {
            ElfImage.Symbol s = all.get(k);
            if (s.type() == STT_FILE) {
                file = s.name();
                fileAfterSymbol |= symbolSeen;
                continue;
            }
            if (s.name().isEmpty() && s.value() == 0 && s.shndx() == 0) {
                continue; // the null symbol, which bfd does not list
            }
            symbolSeen = true;
            if (file != null && (k >= binds.length || binds[k] == 0 || !fileAfterSymbol)) {
                bfdFile.put(s, file);
            }
        }
        for (ElfImage.Symbol s : elf.symbols()) {
            if (s.name().isEmpty() || s.shndx() == 0 || s.shndx() >= 0xff00 || s.type() == STT_SECTION || s.type() == STT_FILE
                    || s.name().startsWith("$")) {
                continue;
            }
            sorted.add(s);
        }
        sorted.sort(Comparator.comparingLong(s -> s.value() ^ Long.MIN_VALUE));
    }

    /** st_info binding (0 STB_LOCAL) of each .symtab entry after the null one, in ElfImage.symbols() order. */
    private static int[] binds(ElfImage elf) {
        for (ElfImage.Section sec : elf.sections()) {
            if (sec.type() == ElfImage.SHT_SYMTAB) {
                byte[] b = elf.sectionBytes(sec);
                int n = Math.max(0, b.length / 24 - 1);
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (b[(i + 1) * 24 + 4] & 0xff) >> 4;
                }
                return out;
            }
        }
        return new int[0];
    }

    private int lastAtOrBelow(long addr) {
        int lo = 0, hi = sorted.size() - 1, ans = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted.get(mid).value(), addr) <= 0) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return ans;
    }

    /** The section index holding {@code addr} (allocated sections), or -1. */
    int sectionOf(long addr) {
        for (int i = 0; i < sections.size(); i++) {
            ElfImage.Section s = sections.get(i);
            if ((s.flags() & ElfImage.SHF_ALLOC) != 0 && Long.compareUnsigned(addr, s.addr()) >= 0
                    && Long.compareUnsigned(addr - s.addr(), s.size()) < 0) {
                return i;
            }
        }
        return -1;
    }

    boolean executable(long addr) {
        int i = sectionOf(addr);
        return i >= 0 && (sections.get(i).flags() & ElfImage.SHF_EXECINSTR) != 0;
    }

    /** The symbol whose [value, value+size) holds addr, else the nearest below in the same section. */
    ElfImage.Symbol at(long addr) {
        int sec = sectionOf(addr);
        ElfImage.Symbol below = null;
        for (int i = lastAtOrBelow(addr); i >= 0; i--) {
            ElfImage.Symbol s = sorted.get(i);
            if (Long.compareUnsigned(addr - s.value(), s.size()) < 0) {
                return s;
            }
            if (below == null && s.shndx() == sec) {
                below = s;
            }
            if (below != null && addr - s.value() > 1 << 20) {
                break;
            }
        }
        return below;
    }

    /**
     * bfd's elf_find_function with elfNN_aarch64_maybe_function_sym: the FUNC, IFUNC or NOTYPE symbol
     * of pc's section with the highest value at or below pc (on a tie, the larger one); no size check.
     */
    ElfImage.Symbol bfdFunctionAt(long addr) {
        int sec = sectionOf(addr);
        if (sec < 0) {
            return null;
        }
        int i = lastAtOrBelow(addr);
        long value = 0;
        int first = -1;
        for (; i >= 0; i--) {
            ElfImage.Symbol s = sorted.get(i);
            if (first >= 0 && s.value() != value) {
                break;
            }
            if (candidate(s, sec)) {
                first = i;
                value = s.value();
            }
        }
        if (first < 0) {
            return null;
        }
        // among symbols at one address the first in table order wins, unless a later one is larger
        ElfImage.Symbol best = null;
        for (int j = first; j < sorted.size() && sorted.get(j).value() == value; j++) {
            ElfImage.Symbol s = sorted.get(j);
            if (candidate(s, sec) && (best == null || Math.max(1, s.size()) > Math.max(1, best.size()))) {
                best = s;
            }
        }
        return best;
    }

    private static boolean candidate(ElfImage.Symbol s, int sec) {
        return s.shndx() == sec && (s.type() == STT_FUNC || s.type() == STT_NOTYPE || s.type() == STT_GNU_IFUNC);
    }

    /** The source file bfd names with a symbol-table function (its STT_FILE), or null. */
    String bfdFile(ElfImage.Symbol s) {
        return bfdFile.get(s);
    }

    /** gdb's lookup_minimal_symbol_by_pc: the code symbol at or below pc in an executable section. */
    ElfImage.Symbol minimalAt(long addr) {
        if (!executable(addr)) {
            return null;
        }
        int sec = sectionOf(addr);
        for (int i = lastAtOrBelow(addr); i >= 0; i--) {
            ElfImage.Symbol s = sorted.get(i);
            if (s.shndx() == sec && s.type() != STT_OBJECT) {
                return s;
            }
        }
        return null;
    }

    /** The end of minimal symbol {@code s}: the next code symbol's address or the section end. */
    long minimalEnd(ElfImage.Symbol s) {
        return s.value() + elf.extent(s);
    }

    /** Code symbols called {@code name} (gdb's mst_text / mst_file_text minimal symbols). */
    List<ElfImage.Symbol> minimalNamed(String name) {
        List<ElfImage.Symbol> out = new ArrayList<>();
        for (ElfImage.Symbol s : sorted) {
            if (s.name().equals(name) && s.type() != STT_OBJECT && executable(s.value())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The 32-bit instruction at link address {@code addr}, or -1 when the image has none there. */
    long instruction(long addr) {
        return elf.bytesAt(addr, 4).map(b -> (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24)
                .orElse(-1L);
    }
}
