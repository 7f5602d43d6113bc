package io.el2studio.engine.tests.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.symbols.AddressSpace;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import io.el2studio.engine.tests.support.SimFixture;
import io.el2studio.engine.unwind.Backtrace;
import io.el2studio.engine.unwind.CfiRules;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.Unwinder;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Translation;
import io.el2studio.sim.loader.ElfImage;

/**
 * A corrupt stack ends the backtrace where gdb ends it, with gdb's words: at the fourth stop in
 * fact() of recurse -O0 (five frames deep) the saved x29 of frame 0 is overwritten, on the simulator
 * and through QEMU's gdbstub alike, so that frame 1's CFA is below frame 0's ("previous frame inner to
 * this frame (corrupt stack?)"), equal to it ("previous frame identical to this frame (corrupt
 * stack?)") or outside memory ("Cannot access memory at address 0x..."). Also the frame limit.
 */
class CorruptStackTest {
    private static final int STOP = 4;

    record Stop(SimFixture fixture, SimTarget target, FrameSymbols symbols, long pc) {
    }

    private static Stop stopInFact(Path elf, long factBreak) throws Exception {
        SimFixture fx = SimFixture.boot(elf, 1);
        SimTarget target = new SimTarget(fx.simulation(), 0);
        fx.simulation().addBreakpoint(Breakpoint.va(factBreak));
        for (int i = 0; i < STOP; i++) {
            long token = fx.simulation().run();
            if (fx.simulation().awaitStopAfter(token, 60, TimeUnit.SECONDS) == null) {
                fail("no stop " + i);
            }
        }
        FrameSymbols symbols = FrameSymbols.of(SymbolFile.open(elf, 0, AddressSpace.of(1, -1)));
        return new Stop(fx, target, symbols, target.registers().pc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inner", "identical", "unreadable"})
    void reasonsAreGdbs(String how) throws Exception {
        Path elf = EngineGuests.build("recurse", "-O0");
        long factBreak = HypGdb.breakpointAddress(GdbOracle.onElf(elf, List.of("break fact")).outputs().get(0));
        Stop s = stopInFact(elf, factBreak);
        try (SimFixture fx = s.fixture) {
            Backtrace before = new Unwinder().unwind(new StopContext(s.target, s.symbols, s.symbols, Set.of()));
            assertTrue(before.frames().size() >= 5, "deep enough: " + before.frames());
            Frame f0 = before.frames().get(0);
            CfiRules.Offset x29 = (CfiRules.Offset) f0.rules().rule(DwarfRegs.FP);
            long slot = f0.cfa() + x29.offset(); // frame 0's saved {x29, x30} (stp x29, x30)
            long cfa0 = f0.cfa();
            // The return address goes to 0x40010000, code of no function and no CFI: frame 1 is then
            // unwound by its frame record (x29 -> {saved x29, saved x30}, CFA x29 + 16), in gdb as in ours.
            long nowhere = 0x40010000L;
            long[][] writes = switch (how) {
                case "inner" -> new long[][] {{slot, cfa0 - 0x100}, {slot + 8, nowhere}};
                // a frame that unwinds to itself: gdb (and so we) take its saved x29, x30 from [x29 + 16], [x29 + 24]
                case "identical" -> new long[][] {{slot, cfa0}, {slot + 8, nowhere}, {cfa0 + 16, cfa0}, {cfa0 + 24, nowhere}};
                default -> new long[][] {{slot, 0x7f_0000_0000L}, {slot + 8, nowhere}};
            };
            List<String> sets = new ArrayList<>();
            for (long[] w : writes) {
                byte[] b = new byte[8];
                for (int i = 0; i < 8; i++) {
                    b[i] = (byte) (w[1] >>> (8 * i));
                }
                fx.simulation().writeMemory(Translation.currentRegime(0), w[0], b);
                sets.add(String.format("set {long}0x%x = 0x%x", w[0], w[1]));
            }
            Backtrace after = new Unwinder().unwind(new StopContext(s.target, s.symbols, s.symbols, Set.of()));

            List<String> cmds = new ArrayList<>(List.of("break fact"));
            for (int i = 0; i < STOP; i++) {
                cmds.add("continue");
            }
            cmds.addAll(sets);
            int bt = cmds.size();
            cmds.add("bt");
            cmds.add("frame apply all -q info frame");
            GdbOracle.Transcript t = GdbOracle.onQemu(elf, cmds);
            UnwindVersusGdbTest.GdbStop g = UnwindVersusGdbTest.parse(t.outputs().get(bt), t.outputs().get(bt + 1));
            List<String> differences = new ArrayList<>();
            UnwindVersusGdbTest.compare(how, g, after, differences);
            assertEquals(List.of(), differences, "gdb:\n" + t.text(bt));
            String expected = switch (how) {
                case "inner" -> "previous frame inner to this frame (corrupt stack?)";
                case "identical" -> "previous frame identical to this frame (corrupt stack?)";
                default -> "Cannot access memory at address 0x";
            };
            assertTrue(after.stopReason() != null && after.stopReason().startsWith(expected), after.stopReason() + " " + after.frames() + "\ngdb:\n" + t.text(bt));
        }
    }

    @Test
    void theFrameLimitEndsALongListWithAReason() throws Exception {
        Path elf = EngineGuests.build("recurse", "-O0");
        long factBreak = ElfImage.read(elf).symbol("fact").orElseThrow().value();
        Stop s = stopInFact(elf, factBreak);
        try (SimFixture fx = s.fixture) {
            Backtrace all = new Unwinder().unwind(new StopContext(s.target, s.symbols, s.symbols, Set.of()));
            Backtrace three = new Unwinder(false, 3).unwind(new StopContext(s.target, s.symbols, s.symbols, Set.of()));
            assertEquals(3, three.frames().size());
            assertEquals(all.frames().subList(0, 3).stream().map(Frame::cfa).toList(), three.frames().stream().map(Frame::cfa).toList());
            assertEquals("backtrace limit of 3 frames reached", three.stopReason());
            Backtrace past = new Unwinder(true, 100).unwind(new StopContext(s.target, s.symbols, s.symbols, Set.of()));
            assertEquals("_start", past.frames().get(past.frames().size() - 1).function(), "past main: down to the entry");
            assertEquals(all.frames().size() + 1, past.frames().size());
        }
    }
}
