package io.el2studio.engine.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.sim.loader.ElfImage;

/**
 * Generated gdb scripts for the differential tests: a breakpoint at every function of the program
 * (its own code, not crt0's) and at every fifth statement line of its sources; then, stop after
 * stop, {@code bt}, {@code info args}, {@code info locals}, {@code print} of each variable those
 * name and of the globals, and {@code ptype}/{@code whatis} of each the first time it is seen.
 * Which variables a stop has is learnt from gdb itself in a first run.
 */
public final class GdbScripts {
    private GdbScripts() {
    }

    /** The breakpoint commands: functions, then lines. */
    public static List<String> breakpoints(Path elf) {
        List<String> out = new ArrayList<>();
        try {
            ElfImage image = ElfImage.read(elf);
            SymbolFile f = SymbolFile.open(elf, 0, AddressSpace.of(1, -1));
            Set<String> files = new TreeSet<>();
            for (ElfImage.Symbol s : image.symbols()) {
                if (s.type() != ElfImage.STT_FUNC || s.size() == 0) {
                    continue;
                }
                Optional<LineRow> row = f.lineAt(s.value());
                if (row.isEmpty() || row.get().file().endsWith("crt0.S")) {
                    continue;
                }
                out.add("break " + s.name());
                files.add(row.get().file());
            }
            for (String file : files) {
                List<String> lines = Files.readAllLines(Path.of(file));
                int statements = 0;
                for (int i = 0; i < lines.size(); i++) {
                    String t = lines.get(i).strip();
                    boolean statement = lines.get(i).startsWith("    ") && (t.endsWith(";") || t.endsWith("{")) && !t.startsWith("//");
                    if (statement && ++statements % 5 == 0) {
                        out.add("break " + Path.of(file).getFileName() + ":" + (i + 1));
                    }
                }
            }
        } catch (IOException | io.el2studio.sim.loader.ImageException e) {
            throw new IllegalStateException(elf + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static final Pattern VAR = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*) = ");

    /** The global data objects of the program (not the C library's or the linker's). */
    static List<String> globals(Path elf) {
        List<String> out = new ArrayList<>();
        try {
            for (ElfImage.Symbol s : ElfImage.read(elf).symbols()) {
                if (s.type() == 1 /* STT_OBJECT */ && !s.name().startsWith("_") && s.size() > 0) {
                    out.add(s.name());
                }
            }
        } catch (io.el2studio.sim.loader.ImageException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /** The full comparison script with at most {@code maxStops} stops (continues). */
    public static List<String> stopsScript(Path elf, int maxStops) {
        List<String> bps = breakpoints(elf);
        // First run: where does gdb stop, and which variables does each stop have?
        List<String> probe = new ArrayList<>(bps);
        for (int i = 0; i < maxStops; i++) {
            probe.addAll(List.of("continue", "info args", "info locals"));
        }
        GdbOracle.Transcript t = GdbOracle.onQemu(elf, probe);
        List<String> script = new ArrayList<>(bps);
        Set<String> typed = new LinkedHashSet<>();
        List<String> globals = globals(elf);
        for (int i = 0; i < maxStops; i++) {
            int c = bps.size() + 3 * i;
            if (t.text(c).contains("exited") || t.text(c).contains("not being run")) {
                script.add("continue");
                break;
            }
            script.addAll(List.of("continue", "bt", "info args", "info locals"));
            List<String> names = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
                for (String line : t.outputs().get(c + k)) {
                    Matcher m = VAR.matcher(line);
                    if (m.find() && !names.contains(m.group(1))) {
                        names.add(m.group(1));
                    }
                }
            }
            if (i == 0) {
                names.addAll(globals);
            }
            for (String n : names) {
                script.add("print " + n);
                if (typed.add(n)) {
                    script.add("ptype " + n);
                    script.add("whatis " + n);
                }
            }
        }
        return script;
    }

    /** Each stop's commands as [first, end) indexes: from a continue to the next one. */
    public static List<int[]> stops(List<String> script) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).equals("continue")) {
                if (start >= 0) {
                    out.add(new int[] {start, i});
                }
                start = i;
            }
        }
        if (start >= 0) {
            out.add(new int[] {start, script.size()});
        }
        return out;
    }
}
