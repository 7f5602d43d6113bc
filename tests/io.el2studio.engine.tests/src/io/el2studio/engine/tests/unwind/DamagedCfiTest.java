package io.el2studio.engine.tests.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.engine.dwarf.DwarfException;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.SimFixture;
import io.el2studio.engine.unwind.Backtrace;
import io.el2studio.engine.unwind.CallFrameInfo;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.Unwinder;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;

/**
 * Damaged call frame information never throws out of the unwinder: copies of a test ELF with their
 * .eh_frame or .debug_frame fuzzed (bytes flipped, lengths and pointers overwritten, the tail cut to
 * zeros) unwind a real stop, five frames deep, of the simulator; the list always starts at the stop's
 * pc and, where the damage reaches the frames unwound, ends with a reason. The CFI reader itself throws
 * nothing but DwarfException (which names the section and offset) and lists what it skipped.
 */
class DamagedCfiTest {
    private static final int COPIES = 400;

    @ParameterizedTest
    @ValueSource(strings = {"recurse -O0 .eh_frame fact 3", "list -O2 .eh_frame walk 3", "types-debugframe - .debug_frame trap 1"})
    void fuzzedCfiEndsTheListWithAReasonAndNeverThrows(String what) throws Exception {
        String[] w = what.split(" ");
        Path elf = w[0].equals("types-debugframe")
                ? UnwindGuests.engineProgram("types-debugframe", "types", List.of("-O2", "-fno-asynchronous-unwind-tables",
                        "-fno-unwind-tables"))
                : EngineGuests.build(w[0], w[1]);
        String section = w[2];
        ElfImage image = ElfImage.read(elf);
        String function = w[3];
        int stops = Integer.parseInt(w[4]);
        long at = image.symbol(function).orElseThrow().value();
        byte[] original = Files.readAllBytes(elf);
        ElfImage.Section s = image.sections().stream().filter(x -> x.name().equals(section)).findFirst().orElseThrow();

        try (SimFixture fx = SimFixture.boot(elf, 1)) {
            SimTarget target = new SimTarget(fx.simulation(), 0);
            fx.simulation().addBreakpoint(Breakpoint.va(at));
            for (int i = 0; i < stops; i++) { // a few calls in: deeper frames where the program recurses
                long token = fx.simulation().run();
                if (fx.simulation().awaitStopAfter(token, 60, TimeUnit.SECONDS) == null) {
                    fail("no stop in " + function);
                }
            }
            long pc = target.registers().pc();
            Unwinder unwinder = new Unwinder();
            Backtrace good = unwinder.unwind(new StopContext(target, FrameSymbols.of(image, 0), FrameSymbols.of(image, 0), Set.of()));
            assertTrue(good.frames().size() >= 2, "a real backtrace first: " + good.frames());
            assertEquals(null, good.stopReason(), "a real backtrace first: " + good.frames());

            Random rnd = new Random(18);
            int changed = 0, damagedReason = 0, problems = 0;
            for (int n = 0; n < COPIES; n++) {
                byte[] copy = original.clone();
                damage(copy, (int) s.offset(), (int) s.size(), rnd);
                ElfImage fuzzed;
                try {
                    fuzzed = ElfImage.parse("fuzzed " + n, copy);
                } catch (ImageException e) {
                    continue; // only the frame section is damaged, so this is not expected; harmless if it is
                }
                FrameSymbols symbols = FrameSymbols.of(fuzzed, 0);
                CallFrameInfo cfi = symbols.cfi();
                problems += cfi.problems().isEmpty() ? 0 : 1;
                for (CallFrameInfo.Fde f : cfi.fdes()) {
                    try {
                        cfi.rulesAt(f.start());
                    } catch (DwarfException e) {
                        assertTrue(e.getMessage().contains(section), "the message names the section: " + e.getMessage());
                    }
                }
                Backtrace bt;
                try {
                    bt = unwinder.unwind(new StopContext(target, symbols, symbols, Set.of()));
                } catch (RuntimeException e) {
                    throw new AssertionError("copy " + n + " threw out of the unwinder", e);
                }
                assertFalse(bt.frames().isEmpty(), "copy " + n);
                assertEquals(pc, bt.frames().get(0).pc(), "copy " + n + ": frame 0 is where the PE is");
                boolean same = bt.frames().size() == good.frames().size() && java.util.stream.IntStream
                        .range(0, bt.frames().size()).allMatch(i -> sameFrame(bt.frames().get(i), good.frames().get(i)));
                if (!same) {
                    changed++;
                }
                if (bt.stopReason() != null && bt.stopReason().startsWith("damaged call frame information")) {
                    damagedReason++;
                }
            }
            System.out.printf("%s: %d copies, %d with problems listed, %d unwound differently, %d ended by damaged CFI%n", what,
                    COPIES, problems, changed, damagedReason);
            assertTrue(changed > COPIES / 20, "the damage reaches the frames (" + changed + " of " + COPIES + ")");
            assertTrue(damagedReason > 0 && problems > 0, "damage is reported");
        }
    }

    private static boolean sameFrame(Frame a, Frame b) {
        return a.pc() == b.pc() && a.cfa() == b.cfa();
    }

    /** One kind of damage at a random place of the section's bytes [off, off + len). */
    private static void damage(byte[] d, int off, int len, Random rnd) {
        switch (rnd.nextInt(4)) {
            case 0 -> { // a few bytes flipped
                for (int i = 1 + rnd.nextInt(6); i > 0; i--) {
                    d[off + rnd.nextInt(len)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> { // a length, id or pointer overwritten at an aligned offset
                int at = off + (rnd.nextInt(len / 4) * 4);
                int v = rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(64);
                for (int i = 0; i < 4 && at + i < off + len; i++) {
                    d[at + i] = (byte) (v >>> (8 * i));
                }
            }
            case 2 -> { // the tail cut to zeros
                for (int i = off + rnd.nextInt(len); i < off + len; i++) {
                    d[i] = 0;
                }
            }
            default -> { // a run of never-ending LEB128 bytes
                int at = off + rnd.nextInt(len);
                for (int i = at; i < Math.min(off + len, at + 1 + rnd.nextInt(24)); i++) {
                    d[i] = (byte) 0xff;
                }
            }
        }
    }
}
