package io.el2studio.engine.tests.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import io.el2studio.engine.tests.support.SimFixture;
import io.el2studio.engine.unwind.Backtrace;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.Unwinder;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.loader.ElfImage;

/**
 * At a breakpoint in every function of every engine test program at -O0, -Og and -O2 (leaf
 * functions, the assembler functions of asmfunc.S, the semihosting exit without CFI, recursion more
 * than five deep), and of cfirun (frames whose CFA, x29 and x30 are DWARF expressions, a return address
 * kept in another register), the frames the engine unwinds on the simulator equal gdb-multiarch's on
 * qemu-system-aarch64's gdbstub: per frame the pc, the CFA ({@code info frame}'s "frame at") and the
 * function, and the reason after "Backtrace stopped:". The breakpoints are the addresses gdb chose for
 * {@code break FUNCTION}, and both runs stop at them in the same order.
 */
class UnwindVersusGdbTest {
    /** Stops compared per program and level (recurse has more; these cover every function and depth). */
    private static final int STOPS = 45;

    static Stream<Path> elves() {
        List<Path> all = new ArrayList<>(EngineGuests.all());
        all.add(UnwindGuests.cfiRun("-O0"));
        all.add(UnwindGuests.cfiRun("-O2"));
        // return addresses signed with PACIBSP (FEAT_PAuth of -cpu max): DW_CFA_AARCH64_negate_ra_state, 'B'
        all.add(UnwindGuests.engineProgram("recurse-pac-O0", "recurse", List.of("-O0", "-mbranch-protection=pac-ret+leaf+b-key")));
        all.add(UnwindGuests.engineProgram("list-pac-O2", "list", List.of("-O2", "-mbranch-protection=pac-ret+leaf")));
        return all.stream();
    }

    /** A frame as gdb's {@code info frame} describes it. */
    record GdbFrame(int level, long cfa, long pc, String function, boolean inline, long previousSp) {
    }

    record GdbStop(List<GdbFrame> frames, String reason) {
    }

    private static final Pattern LEVEL = Pattern.compile("^Stack level (\\d+), frame at 0x([0-9a-f]+):");
    private static final Pattern PC = Pattern.compile("^ pc = 0x([0-9a-f]+)(?: in ([^ ;]+))?");
    private static final Pattern PREVIOUS_SP = Pattern.compile("Previous frame's sp is 0x([0-9a-f]+)");
    private static final Pattern IN_FUNCTION = Pattern.compile("0x[0-9a-f]{16} in (\\S+) at ");
    private static final Pattern BT_FRAME = Pattern.compile("^#(\\d+)\\s+(?:0x([0-9a-f]+) in )?(\\S+) ");
    /** A CFA gdb did not print. */
    static final long UNKNOWN = -2;
    private static final Pattern ADDRESS = Pattern.compile("0x([0-9a-f]{16})");

    @ParameterizedTest
    @MethodSource("elves")
    void framesEqualGdbs(Path elf) throws Exception {
        ElfImage image = ElfImage.read(elf);
        List<String> functions = new ArrayList<>();
        for (ElfImage.Symbol s : image.symbols()) {
            // functions, and the global labels of assembler code (_start and sh_exit of crt0.S have no .type)
            boolean code = s.type() == ElfImage.STT_FUNC || (s.type() == 0 && s.shndx() != 0 && image.sections().size() > s.shndx()
                    && image.sections().get(s.shndx()).executable() && !s.name().startsWith("$") && !s.name().startsWith("."));
            if (code && !s.name().isEmpty() && !s.name().equals("_start") && !functions.contains(s.name())) {
                functions.add(s.name());
            }
        }
        List<String> cmds = new ArrayList<>();
        for (String f : functions) {
            cmds.add("break " + f);
        }
        int infoBreak = cmds.size();
        cmds.add("info breakpoints");
        int first = cmds.size();
        for (int i = 0; i < STOPS; i++) {
            cmds.add("continue");
            cmds.add("bt");
            cmds.add("frame apply all -q info frame");
        }
        GdbOracle.Transcript t = GdbOracle.onQemu(elf, cmds);
        Set<Long> addresses = new LinkedHashSet<>();
        java.util.Map<Long, Set<String>> locationFunctions = new java.util.HashMap<>();
        for (String line : t.outputs().get(infoBreak)) {
            Matcher m = ADDRESS.matcher(line);
            if (m.find()) {
                long a = Long.parseUnsignedLong(m.group(1), 16);
                addresses.add(a);
                Matcher in = IN_FUNCTION.matcher(line);
                if (in.find()) {
                    locationFunctions.computeIfAbsent(a, k -> new java.util.HashSet<>()).add(in.group(1));
                }
            }
        }
        assertTrue(addresses.size() >= functions.size() - 1, "gdb placed too few breakpoints: " + t.text(infoBreak));
        List<GdbStop> gdbStops = new ArrayList<>();
        for (int i = 0; i < STOPS; i++) {
            GdbStop s = parse(t.outputs().get(first + 3 * i + 1), t.outputs().get(first + 3 * i + 2));
            if (s.frames.isEmpty()) {
                break; // the program has exited
            }
            gdbStops.add(s);
        }
        assertTrue(gdbStops.size() >= 3, "gdb stopped only " + gdbStops.size() + " times:\n" + t.raw());

        FrameSymbols symbols = FrameSymbols.of(SymbolFile.open(elf, 0, AddressSpace.of(1, -1)));
        Unwinder unwinder = new Unwinder();
        List<String> differences = new ArrayList<>();
        int frames = 0, deepest = 0;
        long gdbInline = gdbStops.stream().flatMap(g -> g.frames.stream()).filter(GdbFrame::inline).count();
        long ourInline = 0;
        try (SimFixture fx = SimFixture.boot(elf, 1)) {
            SimTarget target = new SimTarget(fx.simulation(), 0);
            for (long a : addresses) {
                fx.simulation().addBreakpoint(Breakpoint.va(a));
            }
            for (int i = 0; i < gdbStops.size(); i++) {
                long token = fx.simulation().run();
                StopReason r = fx.simulation().awaitStopAfter(token, 60, TimeUnit.SECONDS);
                if (r == null || r.kind() != StopKind.BREAKPOINT) {
                    fail("stop " + i + " on the simulator: " + r);
                }
                Backtrace bt = unwinder.unwind(new StopContext(target, symbols, symbols,
                        locationFunctions.getOrDefault(r.pc(), Set.of())));
                GdbStop g = gdbStops.get(i);
                String where = String.format("%s stop %d at 0x%x", EngineGuests.label(elf), i, r.pc());
                compare(where, g, bt, differences);
                frames += bt.frames().size();
                deepest = Math.max(deepest, bt.frames().size());
                ourInline += bt.frames().stream().filter(Frame::isInline).count();
            }
        }
        System.out.printf("%s: %d stops, %d frames (%d inline; gdb %d), deepest %d%n", EngineGuests.label(elf),
                gdbStops.size(), frames, ourInline, gdbInline, deepest);
        if (EngineGuests.label(elf).startsWith("recurse") && !EngineGuests.label(elf).endsWith("-O2")) {
            // (at -O2 gcc inlines fib and fact into themselves: the depth is in inline frames)
            assertTrue(deepest > 6, "recursion deeper than 5 was compared (deepest " + deepest + ")");
        }
        assertEquals(List.of(), differences, differences.size() + " differences in " + frames + " frames");
    }

