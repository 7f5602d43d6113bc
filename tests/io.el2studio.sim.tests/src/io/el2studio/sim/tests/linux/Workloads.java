package io.el2studio.sim.tests.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.el2studio.sim.tests.support.GuestBuild;
import io.el2studio.sim.tests.support.Oracles;

/**
 * The real Linux/KVM workloads (tools/workloads): Debian's cloud arm64 kernel and busybox-static
 * fetched with apt into a cache, and our initramfs with /kvmtest. Tests that need them call
 * {@link #get()}, which runs tools/workloads/fetch once per JVM (no network when the cache is
 * complete); when they cannot be had (not root, no network, no cross compiler) the test is
 * skipped, and under the README's test command it fails with the reason ({@link Oracles}).
 */
public final class Workloads {
    /** Output of a finished tool run. */
    public record Run(int exit, String output) {
    }

    public final Path root;
    public final Path image;
    public final Path vmlinuz;
    public final Path busybox;
    public final String kernelPackage;
    public final String kernelVersion;
    public final String busyboxVersion;

    private static Workloads cached;
    private static String unavailable;

    private Workloads(Path root, Map<String, String> kv) {
        this.root = root;
        this.image = Path.of(kv.get("IMAGE"));
        this.vmlinuz = Path.of(kv.get("VMLINUZ"));
        this.busybox = Path.of(kv.get("BUSYBOX"));
        this.kernelPackage = kv.get("KERNEL_PACKAGE");
        this.kernelVersion = kv.get("KERNEL_VERSION");
        this.busyboxVersion = kv.get("BUSYBOX_VERSION");
    }

    /** The fetched workloads; aborts the calling test (assumption) when they are not available. */
    public static synchronized Workloads get() throws IOException, InterruptedException {
        if (cached == null && unavailable == null) {
            String r = System.getProperty("el2studio.root");
            Path root = r == null ? null : Path.of(r);
            if (root == null || !Files.isRegularFile(root.resolve("tools/workloads/fetch"))) {
                unavailable = "el2studio.root does not name the repository";
            } else if (!onPath("python3")) {
                unavailable = "python3 not installed (Debian package python3)";
            } else {
                Run run = run(root, 900, List.of("bash", root.resolve("tools/workloads/fetch").toString(), "--quiet"));
                Map<String, String> kv = keyValues(run.output());
                if (run.exit() != 0 || !kv.containsKey("IMAGE")) {
                    unavailable = "tools/workloads/fetch (Debian's arm64 kernel and busybox-static into "
                            + cacheDir() + ") failed (not root, or no network to the Debian archive):\n" + run.output();
                } else {
                    cached = new Workloads(root, kv);
                }
            }
        }
        if (cached == null) {
            Oracles.missing("missing workloads", unavailable);
        }
        return cached;
    }

    /** The workload cache: $EL2STUDIO_WORKLOADS, default ~/.cache/el2studio/workloads (as tools/workloads/fetch). */
    static Path cacheDir() {
        String cache = System.getenv("EL2STUDIO_WORKLOADS");
        return cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache/el2studio/workloads");
    }

    /** Builds an initramfs with /kvmtest into {@code out}; needs the cross compiler ({@link GuestBuild#assumeTool}). */
    public Run mkinitramfs(Path out) throws IOException, InterruptedException {
        Oracles.needTool(GuestBuild.GCC, onPath(GuestBuild.GCC));
        Run run = run(root, 600, List.of("python3", root.resolve("tools/workloads/mkinitramfs").toString(), "--out",
                out.toString(), "--busybox", busybox.toString()));
        if (run.exit() != 0 || !Files.isRegularFile(out)) {
            throw new IllegalStateException("mkinitramfs failed:\n" + run.output());
        }
        return run;
    }

    /**
     * QEMU's transcript of these workloads booted by {@code tools/workloads/qemu-boot --cpu cpu}
     * (uname, /kvmtest, poweroff) with {@code initramfs}: qemu-boot-CPU.log in the cache. When the
     * cache has none it is made now, once, on qemu-system-aarch64 (a test without QEMU is skipped,
     * or failed under the test command: {@link Oracles}); a boot that does not pass fails the test.
     */
    public synchronized Path qemuLog(String cpu, Path initramfs) throws IOException, InterruptedException {
        Path log = cacheDir().resolve("qemu-boot-" + cpu + ".log");
        if (Files.isRegularFile(log)) {
            return log;
        }
        Oracles.needTool(GuestBuild.QEMU, onPath(GuestBuild.QEMU));
        Path part = cacheDir().resolve("qemu-boot-" + cpu + ".log.part");
        Run run = run(root, 900, List.of("python3", root.resolve("tools/workloads/qemu-boot").toString(), "--cpu", cpu,
                "--kernel", image.toString(), "--initrd", initramfs.toString(), "--transcript", part.toString(),
                "--timeout", "840"));
        if (run.exit() != 0 || !run.output().contains("QEMU-BOOT: PASS") || !Files.isRegularFile(part)) {
            throw new IllegalStateException("tools/workloads/qemu-boot --cpu " + cpu + " failed, so QEMU's log " + log
                    + " cannot be made:\n" + run.output());
        }
        Files.move(part, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return log;
    }

    /** Runs a command in {@code dir}, stdout and stderr together, killing it after {@code seconds}. */
    public static Run run(Path dir, long seconds, List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("el2studio-workloads", ".log");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            return new Run(done ? p.exitValue() : -1, done ? out : out + "\n[killed after " + seconds + " s]");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Map<String, String> keyValues(String output) {
        Map<String, String> kv = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_]+")) {
                kv.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return kv;
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
