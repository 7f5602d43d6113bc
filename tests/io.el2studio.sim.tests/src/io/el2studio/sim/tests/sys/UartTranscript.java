package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.machine.SemihostingConsole;
import io.el2studio.sim.tests.board.BoardFixture;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * The scenario guests of tests/guests/{sys,mmu,irq} (C and assembly, printing on the PL011 through
 * tests/guests/common/console.c) run on the virt board and on qemu-system-aarch64 7.2 with the same
 * ELF; their UART transcripts must be identical, except for the lines where QEMU 7.2 deviates from the
 * Arm ARM, each recorded as a {@link Deviation} with the rule that decides it: QEMU's line must be
 * exactly the recorded one (so that a QEMU which stops deviating, or a guest that changes, is noticed),
 * and is replaced by ours before the comparison.
 */
public final class UartTranscript {
    private UartTranscript() {
    }

    /** A line where QEMU 7.2 differs from the architecture: QEMU's line, ours, and the rule. */
    public record Deviation(String qemu, String ours, String rule) {
    }

    /** Builds a scenario guest: {@code sources} (relative to tests/guests) plus the UART console. */
    public static Path build(String name, List<String> sources, String... flags) throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        List<String> src = new ArrayList<>(sources);
        src.add("common/console.c");
        List<String> f = new ArrayList<>(List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        f.addAll(List.of(flags));
        return GuestBuild.build(name, src, f);
    }

    /**
     * Runs {@code elf} on the virt board ({@code smp} PEs, entered at {@code bootEl}) until PSCI
     * SYSTEM_OFF or a semihosting exit (the guests booted at EL3, where there is no PSCI firmware, end
     * that way), and returns the UART transcript; the run must end with status 0.
     */
    public static String onBoard(Path elf, int smp, int bootEl, long maxInstructions) throws Exception {
        BoardFixture f = new BoardFixture(smp, bootEl);
        f.boot(elf);
        ByteArrayOutputStream semihostingOut = new ByteArrayOutputStream();
        SemihostingConsole console = new SemihostingConsole(InputStream.nullInputStream(), semihostingOut, semihostingOut);
        f.board.setSemihosting(cpu -> {
            console.call(cpu);
            Integer code = console.exitCode();
            if (code != null) {
                f.board.shutdown(new VirtBoard.Shutdown("exited with status " + code, code));
            }
        });
        f.runToEnd(maxInstructions);
        VirtBoard.Shutdown end = f.board.shutdown();
        assertNotNull(end, "the guest ends with SYSTEM_OFF or a semihosting exit; UART so far:\n" + f.output());
        assertEquals(0, end.status(), end.reason() + "\n" + f.output());
        return f.output();
    }

    /**
     * Runs {@code elf} on {@code qemu-system-aarch64 -M machine -cpu max -smp N -nographic -semihosting}
     * (the UART on stdout) and returns its transcript with QEMU's CR LF turned into LF; the run must end
     * with status 0.
     */
    public static String onQemu(Path elf, String machine, int smp) throws Exception {
        GuestBuild.assumeTool(GuestBuild.QEMU);
        GuestBuild.Output q = GuestBuild.run(List.of(GuestBuild.QEMU, "-M", machine, "-cpu", "max", "-smp",
                Integer.toString(smp), "-nographic", "-semihosting", "-kernel", elf.toString()), 60);
        assertEquals(0, q.status(), "QEMU: " + q.err() + "\n" + q.out());
        return q.out().replace("\r\n", "\n");
    }

    /** QEMU's transcript with every recorded deviation checked and replaced by the architectural line. */
    public static String architectural(String qemu, List<Deviation> deviations) {
        String out = qemu;
        for (Deviation d : deviations) {
            String q = d.qemu() + "\n";
            assertTrue(out.contains(q), "QEMU 7.2 no longer prints the recorded difference:\n" + q + "in:\n" + out);
            out = out.replace(q, d.ours() + "\n");
        }
        return out;
    }

    /** The whole comparison: both transcripts, QEMU's corrected by {@code deviations}, must be equal. */
    public static void assertSame(String qemu, String ours, List<Deviation> deviations) {
        assertTrue(!ours.contains("UNEXPECTED"), ours);
        assertEquals(architectural(qemu, deviations), ours);
    }
}
