package io.el2studio.engine.tests.unwind;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.el2studio.engine.tests.support.EngineGuests;

/**
 * The unwinder's own test programs (tests/guests/engine/hyp): cfiops.S in three CFI placements, and
 * the hypervisor + guest pair. Built with the cross compiler into a temporary directory, once per JVM.
 */
final class UnwindGuests {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path dir;

    private UnwindGuests() {
    }

    static Path hypDir() {
        return EngineGuests.sourceDir().resolve("hyp");
    }

    /** cfiops.S linked alone; {@code variant} "" (.eh_frame), "-DDEBUG_FRAME" or "-DBOTH". */
    static Path cfiOps(String variant) {
        List<String> args = new ArrayList<>(List.of("-g", "-nostdlib", "-static", "-fno-pie", "-no-pie",
                "-Wl,--no-warn-rwx-segments", "-Wl,--build-id=none", "-T", "../link.ld", "-Wl,--entry=cfi_a"));
        if (!variant.isEmpty()) {
            args.add(variant);
        }
        args.add("cfiops.S");
        return build("cfiops" + variant, hypDir(), args);
    }

    /** cfirun.c + cfirun.S (frames described by DWARF expressions and register rules) with the engine programs' start-up. */
    static Path cfiRun(String opt) {
        return build("cfirun" + opt, hypDir(), List.of("-g", opt, "-ffreestanding", "-nostdlib", "-static", "-mstrict-align",
                "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments", "-Wl,--build-id=none", "-T", "../link.ld", "../crt0.S",
                "cfirun.c", "cfirun.S"));
    }

    /** The hypervisor (EL2) and the guest (EL1) of the exception-crossing test, with {@code opt}. */
    static Path hypervisor(String opt) {
        return build("hyp" + opt, hypDir(), List.of("-g", opt, "-ffreestanding", "-nostdlib", "-static", "-mstrict-align",
                "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments", "-Wl,--build-id=none", "-T", "hyp.ld", "hypstart.S",
                "hyp.c"));
    }

    static Path guest(String opt) {
        return build("guest" + opt, hypDir(), List.of("-g", opt, "-ffreestanding", "-nostdlib", "-static", "-mstrict-align",
                "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments", "-Wl,--build-id=none", "-T", "guest.ld",
                "guestcrt0.S", "guest.c"));
    }

    /** An engine program with extra flags (e.g. -mbranch-protection=pac-ret), named {@code name}. */
    static Path engineProgram(String name, String program, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("-g", "-ffreestanding", "-nostdlib", "-static", "-mstrict-align",
                "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments", "-Wl,--build-id=none", "-T", "link.ld"));
        args.addAll(extra);
        args.add("crt0.S");
        args.add(program + ".c");
        return build(name, EngineGuests.sourceDir(), args);
    }

    private static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("el2studio-unwind-guests-");
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(d)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // left behind: harmless
                }
            }));
        }
        return dir;
    }

    private static synchronized Path build(String name, Path cwd, List<String> args) {
        Path done = BUILT.get(name);
        if (done != null) {
            return done;
        }
        try {
            Path out = dir().resolve(name);
            List<String> cmd = new ArrayList<>(List.of("aarch64-linux-gnu-gcc"));
            cmd.addAll(args);
            cmd.add("-o");
            cmd.add(out.toString());
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
            byte[] text = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed:\n" + new String(text, StandardCharsets.UTF_8));
            }
            BUILT.put(name, out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a tool and returns its standard output (failing the test on a non-zero status). */
    static String tool(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed:\n" + text);
            }
            return text;
        } catch (IOException e) {
            fail(cmd[0] + " cannot be started: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
