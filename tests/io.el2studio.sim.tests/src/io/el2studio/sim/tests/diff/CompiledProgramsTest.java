package io.el2studio.sim.tests.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * Issue acceptance 5: small C programs of our own (tests/guests/diff), built with the cross
 * compiler at -O2 and -O3, print byte-identical output and exit with the same status on
 * qemu-system-aarch64 ({@code -M virt -cpu max -semihosting}) and on the simulator (through the
 * code path of {@code el2studio run}). QEMU 7.2 writes SYS_WRITEC/SYS_WRITE0 to its stderr and
 * SYS_WRITE on ":tt" to stdout; we route ours the same way and compare both streams.
 */
class CompiledProgramsTest {
    static final String[] PROGRAMS = {"hello", "semihost", "hash", "int128", "float", "vector", "atomics"};

    /** A program build: name, C file, compiler flags. */
    record Variant(String name, String program, List<String> flags) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (String p : PROGRAMS) {
            for (String opt : List.of("-O2", "-O3")) {
                if (p.equals("atomics")) {
                    out.add(Arguments.of(new Variant(p + opt + "-armv8-a", p, List.of(opt, "-march=armv8-a", "-mno-outline-atomics"))));
                    out.add(Arguments.of(new Variant(p + opt + "-armv8.1-a+lse", p, List.of(opt, "-march=armv8.1-a+lse"))));
                } else {
                    out.add(Arguments.of(new Variant(p + opt, p, List.of(opt))));
                }
            }
        }
        return out.stream();
    }

    static Path build(Variant v) throws Exception {
        List<String> flags = new ArrayList<>(v.flags());
        flags.add("-T");
        flags.add(GuestBuild.guests().resolve("diff/link.ld").toString());
        return GuestBuild.build("diff-" + v.name(), List.of("diff/crt0.S", "diff/lib.c", "diff/" + v.program() + ".c"), flags);
    }

    /** Runs an image as {@code el2studio run} does; a run that does not exit says why on the console. */
    static GuestBuild.Output runOnSimulator(Path elf, long maxInsns) throws Exception {
        GuestBuild.SimOutput sim = GuestBuild.runOnSimulator(elf, maxInsns, 1);
        BareMetalRun.Result r = sim.result();
        String why = r.outcome() == BareMetalRun.Outcome.EXITED ? "" : "[simulator: " + r.message() + "]";
        return new GuestBuild.Output(r.exitCode(), sim.stdout(), (sim.err() + why).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void programBehavesAsOnQemu(Variant v) throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        GuestBuild.assumeTool(GuestBuild.QEMU);
        Path elf = build(v);
        GuestBuild.Output qemu = GuestBuild.runOnQemu(elf, "virt");
        GuestBuild.Output sim = runOnSimulator(elf, 500_000_000L);
        assertEquals(qemu.out(), sim.out(), v + ": stdout (SYS_WRITE) differs; simulator stderr: " + sim.err());
        assertEquals(qemu.err(), sim.err(), v + ": console (SYS_WRITEC/SYS_WRITE0) differs");
        assertEquals(qemu.status(), sim.status() & 0xFF, v + ": exit status differs");
    }
}