    static GdbStop parse(List<String> bt, List<String> info) {
        List<GdbFrame> frames = new ArrayList<>();
        int level = -1;
        long cfa = -1;
        long pc = -1;
        String fn = null;
        boolean inline = false;
        long prevSp = -1;
        for (String line : info) {
            Matcher sp = PREVIOUS_SP.matcher(line);
            if (sp.find()) {
                prevSp = Long.parseUnsignedLong(sp.group(1), 16);
            }
            Matcher m = LEVEL.matcher(line);
            if (m.find()) {
                if (level >= 0) {
                    frames.add(new GdbFrame(level, cfa, pc, fn, inline, prevSp));
                }
                level = Integer.parseInt(m.group(1));
                cfa = Long.parseUnsignedLong(m.group(2), 16);
                pc = -1;
                fn = null;
                inline = false;
                prevSp = -1;
                continue;
            }
            Matcher p = PC.matcher(line);
            if (p.find() && pc == -1) {
                pc = Long.parseUnsignedLong(p.group(1), 16);
                fn = p.group(2);
            }
            if (line.startsWith(" inlined into frame")) {
                inline = true;
            }
        }
        if (level >= 0) {
            frames.add(new GdbFrame(level, cfa, pc, fn, inline, prevSp));
        }
        // a frame whose `info frame` failed (gdb prints the error instead): its pc and function from bt
        for (String line : bt) {
            Matcher m = BT_FRAME.matcher(line);
            if (m.find() && Integer.parseInt(m.group(1)) == frames.size()) {
                long btPc = m.group(2) == null ? -1 : Long.parseUnsignedLong(m.group(2), 16);
                frames.add(new GdbFrame(frames.size(), UNKNOWN, btPc, m.group(3).equals("??") ? null : m.group(3), false, -1));
            }
        }
        String reason = null;
        for (String line : bt) {
            if (line.startsWith("Backtrace stopped: ")) {
                reason = line.substring("Backtrace stopped: ".length());
            }
        }
        return new GdbStop(frames, reason);
    }

    /** gdb names a clone (fib.part.0, f.constprop.0) by its DWARF name; the ELF symbol keeps the suffix. */
    static String baseName(String elfName) {
        if (elfName == null) {
            return null;
        }
        int dot = elfName.indexOf('.');
        return dot > 0 ? elfName.substring(0, dot) : elfName;
    }

    static void compare(String where, GdbStop g, Backtrace bt, List<String> differences) {
        List<GdbFrame> gdb = g.frames;
        List<Frame> ours = bt.frames();
        if (gdb.size() != ours.size()) {
            differences.add(where + ": " + ours.size() + " frames, gdb " + gdb.size() + "\n  ours " + ours + "\n  gdb  " + gdb);
            return;
        }
        for (int i = 0; i < gdb.size(); i++) {
            GdbFrame e = gdb.get(i);
            Frame f = ours.get(i);
            if (e.pc != f.pc() || (e.cfa != UNKNOWN && e.cfa != f.cfa()) || !java.util.Objects.equals(e.function, f.function())
                    || e.inline != f.isInline()) {
                differences.add(String.format("%s frame %d: ours pc 0x%x cfa 0x%x %s, gdb pc 0x%x cfa 0x%x %s", where, i, f.pc(),
                        f.cfa(), f.function(), e.pc, e.cfa, e.function));
            }
        }
        if (!java.util.Objects.equals(g.reason, bt.stopReason())) {
            differences.add(where + ": stop reason '" + bt.stopReason() + "', gdb '" + g.reason + "'");
        }
    }
}
