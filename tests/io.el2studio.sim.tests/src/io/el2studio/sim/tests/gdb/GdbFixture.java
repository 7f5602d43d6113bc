package io.el2studio.sim.tests.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.gdb.GdbServer;
import io.el2studio.sim.tests.diff.GuestBuild;

/**
 * The GDB server's test target: tests/guests/gdb built with debug information, booted at EL2 on a
 * two-PE virt board, its Simulation stopped at the entry point, and a server on a free port of
 * 127.0.0.1. {@link #gdb} runs gdb-multiarch in batch mode against it.
 */
final class GdbFixture implements AutoCloseable {
    static final String GDB = "gdb-multiarch";
    /** The line a script echoes right before the {@code continue} that {@link #gdbAt} interrupts. */
    static final String GO = "@@GO@@";

    final Path elf;
    final VirtBoard board;
    final Simulation sim;
    final GdbServer server;
    final ByteArrayOutputStream uart = new ByteArrayOutputStream();
    /** The server's log lines (internal errors of the server would show here). */
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    GdbFixture(boolean wait) throws Exception {
        elf = guest();
        board = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), 2, 128L << 20, 2), uart::write, s -> { });
        byte[] k = Files.readAllBytes(elf);
        BootLoader.load(board, new BootLoader.Images(elf.toString(), k, null, null, null, null, null, 0));
        sim = new Simulation(board);
        server = GdbServer.start(sim, "127.0.0.1:0", wait, log::add);
    }

    /** The guest ELF (C with an EL2 trap handler), built once with -g -O0. */
    static Path guest() throws IOException {
        GuestBuild.assumeTool(GuestBuild.GCC);
        return GuestBuild.build("gdb-guest", List.of("gdb/start.S", "gdb/guest.c"),
                List.of("-g", "-O0", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    static long symbol(Path elf, String name) throws IOException {
        GuestBuild.Output o = GuestBuild.run(List.of("aarch64-linux-gnu-nm", elf.toString()), 30);
        for (String line : o.out().split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length == 3 && t[2].equals(name)) {
                return Long.parseUnsignedLong(t[0], 16);
            }
        }
        throw new IllegalStateException("no symbol " + name);
    }

    /** Runs gdb-multiarch in batch mode: symbols, connect, then {@code commands}; returns stdout + stderr. */
    String gdb(String... commands) throws IOException {
        return gdbAt(server.port(), elf, -1, commands);
    }

    /**
     * gdb in batch mode against {@code port}; when {@code interruptAfterMs} >= 0, gdb gets SIGINT that
     * long after it printed the marker line of a {@code continue} (echo @@GO@@) — as a user's Ctrl-C.
     */
    static String gdbAt(int port, Path elf, long interruptAfterMs, String... commands) throws IOException {
        return gdbAt(port, elf, interruptAfterMs, () -> true, commands);
    }

    /**
     * As {@link #gdbAt(int, Path, long, String...)}, the SIGINT sent only once {@code running} also holds
     * (the target is seen running: gdb has sent its resume and waits for the stop, the state in which
     * a user's Ctrl-C is an interrupt of the guest rather than of a gdb command), so that a slow
     * machine does not make the test interrupt gdb itself.
     */
    static String gdbAt(int port, Path elf, long interruptAfterMs, java.util.function.BooleanSupplier running,
            String... commands) throws IOException {
        GuestBuild.assumeTool(GDB);
        List<String> cmd = new ArrayList<>(List.of(GDB, "-batch", "-nx", "-ex", "set pagination off", "-ex", "set width 0",
                "-ex", "set confirm off", "-ex", "set remotetimeout 30", "-ex", "file " + elf, "-ex", "target remote 127.0.0.1:" + port));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        Path out = Files.createTempFile(GuestBuild.outDir(), "gdb", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try {
                if (interruptAfterMs >= 0) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!(Files.readString(out, StandardCharsets.ISO_8859_1).contains(GO) && running.getAsBoolean())
                            && System.nanoTime() < deadline && p.isAlive()) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(interruptAfterMs);
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                }
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor();
                    throw new IOException("gdb did not finish within 60 s:\n" + Files.readString(out, StandardCharsets.ISO_8859_1));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return Files.readString(out, StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() {
        server.close();
        sim.close();
    }
}
