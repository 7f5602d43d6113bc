package io.el2studio.engine.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * gdb-multiarch as the oracle of the debug engine: a list of commands run (a) on an ELF alone or
 * (b) against qemu-system-aarch64's gdbstub running that ELF, and gdb's output split per command.
 *
 * <p>gdb runs without {@code -batch}, each command given by {@code -ex}: batch mode runs commands
 * with from_tty 0, which hides what a person at gdb's prompt sees (`Continuing.`, `Run till exit
 * from #0 ...`), and that is the text {@code ./el2studio debug} prints. An {@code echo
 * <<<CMD n>>>} before command n marks where its output starts. stdout and stderr go to one file
 * (one descriptor), so error lines stay in the order gdb wrote them. Width and height are
 * unlimited so no line is folded.
 */
public final class GdbOracle {
    /** The marker gdb echoes before command {@code n}. */
    public static String marker(int n) {
        return "<<<CMD " + n + ">>>";
    }

    private static final String END = "<<<END>>>";
    private static final String GDB = "gdb-multiarch";
    private static final String QEMU = "qemu-system-aarch64";

    /**
     * What gdb printed: {@code preamble} before the first command (symbol reading, the connection
     * and the first stop), {@code outputs.get(n)} the lines of command n.
     */
    public record Transcript(List<String> preamble, List<List<String>> outputs, String raw, String guestOutput) {
        /** Command n's output as one string, lines joined by '\n'. */
        public String text(int n) {
            return String.join("\n", outputs.get(n));
        }
    }

    private GdbOracle() {
    }

    /** gdb on {@code elf} with no target (for symbol and line questions: `info line`, `break`, `ptype`). */
    public static Transcript onElf(Path elf, List<String> commands) {
        return run(elf, commands, -1, null);
    }

    /**
     * gdb connected to qemu-system-aarch64 {@code -M virt -cpu max -semihosting -S} running
     * {@code elf}, stopped at its entry when the first command runs. QEMU is killed at the end.
     */
    public static Transcript onQemu(Path elf, List<String> commands) {
        int port = freePort();
        Path qemuOut = null;
        Process qemu = null;
        try {
            qemuOut = Files.createTempFile("el2studio-qemu-", ".out");
            qemu = new ProcessBuilder(QEMU, "-M", "virt", "-cpu", "max", "-nographic", "-semihosting",
                    "-monitor", "none", "-S", "-gdb", "tcp::" + port, "-kernel", elf.toString())
                    .redirectErrorStream(true).redirectOutput(qemuOut.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            fail(QEMU + " cannot be started: install the Debian package qemu-system-arm (" + e.getMessage() + ")");
        }
        try {
            // gdb retries a refused connection (`set tcp auto-retry`, on by default) while QEMU opens the port.
            return run(elf, commands, port, qemuOut);
        } finally {
            qemu.destroyForcibly();
            try {
                qemu.waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(qemuOut);
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port: " + e.getMessage(), e);
        }
    }

    private static Transcript run(Path elf, List<String> commands, int port, Path qemuOut) {
        List<String> cmd = new ArrayList<>(List.of(GDB, "-q", "-nx"));
        for (String setting : List.of("set width 0", "set height 0", "set pagination off", "set confirm off",
                "set tcp connect-timeout 30")) {
            cmd.add("-ex");
            cmd.add(setting);
        }
        if (port >= 0) {
            cmd.add("-ex");
            cmd.add("target remote :" + port);
        }
        for (int i = 0; i < commands.size(); i++) {
            cmd.add("-ex");
            cmd.add("echo " + marker(i) + "\\n");
            cmd.add("-ex");
            cmd.add(commands.get(i));
        }
        cmd.add("-ex");
        cmd.add("echo " + END + "\\n");
        cmd.add("-ex");
        cmd.add("quit");
        cmd.add(elf.toString());
        Path out = null;
        try {
            out = Files.createTempFile("el2studio-gdb-", ".out");
            Process gdb;
            try {
                gdb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                fail(GDB + " cannot be started: install the Debian package gdb-multiarch (" + e.getMessage() + ")");
                return null;
            }
            long seconds = 60 + commands.size() / 5;
            if (!gdb.waitFor(seconds, TimeUnit.SECONDS)) {
                gdb.destroyForcibly();
                gdb.waitFor(10, TimeUnit.SECONDS);
                fail(GDB + " did not finish within " + seconds + " s on " + elf + "; its output:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            String raw = Files.readString(out, StandardCharsets.UTF_8);
            String guest = qemuOut == null ? "" : Files.readString(qemuOut, StandardCharsets.UTF_8);
            return split(raw, commands.size(), guest);
        } catch (IOException e) {
            throw new IllegalStateException("running " + GDB + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + GDB, e);
        } finally {
            try {
                if (out != null) {
                    Files.deleteIfExists(out);
                }
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** Splits output at the markers (gdb's, or el2studio debug's given the same markers); a missing marker is a failure with the output. */
    public static Transcript split(String raw, int count, String guest) {
        List<String> lines = List.of(raw.split("\n", -1));
        List<String> preamble = new ArrayList<>();
        List<List<String>> outputs = new ArrayList<>();
        List<String> current = preamble;
        int next = 0;
        boolean ended = false;
        for (String line : lines) {
            if (next < count && line.equals(marker(next))) {
                current = new ArrayList<>();
                outputs.add(current);
                next++;
            } else if (next == count && line.equals(END)) {
                ended = true;
                current = new ArrayList<>();
            } else if (!ended) {
                current.add(line);
            }
        }
        if (!ended) {
            fail("gdb's output lacks marker " + (next < count ? marker(next) : END) + ":\n" + raw);
        }
        return new Transcript(List.copyOf(preamble), outputs.stream().map(List::copyOf).toList(), raw, guest);
    }
}
