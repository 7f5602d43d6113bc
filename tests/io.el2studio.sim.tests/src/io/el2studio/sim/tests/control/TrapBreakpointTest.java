package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.el2studio.sim.board.BoardListener;
import io.el2studio.sim.control.Debug.ExceptionCatch;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;
import io.el2studio.sim.tests.board.BoardFixture;
import io.el2studio.sim.tests.support.Microvisor;

/**
 * EL2 trap breakpoints (issue 11, acceptance 1 and 6, at the control API): on the example microvisor
 * with two guests, a trap breakpoint with a filter stops at every trap the filter names and at no
 * other. The oracle is a reference run of the same image without breakpoints (runs are
 * deterministic): its trap records, selected by a predicate written here independently of
 * TrapFilter from the raw ESR/HPFAR/X0 bits; and, for the UART filter, the guest's own output.
 */
class TrapBreakpointTest {
    private static final long VECTORS_LOWER_SYNC = 0x400, VECTORS_LOWER_IRQ = 0x480;

    record Trap(TrapRecord record, long x0) {
    }

    private static Path hyp;
    private static List<Trap> reference;
    private static String transcript;

    @BeforeAll
    static void referenceRun() throws Exception {
        hyp = Microvisor.build().resolve("hyp.elf");
        BoardFixture f = new BoardFixture(1, 2);
        List<Trap> traps = new ArrayList<>();
        f.board.addListener(new BoardListener() {
            @Override
            public void exceptionTaken(Cpu cpu, int fromEl, int toEl, int kind) {
                if (toEl >= 2) {
                    traps.add(new Trap(TrapRecord.of(cpu, fromEl, toEl, kind), cpu.x[0]));
                }
            }
        });
        f.boot(hyp);
        f.runToEnd(50_000_000L);
        assertNotNull(f.board.shutdown(), "the reference run did not end: " + f.output());
        reference = traps;
        transcript = f.output();
        assertTrue(reference.size() > 1000, "too few traps in the reference run: " + reference.size());
    }

    private static int ec(TrapRecord r) {
        return (int) (r.esr() >>> 26) & 0x3f;
    }

    private static boolean sync(TrapRecord r) {
        return r.kind().equals("sync");
    }

    private static boolean write(TrapRecord r) {
        return (r.esr() >>> 6 & 1) == 1;
    }

    private static long ipaPage(TrapRecord r) {
        return (r.hpfar() >>> 4) << 12;
    }

    /** Filter text, and the same selection written from the raw syndrome bits. */
    static Stream<Arguments> filters() {
        List<Arguments> a = new ArrayList<>();
        add(a, "DABT_LOW vmid=2 ipa=0x09000000 write", t -> sync(t.record) && ec(t.record) == 0x24 && t.record.vmid() == 2
                && ipaPage(t.record) == 0x09000000L && write(t.record));
        add(a, "DABT_LOW vmid=1 read", t -> sync(t.record) && ec(t.record) == 0x24 && t.record.vmid() == 1 && !write(t.record));
        add(a, "dabt ipa=0x40100000-0x40100fff", t -> sync(t.record) && ec(t.record) == 0x24 && ipaPage(t.record) == 0x40100000L);
        add(a, "DABT_LOW vmid=2 size=4", t -> sync(t.record) && ec(t.record) == 0x24 && t.record.vmid() == 2
                && (t.record.esr() >>> 24 & 1) == 1 && (t.record.esr() >>> 22 & 3) == 2);
        add(a, "DABT_LOW size=8", t -> sync(t.record) && ec(t.record) == 0x24 && (t.record.esr() >>> 24 & 1) == 1
                && (t.record.esr() >>> 22 & 3) == 3);
        add(a, "HVC64", t -> sync(t.record) && ec(t.record) == 0x16);
        add(a, "hvc vmid=2", t -> sync(t.record) && ec(t.record) == 0x16 && t.record.vmid() == 2);
        add(a, "HVC64 x0=1", t -> sync(t.record) && ec(t.record) == 0x16 && t.x0 == 1);
        add(a, "HVC64 vmid=1 x0=2", t -> sync(t.record) && ec(t.record) == 0x16 && t.record.vmid() == 1 && t.x0 == 2);
        add(a, "HVC64 x0=4", t -> sync(t.record) && ec(t.record) == 0x16 && t.x0 == 4);
        add(a, "HVC64 imm=0", t -> sync(t.record) && ec(t.record) == 0x16 && (t.record.esr() & 0xffff) == 0);
        add(a, "HVC64 imm=0x42", t -> false);
        add(a, "HVC64 x0=PSCI_CPU_ON64", t -> false);
        add(a, "SYS64", t -> sync(t.record) && ec(t.record) == 0x18);
        add(a, "SYS64 reg=ID_AA64PFR0_EL1 dir=read", t -> sync(t.record) && ec(t.record) == 0x18
                && (t.record.esr() & 0x3ffc1e) == 0x300008 && (t.record.esr() & 1) == 1);
        add(a, "reg=ID_AA64PFR0_EL1 write", t -> false);
        add(a, "wfi", t -> sync(t.record) && ec(t.record) == 0x01 && (t.record.esr() & 1) == 0);
        add(a, "WFx vmid=2", t -> sync(t.record) && ec(t.record) == 0x01 && t.record.vmid() == 2);
        add(a, "wfe", t -> false);
        add(a, "irq", t -> t.record.kind().equals("irq"));
        add(a, "irq vmid=2", t -> t.record.kind().equals("irq") && t.record.vmid() == 2);
        add(a, "DABT_LOW HVC64 from=1 vmid=1", t -> sync(t.record) && (ec(t.record) == 0x24 || ec(t.record) == 0x16)
                && t.record.fromEl() == 1 && t.record.vmid() == 1);
        add(a, "from=0", t -> false);
        add(a, "HVC64 pe=1", t -> false);
        add(a, "HVC64 to=3", t -> false);
        return a.stream();
    }

