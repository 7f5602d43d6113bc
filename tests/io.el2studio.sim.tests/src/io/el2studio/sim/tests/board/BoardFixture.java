package io.el2studio.sim.tests.board;

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
