package io.el2studio.engine.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.cli.DebugCommand;
import io.el2studio.engine.tests.support.DebugRun;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;

/**
 * The batch debugger's other commands against gdb-multiarch + qemu-system-aarch64, command by
 * command: breakpoints (temporary, conditional, by address, several locations), info breakpoints,
 * delete, until/advance LOCATION, frame/up/down, info line/symbol/frame, x/FMT, print/FMT,
 * registers, the errors gdb prints for bad commands and expressions, and the exit line.
 */
class CommandsVersusGdbTest {
    @Test
    void typesScriptPrintsWhatGdbPrints() {
        Path elf = EngineGuests.build("types", "-O0");
        List<String> script = List.of("info breakpoints", "break types.c:70 if which == 1", "tbreak main", "break *0x40000010",
                "info breakpoints", "continue", "continue", "delete 3", "info breakpoints", "continue", "bt", "up", "info locals",
                "down", "frame 1", "frame 5", "up 9", "down", "info frame", "info line", "info symbol main", "info symbol &the_vm",
                "info symbol 0x10", "x/4x &matrix", "x/2g &the_vm", "x/8xb &the_vm.tag", "x/s the_vm.vcpus[0].name",
                "x/3dw primes", "x/2a &the_vm.handler", "print/x the_vm.vmid", "print/t 5", "print $pc", "print $sp",
                "print sizeof(struct vcpu)", "print the_vm.vcpus[1].flags", "print nosuch", "print 1 +",
                "ptype struct vm", "whatis the_vm.handler", "ptype union esr", "info registers pc", "info registers x0 sp",
                "info registers nosuch", "foo", "frobnicate 3", "break nosuch", "break types.c:900", "delete 99",
                "until 73", "advance 85", "info args", "finish", "continue", "continue", "bt", "step", "info locals");
        compare(elf, script);
    }

    @Test
    void recursionUntilAdvanceAndFinishAsGdb() {
        Path elf = EngineGuests.build("recurse", "-O0");
        List<String> script = List.of("break fact if n == 3", "continue", "bt", "finish", "finish", "delete", "tbreak fib",
                "continue", "next", "next", "step", "bt", "until", "advance is_odd", "info args", "stepi", "nexti",
                "x/i $pc", "info breakpoints", "continue");
        compare(elf, script);
    }

    private static void compare(Path elf, List<String> script) {
        GdbOracle.Transcript gdb = GdbOracle.onQemu(elf, script);
        GdbOracle.Transcript ours = DebugRun.run(elf, script);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).startsWith("x/i") || script.get(i).equals("info frame")) {
                continue; // the disassembler's spacing and info frame's frame base are compared elsewhere (not gdb's)
            }
            if (!gdb.outputs().get(i).equals(ours.outputs().get(i))) {
                diffs.add(script.get(i) + "\n  gdb:  " + String.join("\n        ", gdb.outputs().get(i)) + "\n  ours: "
                        + String.join("\n        ", ours.outputs().get(i)));
            }
        }
        assertEquals("", String.join("\n", diffs), EngineGuests.label(elf));
    }

    @Test
    void usageErrorsAreOneLineWithStatus2() throws Exception {
        assertUsage("option --symbols: '" + "EL2" + "' is not SPACE=ELF[@BIAS]", "--symbols", "EL2");
        assertUsage("option --symbols: unknown space 'EL9'", "--symbols", "EL9=/dev/null");
        assertUsage("option -x: cannot read 'no-such-script': no such file", "-x", "no-such-script");
        assertUsage("option -ex needs a value", "-ex");
        Path elf = EngineGuests.build("types", "-O0");
        assertUsage("el2studio debug: unknown option '--frob'", "--frob", elf.toString());
        Path script = Files.createTempFile("el2studio-debug-", ".gdb");
        Files.writeString(script, "# a comment\n\nbreak decode\ncontinue\nprint e.f\nquit\nprint 1\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DebugCommand.execute(List.of("--el", "1", elf.toString(), "-x", script.toString()),
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        Files.delete(script);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("Breakpoint 1, decode (e=...) at types.c:59"), text);
        assertTrue(text.contains("$1 = {iss = 66, il = 1, ec = 22}"), text);
        assertTrue(!text.contains("$2"), "quit ends the script: " + text);
    }

    private static void assertUsage(String expected, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DebugCommand.execute(List.of(args), InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, e);
        assertTrue(e.contains(expected) && e.strip().lines().count() == 1, "expected one line with '" + expected + "', got: " + e);
    }
}
