package io.el2studio.sim.tests.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.loader.ImageLoader;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.machine.SemihostingConsole;

/**
 * Builds the test guests of tests/guests with the cross compiler into a temporary directory (never
 * into the source tree), and runs host tools. Tests that need a tool call {@link #assumeTool}: on a
 * machine without it the test is skipped, but under the README's test command it fails, naming the
 * tool ({@link Oracles}). Runs a built guest on
 * qemu-system-aarch64 and on the simulator, the two sides of every differential guest test.
 */
public class GuestBuild {
    public static final String GCC = "aarch64-linux-gnu-gcc";
    public static final String OBJDUMP = "aarch64-linux-gnu-objdump";
    public static final String QEMU = "qemu-system-aarch64";

    /** Flags common to every bare-metal guest: freestanding, no libc, aligned accesses (MMU off). */
    public static final List<String> BARE_METAL = List.of("-ffreestanding", "-fno-math-errno", "-nostdlib", "-static",
            "-mstrict-align", "-fno-pie", "-no-pie", "-Wl,--no-warn-rwx-segments", "-Wl,--build-id=none");

    private static final Map<String, Boolean> TOOLS = new ConcurrentHashMap<>();
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path outDir;

    /** Subclassed only by the former home of this class, io.el2studio.sim.tests.diff.GuestBuild. */
    protected GuestBuild() {
    }

    public record Output(int status, byte[] stdout, byte[] stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    public static Path root() {
        String r = System.getProperty("el2studio.root");
        if (r == null) {
            throw new IllegalStateException("system property el2studio.root (the repository root) is not set");
        }
        return Path.of(r);
    }

    public static Path guests() {
        return root().resolve("tests/guests");
    }

    public static boolean haveTool(String tool) {
        return TOOLS.computeIfAbsent(tool, t -> {
            try {
                return run(List.of(t, "--version"), 30).status() == 0;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * The calling test needs {@code tool}: skipped without it, except under the test command
     * ({@link Oracles#required()}), which installs every tool, where its absence fails the test.
     */
    public static void assumeTool(String tool) {
        Oracles.needTool(tool, haveTool(tool));
    }

    public static synchronized Path outDir() throws IOException {
        if (outDir == null) {
            Path dir = Files.createTempDirectory("el2studio-guests");
            outDir = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind is harmless
                }
            }));
        }
        return outDir;
    }

    /**
     * Compiles and links {@code sources} (relative to tests/guests) with {@code flags} plus
     * {@link #BARE_METAL}, once per distinct name; returns the ELF file.
     */
    public static synchronized Path build(String name, List<String> sources, List<String> flags) throws IOException {
        Path done = BUILT.get(name);
        if (done != null) {
            return done;
        }
        Path elf = outDir().resolve(name + ".elf");
        List<String> cmd = new ArrayList<>();
        cmd.add(GCC);
        cmd.addAll(flags);
        cmd.addAll(BARE_METAL);
        cmd.add("-o");
        cmd.add(elf.toString());
        for (String s : sources) {
            cmd.add(guests().resolve(s).toString());
        }
        cmd.add("-lgcc");
        Output o = run(cmd, 120);
        if (o.status() != 0) {
            throw new IOException("building " + name + " failed: " + String.join(" ", cmd) + "\n" + o.err());
        }
        BUILT.put(name, elf);
        return elf;
    }

    /**
     * Runs a semihosting guest on {@code qemu-system-aarch64 -M machine -cpu max} with no serial
     * port and no monitor; SYS_WRITE on ":tt" comes out on stdout, SYS_WRITEC/SYS_WRITE0 on stderr.
     */
    public static Output runOnQemu(Path elf, String machine) throws IOException {
        return run(List.of(QEMU, "-M", machine, "-cpu", "max", "-nographic", "-semihosting", "-monitor", "none",
                "-serial", "none", "-kernel", elf.toString()), 60);
    }

    /** A guest run on the simulator: how it ended, and its console split as QEMU splits it. */
    public record SimOutput(BareMetalRun.Result result, byte[] stdout, byte[] stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs a guest as {@code el2studio run} does (128 MiB of RAM at 0x4000_0000, one CPU, entered at
     * exception level {@code el}), with the semihosting console split as QEMU splits it.
     */
    public static SimOutput runOnSimulator(Path elf, long maxInstructions, int el) throws ImageException {
        MiniMachine m = new MiniMachine(CpuProfile.max(), 0x4000_0000L, 128 << 20, 1);
        ImageLoader.Loaded loaded = ImageLoader.load(elf, m.bus);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        SemihostingConsole console = new SemihostingConsole(new ByteArrayInputStream(new byte[0]), out, err).consoleTo(err);
        BareMetalRun.Result r = new BareMetalRun(m, console).maxInstructions(maxInstructions).run(loaded.entry(), el);
        return new SimOutput(r, out.toByteArray(), err.toByteArray());
    }

    /** Runs a host command; stdout and stderr are collected (through files: no pipe deadlock). */
    public static Output run(List<String> cmd, int timeoutSeconds) throws IOException {
        Path dir = outDir();
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Output(124, Files.readAllBytes(out), ("timeout after " + timeoutSeconds + " s").getBytes());
            }
            return new Output(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
