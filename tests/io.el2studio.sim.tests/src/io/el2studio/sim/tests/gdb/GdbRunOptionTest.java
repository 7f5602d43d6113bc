package io.el2studio.sim.tests.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cli.Main;

/** {@code el2studio run --gdb [HOST:]PORT [--wait-gdb] IMAGE}, driven by gdb-multiarch. */
class GdbRunOptionTest {
    private static int run(ByteArrayOutputStream err, String... args) {
        return Main.execute(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true));
    }

    @Test
    void runWaitsForGdbWhichDebugsAndKillsTheGuest() throws Exception {
        Path elf = GdbFixture.guest();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> run(err, "run", "--gdb", "127.0.0.1:0", "--wait-gdb", "--smp", "2", "--timeout", "60", elf.toString()));
        Pattern listening = Pattern.compile("GDB server on 127\\.0\\.0\\.1:(\\d+), waiting");
        Matcher m = listening.matcher("");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!m.find() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            m = listening.matcher(err.toString(StandardCharsets.UTF_8));
        }
        int port = Integer.parseInt(m.group(1));
        String out = GdbFixture.gdbAt(port, elf, -1, "break el2_trap", "continue", "info threads", "kill");
        assertTrue(out.contains("hit Breakpoint 1, el2_trap (esr="), out);
        assertTrue(out.contains("Thread 2 \"CPU1 EL2\""), out);
        assertEquals(0, status.get(30, TimeUnit.SECONDS));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("killed by gdb"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void gdbOptionsAreCheckedWithOneLineMessages() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "run", "--wait-gdb", "x.elf"));
        assertEquals(2, run(err, "run", "--gdb", "localhost:http", "x.elf"));
        assertEquals(2, run(err, "run", "--machine", "mini", "--gdb", "1234", "x.elf"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("--wait-gdb needs --gdb") && e.contains("option --gdb: bad GDB port")
                && e.contains("--gdb needs --machine virt"), e);
    }
}
