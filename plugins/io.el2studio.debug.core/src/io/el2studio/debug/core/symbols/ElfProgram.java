package io.el2studio.debug.core.symbols;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;

/**
 * {@link ProgramInfo} from an ELF file: function symbols from .symtab (the simulator's ElfImage)
 * and the line table as a list of rows ({@link LineTable}). Runtime addresses = link addresses
 * (the image is loaded where it is linked, as QEMU's -kernel loads an ELF).
 */
public final class ElfProgram implements ProgramInfo {
    private final ElfImage elf;
    private final List<Line> rows;
    /** Rows by address, for lookups; the sequence-end rows ({@code line 0}) end a range. */
    private final TreeMap<Long, Line> byAddress = new TreeMap<>();
    private final TreeMap<Long, ElfImage.Symbol> functions = new TreeMap<>();

    private ElfProgram(ElfImage elf, List<Line> rows) {
        this.elf = elf;
        this.rows = rows;
        for (Line r : rows) {
            byAddress.put(r.address(), r);
        }
        for (ElfImage.Symbol s : elf.symbols()) {
            if (s.type() == ElfImage.STT_FUNC && !s.name().isEmpty()) {
                functions.put(s.value(), s);
            }
        }
        // assembler labels (STT_NOTYPE) in executable sections name code too (_start)
        for (ElfImage.Symbol s : elf.symbols()) {
            if (s.type() == 0 && !s.name().isEmpty() && !s.name().startsWith("$") && !s.name().startsWith(".L")
                    && isCode(s.value()) && !functions.containsKey(s.value())) {
                functions.put(s.value(), s);
            }
        }
    }

    private boolean isCode(long a) {
        for (ElfImage.Section sec : elf.sections()) {
            if (sec.executable() && a >= sec.addr() && a < sec.addr() + sec.size()) {
                return true;
            }
        }
        return false;
    }

    /** Opens {@code path}; an unusable ELF is an ImageException, a missing line table gives no lines. */
    public static ElfProgram open(Path path) throws ImageException {
        ElfImage elf = ElfImage.read(path);
        List<Line> rows;
        try {
            rows = LineTable.read(path);
        } catch (IOException e) {
            rows = List.of();
        }
        return new ElfProgram(elf, rows);
    }

    public ElfImage elf() {
        return elf;
    }

    public List<Line> rows() {
        return Collections.unmodifiableList(rows);
    }

    @Override
    public Optional<Line> lineAt(long pc) {
        var e = byAddress.floorEntry(pc);
        if (e == null || e.getValue().line() <= 0) {
            return Optional.empty();
        }
        return Optional.of(e.getValue());
    }

    @Override
    public Optional<Function> functionAt(long pc) {
        var e = functions.floorEntry(pc);
        if (e == null) {
            return Optional.empty();
        }
        ElfImage.Symbol s = e.getValue();
        long size = s.size() > 0 ? s.size() : elf.extent(s);
        if (size > 0 && pc >= s.value() + size) {
            return Optional.empty();
        }
        return Optional.of(new Function(s.name(), s.value(), size));
    }

    @Override
    public Resolved breakpointAddresses(String file, int line) {
        int best = Integer.MAX_VALUE;
        for (Line r : rows) {
            if (r.line() >= line && r.line() < best && sameFile(r.file(), file)) {
                best = r.line();
            }
        }
        if (best == Integer.MAX_VALUE) {
            return new Resolved(line, List.of());
        }
        // every address where a run of rows of that line starts (a for loop's line has several)
        List<Long> out = new ArrayList<>();
        Line previous = null;
        List<Line> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Line::address));
        for (Line r : sorted) {
            boolean here = r.line() == best && sameFile(r.file(), file);
            boolean before = previous != null && previous.line() == best && sameFile(previous.file(), file);
            if (here && !before) {
                out.add(r.address());
            }
            previous = r;
        }
        // gdb keeps one location per function for a line (the lowest address)
        List<Long> perFunction = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (long a : out) {
            long f = functionAt(a).map(Function::start).orElse(a);
            if (!seen.contains(f)) {
                seen.add(f);
                perFunction.add(a);
            }
        }
        return new Resolved(best, perFunction);
    }

    /** gdb's rule: a breakpoint file name matches a line-table name when one is a path suffix of the other. */
    static boolean sameFile(String tableName, String requested) {
        String a = normalize(tableName), b = normalize(requested);
        return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
    }

    private static String normalize(String s) {
        String n = s.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n.replace("/./", "/");
    }

    @Override
    public OptionalLong address(String symbol) {
        return elf.symbol(symbol).map(s -> OptionalLong.of(s.value())).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong functionBreakpoint(String function) {
        OptionalLong start = address(function);
        if (start.isEmpty()) {
            return start;
        }
        Optional<Function> f = functionAt(start.getAsLong());
        long end = f.map(x -> x.start() + Math.max(4, x.size())).orElse(start.getAsLong() + 4);
        Optional<Line> first = lineAt(start.getAsLong());
        if (first.isEmpty()) {
            return start;
        }
        // the prologue is the function's first line; its body starts at the next row with another line
        for (Line r : byAddress.subMap(start.getAsLong(), end).values()) {
            if (r.line() > 0 && r.line() != first.get().line()) {
                return OptionalLong.of(r.address());
            }
        }
        return start;
    }
}
