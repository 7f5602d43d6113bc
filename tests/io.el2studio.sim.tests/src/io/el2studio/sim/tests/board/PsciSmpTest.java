package io.el2studio.sim.tests.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.board.Psci;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * PSCI CPU_ON of 4 PEs (tests/guests/board/psci-smp.S): the UART transcript on the virt board equals
 * qemu-system-aarch64's for the same ELF, booted at EL2 with PSCI through SMC (virtualization=on),
 * and at EL1 with PSCI through HVC.
 */
class PsciSmpTest {
    static Path guest() throws Exception {
        return BoardFixture.guest("psci-smp", "psci-smp.S", "lib.S");
    }

    static Path hvcGuest() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        return GuestBuild.build("board-psci-smp-hvc", List.of("board/psci-smp.S", "board/lib.S"),
                List.of("-DCONDUIT_HVC", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    static String runOnBoard(Path elf) throws Exception {
        return runOnBoard(elf, 2);
    }

    static String runOnBoard(Path elf, int el) throws Exception {
        BoardFixture f = new BoardFixture(4, el);
        f.boot(elf);
        f.runToEnd(50_000_000);
        assertNotNull(f.board.shutdown(), "the guest ends with SYSTEM_OFF; output so far:\n" + f.output());
        assertEquals(0, f.board.shutdown().status());
        return f.output();
    }

    @Test
    void fourPesStartedByCpuOnPrintTheSameTranscriptAsQemu() throws Exception {
        Path elf = guest();
        String ours = runOnBoard(elf);
        assertEquals(BoardFixture.qemuTranscript(elf, 4), ours);
    }

    @Test
    void bootedAtEl1ThePsciConduitIsHvcAsOnQemuWithoutVirtualization() throws Exception {
        Path elf = hvcGuest();
        String ours = runOnBoard(elf, 1);
        assertTrue(ours.contains("PE mpidr=0x0000000080000003 el=0x0000000000000001"), ours);
        GuestBuild.assumeTool(GuestBuild.QEMU);
        GuestBuild.Output qemu = GuestBuild.run(List.of(GuestBuild.QEMU, "-M", "virt,gic-version=3", "-cpu", "max", "-smp", "4",
                "-nographic", "-kernel", elf.toString()), 60);
        assertEquals(0, qemu.status(), qemu.err());
        assertEquals(qemu.out().replace("\r\n", "\n"), ours);
    }

    @Test
    void theScheduleAndVirtualTimeReproduceExactly() throws Exception {
        Path elf = guest();
        long[][] runs = new long[2][];
        for (int r = 0; r < 2; r++) {
            BoardFixture f = new BoardFixture(4, 2);
            f.boot(elf);
            f.runToEnd(50_000_000);
            runs[r] = new long[5];
            for (int i = 0; i < 4; i++) {
                runs[r][i] = f.board.cpu(i).instructionCount;
            }
            runs[r][4] = f.board.clock.counter(f.board.cpu(0));
            assertTrue(runs[r][1] > 0 && runs[r][3] > 0, "the secondaries ran");
        }
        assertArrayEquals(runs[0], runs[1], "instructions per PE and CNTPCT at the end");
    }

    @Test
    void secondaryPesReportTheirMpidrAffinityAndContextId() throws Exception {
        String out = runOnBoard(guest());
        for (int i = 1; i < 4; i++) {
            assertTrue(out.contains(String.format("PE mpidr=0x%016x el=0x%016x%n  context id=0x%016x", 0x8000_0000L | i, 2, i)
                    .replace("\r\n", "\n")), out);
        }
        assertTrue(out.contains(String.format("PSCI_VERSION: 0x%016x", Psci.VERSION_1_1)), out);
    }
}
