package io.el2studio.sim.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example microvisor of plugins/io.el2studio.examples, built once per JVM by its own Makefile
 * in a copy under the test output directory (never in the source tree): build/hyp.elf (nVHE),
 * build/hyp-vhe.elf, and the guests' symbol files build/vm1.elf and build/vm2.elf.
 */
public final class Microvisor {
    private static Path build;

    private Microvisor() {
    }

    /** The build directory with hyp.elf, hyp-vhe.elf, vm1.elf and vm2.elf. */
    public static synchronized Path build() throws IOException {
        if (build == null) {
            GuestBuild.assumeTool(GuestBuild.GCC);
            GuestBuild.assumeTool("make");
            Path src = GuestBuild.root().resolve("plugins/io.el2studio.examples/microvisor");
            Path copy = GuestBuild.outDir().resolve("microvisor");
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
            GuestBuild.Output make = GuestBuild.run(List.of("make", "-C", copy.toString()), 120);
            assertEquals(0, make.status(), "make of the example microvisor failed:\n" + make.out() + make.err());
            build = copy.resolve("build");
        }
        return build;
    }
}
