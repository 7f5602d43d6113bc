package io.el2studio.sim.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageException;

/**
 * {@code el2studio bench idle-sleep IMAGE}: the wall-clock side of {@code run --idle-sleep}, which a
 * unit test must not time. Runs IMAGE on the virt board (one PE, at EL2) twice, with idle jumps at
 * once and with idle sleep, and prints the virtual time each reached and the wall time each took:
 * with idle sleep the wall time is at least the virtual time the guest idled (board.IdleSleep), and
 * virtual time never runs ahead of the wall clock. The same states at the same virtual times are
 * checked by the unit test (IdleSleepTest); this command measures.
 */
final class BenchIdleSleep {
    static final String HELP = """
            usage: el2studio bench idle-sleep IMAGE
            Runs IMAGE (one PE, EL2, 128M) to its end without and with --idle-sleep and prints the virtual
            time and the wall time of each; exit status 1 when with idle sleep virtual time ran ahead of the
            wall clock. A guest that idles, e.g. tests/guests/timer/idle.S (1 s in WFI, 0.5 s in WFE):
              aarch64-linux-gnu-gcc -nostdlib -static -fno-pie -no-pie -T tests/guests/diff/link.ld \\
                  -DSECONDS=1 tests/guests/timer/idle.S tests/guests/board/lib.S -o /tmp/idle.elf
            """;

    private BenchIdleSleep() {
    }

    static int execute(PrintStream out, List<String> args) throws UsageError {
        if (args.size() == 1 && args.get(0).equals("--help")) {
            out.print(HELP);
            return 0;
        }
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new UsageError("bench idle-sleep takes one IMAGE (try: el2studio bench idle-sleep --help)");
        }
        Path image = Path.of(args.get(0));
        if (!Files.isRegularFile(image)) {
            throw new UsageError("no such image: " + image);
        }
        HeadlessRun.Result plain = run(image, false), paced = run(image, true);
        out.printf("bench idle-sleep: without: virtual time %.3f s (idle jumps %d, %.3f s), wall time %.3f s%n",
                plain.virtualTime().seconds(), plain.virtualTime().idleJumps(), plain.virtualTime().idleSeconds(), plain.seconds());
        out.printf("bench idle-sleep: with:    virtual time %.3f s (idle jumps %d, %.3f s), wall time %.3f s%n",
                paced.virtualTime().seconds(), paced.virtualTime().idleJumps(), paced.virtualTime().idleSeconds(), paced.seconds());
        boolean ahead = paced.virtualTime().seconds() > paced.seconds() + 0.01;
        out.printf("bench idle-sleep: virtual time %s the wall clock with idle sleep%n", ahead ? "RAN AHEAD of" : "stayed behind");
        return ahead ? 1 : 0;
    }

    private static HeadlessRun.Result run(Path image, boolean idleSleep) throws UsageError {
        HeadlessRun.Options o = new HeadlessRun.Options(CpuProfile.max(), 1, 128L << 20, 2, image, null, null, null, 600,
                Long.MAX_VALUE, null).withIdleSleep(idleSleep);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            HeadlessRun.Result r = HeadlessRun.run(o, InputStream.nullInputStream(), new PrintStream(sink), new PrintStream(sink));
            if (r.status() != 0) {
                throw new UsageError("the image did not end with status 0 (" + r.message() + "): " + sink);
            }
            return r;
        } catch (ImageException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