    private static void add(List<Arguments> a, String filter, Predicate<Trap> oracle) {
        a.add(Arguments.of(filter, oracle));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void stopsAtEveryMatchingTrapAndNoOther(String text, Predicate<Trap> oracle) throws Exception {
        List<Trap> expected = reference.stream().filter(oracle).toList();
        BoardFixture f = new BoardFixture(1, 2);
        f.boot(hyp);
        try (Simulation sim = new Simulation(f.board)) {
            TrapFilter filter = TrapFilter.parse(List.of(text.split(" ")));
            sim.addExceptionCatch(ExceptionCatch.trap(filter));
            List<Trap> stops = new ArrayList<>();
            while (true) {
                long token = sim.run();
                StopReason s = sim.awaitStopAfter(token, 60, TimeUnit.SECONDS);
                assertNotNull(s, "no stop within 60 s for " + text);
                if (s.kind() != StopKind.EXCEPTION) {
                    assertEquals(StopKind.SHUTDOWN, s.kind(), "run ended by " + s);
                    break;
                }
                Trap t = sim.call(b -> {
                    List<TrapRecord> h = b.traps.history();
                    return new Trap(h.get(h.size() - 1), -1);
                }, 5000);
                Trap ref = stops.size() < expected.size() ? expected.get(stops.size()) : null;
                assertNotNull(ref, "stopped at a trap the filter '" + text + "' does not name: " + t.record);
                assertEquals(ref.record, t.record, "stop " + stops.size() + " of '" + text + "'");
                assertEquals(TrapFilter.describe(ref.record, ref.x0), s.detail());
                long vector = sim.readSysreg(0, "VBAR_EL2") + (t.record.kind().equals("irq") ? VECTORS_LOWER_IRQ : VECTORS_LOWER_SYNC);
                assertEquals(vector, s.pc(), "the PE stops at the vector's first instruction");
                stops.add(t);
            }
            assertEquals(expected.size(), stops.size(), "stops for '" + text + "'");
        }
    }

    @Test
    void uartWriteFilterMatchesTheGuestsOwnOutput() throws Exception {
        long vm2Bytes = transcript.lines().filter(l -> l.startsWith("[vm2] ")).mapToLong(l -> l.length() - 6 + 1).sum();
        TrapFilter f = TrapFilter.parse(List.of("DABT_LOW", "vmid=2", "ipa=0x09000000", "write"));
        long matches = reference.stream().filter(t -> f.matches(t.record, t.x0)).count();
        assertEquals(vm2Bytes, matches, "one trapped UARTDR write per byte vm2 printed");
        Trap first = reference.stream().filter(t -> f.matches(t.record, t.x0)).findFirst().orElseThrow();
        assertTrue(TrapFilter.describe(first.record, first.x0).startsWith("EL2 trap: DABT_LOW from EL1 VMID 2, IPA 0x9000000, write, 4 bytes"),
                TrapFilter.describe(first.record, first.x0));
    }

    @Test
    void filterTextRoundTripsAndBadWordsAreNamed() {
        for (String text : List.of("DABT_LOW vmid=2 ipa=0x9000000-0x9000fff write size=4", "HVC64 imm=0x0 x0=PSCI_CPU_ON64",
                "SYS64 read reg=ICC_SGI1R_EL1", "IRQ to=EL2 from=EL1", "WFI vmid=1 pe=0")) {
            TrapFilter f = TrapFilter.parse(List.of(text.split(" ")));
            assertEquals(f, TrapFilter.parse(List.of(f.toString().split(" "))), text + " -> " + f);
        }
        for (String[] bad : new String[][] {{"DABT_LOWW", "unknown exception class 'DABT_LOWW'"}, {"size=3", "size=3: an access size"},
                {"reg=NOPE_EL1", "reg=NOPE_EL1: no system register"}, {"vmid=x", "vmid=x: not a number"},
                {"colour=red", "unknown filter 'colour='"}, {"from=EL5", "exception level EL5"}}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TrapFilter.parse(List.of(bad[0])));
            assertTrue(e.getMessage().startsWith(bad[1]), e.getMessage());
        }
    }
}
