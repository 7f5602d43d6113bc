package io.el2studio.engine.tests.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.el2studio.engine.expr.Block;
import io.el2studio.engine.expr.FrameExpressionContext;
import io.el2studio.engine.expr.Scopes;
import io.el2studio.engine.expr.Variable;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import io.el2studio.engine.tests.support.SimFixture;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.Unwinder;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.loader.ElfImage;

/**
 * Values of arguments and locals on a real run, against gdb-multiarch driving qemu-system-aarch64's
 * gdbstub: at a breakpoint on every function of every engine test program at -O0, -Og and -O2, the
 * names gdb's {@code info args} and {@code info locals} list (and their order) must be ours, and for
 * every scalar (integer, pointer, enum) gdb's {@code print/x NAME} must equal what our location
 * (register, memory, stack value, pieces, entry value through the caller's call site, or optimized
 * out) gives on the simulator at the same stop. The caller's frame (gdb's {@code up}) is compared too
 * where the stop is not in inlined code.
 */
class ValuesVersusGdbTest {
    private static final int STOPS = 40;
    /** A breakpoint of one location, or one location (N.M) of a breakpoint with several (inlined copies). */
    private static final Pattern ADDRESS = Pattern.compile("^(\\d+)(?:\\s+breakpoint\\s+(?:keep|del)\\s+y|\\.\\d+\\s+y)\\s+0x([0-9a-f]+)");
    private static final Pattern FRAME = Pattern.compile("^#\\d+\\s+(?:0x[0-9a-f]+ in )?(\\S+) \\(");
    private static final Pattern NAME = Pattern.compile("^([A-Za-z_]\\w*) = ");

    static Stream<Path> elves() {
        List<Path> all = new ArrayList<>(EngineGuests.all());
        all.addAll(VariantGuests.all("dwarf4")); // .debug_loc, DW_TAG_GNU_call_site, DW_OP_GNU_entry_value
        all.addAll(VariantGuests.all("clang")); // loclistx, addrx, strx
        return all.stream();
    }

    /** What we say at one stop, for one frame. */
    record Seen(String function, long pc, List<String> args, List<String> locals, Map<String, String> values,
            Map<String, String> locations) {
    }

    @ParameterizedTest
    @MethodSource("elves")
    void atEveryFunctionArgsLocalsAndValuesEqualGdbs(Path elf) throws Exception {
        ElfImage image = ElfImage.read(elf);
        List<String> breaks = new ArrayList<>();
        for (ElfImage.Symbol s : image.symbols()) {
            if (s.type() == ElfImage.STT_FUNC && !s.name().isEmpty() && !breaks.contains("break " + s.name())) {
                breaks.add("break " + s.name());
            }
        }
        compare(elf, image, breaks, false);
    }

    /**
     * A temporary breakpoint at every address gdb's {@code break FILE:LINE} chooses for a line of the
     * program's C file, so each such address stops once: stops in the middle of functions, in inlined
     * code and loops, where location lists change ({@code tbreak *ADDR}: one location per breakpoint, and
     * gdb then shows every inline level at the pc).
     */
    @ParameterizedTest
    @MethodSource("elves")
    void atEveryLineArgsLocalsAndValuesEqualGdbs(Path elf) throws Exception {
        ElfImage image = ElfImage.read(elf);
        String program = EngineGuests.label(elf).split("-")[0];
        String file = program.equals("asm") ? "asmmain.c" : program + ".c";
        long lines = java.nio.file.Files.lines(EngineGuests.sourceDir().resolve(file)).count();
        List<String> breaks = new ArrayList<>();
        for (int l = 1; l <= lines; l++) {
            breaks.add("break " + file + ":" + l);
        }
        breaks.add("info breakpoints");
        GdbOracle.Transcript placed = GdbOracle.onElf(elf, breaks);
        Set<Long> addresses = new java.util.TreeSet<>(Long::compareUnsigned);
        for (String line : placed.outputs().get(breaks.size() - 1)) {
            Matcher m = ADDRESS.matcher(line);
            if (m.find()) {
                addresses.add(Long.parseUnsignedLong(m.group(2), 16));
            }
        }
        List<String> tbreaks = new ArrayList<>();
        for (long a : addresses) {
            tbreaks.add("tbreak *0x" + Long.toHexString(a));
        }
        compare(elf, image, tbreaks, true);
    }

