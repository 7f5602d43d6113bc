package io.el2studio.engine.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.LineProgram;
import io.el2studio.sim.loader.ElfImage;

/**
 * Breakpoint placement as gdb 13 does it from the ELF alone: linespec.c create_sals_line_offset and
 * decode_digits_ordinary for FILE:LINE, symtab.c find_function_start_sal and skip_prologue_sal for
 * FUNCTION, with aarch64-tdep.c's aarch64_skip_prologue (bounded by skip_prologue_using_sal). All
 * addresses here are link addresses; the results are runtime ones.
 */
final class Breakpoints {
    private final SymbolFile file;

    Breakpoints(SymbolFile file) {
        this.file = file;
    }

    /** A gdb symtab_and_line being placed. */
    private static final class Sal {
        long pc;
        String path;
        int line;
        boolean explicitLine;
        UnitData unit;
    }

    // ---------------------------------------------------------------- FILE:LINE

    BreakpointResult atLine(String name, int line) {
        if (line <= 0 || name == null || name.isEmpty()) {
            return BreakpointResult.NONE;
        }
        List<Object[]> hits = new ArrayList<>();
        int best = collect(name, line, hits);
        int used = line;
        if (hits.isEmpty() && best > 0) {
            used = best;
            collect(name, used, hits);
        }
        if (hits.isEmpty()) {
            return BreakpointResult.NONE;
        }
        // one location per block: for optimised code one line is scattered over several pc ranges
        // of the same block; gdb keeps the first of each (linespec.c, the filter on blocks[])
        Set<Scope> seenBlocks = new java.util.HashSet<>();
        Set<Long> seenPcs = new LinkedHashSet<>();
        List<BreakpointLocation> out = new ArrayList<>();
        for (Object[] h : hits) {
            UnitData u = (UnitData) h[0];
            UnitData.Subfile s = (UnitData.Subfile) h[1];
            long pc = (Long) h[2];
            Scope inner = u.innermost(pc);
            Scope block = inner == null ? null : inner.gdbBlock();
            if (block != null && !seenBlocks.add(block)) {
                continue;
            }
            Scope fn = block == null ? null : block.function();
            Sal sal = new Sal();
            sal.pc = pc;
            sal.path = s.path;
            sal.line = used;
            sal.explicitLine = true;
            sal.unit = u;
            skipPrologueSal(sal, isAsm(u, s.path));
            if (!seenPcs.add(sal.pc)) {
                continue;
            }
            out.add(new BreakpointLocation(sal.pc + file.bias(), fn == null ? null : fn.name(), sal.path, sal.line));
        }
        out.sort(Comparator.comparingLong(b -> b.address() ^ Long.MIN_VALUE));
        return new BreakpointResult(used, List.copyOf(out));
    }

    /** Adds every is_stmt entry of exactly {@code line}; returns the smallest larger is_stmt line seen (0: none). */
    private int collect(String name, int line, List<Object[]> hits) {
        int best = 0;
        for (UnitData u : file.units()) {
            for (UnitData.Subfile s : u.subfiles()) {
                if (!matches(s.path, name)) {
                    continue;
                }
                for (int i = 0; i < s.n; i++) {
                    if (!s.stmt[i]) {
                        continue; // find_line_common ignores non-statement entries
                    }
                    if (s.line[i] == line) {
                        hits.add(new Object[] {u, s, s.pc[i]});
                    } else if (s.line[i] > line && (best == 0 || s.line[i] < best)) {
                        best = s.line[i];
                    }
                }
            }
        }
        return best;
    }

    /** gdb's compare_filenames_for_search: {@code search} matches the tail of {@code path} at a '/' boundary. */
    static boolean matches(String path, String search) {
        if (path == null) {
            return false;
        }
        if (path.equals(search)) {
            return true;
        }
        return path.endsWith(search) && (search.startsWith("/") || path.charAt(path.length() - search.length() - 1) == '/');
    }

    private static boolean isAsm(UnitData u, String path) {
        // deduce_language_from_filename: .s, .sx and .S are assembler; else the unit's language
        if (path != null && (path.endsWith(".s") || path.endsWith(".S") || path.endsWith(".sx"))) {
            return true;
        }
        if (path != null && (path.endsWith(".c") || path.endsWith(".h"))) {
            return false;
        }
        return u != null && u.isAsm();
    }

