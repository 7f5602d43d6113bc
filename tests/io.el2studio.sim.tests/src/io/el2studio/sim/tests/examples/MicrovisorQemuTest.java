package io.el2studio.sim.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.sim.tests.board.BoardFixture;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * Issue 12, acceptance 1: the example microvisor (plugins/io.el2studio.examples/microvisor), built
 * by its own Makefile with the cross compiler, prints the same UART transcript on our virt board
 * as on qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu max, for the nVHE and the
 * VHE build; and the transcript shows each mechanism at work.
 */
class MicrovisorQemuTest {
    private static Path build;

    @BeforeAll
    static void buildExample() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        GuestBuild.assumeTool("make");
        Path src = GuestBuild.root().resolve("plugins/io.el2studio.examples/microvisor");
        Path copy = GuestBuild.outDir().resolve("microvisor");
        copyTree(src, copy);
        GuestBuild.Output make = GuestBuild.run(List.of("make", "-C", copy.toString()), 120);
        assertEquals(0, make.status(), "make of the example failed:\n" + make.out() + make.err());
        build = copy.resolve("build");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !from.relativize(p).startsWith("build")).toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "hyp.elf", "hyp-vhe.elf" })
    void transcriptEqualsQemusAndShowsEveryMechanism(String image) throws Exception {
        Path elf = build.resolve(image);
        String qemu = BoardFixture.qemuTranscript(elf, 1);
        BoardFixture ours = new BoardFixture(1, 2);
        ours.boot(elf);
        ours.runToEnd(200_000_000L);
        assertNotNull(ours.board.shutdown(), "the microvisor did not power the board off; UART:\n" + ours.output());
        assertEquals(qemu, ours.output(), "UART transcript differs from QEMU's");

        String mode = image.contains("vhe") ? "VHE" : "nVHE";
        for (String line : List.of(
                "[hyp] EL2 Studio microvisor: 2 VMs, " + mode + ", stage 2 with VMIDs",
                "[vm1] MIDR_EL1 0x410fd070, MPIDR_EL1 0x80000000",              // VPIDR_EL2, VMPIDR_EL2
                "[vm2] hello from VM 2, MPIDR_EL1 0x80000001",
                "[hyp] vm1 reads ID_AA64PFR0_EL1: emulated as 0x1000011",       // HCR_EL2.TID3
                "[vm1] ID_AA64PFR0_EL1 0x1000011",
                "[hyp] vm1: write to read-only IPA 0x40100000 ignored",          // stage-2 permission fault
                "[vm1] after my write it holds 0x524f0001",
                "[vm2] vm1 shared page 100 with me: \"a page from vm1\"",         // HVC_SHARE, stage 2 of VM 2
                "[vm1] the shared page now reads \"vm2 was here\"",
                "[vm2] got 30 from vm1, answering 31",                           // messages both ways
                "[vm1] round 3: sent 30, got 31 from vm2",
                "[vm1] tick 3 (1000 us of my own time each)",                    // virtual timers, HW-linked LR
                "[vm2] tick 3 (2000 us of my own time each)",
                "[hyp] vm1 is done (3 virtual timer ticks)",
                "[hyp] vm2 is done (3 virtual timer ticks)",
                "[hyp] all VMs are done; powering off")) {
            assertTrue(ours.output().contains(line + "\n") || ours.output().endsWith(line),
                    "transcript lacks the line '" + line + "':\n" + ours.output());
        }
    }
}