    private static void compare(Path elf, ElfImage image, List<String> placing, boolean temporary) throws Exception {
        List<String> breaks = new ArrayList<>(placing);
        breaks.add("info breakpoints");
        GdbOracle.Transcript placed = GdbOracle.onElf(elf, breaks);
        // gdb's breakpoints: number -> addresses (a temporary one goes away at its first hit, every location)
        Map<Integer, List<Long>> byNumber = new java.util.TreeMap<>();
        Set<Long> addresses = new LinkedHashSet<>();
        for (String line : placed.outputs().get(breaks.size() - 1)) {
            Matcher m = ADDRESS.matcher(line);
            if (m.find()) {
                long a = Long.parseUnsignedLong(m.group(2), 16);
                addresses.add(a);
                byNumber.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(a);
            }
        }
        assertTrue(addresses.size() >= 2, "gdb placed too few breakpoints: " + placed.raw());

        // pass 1, gdb: which function each stop is in (gdb hides inline frames that start at the pc unless
        // the breakpoint is the inlined function's), and the names info args / info locals list
        List<String> cmds1 = new ArrayList<>(breaks.subList(0, breaks.size() - 1));
        int first = cmds1.size();
        for (int i = 0; i < STOPS; i++) {
            cmds1.addAll(List.of("continue", "bt", "info args", "info locals", "up", "info args", "info locals"));
        }
        GdbOracle.Transcript t1 = GdbOracle.onQemu(elf, cmds1);
        List<List<String>> gdbFunctions = new ArrayList<>();
        for (int i = 0; i < STOPS; i++) {
            List<String> fns = new ArrayList<>();
            for (String line : t1.outputs().get(first + 7 * i + 1)) {
                Matcher m = FRAME.matcher(line);
                if (m.find()) {
                    fns.add(m.group(1));
                }
            }
            if (fns.isEmpty()) {
                break; // the program has exited
            }
            gdbFunctions.add(fns);
        }
        assertTrue(gdbFunctions.size() >= 2, "gdb stopped only " + gdbFunctions.size() + " times:\n" + t1.raw());

        // our side at the same stops
        Scopes scopes = Scopes.of(io.el2studio.engine.symbols.SymbolFile.open(elf, 0, io.el2studio.engine.symbols.AddressSpace.of(1, -1)));
        FrameSymbols symbols = FrameSymbols.of(image, 0);
        Unwinder unwinder = new Unwinder();
        List<List<Seen>> ours = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        List<String> simPcs = new ArrayList<>();
        try (SimFixture fx = SimFixture.boot(elf, 1)) {
            SimTarget target = new SimTarget(fx.simulation(), 0);
            for (long a : addresses) {
                fx.simulation().addBreakpoint(Breakpoint.va(a));
            }
            for (int i = 0; i < gdbFunctions.size(); i++) {
                long token = fx.simulation().run();
                StopReason r = fx.simulation().awaitStopAfter(token, 60, TimeUnit.SECONDS);
                if (r == null || r.kind() != StopKind.BREAKPOINT) {
                    StringBuilder g = new StringBuilder();
                    for (int j = 0; j <= i && j < gdbFunctions.size(); j++) {
                        g.append("\n  gdb ").append(t1.text(first + 7 * j).replace("\n", " | "));
                    }
                    fail("stop " + i + " on the simulator: " + r + "; ours so far " + simPcs + g);
                }
                simPcs.add(Long.toHexString(r.pc()));
                if (temporary) {
                    for (List<Long> group : byNumber.values()) {
                        if (group.contains(r.pc())) {
                            for (long a : group) {
                                fx.simulation().removeBreakpoint(Breakpoint.va(a));
                            }
                        }
                    }
                    byNumber.values().removeIf(group -> group.contains(r.pc()));
                }
                List<Frame> frames = unwinder.frames(new ExprSimContext(target, symbols));
                List<Block> levels = scopes.functionsAt(frames.get(0).lookupPc());
                // gdb hides inline levels that start at the stop pc unless the breakpoint is the inlined
                // function's (infrun's skip_inline_frames): take the level where its backtrace begins
                List<String> g = gdbFunctions.get(i);
                int depth = 0;
                while (depth < levels.size() && !matches(levels.subList(depth, levels.size()), g)) {
                    depth++;
                }
                if (depth == levels.size()) {
                    differences.add("stop " + i + ": gdb's frames " + g + ", our levels " + levels);
                    depth = 0;
                }
                List<Seen> stop = new ArrayList<>();
                stop.add(seen(FrameExpressionContext.of(frames, 0, depth, f -> scopes)));
                if (depth + 1 < levels.size()) {
                    stop.add(seen(FrameExpressionContext.of(frames, 0, depth + 1, f -> scopes)));
                } else if (frames.size() > 1 && !frames.get(1).isExceptionMarker()) {
                    stop.add(seen(FrameExpressionContext.of(frames, 1, 0, f -> scopes)));
                }
                ours.add(stop);
            }
        }

        // pass 2, gdb: print/x of every scalar we list, in the same frames
        List<String> cmds = new ArrayList<>(breaks.subList(0, breaks.size() - 1));
        List<Integer> index = new ArrayList<>();
        for (List<Seen> stop : ours) {
            cmds.add("continue");
            for (int f = 0; f < stop.size(); f++) {
                if (f == 1) {
                    cmds.add("up");
                }
                index.add(cmds.size());
                for (String n : stop.get(f).values().keySet()) {
                    cmds.add("print/x " + n);
                }
            }
        }
        GdbOracle.Transcript t = GdbOracle.onQemu(elf, cmds);
        int k = 0, compared = 0, names = 0;
        for (int s = 0; s < ours.size(); s++) {
            for (int f = 0; f < ours.get(s).size(); f++) {
                Seen o = ours.get(s).get(f);
                String where = EngineGuests.label(elf) + " stop " + s + " frame " + f + " (" + o.function() + "; gdb "
                        + t1.outputs().get(first + 7 * s + 1 + 3 * f).get(0) + ")";
                int at = first + 7 * s + 2 + 3 * f;
                List<String> gArgs = names(t1.outputs().get(at));
                List<String> gLocals = names(t1.outputs().get(at + 1));
                names += gArgs.size() + gLocals.size();
                if (!gArgs.equals(o.args())) {
                    differences.add(where + ": info args " + gArgs + ", ours " + o.args() + "\n" + t1.text(at));
                }
                if (!gLocals.equals(o.locals())) {
                    differences.add(where + ": info locals " + gLocals + ", ours " + o.locals() + "\n" + t1.text(at + 1));
                }
                int p = index.get(k++);
                for (Map.Entry<String, String> e : o.values().entrySet()) {
                    String g = t.text(p++).replaceFirst("^\\$\\d+ = ", "");
                    compared++;
                    if (!g.equals(e.getValue())) {
                        differences.add(where + ": print/x " + e.getKey() + " gdb " + g + ", ours " + e.getValue() + " at pc 0x"
                                + Long.toHexString(o.pc()) + " from " + o.locations().get(e.getKey()));
                    }
                }
            }
        }
        System.out.printf("%s: %d stops, %d names listed, %d values compared (entry values so far %d, %d of them known; "
                + "caller names hidden in inline frames so far %d), %d differences%n",
                EngineGuests.label(elf), ours.size(), names, compared, ENTRY_VALUES.get(), ENTRY_VALUES_KNOWN.get(), HIDDEN.get(),
                differences.size());
        assertEquals(List.of(), differences, differences.size() + " differences");
    }

