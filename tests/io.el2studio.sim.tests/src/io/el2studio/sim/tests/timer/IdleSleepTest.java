package io.el2studio.sim.tests.timer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cli.Main;
import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.tests.board.BoardFixture;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * {@code run --idle-sleep} (board.IdleSleep): an idle jump waits until the wall clock reaches its
 * target, while reaching the same states at the same virtual times as without the option (a guest
 * waiting 1.5 s of virtual time, tests/guests/timer/idle.S as in IdleTimeJumpTest). Input and a stop
 * end the wait at once (tests/guests/timer/rx.S with a timer armed 1000 s ahead: without the
 * wake-ups the run would sleep for that long; without idle sleep it would jump there). Everything
 * asserted here is virtual time, counts and output; the wall time idle sleep takes is measured by
 * {@code ./el2studio bench idle-sleep IMAGE}, not by a timed test.
 */
class IdleSleepTest {

    @Test
    void anIdleGuestWaitsForTheWallClockAndPrintsTheSameAsWithoutIdleSleep() throws Exception {
        Path elf = IdleTimeJumpTest.guest(1);
        Run plain = run(new ByteArrayInputStream(new byte[0]), "run", "--stats", elf.toString());
        Run paced = run(new ByteArrayInputStream(new byte[0]), "run", "--idle-sleep", "--stats", elf.toString());
        assertEquals(0, plain.status, plain.err);
        assertEquals(0, paced.status, paced.err);
        assertEquals("""
                CNTV_CTL_EL0 after WFI: 0x0000000000000005
                PPI 27 pending: 0x0000000000000001
                CNTVCT advanced by the interval: 0x0000000000000001
                WFE loop left after half a second: 0x0000000000000001
                """, plain.out);
        assertEquals(plain.out, paced.out);
        // Same instructions and the same virtual time, reached by the same idle jumps.
        assertEquals(line(plain.err, "instructions:"), line(paced.err, "instructions:"));
        assertEquals(line(plain.err, "virtual time:"), line(paced.err, "virtual time:"));
        assertTrue(line(paced.err, "virtual time:").matches("virtual time: 1\\.5\\d+ s \\(idle jumps: [1-9]\\d*, .*"), paced.err);
    }

    @Test
    void idleSleepLeavesTheCountsTheGuestReadsUnchanged() throws Exception {
        Path elf = IdleTimeJumpTest.guest(1);
        long[] plain = counts(elf, false);
        long[] paced = counts(elf, true);
        // x19/x20: CNTVCT before and after the WFI, x24/x25 around the WFE loop; then instructions,
        // idle jumps and the virtual time they skipped.
        assertArrayEquals(plain, paced);
        assertTrue(paced[5] > 0, "idle.S makes idle jumps, with idle sleep too");
    }

    private static long[] counts(Path elf, boolean idleSleep) throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        f.boot(elf);
        f.board.setIdleSleep(idleSleep);
        f.runToEnd(10_000_000);
        assertNotNull(f.board.shutdown(), "the guest ends with SYSTEM_OFF; output so far:\n" + f.output());
        Cpu c = f.board.cpu(0);
        return new long[] {c.x[19], c.x[20], c.x[24], c.x[25], f.board.instructions(), f.board.clock.idleJumps(),
            f.board.clock.idleInstructions()};
    }

    /** rx.S with a timer 1000 s ahead: the board waits for the wall clock, and input ends the wait. */
    @Test
    void uartInputWakesAGuestWaitingForTheWallClock() throws Exception {
        Path elf = rxWithTimer();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PipedOutputStream feed = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(feed)) {
            HeadlessRun.Options o = new HeadlessRun.Options(CpuProfile.max(), 1, 64L << 20, 2, elf, null, null, null, 120,
                    Long.MAX_VALUE, null).withIdleSleep(true);
            CompletableFuture<HeadlessRun.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return HeadlessRun.run(o, in, new PrintStream(out, true), new PrintStream(err, true));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitOutput(out, "ready\n");
            Thread.sleep(300); // the guest sleeps; the board waits for the wall clock to reach the deadline
            feed.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            feed.flush();
            awaitOutput(out, "ready\nhello\n");
            Thread.sleep(300);
            feed.write('q');
            feed.flush();
            HeadlessRun.Result r = run.get(120, TimeUnit.SECONDS);
            assertEquals(0, r.status(), r.message() + err);
            assertEquals("ready\nhello\n", out.toString(StandardCharsets.UTF_8));
            // The board waited for the wall clock: without idle sleep it would have jumped the 1000 s.
            assertEquals(0, r.virtualTime().idleJumps(), "the deadline 1000 s ahead is never reached");
            assertTrue(r.virtualTime().seconds() < 1000, "virtual time " + r.virtualTime().seconds() + " s");
        }
    }

    /** --timeout stops a run whose board waits for a deadline 1000 s of wall clock ahead. */
    @Test
    void theTimeoutEndsAWaitForTheWallClock() throws Exception {
        Path elf = rxWithTimer();
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> run(InputStream.nullInputStream(), "run",
                "--idle-sleep", "--timeout", "1", elf.toString()));
        Run r = run.get(120, TimeUnit.SECONDS);
        assertEquals(124, r.status, r.err);
        assertEquals("ready\n", r.out);
    }

    private static Path rxWithTimer() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        return GuestBuild.build("timer-rx-timer", List.of("timer/rx.S", "board/lib.S"),
                List.of("-DTIMER_SECONDS=1000", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.execute(args, in, new PrintStream(out, true), new PrintStream(err, true));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("no '" + prefix + "' in:\n" + text);
    }

    private static void awaitOutput(ByteArrayOutputStream out, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString(StandardCharsets.UTF_8).equals(expected)) {
            assertTrue(System.nanoTime() < deadline, "waiting for " + expected + ", have: " + out);
            Thread.sleep(20);
        }
    }
}
