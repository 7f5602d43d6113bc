package io.el2studio.sim.tests.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.el2studio.sim.board.VirtualClock;
import io.el2studio.sim.control.Debug;
import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.tests.board.BoardFixture;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * WFI and WFE sleep until the next interrupt or event, and virtual time jumps ahead when every PE
 * sleeps (issue 5): tests/guests/timer/idle.S arms the EL1 virtual timer SECONDS ahead and waits in
 * WFI, then waits half a second in WFE woken by the event stream. On the virt board the guest must
 * see CNTVCT advance by at least the interval while executing a few thousand instructions, where
 * running through that virtual time would take 100 million per second (VirtualClock: 10 ns per
 * instruction); and the idle jumps must account for the interval (without them the scheduler would
 * cover it with empty rounds). The UART transcript equals qemu-system-aarch64's, where the same
 * waits take real time.
 */
class IdleTimeJumpTest {
    static final long INSTRUCTIONS_PER_SECOND = 100_000_000L;

    static Path guest(int seconds) throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        return GuestBuild.build("timer-idle-" + seconds, List.of("timer/idle.S", "board/lib.S"),
                List.of("-DSECONDS=" + seconds, "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    @ParameterizedTest(name = "{0} s with {1} PE(s)")
    @CsvSource({"1, 1", "10, 1", "10, 2"})
    void aGuestIdlingForSecondsCostsAFewThousandInstructions(int seconds, int smp) throws Exception {
        Path elf = guest(seconds);
        BoardFixture f = new BoardFixture(smp, 2); // with 2 PEs the second stays off: "every PE sleeps or is off"
        f.boot(elf);
        long executed = f.runToEnd(10_000_000);
        assertNotNull(f.board.shutdown(), "the guest ends with SYSTEM_OFF; output so far:\n" + f.output());
        assertEquals("""
                CNTV_CTL_EL0 after WFI: 0x0000000000000005
                PPI 27 pending: 0x0000000000000001
                CNTVCT advanced by the interval: 0x0000000000000001
                WFE loop left after half a second: 0x0000000000000001
                """, f.output());

        Cpu c = f.board.cpu(0);
        long interval = c.x[23], wfiDelta = c.x[20] - c.x[19], wfeDelta = c.x[25] - c.x[24];
        assertEquals(seconds * VirtualClock.FREQUENCY_HZ, interval);
        assertTrue(wfiDelta >= interval, "CNTVCT delta over the WFI " + wfiDelta + " < " + interval);
        assertTrue(wfeDelta >= VirtualClock.FREQUENCY_HZ / 2, "CNTVCT delta over the WFE loop " + wfeDelta);
        // 1.5 s of virtual time (10.5 s) at the nominal rate would be 150 million instructions (1.05 billion).
        assertTrue(executed < 20_000, "instructions executed: " + executed);
        assertEquals(executed, f.board.instructions());
        // The jumps, not empty scheduler rounds, cover the waits: all but a few quanta per wake-up.
        double idle = f.board.clock.idleInstructions() / (double) INSTRUCTIONS_PER_SECOND;
        assertTrue(idle > seconds + 0.5 - 0.02, "virtual time skipped by idle jumps: " + idle + " s");
        assertTrue(f.board.clock.idleJumps() >= 1 + 400, "one jump to the timer, one per event-stream event (2^16 counts) "
                + "in half a second: " + f.board.clock.idleJumps());
    }

    @ParameterizedTest(name = "QEMU transcript, {0} s")
    @CsvSource({"1"})
    void transcriptEqualsQemu(int seconds) throws Exception {
        Path elf = guest(seconds);
        BoardFixture f = new BoardFixture(1, 2);
        f.boot(elf);
        f.runToEnd(10_000_000);
        assertEquals(BoardFixture.qemuTranscript(elf, 1), f.output());
    }

    /**
     * tests/guests/timer/rx.S sleeps in WFI with no timer armed until the PL011 receives: the runner
     * then waits for input instead of running empty rounds, so the host time spent waiting is no
     * virtual time (the run stays reproducible), and input written later still wakes the guest.
     */
    @Test
    void uartInputWakesAGuestAsleepWithNoTimerAndTheWaitCostsNoVirtualTime() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("timer-rx", List.of("timer/rx.S", "board/lib.S"),
                List.of("-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PipedOutputStream feed = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(feed)) {
            HeadlessRun.Options o = new HeadlessRun.Options(CpuProfile.max(), 1, 64L << 20, 2, elf, null, null, null, 120,
                    Long.MAX_VALUE, null);
            CompletableFuture<HeadlessRun.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return HeadlessRun.run(o, in, new PrintStream(out, true), new PrintStream(err, true));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitOutput(out, "ready\n");
            Thread.sleep(300); // host time passes while the guest sleeps
            feed.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            feed.flush();
            awaitOutput(out, "ready\nhello\n");
            Thread.sleep(300);
            feed.write('q');
            feed.flush();
            HeadlessRun.Result r = run.get(120, TimeUnit.SECONDS);
            assertEquals(0, r.status(), r.message() + err);
            assertEquals("ready\nhello\n", out.toString(StandardCharsets.UTF_8));
            assertEquals(0, r.virtualTime().idleJumps(), "no timer: nothing to jump to");
            // Without the wait, each look at the input would run empty rounds of 1000 instructions (10 us) each.
            assertTrue(r.virtualTime().seconds() < 0.001, "virtual time " + r.virtualTime().seconds() + " s for "
                    + r.instructions() + " instructions");
        }
    }

    @Test
    void aStopReachesASimulationWaitingOnAnIdleBoard() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("timer-rx", List.of("timer/rx.S", "board/lib.S"),
                List.of("-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        BoardFixture f = new BoardFixture(1, 2);
        f.boot(elf);
        try (Simulation sim = new Simulation(f.board)) {
            long token = sim.run();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!sim.call(b -> b.idle(), 5000)) { // asleep in WFI, no timer armed: the thread waits for input
                assertTrue(System.nanoTime() < deadline, "the guest never went idle: " + f.output());
                Thread.sleep(20);
            }
            assertEquals(Simulation.State.RUNNING, sim.state());
            sim.stop();
            Debug.StopReason r = sim.awaitStopAfter(token, 30, TimeUnit.SECONDS);
            assertNotNull(r, "the stop was not seen");
            assertEquals(Debug.StopKind.USER, r.kind());
            assertEquals("ready\n", f.output());
        }
    }

    private static void awaitOutput(ByteArrayOutputStream out, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString(StandardCharsets.UTF_8).equals(expected)) {
            assertTrue(System.nanoTime() < deadline, "waiting for " + expected + ", have: " + out);
            Thread.sleep(20);
        }
    }
}
