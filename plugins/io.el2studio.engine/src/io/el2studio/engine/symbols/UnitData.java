package io.el2studio.engine.symbols;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.LineProgram;
import io.el2studio.engine.dwarf.Ranges;
import io.el2studio.engine.dwarf.Unit;

/**
 * What one unit knows about addresses, read on first use: its line program (in addr2line's and in
 * gdb's reading) and its tree of pc scopes. Every reader catches damage, records it with the unit's
 * offset, and leaves an empty (or partial) answer.
 */
final class UnitData {
    static final int DW_LANG_Mips_Assembler = 0x8001;

    final Unit unit;
    private final SymbolFile owner;
    private LineProgram program;
    private volatile boolean programRead;

    // addr2line (bfd dwarf2.c): per sequence, rows at one address collapse to the last; segments [lo, hi) -> row
    private volatile long[] segLo;
    private long[] segHi;
    private int[] segRow;

    // gdb (dwarf2/read.c lnp_state_machine + buildsym): one table per source file
    private volatile List<Subfile> subfiles;

    private volatile List<Scope> scopes;
    private long[] segBounds;
    private Scope[] segScope;
    private Boolean locationsValid;

    UnitData(Unit unit, SymbolFile owner) {
        this.unit = unit;
        this.owner = owner;
    }

    void problem(String p) {
        owner.problem(where() + ": " + p);
    }

    String where() {
        return "unit at .debug_info+0x" + Long.toHexString(unit.offset());
    }

    Die root() {
        try {
            return unit.root();
        } catch (RuntimeException e) {
            owner.problem(where() + ": " + e.getMessage());
            return null;
        }
    }

    LineProgram program() {
        if (programRead) {
            return program;
        }
        return readProgram();
    }

    private synchronized LineProgram readProgram() {
        if (!programRead) {
            Die r = root();
            if (r != null && r.has(Dw.AT_stmt_list)) {
                try {
                    String compDir = r.string(Dw.AT_comp_dir);
                    String name = r.name();
                    program = new LineProgram(unit.info(), r.unsigned(Dw.AT_stmt_list, 0), unit.addressSize(), compDir, name);
                    if (program.damage() != null) {
                        owner.problem(where() + ": line table at .debug_line+0x" + Long.toHexString(program.offset()) + ": "
                                + program.damage());
                    }
                } catch (RuntimeException e) {
                    owner.problem(where() + ": line table: " + e.getMessage());
                }
            }
            programRead = true;
        }
        return program;
    }

