package io.el2studio.sim.tests.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.tests.support.GuestBuild;

/** A virt board with its UART collected in memory, and the guests of tests/guests/board. */
public final class BoardFixture {
    public final VirtBoard board;
    public final ByteArrayOutputStream uart = new ByteArrayOutputStream();
    public final List<String> log = new ArrayList<>();

    public BoardFixture(int smp, int bootEl) {
        board = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), smp, 128L << 20, bootEl), uart::write, log::add);
    }

    public BootLoader.Boot boot(Path image) throws Exception {
        byte[] k = Files.readAllBytes(image);
        return BootLoader.load(board, new BootLoader.Images(image.toString(), k, null, null, null, null, null, 0));
    }

    /** Runs until shutdown, all PEs off, or {@code max} instructions. */
    public long runToEnd(long max) {
        long done = 0;
        while (done < max && board.shutdown() == null && board.anyOn()) {
            done += board.advance(Math.min(100_000, max - done));
        }
        return done;
    }

    public String output() {
        return uart.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The UART transcript of {@code elf} on qemu-system-aarch64 -M virt,virtualization=on,gic-version=3
     * -cpu max with {@code smp} PEs (booted at EL2), with QEMU's CR LF line ends as LF; skips the test
     * when QEMU is not installed and fails it when QEMU does not exit with status 0.
     */
    public static String qemuTranscript(Path elf, int smp) throws Exception {
        GuestBuild.assumeTool(GuestBuild.QEMU);
        GuestBuild.Output qemu = GuestBuild.run(List.of(GuestBuild.QEMU, "-M", "virt,virtualization=on,gic-version=3", "-cpu",
                "max", "-smp", Integer.toString(smp), "-nographic", "-kernel", elf.toString()), 60);
        assertEquals(0, qemu.status(), qemu.err());
        return qemu.out().replace("\r\n", "\n");
    }

    /** Builds a guest of tests/guests/board (assembly or C) linked at the start of RAM. */
    public static Path guest(String name, String... sources) throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        List<String> flags = List.of("-T", GuestBuild.guests().resolve("diff/link.ld").toString());
        List<String> src = new ArrayList<>();
        for (String s : sources) {
            src.add("board/" + s);
        }
        return GuestBuild.build("board-" + name, src, flags);
    }
}