    static final java.util.concurrent.atomic.AtomicInteger ENTRY_VALUES = new java.util.concurrent.atomic.AtomicInteger(),
            ENTRY_VALUES_KNOWN = new java.util.concurrent.atomic.AtomicInteger(),
            HIDDEN = new java.util.concurrent.atomic.AtomicInteger();

    /** Whether the expression for {@code v} at {@code pc} starts with DW_OP_entry_value (for the statistics). */
    static boolean usesEntryValue(Variable v, long pc) {
        io.el2studio.engine.dwarf.Die d = v.die() == null ? null : v.die().withInherited(io.el2studio.engine.dwarf.Dw.AT_location);
        if (d == null || d.isBlock(io.el2studio.engine.dwarf.Dw.AT_location)) {
            return false;
        }
        byte[] e = io.el2studio.engine.expr.LocationList.read(d, io.el2studio.engine.dwarf.Dw.AT_location).expressionAt(pc, -1);
        return e != null && e.length > 0 && ((e[0] & 0xff) == 0xa3 || (e[0] & 0xff) == 0xf3);
    }

    /** Our function levels at the pc are the first frames of gdb's backtrace. */
    static boolean matches(List<Block> levels, List<String> gdb) {
        if (gdb.size() < levels.size()) {
            return false;
        }
        for (int i = 0; i < levels.size(); i++) {
            if (!gdb.get(i).equals(levels.get(i).functionName())) {
                return false;
            }
        }
        return true;
    }