    // ---------------------------------------------------------------- FUNCTION

    BreakpointResult atFunction(String name) {
        List<BreakpointLocation> out = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        int line = 0;
        for (Scope s : file.functionsNamed(name)) {
            Sal sal = functionStart(s.entryPc(), s.unit);
            if (sal != null && seen.add(sal.pc)) {
                // gdb names the location by the symbol it was set on, inlined callees aside
                out.add(new BreakpointLocation(sal.pc + file.bias(), name, sal.path, sal.line));
                if (line == 0) {
                    line = sal.line;
                }
            }
        }
        if (out.isEmpty()) {
            for (ElfImage.Symbol m : file.symbols().minimalNamed(name)) {
                Sal sal = functionStart(m.value(), file.unitData(m.value()));
                if (sal != null && seen.add(sal.pc)) {
                    Scope at = sal.unit == null ? null : sal.unit.innermost(sal.pc);
                    Scope fn = at == null ? null : at.function();
                    out.add(new BreakpointLocation(sal.pc + file.bias(), fn == null ? null : fn.name(), sal.path, sal.line));
                    if (line == 0) {
                        line = sal.line;
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(b -> b.address() ^ Long.MIN_VALUE));
        return new BreakpointResult(line, List.copyOf(out));
    }

    /** symtab.c find_function_start_sal_1 with funfirstline. */
    private Sal functionStart(long funcAddr, UnitData u) {
        Sal sal = new Sal();
        sal.pc = funcAddr;
        sal.unit = u;
        UnitData.GdbLine g = u == null ? null : u.gdbLine(funcAddr);
        if (g != null) {
            sal.path = g.file().path;
            sal.line = g.line();
            if (u.locationsValid() || isAsm(u, sal.path)) {
                return sal; // locations are valid at the first instruction: no prologue to skip
            }
            if (Long.compareUnsigned(g.pc(), funcAddr) < 0) {
                sal.path = null;
                sal.line = 0;
            }
        }
        skipPrologueSal(sal, false);
        return sal;
    }

    // ---------------------------------------------------------------- skip_prologue_sal

    private void skipPrologueSal(Sal sal, boolean asmSymtab) {
        if (sal.explicitLine && asmSymtab) {
            return; // assembler: the user already sees instructions; keep the line asked for
        }
        UnitData u = sal.unit != null ? sal.unit : file.unitData(sal.pc);
        Scope inner = u == null ? null : u.innermost(sal.pc);
        Scope sym = inner == null ? null : inner.linkageFunction();
        long entry, end;
        ElfImage.Symbol msym = null;
        if (sym != null) {
            entry = sym.entryPc();
            end = sym.endOf(entry);
        } else {
            msym = file.symbols().minimalAt(sal.pc);
            if (msym == null) {
                return;
            }
            entry = msym.value();
            end = file.symbols().minimalEnd(msym);
            u = file.unitData(entry);
        }
        boolean forceSkip = !(sym != null && u != null && u.locationsValid());
        long pc = entry;
        UnitData.GdbLine start = null;
        int skip = 1;
        do {
            pc = entry;
            if (skip == 1) {
                Long pe = prologueEndFlag(u, entry, end);
                if (pe != null) {
                    pc = pe;
                    start = line(u, pc);
                    forceSkip = true;
                    continue;
                }
                pc = aarch64SkipPrologue(u, entry, end);
            }
            start = line(u, pc);
            if (skip == 1 && start != null && start.pc() != pc && start.end() != 0
                    && Long.compareUnsigned(entry, start.end()) <= 0 && Long.compareUnsigned(start.end(), end) < 0) {
                pc = start.end(); // the analysis stopped mid-line: go to the first pc of the next line
                start = line(u, pc);
            }
        } while (!forceSkip && skip-- > 0);
        if (Long.compareUnsigned(sal.pc, pc) >= 0) {
            return; // already past the prologue
        }
        sal.pc = pc;
        sal.path = start == null ? null : start.file().path;
        sal.line = start == null ? 0 : start.line();
        // now inside an inlined function: gdb reports its call site (the outermost inlined block)
        Scope b = u == null ? null : u.innermost(pc);
        Scope fb = null;
        for (Scope s = b == null ? null : b.gdbBlock(); s != null; s = s.parent) {
            if (s.inlined()) {
                fb = s;
            } else if (s.isFunction()) {
                break;
            }
        }
        if (fb != null) {
            try {
                int cl = (int) fb.die.unsigned(Dw.AT_call_line, 0);
                if (cl != 0) {
                    sal.line = cl;
                    LineProgram p = u.program();
                    long cf = fb.die.unsigned(Dw.AT_call_file, -1);
                    String path = p == null || cf < 0 ? null : p.path((int) cf);
                    if (path != null) {
                        sal.path = path;
                    }
                }
            } catch (RuntimeException e) {
                file.problem(u.where() + ": call site of " + fb.die + ": " + e.getMessage());
            }
        }
    }

    private static UnitData.GdbLine line(UnitData u, long pc) {
        return u == null ? null : u.gdbLine(pc);
    }

    /** skip_prologue_using_linetable: the first entry flagged prologue_end inside the function (not assembler). */
    private Long prologueEndFlag(UnitData u, long start, long end) {
        UnitData.GdbLine g = line(u, start);
        if (g == null || isAsm(u, g.file().path)) {
            return null;
        }
        UnitData.Subfile s = g.file();
        for (int i = 0; i < s.n; i++) {
            if (Long.compareUnsigned(s.pc[i], start) >= 0 && Long.compareUnsigned(s.pc[i], end) < 0 && s.prologueEnd[i]) {
                return s.pc[i];
            }
        }
        return null;
    }

    /** aarch64-tdep.c aarch64_skip_prologue. */
    private long aarch64SkipPrologue(UnitData u, long pc, long end) {
        long post = skipPrologueUsingSal(u, pc, end);
        Die root = u == null ? null : u.root();
        try {
            String producer = root == null ? null : root.string(Dw.AT_producer);
            if (post != 0 && producer != null && producer.contains("clang")) {
                return Math.max(pc, post); // LLVM marks the prologue's end with a line entry
            }
        } catch (RuntimeException e) {
            // no producer: analyse the instructions
        }
        long limit = post != 0 ? post : pc + 128;
        return Aarch64Prologue.analyze(file.symbols(), pc, limit);
    }

    /** symtab.c skip_prologue_using_sal: the end of the function's first line (0 when it cannot tell). */
    private long skipPrologueUsingSal(UnitData u, long start, long end) {
        UnitData.GdbLine prologue = line(u, start);
        if (prologue == null) {
            return 0;
        }
        long prologueEnd = prologue.end() == 0 ? end : prologue.end();
        if (!isAsm(u, prologue.file().path)) {
            UnitData.Subfile t = prologue.file();
            int idx = 0;
            while (idx + 1 < t.n && (t.pc[idx] != prologue.pc() || t.line[idx] == 0)) {
                idx++;
            }
            if (idx + 1 < t.n && t.line[idx + 1] != 0 && t.pc[idx + 1] == start) {
                return start; // two entries at the entry address: a zero-instruction prologue
            }
        }
        if (Long.compareUnsigned(prologueEnd, end) >= 0) {
            return 0; // one line covers the whole function
        }
        while (Long.compareUnsigned(prologueEnd, end) < 0) {
            UnitData.GdbLine sal = line(u, prologueEnd);
            if (sal == null) {
                break;
            }
            if (sal.line() >= prologue.line()) {
                break;
            }
            if (sal.file() != prologue.file()) {
                break;
            }
            Scope bl = u.innermost(prologueEnd);
            boolean inl = false;
            for (Scope s = bl == null ? null : bl.gdbBlock(); s != null; s = s.parent) {
                if (s.inlined()) {
                    inl = true;
                    break;
                }
                if (s.isFunction()) {
                    break;
                }
            }
            if (inl) {
                break;
            }
            prologue = sal;
            prologueEnd = sal.end() == 0 ? end : sal.end();
        }
        return Long.compareUnsigned(prologueEnd, end) < 0 ? prologueEnd : prologue.pc();
    }
}
