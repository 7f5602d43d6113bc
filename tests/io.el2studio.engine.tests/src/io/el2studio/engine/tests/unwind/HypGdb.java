package io.el2studio.engine.tests.unwind;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * gdb-multiarch against qemu-system-aarch64 booted at EL2 ({@code -M virt,virtualization=on}) with the
 * hypervisor as {@code -kernel} and the guest ELF loaded at its physical addresses by
 * {@code -device loader}: the oracle of the hypervisor's part of a backtrace (support.GdbOracle runs
 * QEMU without EL2 and without extra images). Returns each command's output lines.
 */
final class HypGdb {
    private HypGdb() {
    }

    static List<List<String>> run(Path hypervisor, Path guest, Path symbols, List<String> commands) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path qemuOut = Files.createTempFile("el2studio-qemu-", ".out");
        Path gdbOut = Files.createTempFile("el2studio-gdb-", ".out");
        Process qemu = new ProcessBuilder("qemu-system-aarch64", "-M", "virt,virtualization=on", "-cpu", "max", "-nographic",
                "-semihosting", "-monitor", "none", "-S", "-gdb", "tcp::" + port, "-kernel", hypervisor.toString(), "-device",
                "loader,file=" + guest).redirectErrorStream(true).redirectOutput(qemuOut.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            List<String> cmd = new ArrayList<>(List.of("gdb-multiarch", "-q", "-nx", "-ex", "set width 0", "-ex", "set height 0",
                    "-ex", "set pagination off", "-ex", "set confirm off", "-ex", "set tcp connect-timeout 30", "-ex",
                    "target remote :" + port));
            for (int i = 0; i < commands.size(); i++) {
                cmd.add("-ex");
                cmd.add("echo <<<CMD " + i + ">>>\\n");
                cmd.add("-ex");
                cmd.add(commands.get(i));
            }
            cmd.addAll(List.of("-ex", "echo <<<END>>>\\n", "-ex", "kill", "-ex", "quit", symbols.toString()));
            Process gdb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(gdbOut.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!gdb.waitFor(120, TimeUnit.SECONDS)) {
                gdb.destroyForcibly();
                fail("gdb-multiarch did not finish: " + Files.readString(gdbOut, StandardCharsets.UTF_8));
            }
            String raw = Files.readString(gdbOut, StandardCharsets.UTF_8);
            List<List<String>> out = new ArrayList<>();
            List<String> cur = null;
            for (String line : raw.split("\n")) {
                if (line.startsWith("<<<CMD ")) {
                    cur = new ArrayList<>();
                    out.add(cur);
                } else if (line.equals("<<<END>>>")) {
                    cur = null;
                } else if (cur != null) {
                    cur.add(line);
                }
            }
            if (out.size() != commands.size()) {
                fail("gdb's output lacks command markers:\n" + raw);
            }
            return out;
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(qemuOut);
            Files.deleteIfExists(gdbOut);
        }
    }

    /** "Breakpoint 1 at 0x400017e0: file hyp.c, line 44." -> 0x400017e0. */
    static long breakpointAddress(List<String> lines) {
        for (String l : lines) {
            int at = l.indexOf(" at 0x");
            if (l.startsWith("Breakpoint ") && at > 0) {
                String hex = l.substring(at + 6).split("[^0-9a-f]")[0];
                return Long.parseUnsignedLong(hex, 16);
            }
        }
        fail("no breakpoint address in " + lines);
        return 0;
    }
}
