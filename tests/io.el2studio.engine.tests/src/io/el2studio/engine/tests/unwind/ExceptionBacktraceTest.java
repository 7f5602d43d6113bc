package io.el2studio.engine.tests.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.tests.support.SimFixture;
import io.el2studio.engine.unwind.Backtrace;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.unwind.FrameSymbols;
import io.el2studio.engine.unwind.Unwinder;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Debug.ExceptionCatch;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.loader.ImageLoader;

/**
 * Issue 18, acceptance 3: a backtrace from the EL2 trap handler in C (hyp.c's handle_hvc) crosses the
 * exception into the guest's frames, with the guest's own ELF (linked at IPA 0x48000000, loaded at PA
 * 0x46000000 behind stage 2). Oracles: the hypervisor's frames are gdb-multiarch's on QEMU at EL2; the
 * guest's frames are gdb's at the guest's HVC instruction with the guest's ELF (same CFAs, callers'
 * pcs), their lines addr2line's and the source's CALL marks; the marker names the HVC and VMID 1.
 */
class ExceptionBacktraceTest {

    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-Og", "-O2"})
    void handlerFramesThenMarkerThenGuestFrames(String opt) throws Exception {
        Path hyp = UnwindGuests.hypervisor(opt), guest = UnwindGuests.guest(opt);
        ElfImage hypElf = ElfImage.read(hyp), guestElf = ElfImage.read(guest);

        // gdb with the hypervisor's symbols, stopped in handle_hvc: the EL2 frames, ELR_EL2
        List<List<String>> h = HypGdb.run(hyp, guest, hyp, List.of("break handle_hvc", "continue", "bt",
                "frame apply all -q info frame", "p/x $ELR_EL2"));
        long breakAt = HypGdb.breakpointAddress(h.get(0));
        UnwindVersusGdbTest.GdbStop gdbHyp = UnwindVersusGdbTest.parse(h.get(2), h.get(3));
        long elr = Long.parseUnsignedLong(h.get(4).get(0).replaceAll(".*0x", ""), 16);
        long hvcInsn = elr - 4; // HVC's preferred return address is the next instruction (Arm ARM D1.3.5)

        // gdb with the guest's symbols, stopped at the guest's HVC: the guest's frames
        List<List<String>> g = HypGdb.run(hyp, guest, guest, List.of("break *0x" + Long.toHexString(hvcInsn), "continue",
                "bt", "frame apply all -q info frame"));
        UnwindVersusGdbTest.GdbStop gdbGuest = UnwindVersusGdbTest.parse(g.get(2), g.get(3));
        assertEquals(List.of("leaf_call", "middle", "outer", "main"), gdbGuest.frames().stream()
                .map(UnwindVersusGdbTest.GdbFrame::function).toList(), "gdb's guest frames:\n" + g);

        FrameSymbols hypSyms = FrameSymbols.of(hypElf, 0), guestSyms = FrameSymbols.of(guestElf, 0);
        Backtrace bt, atEntry;
        try (SimFixture fx = SimFixture.boot(hyp, 2)) {
            fx.simulation().call(b -> {
                try {
                    return ImageLoader.loadElf(guestElf, b.bus); // the extra image, at its physical addresses
                } catch (ImageException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, 5000);
            SimTarget target = new SimTarget(fx.simulation(), 0);
            // first at the exception entry itself (the PE at the vector's first instruction), then in the handler
            fx.simulation().addExceptionCatch(ExceptionCatch.toEl(2, 0x16));
            long token = fx.simulation().run();
            StopReason e = fx.simulation().awaitStopAfter(token, 60, TimeUnit.SECONDS);
            if (e == null || e.kind() != StopKind.EXCEPTION) {
                fail("the simulator did not stop at the HVC's exception entry: " + e + " " + fx.output());
            }
            atEntry = new Unwinder().unwind(new StopContext(target, hypSyms, guestSyms, java.util.Set.of()));
            fx.simulation().removeExceptionCatch(ExceptionCatch.toEl(2, 0x16));
            fx.simulation().addBreakpoint(Breakpoint.va(breakAt));
            token = fx.simulation().run();
            StopReason r = fx.simulation().awaitStopAfter(token, 60, TimeUnit.SECONDS);
            if (r == null || r.kind() != StopKind.BREAKPOINT) {
                fail("the simulator did not stop in handle_hvc: " + r + " " + fx.output());
            }
            bt = new Unwinder().unwind(new StopContext(target, hypSyms, guestSyms, java.util.Set.of("handle_hvc")));
        }
        System.out.println("backtrace at " + opt + ":\n  " + String.join("\n  ", bt.frames().stream().map(Frame::toString).toList()));

        int marker = -1;
        for (int i = 0; i < bt.frames().size(); i++) {
            if (bt.frames().get(i).isExceptionMarker()) {
                assertEquals(-1, marker, "one marker");
                marker = i;
            }
        }
        assertTrue(marker > 0, "a marker frame: " + bt.frames());
        List<Frame> el2 = bt.frames().subList(0, marker), el1 = bt.frames().subList(marker + 1, bt.frames().size());

        // the handler's frames are gdb's
        List<String> differences = new ArrayList<>();
        List<UnwindVersusGdbTest.GdbFrame> gh = gdbHyp.frames();
        assertEquals(gh.size(), el2.size(), "EL2 frames, gdb's " + gh + ", ours " + el2);
        for (int i = 0; i < gh.size(); i++) {
            UnwindVersusGdbTest.GdbFrame e = gh.get(i);
            Frame f = el2.get(i);
            // gdb prints "frame at 0x0" for a frame with an undefined return address (its outer_frame_id);
            // its CFA is then "Previous frame's sp"
            long cfa = e.cfa() == 0 ? e.previousSp() : e.cfa();
            if (e.pc() != f.pc() || cfa != f.cfa() || !e.function().equals(f.function()) || f.el() != 2
                    || f.symbols() != hypSyms) {
                differences.add("EL2 frame " + i + ": ours " + f + ", gdb " + e);
            }
        }
        assertNull(gdbHyp.reason(), "gdb's EL2 backtrace ends silently at the vector");
        assertEquals("el2_sync_lower", el2.get(el2.size() - 1).function());

        Frame m = bt.frames().get(marker);
        assertEquals("exception from EL1 (VMID 1): HVC #0x42", m.markerText());
        assertEquals(elr, m.pc());

        // the guest's frames: gdb's at the HVC (the same CFAs and callers), in the guest's file
        List<UnwindVersusGdbTest.GdbFrame> gg = gdbGuest.frames();
        assertEquals(gg.size(), el1.size(), "guest frames, gdb's " + gg + ", ours " + el1);
        for (int i = 0; i < gg.size(); i++) {
            UnwindVersusGdbTest.GdbFrame e = gg.get(i);
            Frame f = el1.get(i);
            long pc = i == 0 ? hvcInsn + 4 : e.pc(); // gdb stopped at the HVC, the exception returns after it
            if (pc != f.pc() || e.cfa() != f.cfa() || !e.function().equals(f.function()) || f.el() != 1 || f.vmid() != 1) {
                differences.add("guest frame " + i + ": ours " + f + ", gdb " + e);
            }
            assertSame(guestSyms, f.symbols(), "the guest's frames use the guest's symbols");
        }
        assertEquals(List.of(), differences);
        assertEquals(elr, el1.get(0).lookupPc(), "the interrupted frame is looked up at ELR itself");
        assertEquals(0x3c5, el1.get(0).registers().pstate() & 0x3ff, "PSTATE = SPSR_EL2 (EL1h, DAIF masked; NZCV as the guest left them)");
        assertTrue(el1.get(0).registers().get(DwarfRegs.SP) >= 0x48000000L, "SP = SP_EL1, a guest IPA");

        // At the vector's first instruction: the vector's frame, the marker, and the same guest frames
        // (nothing saved yet: the guest's registers are the PE's, SP is SP_EL1, PC is ELR_EL2).
        List<Frame> e = atEntry.frames();
        assertEquals(hypElf.symbol("el2_sync_lower").orElseThrow().value(), e.get(0).pc(), "stopped at VBAR_EL2 + 0x400: " + e);
        assertEquals("el2_sync_lower", e.get(0).function());
        assertEquals("exception from EL1 (VMID 1): HVC #0x42", e.get(1).markerText());
        assertEquals(el1.size() + 2, e.size(), "at the entry: " + e);
        for (int i = 0; i < el1.size(); i++) {
            Frame a = e.get(i + 2), b = el1.get(i);
            assertTrue(a.pc() == b.pc() && a.cfa() == b.cfa() && a.function().equals(b.function()) && a.vmid() == 1,
                    "guest frame " + i + " at the entry " + a + ", in the handler " + b);
        }
        assertEquals(null, atEntry.stopReason());

        // file:line of each guest frame: addr2line's, and the CALL marks of guest.c
        List<String> src = Files.readAllLines(UnwindGuests.hypDir().resolve("guest.c"));
        String[] marks = {"CALL hvc", "CALL leaf_call", "CALL middle", "CALL outer"};
        for (int i = 0; i < el1.size(); i++) {
            Frame f = el1.get(i);
            String a2l = UnwindGuests.tool("aarch64-linux-gnu-addr2line", "-e", guest.toString(),
                    "0x" + Long.toHexString(f.lookupPc())).trim();
            int line = Integer.parseInt(a2l.substring(a2l.lastIndexOf(':') + 1).split(" ")[0]);
            assertTrue(a2l.contains("guest.c:"), a2l);
            int marked = lineOf(src, marks[i]);
            // the interrupted frame resumes after the HVC: its line, the return (line + 1) or, optimised, the
            // closing brace (line + 2) that gcc gives the add and ret
            boolean ok = i == 0 ? line >= marked && line <= marked + 2 : line == marked;
            assertTrue(ok, "guest frame " + i + " (" + f.function() + ") at guest.c:" + line + ", the source marks line " + marked);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O2"})
    void aStage2FaultCrossesIntoTheGuestToo(String opt) throws Exception {
        Path hyp = UnwindGuests.hypervisor(opt), guest = UnwindGuests.guest(opt);
        ElfImage hypElf = ElfImage.read(hyp), guestElf = ElfImage.read(guest);
        long breakAt = HypGdb.breakpointAddress(
                io.el2studio.engine.tests.support.GdbOracle.onElf(hyp, List.of("break handle_abort")).outputs().get(0));
        FrameSymbols hypSyms = FrameSymbols.of(hypElf, 0), guestSyms = FrameSymbols.of(guestElf, 0);
        Backtrace bt;
        try (SimFixture fx = SimFixture.boot(hyp, 2)) {
            fx.simulation().call(b -> {
                try {
                    return ImageLoader.loadElf(guestElf, b.bus);
                } catch (ImageException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, 5000);
            SimTarget target = new SimTarget(fx.simulation(), 0);
            fx.simulation().addBreakpoint(Breakpoint.va(breakAt));
            long token = fx.simulation().run();
            StopReason r = fx.simulation().awaitStopAfter(token, 60, TimeUnit.SECONDS);
            if (r == null || r.kind() != StopKind.BREAKPOINT) {
                fail("the simulator did not stop in handle_abort: " + r + " " + fx.output());
            }
            bt = new Unwinder().unwind(new StopContext(target, hypSyms, guestSyms, java.util.Set.of("handle_abort")));
        }
        List<Frame> f = bt.frames();
        int marker = 0;
        while (marker < f.size() && !f.get(marker).isExceptionMarker()) {
            marker++;
        }
        assertTrue(marker < f.size(), "a marker: " + f);
        assertEquals("handle_abort", f.get(0).function());
        assertEquals("el2_sync_lower", f.get(marker - 1).function());
        // ESR_EL2.EC 0x24 with WnR set, FAR_EL2 the faulting address (the guest's VA, its IPA with the MMU off)
        assertEquals("exception from EL1 (VMID 1): Data Abort from a lower EL at 0x48400000 (write)", f.get(marker).markerText());
        List<String> src = Files.readAllLines(UnwindGuests.hypDir().resolve("guest.c"));
        List<Frame> el1 = f.subList(marker + 1, f.size());
        assertEquals(List.of("poke", "main"), el1.stream().map(Frame::function).toList(), "guest frames " + el1);
        String[] marks = {"CALL abort", "CALL poke"};
        for (int i = 0; i < el1.size(); i++) {
            String a2l = UnwindGuests.tool("aarch64-linux-gnu-addr2line", "-e", guest.toString(),
                    "0x" + Long.toHexString(el1.get(i).lookupPc())).trim();
            assertEquals(lineOf(src, marks[i]), Integer.parseInt(a2l.substring(a2l.lastIndexOf(':') + 1).split(" ")[0]),
                    "guest frame " + i + " " + a2l);
        }
        assertEquals(null, bt.stopReason());
    }

    private static int lineOf(List<String> src, String mark) {
        for (int i = 0; i < src.size(); i++) {
            if (src.get(i).contains("/* " + mark + " */")) {
                return i + 1;
            }
        }
        throw new IllegalStateException("guest.c has no mark " + mark);
    }
}
