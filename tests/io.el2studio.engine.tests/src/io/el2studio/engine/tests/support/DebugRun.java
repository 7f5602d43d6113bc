package io.el2studio.engine.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.el2studio.engine.cli.DebugCommand;

/**
 * {@code ./el2studio debug --el 1 ELF -ex ...} run in this JVM with the markers {@link GdbOracle}
 * puts between commands, its output split the same way: the same script, run by us, in the shape
 * of gdb's transcript. The test programs start at EL1, as qemu-system-aarch64 -M virt enters them.
 */
public final class DebugRun {
    private DebugRun() {
    }

    public static GdbOracle.Transcript run(Path elf, List<String> commands) {
        List<String> args = new ArrayList<>(List.of("--el", "1", elf.toString()));
        for (int i = 0; i < commands.size(); i++) {
            args.add("-ex");
            args.add("echo " + GdbOracle.marker(i) + "\\n");
            args.add("-ex");
            args.add(commands.get(i));
        }
        args.add("-ex");
        args.add("echo <<<END>>>\\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = DebugCommand.execute(args, InputStream.nullInputStream(), o, e);
        }
        String raw = out.toString(StandardCharsets.UTF_8);
        if (status != 0) {
            throw new AssertionError("el2studio debug exited with " + status + ": " + err.toString(StandardCharsets.UTF_8) + "\n" + raw);
        }
        return GdbOracle.split(raw, commands.size(), err.toString(StandardCharsets.UTF_8));
    }
}
