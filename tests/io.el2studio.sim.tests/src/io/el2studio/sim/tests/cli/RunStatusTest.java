package io.el2studio.sim.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.el2studio.sim.tests.cli.MainTest.Result;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * {@code el2studio run} on its default machine, QEMU's virt board: the exit statuses (0 on PSCI
 * SYSTEM_OFF, 124 on --timeout even while every PE sleeps), {@code --trace-traps} as one JSON object
 * per line read by a real JSON parser (Python's json module) whose records match the exceptions
 * qemu-system-aarch64 reports with {@code -d int}, and {@code --stats} reporting idle jumps.
 */
class RunStatusTest {
    @TempDir
    Path tmp;

    static Path guest(String name, String source) throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        return GuestBuild.build(name, List.of(source, "board/lib.S"),
                List.of("-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    /** Python's json.loads on each line (NaN and Infinity refused): "from_el to_el esr elr" per record. */
    static final String PARSE = """
            import json, sys
            def bad(c):
                raise ValueError("not JSON: " + c)
            for line in open(sys.argv[1], encoding="utf-8"):
                o = json.loads(line, parse_constant=bad)
                assert isinstance(o, dict), line
                assert o["kind"] in ("sync", "irq", "fiq", "serror"), line
                print(o["from_el"], o["to_el"], o["esr"], o["elr"])
            """;

    @Test
    void trapTraceIsJsonLinesWithTheSyndromesQemuReports() throws Exception {
        Path elf = guest("cli-traps", "cli/traps.S");
        Path trace = tmp.resolve("traps.jsonl");
        Result r = MainTest.main("run", "--trace-traps", trace.toString(), "--stats", elf.toString());
        assertEquals(0, r.status(), r.err()); // PSCI SYSTEM_OFF
        assertTrue(r.err().contains("exceptions taken to EL2 or EL3: 5\n"), r.err());

        GuestBuild.assumeTool("python3");
        Path script = tmp.resolve("parse.py");
        Files.writeString(script, PARSE);
        GuestBuild.Output parsed = GuestBuild.run(List.of("python3", script.toString(), trace.toString()), 60);
        assertEquals(0, parsed.status(), parsed.err() + "\n" + Files.readString(trace));
        List<String> ours = parsed.out().lines().toList();
        assertEquals(5, ours.size(), parsed.out());

        GuestBuild.assumeTool(GuestBuild.QEMU);
        GuestBuild.Output qemu = GuestBuild.run(List.of(GuestBuild.QEMU, "-M", "virt,virtualization=on,gic-version=3", "-cpu",
                "max", "-nographic", "-kernel", elf.toString(), "-d", "int"), 60);
        assertEquals(0, qemu.status(), qemu.err());
        assertEquals(qemuTraps(qemu.out() + qemu.err()), ours);
    }

    /**
     * The exceptions taken to EL2 or EL3 in QEMU's {@code -d int} log as "from_el to_el esr elr":
     * "...from EL1 to EL2", "...with ESR 0x16/0x5a000001", "...with ELR 0x4000003c".
     */
    static List<String> qemuTraps(String log) {
        List<String> out = new ArrayList<>();
        String from = null, to = null, esr = null;
        for (String l : log.lines().toList()) {
            if (l.startsWith("...from EL")) {
                from = l.substring(10, 11);
                to = l.substring(l.length() - 1);
                esr = null;
            } else if (l.startsWith("...with ESR ")) {
                esr = l.substring(l.indexOf('/') + 1);
            } else if (l.startsWith("...with ELR ") && from != null && (to.equals("2") || to.equals("3"))) {
                out.add(from + " " + to + " " + esr + " " + l.substring(12));
                from = null;
            }
        }
        return out;
    }

    @Test
    void timeoutEndsARunWhoseOnlyPeSleepsWaitingForInput() throws Exception {
        // rx.S sleeps in WFI until the UART receives; standard input is empty: nothing ever wakes it.
        Path elf = guest("timer-rx", "timer/rx.S");
        // 3 s of wall clock: "ready" is printed within microseconds of virtual time, so all of it is
        // there before the timeout even on a loaded host, and empty output fails.
        Result r = MainTest.main("run", "--timeout", "3", elf.toString());
        assertEquals(124, r.status(), r.err());
        assertEquals("ready\n", r.out());
        assertEquals("el2studio run: timeout after 3 s\n", r.err());
    }

    @Test
    void standardInputGoesToSemihostingOnMiniAndToThePl011OnVirt() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("cli-echo", List.of("cli/echo.S"),
                List.of("-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        Result mini = MainTest.main(new java.io.ByteArrayInputStream("hello\nq".getBytes()), "run", "--machine", "mini",
                "--timeout", "60", elf.toString());
        assertEquals(6, mini.status(), mini.err()); // SYS_EXIT_EXTENDED with the number of characters echoed
        assertEquals("hello\n", mini.out());
        // virt: the PL011 owns standard input (QEMU's -nographic console does the same); SYS_READC sees end of file.
        Result virt = MainTest.main(new java.io.ByteArrayInputStream("hello\nq".getBytes()), "run", "--timeout", "60",
                elf.toString());
        assertEquals(0, virt.status(), virt.err());
        assertEquals("", virt.out());
    }

    @Test
    void statsReportVirtualTimeAndIdleJumps() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("timer-idle-1", List.of("timer/idle.S", "board/lib.S"),
                List.of("-DSECONDS=1", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        Result r = MainTest.main("run", "--stats", elf.toString());
        assertEquals(0, r.status(), r.err());
        // 1 s of WFI and 0.5 s of WFE: about 1.5 s of virtual time, nearly all of it jumped over
        assertTrue(r.err().matches("(?s).*virtual time: 1\\.5\\d+ s \\(idle jumps: [1-9]\\d*, skipping 1\\.4\\d+ s\\).*"), r.err());
    }
}
