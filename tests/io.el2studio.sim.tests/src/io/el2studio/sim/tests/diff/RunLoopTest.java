package io.el2studio.sim.tests.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.machine.SemihostingConsole;
import io.el2studio.sim.tests.support.TestMachine;

/**
 * The run loop's fast path (decoded page held across instructions) keeps the semantics of
 * {@code Cpu.step}: code written in the page being executed takes effect, and a fault in the
 * middle of a run of instructions is precise (PC of the faulting instruction, count exact).
 */
class RunLoopTest {
    static final long BASE = 0x4000_0000L;

    private static MiniMachine load(int... words) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 1 << 20, 1);
        m.load(BASE, TestMachine.littleEndian(words));
        return m;
    }

    private static BareMetalRun.Result run(MiniMachine m, long maxInsns) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SemihostingConsole console = new SemihostingConsole(new ByteArrayInputStream(new byte[0]), sink, sink);
        return new BareMetalRun(m, console).maxInstructions(maxInsns).run(BASE, 1);
    }

    @Test
    void codeWrittenInTheExecutingPageTakesEffect() {
        MiniMachine m = load(
                0x10000081,  // adr  x1, 0x40000010 (slot)
                0xb9400822,  // ldr  w2, [x1, #8]
                0xb9000022,  // str  w2, [x1]
                0xd503201f,  // nop
                0xd2800020,  // slot: mov x0, #0x1   (overwritten by the word below)
                0x14000000,  // b    .
                0xd2800540); // mov  x0, #0x2a
        BareMetalRun.Result r = run(m, 6);
        Cpu c = m.cpu(0);
        assertEquals(BareMetalRun.Outcome.INSN_LIMIT, r.outcome());
        assertEquals(42, c.x[0], "the stored instruction (mov x0, #42) ran, not the stale decoded one");
        assertEquals(BASE + 0x14, c.pc);
    }

    @Test
    void faultInTheMiddleOfARunIsPrecise() {
        MiniMachine m = load(
                0xd2800020,  // mov  x0, #0x1
                0xd2800041,  // mov  x1, #0x2
                0xf9400062,  // ldr  x2, [x3]   (x3 = 0: no memory there)
                0xd2800063); // mov  x3, #0x3
        BareMetalRun.Result r = run(m, 100);
        Cpu c = m.cpu(0);
        assertEquals(BareMetalRun.Outcome.CRASHED, r.outcome(), r.message());
        assertEquals(3, r.instructions(), "two instructions and the faulting load");
        assertEquals(BASE + 8, c.pc);
        assertEquals(1, c.x[0]);
        assertEquals(2, c.x[1]);
        assertEquals(0, c.x[2]);
        assertEquals("guest crashed: data abort at pc 0x40000008: f9400062 ldr x2, [x3]; ESR 0x96000010, FAR 0x0;"
                + " no exception vector at 0x200 (VBAR_EL1 = 0x0)", r.message());
    }
}