    boolean isAsm() {
        Die r = root();
        try {
            return r != null && r.unsigned(Dw.AT_language, 0) == DW_LANG_Mips_Assembler;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- addr2line's reading

    private synchronized void buildSegments() {
        if (segLo != null) {
            return;
        }
        LineProgram p = program();
        int n = p == null ? 0 : p.rowCount();
        long[] lo = new long[n], hi = new long[n];
        int[] row = new int[n];
        int k = 0;
        int prev = -1; // last kept row of the current sequence
        for (int i = 0; i < n; i++) {
            boolean end = p.endSequence(i);
            if (prev >= 0 && p.address(prev) == p.address(i) && !end) {
                prev = i; // bfd keeps only the last row at one address (PR ld/4986)
                continue;
            }
            if (prev >= 0 && Long.compareUnsigned(p.address(i), p.address(prev)) > 0) {
                lo[k] = p.address(prev);
                hi[k] = p.address(i);
                row[k] = prev;
                k++;
            }
            prev = end ? -1 : i;
        }
        boolean sorted = true;
        for (int i = 1; i < k && sorted; i++) {
            sorted = Long.compareUnsigned(lo[i - 1], lo[i]) <= 0;
        }
        if (sorted) {
            segHi = Arrays.copyOf(hi, k);
            segRow = Arrays.copyOf(row, k);
            segLo = Arrays.copyOf(lo, k);
            return;
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        final long[] flo = lo;
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(flo[a], flo[b]));
        long[] sl = new long[k];
        segHi = new long[k];
        segRow = new int[k];
        for (int i = 0; i < k; i++) {
            sl[i] = lo[order[i]];
            segHi[i] = hi[order[i]];
            segRow[i] = row[order[i]];
        }
        segLo = sl; // published last: readers test segLo without the lock
    }

    /** The row addr2line reports for {@code pc}, or -1. */
    int bfdRow(long pc) {
        if (segLo == null) {
            buildSegments();
        }
        int i = lastAtOrBelow(segLo, pc);
        for (int j = i; j >= 0 && j > i - 8; j--) {
            if (Long.compareUnsigned(pc, segHi[j]) < 0 && Long.compareUnsigned(pc, segLo[j]) >= 0) {
                return segRow[j];
            }
        }
        return -1;
    }

    static int lastAtOrBelow(long[] sorted, long pc) {
        int lo = 0, hi = sorted.length - 1, ans = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], pc) <= 0) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return ans;
    }

    // ---------------------------------------------------------------- gdb's reading

    /** One gdb symtab's line table: entries sorted by pc, end markers (line 0) first at equal pcs. */
    static final class Subfile {
        final String path;
        final String name;
        long[] pc = new long[16];
        int[] line = new int[16], row = new int[16];
        boolean[] stmt = new boolean[16], prologueEnd = new boolean[16];
        int n;

        Subfile(String path, String name) {
            this.path = path;
            this.name = name;
        }

        void add(long a, int l, boolean s, boolean pe, int r) {
            if (l == 0) {
                // buildsym record_line: an end marker deletes the entries at its own pc; an end marker
                // of an empty sequence is not recorded
                Integer lastLine = null;
                while (n > 0) {
                    lastLine = line[n - 1];
                    if (pc[n - 1] != a) {
                        break;
                    }
                    n--;
                }
                if (lastLine == null || lastLine == 0) {
                    return;
                }
            }
            if (n == pc.length) {
                int cap = n * 2;
                pc = Arrays.copyOf(pc, cap);
                line = Arrays.copyOf(line, cap);
                row = Arrays.copyOf(row, cap);
                stmt = Arrays.copyOf(stmt, cap);
                prologueEnd = Arrays.copyOf(prologueEnd, cap);
            }
            pc[n] = a;
            line[n] = l;
            stmt[n] = s;
            prologueEnd[n] = pe;
            row[n] = r;
            n++;
        }

        void sort() {
            boolean sorted = true;
            for (int i = 1; i < n && sorted; i++) {
                int c = Long.compareUnsigned(pc[i - 1], pc[i]);
                sorted = c < 0 || c == 0 && !(line[i] == 0 && line[i - 1] != 0);
            }
            if (sorted) {
                return; // the usual case: sequences come in address order
            }
            Integer[] o = new Integer[n];
            for (int i = 0; i < n; i++) {
                o[i] = i;
            }
            // stable: by pc, an end marker before other entries at its pc (buildsym lte_is_less_than)
            Arrays.sort(o, Comparator.<Integer>comparingLong(i -> pc[i] ^ Long.MIN_VALUE)
                    .thenComparingInt(i -> line[i] == 0 ? 0 : 1));
            long[] p2 = new long[n];
            int[] l2 = new int[n], r2 = new int[n];
            boolean[] s2 = new boolean[n], e2 = new boolean[n];
            for (int i = 0; i < n; i++) {
                p2[i] = pc[o[i]];
                l2[i] = line[o[i]];
                r2[i] = row[o[i]];
                s2[i] = stmt[o[i]];
                e2[i] = prologueEnd[o[i]];
            }
            pc = p2;
            line = l2;
            row = r2;
            stmt = s2;
            prologueEnd = e2;
        }

        /** Index of the first entry with pc > target (std::upper_bound). */
        int upperBound(long target) {
            int lo = 0, hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(pc[mid], target) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    List<Subfile> subfiles() {
        List<Subfile> s = subfiles;
        return s != null ? s : readSubfiles();
    }

    private synchronized List<Subfile> readSubfiles() {
        if (subfiles != null) {
            return subfiles;
        }
        LineProgram p = program();
        Map<String, Subfile> byPath = new LinkedHashMap<>();
        Die r = root();
        if (p != null && r != null) {
            // the unit's own file comes first (buildsym's primary subfile, named by DW_AT_name)
            String primary = null;
            try {
                String nm = r.name();
                if (nm != null) {
                    primary = nm.startsWith("/") ? nm : join(r.string(Dw.AT_comp_dir), nm);
                    byPath.put(primary, new Subfile(primary, nm));
                }
            } catch (RuntimeException e) {
                owner.problem(where() + ": " + e.getMessage());
            }
            Subfile last = null;
            int lastLine = 0;
            long lastAddress = 0;
            for (int i = 0; i < p.rowCount(); i++) {
                String path = p.path(p.file(i));
                Subfile cur = path == null ? null : byPath.computeIfAbsent(path, k -> new Subfile(k, null));
                boolean end = p.endSequence(i);
                long a = p.address(i);
                int line = p.line(i);
                if (cur != null) {
                    // lnp_state_machine::record_line (gdb 13)
                    boolean fileChanged = last != cur;
                    boolean ignore = fileChanged && !end && lastAddress == a && !p.isStmt(i) || !end && line == 0;
                    if ((fileChanged && !ignore) || end) {
                        if (last != null) {
                            last.add(a, 0, true, false, i);
                        }
                    }
                    if (!end && !ignore) {
                        // dwarf_record_line_p: a repeated line is recorded unless it has discriminators
                        if (last != cur || line != lastLine || !p.lineDiscriminated(i)) {
                            cur.add(a, line, p.isStmt(i), p.prologueEnd(i), i);
                        }
                        last = cur;
                        lastLine = line;
                    }
                }
                lastAddress = a;
                if (end) {
                    last = null; // a new state machine per sequence
                    lastLine = 0;
                    lastAddress = 0;
                }
            }
        }
        List<Subfile> out = new ArrayList<>(byPath.values());
        for (Subfile s : out) {
            s.sort();
        }
        subfiles = Collections.unmodifiableList(out);
        return subfiles;
    }

    /** gdb's find_pc_sect_line over this unit's tables: entry [subfile, index, end-address] or null. */
    GdbLine gdbLine(long pc) {
        Subfile bestFile = null;
        int best = -1;
        long bestEnd = 0;
        for (Subfile s : subfiles()) {
            if (s.n == 0) {
                continue;
            }
            int item = s.upperBound(pc);
            int prev = item - 1;
            if (prev >= 0 && (best < 0 || Long.compareUnsigned(s.pc[prev], bestFile.pc[best]) > 0)) {
                bestFile = s;
                best = prev;
                if (!s.stmt[best]) {
                    // prefer an is_stmt entry at the same address
                    int t = best;
                    while (t > 0 && s.pc[t - 1] == s.pc[t] && s.line[t - 1] != 0 && !s.stmt[t]) {
                        t--;
                    }
                    if (s.stmt[t]) {
                        best = t;
                    }
                }
                if (bestEnd != 0 && Long.compareUnsigned(bestEnd, s.pc[best]) <= 0) {
                    bestEnd = 0;
                }
            }
            if (best >= 0 && item < s.n && Long.compareUnsigned(s.pc[item], bestFile.pc[best]) > 0
                    && (bestEnd == 0 || Long.compareUnsigned(bestEnd, s.pc[item]) > 0)) {
                bestEnd = s.pc[item];
            }
        }
        if (best < 0 || bestFile.line[best] == 0) {
            return null;
        }
        return new GdbLine(bestFile, best, bestEnd);
    }

    record GdbLine(Subfile file, int index, long end) {
        int line() {
            return file.line[index];
        }

        long pc() {
            return file.pc[index];
        }

        boolean stmt() {
            return file.stmt[index];
        }
    }

    // ---------------------------------------------------------------- scopes

    synchronized List<Scope> scopes() {
        if (scopes != null) {
            return scopes;
        }
        List<Scope> top = new ArrayList<>();
        Die r = root();
        if (r != null) {
            try {
                unit.entries(); // the whole tree (records damage in the unit)
                String dmg = unit.damaged();
                if (dmg != null) {
                    owner.problem(where() + ": " + dmg);
                }
                collect(r, null, top);
            } catch (RuntimeException e) {
                owner.problem(where() + ": " + e.getMessage());
            }
        }
        buildPaint(top);
        scopes = top;
        return scopes;
    }

    /**
     * The pc -> innermost scope map, as gdb's addrmap of blocks: every range boundary splits the
     * address space into segments, and each segment belongs to the first scope finished over it
     * (innermost first, then earlier siblings), since a parent never overwrites its children.
     */
    private void buildPaint(List<Scope> top) {
        List<Scope> all = new ArrayList<>();
        for (Scope s : top) {
            addAll(s, all);
        }
        long[] b = new long[0];
        int n = 0;
        for (Scope s : all) {
            for (int i = 0; i < s.low.length; i++) {
                if (n + 2 > b.length) {
                    b = Arrays.copyOf(b, Math.max(16, b.length * 2));
                }
                b[n++] = s.low[i] ^ Long.MIN_VALUE;
                b[n++] = s.high[i] ^ Long.MIN_VALUE;
            }
        }
        b = Arrays.copyOf(b, n);
        Arrays.sort(b);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || b[i] != b[k - 1]) {
                b[k++] = b[i];
            }
        }
        long[] bounds = new long[k];
        for (int i = 0; i < k; i++) {
            bounds[i] = b[i] ^ Long.MIN_VALUE;
        }
        Scope[] paint = new Scope[k];
        for (Scope s : top) {
            paintPostOrder(s, bounds, paint);
        }
        segBounds = bounds;
        segScope = paint;
    }

    private static void paintPostOrder(Scope s, long[] bounds, Scope[] paint) {
        for (Scope c : s.children) {
            paintPostOrder(c, bounds, paint);
        }
        for (int r = 0; r < s.low.length; r++) {
            int i = lastAtOrBelow(bounds, s.low[r]);
            for (; i >= 0 && i < bounds.length && Long.compareUnsigned(bounds[i], s.high[r]) < 0; i++) {
                if (paint[i] == null) {
                    paint[i] = s;
                }
            }
        }
    }

    private void collect(Die d, Scope parent, List<Scope> top) {
        for (Die c : d.children()) {
            int tag = c.tag();
            if (tag == Dw.TAG_subprogram || tag == Dw.TAG_inlined_subroutine || tag == Dw.TAG_lexical_block
                    || tag == Dw.TAG_entry_point) {
                List<Ranges.Range> rs;
                try {
                    rs = Ranges.of(c);
                } catch (RuntimeException e) {
                    owner.problem(where() + ": ranges of " + c + ": " + e.getMessage());
                    rs = List.of();
                }
                if (rs.isEmpty()) {
                    if (tag == Dw.TAG_lexical_block) {
                        collect(c, parent, top); // no pc range: its contents belong to the enclosing scope
                    }
                    continue; // declarations and abstract instances cover no code
                }
                long[] lo = new long[rs.size()], hi = new long[rs.size()];
                for (int i = 0; i < rs.size(); i++) {
                    lo[i] = rs.get(i).low();
                    hi[i] = rs.get(i).high();
                }
                Scope s = new Scope(this, c, lo, hi, parent);
                if (parent == null) {
                    top.add(s);
                } else {
                    parent.children.add(s);
                }
                collect(c, s, top);
            } else if (parent != null && tag != Dw.TAG_call_site && tag != Dw.TAG_GNU_call_site) {
                if (parent.tag() == Dw.TAG_lexical_block) {
                    parent.hasSymbols = true;
                }
            } else if (parent == null && tag == Dw.TAG_namespace) {
                collect(c, null, top);
            }
        }
    }

    /** The innermost scope holding {@code pc} (link address), or null. */
    Scope innermost(long pc) {
        if (scopes == null) {
            scopes();
        }
        long[] bounds = segBounds;
        int i = lastAtOrBelow(bounds, pc);
        return i < 0 || i >= bounds.length - 1 ? null : segScope[i];
    }

    /** Every top-level scope (subprograms) for name lookups. */
    List<Scope> allScopes() {
        List<Scope> out = new ArrayList<>();
        for (Scope s : scopes()) {
            addAll(s, out);
        }
        return out;
    }

    private static void addAll(Scope s, List<Scope> out) {
        out.add(s);
        for (Scope c : s.children) {
            addAll(c, out);
        }
    }

    /**
     * gdb's compunit locations_valid: gcc 4.5 or later produced it and some variable has a location
     * list (dwarf2/read.c process_full_comp_unit). Then gdb trusts locations at a function's first
     * instruction and does not skip the prologue.
     */
    synchronized boolean locationsValid() {
        if (locationsValid == null) {
            boolean v = false;
            Die r = root();
            try {
                String producer = r == null ? null : r.string(Dw.AT_producer);
                if (producer != null && producer.startsWith("GNU ") && !producer.startsWith("GNU AS")) {
                    for (Die d : unit.entries().values()) {
                        int f = d.form(Dw.AT_location);
                        if (f == Dw.FORM_sec_offset || f == Dw.FORM_loclistx
                                || (unit.version() < 4 && (f == Dw.FORM_data4 || f == Dw.FORM_data8))) {
                            v = true;
                            break;
                        }
                    }
                }
            } catch (RuntimeException e) {
                owner.problem(where() + ": " + e.getMessage());
            }
            locationsValid = v;
        }
        return locationsValid;
    }

    static String join(String dir, String name) {
        if (name.startsWith("/") || dir == null || dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
