package io.el2studio.engine.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.el2studio.engine.cli.DebugCommand;

/**
 * Issue 12, acceptance 2 (and issue 11's backtrace across the world switch, in the batch debugger):
 * {@code el2studio debug} on the example microvisor stops in each mechanism's handler at the line
 * gdb-multiarch places the breakpoint on (gdb reads the same ELF), and the backtrace continues
 * through the marker frame into the guest's own ELF (VM 1's or VM 2's symbol file) down to its main.
 */
class MicrovisorDebugTest {
    private static Path build;

    @BeforeAll
    static void buildExample() throws Exception {
        Path root = Path.of(System.getProperty("el2studio.root"));
        Path src = root.resolve("plugins/io.el2studio.examples/microvisor");
        Path copy = Files.createTempDirectory("el2studio-microvisor");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> !src.relativize(p).startsWith("build")).toList()) {
                Path t = copy.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String out = run(List.of("make", "-C", copy.toString()));
        build = copy.resolve("build");
        assertTrue(Files.exists(build.resolve("hyp.elf")), "make failed:\n" + out);
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cannot run " + cmd.get(0) + " (./el2studio test installs it): " + e.getMessage());
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Where gdb-multiarch puts {@code break FUNCTION} in the ELF: "file, line N". */
    private static String gdbBreakLine(Path elf, String function) throws Exception {
        String out = run(List.of("gdb-multiarch", "-batch", "-nx", elf.toString(), "-ex", "break " + function));
        Matcher m = Pattern.compile("Breakpoint 1 at 0x[0-9a-f]+: file (\\S+), line (\\d+)\\.").matcher(out);
        assertTrue(m.find(), "gdb: " + out);
        return m.group(1) + ":" + m.group(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        // handler; a frame the backtrace must show below the marker (the guest's source); the marker
        "vuart_abort; main (vmid=1) at guest/ping.c:16; <exception from EL1 (VMID 1): Data Abort from a lower EL at 0x9000018 (read)>",
        "hypercall; in main (vmid=1) at guest/ping.c:16; <exception from EL1 (VMID 1): HVC #0x0>",
        "sysreg_trap; main (vmid=1) at guest/ping.c:18; <exception from EL1 (VMID 1): MSR/MRS/system instruction trap, MRS op0=3 op1=0 CRn=0 CRm=4 op2=0>",
        "wfi_trap; wait_message (from=from@entry=0x; <exception from EL1 (VMID 1): WFI/WFE trap>",
        // the first tick: VM 1 waits in WFI, both VMs are blocked, the microvisor idles in schedule()
        "vtimer_irq; timer_ticks (n=n@entry=3, period_us=period_us@entry=1000) at guest/lib.c; <exception from EL1 (VMID 1): WFI/WFE trap>",
    })
    void stopsInEachHandlerAndUnwindsIntoTheGuest(String handler, String guestFrame, String marker) throws Exception {
        Path hyp = build.resolve("hyp.elf");
        List<String> args = new ArrayList<>(List.of(hyp.toString(), "--symbols", "VM1=" + build.resolve("vm1.elf"),
                "--symbols", "VM2=" + build.resolve("vm2.elf"), "-ex", "break " + handler, "-ex", "continue", "-ex", "bt",
                "-ex", "quit"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = DebugCommand.execute(args, InputStream.nullInputStream(), o, e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err + text);
        String where = gdbBreakLine(hyp, handler);
        Matcher stop = Pattern.compile("Breakpoint 1, " + handler + " \\(.*\\) at (\\S+):(\\d+)\\n").matcher(text);
        assertTrue(stop.find(), "no stop in " + handler + ":\n" + text);
        assertEquals(where, stop.group(1) + ":" + stop.group(2), "stop line vs gdb's break location\n" + text);
        String bt = text.substring(text.indexOf("#0  "));
        int markerAt = bt.indexOf(marker);
        assertTrue(markerAt > 0, "no marker frame '" + marker + "' in the backtrace:\n" + bt);
        assertTrue(bt.indexOf(guestFrame, markerAt) > markerAt, "no guest frame '" + guestFrame + "' below the marker:\n" + bt);
        assertTrue(bt.substring(0, markerAt).contains(" at hyp/"), "handler frames in the hypervisor's sources:\n" + bt);
    }
}