    /** gdb's "name = value" lines (value lines of aggregates that wrap are not names). */
    static List<String> names(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = NAME.matcher(l);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    static Seen seen(FrameExpressionContext ctx) {
        Block b = ctx.block();
        List<String> args = new ArrayList<>(), locals = new ArrayList<>();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Map<String, Integer> count = new HashMap<>();
        Map<String, String> where = new HashMap<>();
        List<Variable> all = new ArrayList<>(Scopes.arguments(b));
        for (Variable v : Scopes.arguments(b)) {
            args.add(v.name());
        }
        for (Variable v : Scopes.locals(b)) {
            locals.add(v.name());
            all.add(v);
        }
        for (Variable v : all) {
            count.merge(v.name(), 1, Integer::sum);
        }
        for (Variable v : all) {
            if (count.get(v.name()) == 1 && v.kind() != Variable.Kind.ENUMERATOR) {
                io.el2studio.engine.expr.Location l = v.location(ctx);
                String x = RawValue.printX(l, v.type(), ctx);
                if (x != null) {
                    values.put(v.name(), x);
                    where.put(v.name(), l.toString());
                    if (usesEntryValue(v, ctx.pc())) {
                        ENTRY_VALUES.incrementAndGet();
                        if (!x.equals("<optimized out>")) {
                            ENTRY_VALUES_KNOWN.incrementAndGet();
                        }
                    }
                }
            }
        }
        // file-scope and global scalars through C name lookup from this block (not those a local shadows)
        if (b != null) {
            for (Variable g : ctx.scopes().globals()) {
                if (!count.containsKey(g.name()) && !values.containsKey(g.name())) {
                    Variable v = ctx.scopes().lookup(g.name(), b).orElseThrow();
                    io.el2studio.engine.expr.Location l = v.location(ctx);
                    String x = RawValue.printX(l, v.type(), ctx);
                    if (x != null && v.kind() != Variable.Kind.ENUMERATOR) {
                        values.put(v.name(), x);
                        where.put(v.name(), l.toString());
                    }
                }
            }
        }
        // in an inlined function the caller's locals are out of scope (gdb's lookup stops at an inline block)
        if (b != null && b.function() != null && b.function().isInlined()) {
            for (Block o = b.function().parent(); o != null; o = o.parent()) {
                for (Variable v : o.variables()) {
                    if (!values.containsKey(v.name()) && ctx.scopes().lookup(v.name(), b).isEmpty()) {
                        values.put(v.name(), "No symbol \"" + v.name() + "\" in current context.");
                        where.put(v.name(), "not visible");
                        HIDDEN.incrementAndGet();
                    }
                }
            }
        }
        return new Seen(b == null || b.function() == null ? "??" : b.function().functionName(), ctx.pc(), args, locals, values,
                where);
    }
}
