package io.el2studio.sim.tests.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.el2studio.sim.tests.support.GuestBuild;
import io.el2studio.sim.tests.support.Oracles;

/**
 * Keeps the Linux/KVM workloads honest on the oracle, QEMU 7.2: Debian 12's cloud arm64 kernel
 * with our initramfs boots on virt (virtualization=on, GICv3, 2 CPUs) at EL2, KVM initialises
 * (VHE on max, nVHE "Hyp mode" on the Armv8.0 cortex-a57), and our /kvmtest runs a VM that
 * exits to user space on MMIO, has HVC handled by KVM, takes the virtual timer interrupt through
 * the vGICv3 and powers off through PSCI. The same kernel, initramfs and expectations are what
 * the simulator must reproduce. Needs the workloads (tools/workloads/fetch: root and Debian's
 * archive) and QEMU: skipped without them, failed under the README's test command ({@link Oracles}).
 */
class WorkloadsQemuTest {
    @TempDir
    static Path tmp;
    static Workloads w;
    static Path initramfs;

    @BeforeAll
    static void buildInitramfs() throws Exception {
        w = Workloads.get();
        initramfs = tmp.resolve("initramfs.cpio.gz");
        w.mkinitramfs(initramfs);
    }

    @Test
    void kernelIsAnArm64ImageAndVmlinuzHoldsTheSameOrItsGzip() throws IOException {
        byte[] image = Files.readAllBytes(w.image);
        // arm64 Image header (Documentation/arm64/booting.rst): magic "ARM\x64" at offset 56
        assertEquals("ARM\u0064", new String(image, 56, 4, StandardCharsets.ISO_8859_1), "arm64 Image magic");
        byte[] vmlinuz = Files.readAllBytes(w.vmlinuz);
        if ((vmlinuz[0] & 0xff) == 0x1f && (vmlinuz[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(w.vmlinuz))) {
                assertArrayEquals(image, in.readAllBytes(), "Image = gunzip(vmlinuz)");
            }
        } else {
            assertArrayEquals(image, vmlinuz, "uncompressed vmlinuz = Image");
        }
        assertTrue(w.kernelPackage.matches("linux-image-6\\.1\\.0-[0-9]+-cloud-arm64"), w.kernelPackage);
    }

    @Test
    void initramfsIsAReproducibleNewcArchiveWithInitBusyboxConsoleAndKvmtest() throws Exception {
        Map<String, Entry> entries = readNewc(initramfs);
        assertArrayEquals(Files.readAllBytes(w.root.resolve("tests/guests/initramfs/init")), entries.get("init").data);
        assertEquals(0100755, entries.get("init").mode);
        assertArrayEquals(Files.readAllBytes(w.busybox), entries.get("bin/busybox").data);
        Entry console = entries.get("dev/console");
        assertEquals(0020000, console.mode & 0170000, "dev/console is a character device");
        assertEquals(5, console.rdevMajor);
        assertEquals(1, console.rdevMinor);
        assertEquals("busybox", new String(entries.get("bin/sh").data, StandardCharsets.US_ASCII));
        byte[] kvmtest = entries.get("kvmtest").data;
        assertEquals(0x7f, kvmtest[0]);
        assertEquals("ELF", new String(kvmtest, 1, 3, StandardCharsets.US_ASCII));
        assertEquals(183, (kvmtest[18] & 0xff) | (kvmtest[19] & 0xff) << 8, "e_machine EM_AARCH64");
        Path again = tmp.resolve("again.cpio.gz");
        w.mkinitramfs(again);
        assertArrayEquals(Files.readAllBytes(initramfs), Files.readAllBytes(again), "same inputs, same bytes");
    }

    @Test
    void debianKernelBootsAtEl2WithVheAndKvmRunsAVmOnQemuMax() throws Exception {
        String t = boot("max");
        assertLines(t, "CPU features: detected: Virtualization Host Extensions",
                "kvm \\[1\\]: VHE mode initialized successfully");
    }

    @Test
    void debianKernelBootsAtEl2InNvheModeAndKvmRunsAVmOnQemuCortexA57() throws Exception {
        String t = boot("cortex-a57");
        assertLines(t, "kvm \\[1\\]: Hyp mode initialized successfully");
        assertTrue(!t.contains("Virtualization Host Extensions"), "cortex-a57 (Armv8.0) has no VHE");
    }

    /** Boots with tools/workloads/qemu-boot and checks the lines every boot must show. */
    private static String boot(String cpu) throws Exception {
        Oracles.needTool(GuestBuild.QEMU, Workloads.onPath(GuestBuild.QEMU));
        Path transcript = tmp.resolve("qemu-" + cpu + ".log");
        Workloads.Run run = Workloads.run(w.root, 330, List.of("python3", w.root.resolve("tools/workloads/qemu-boot").toString(),
                "--cpu", cpu, "--kernel", w.image.toString(), "--initrd", initramfs.toString(), "--transcript",
                transcript.toString(), "--timeout", "300"));
        String t = Files.isRegularFile(transcript)
                ? Files.readString(transcript, StandardCharsets.ISO_8859_1).replace("\r", "") : "";
        assertTrue(run.exit() == 0 && run.output().contains("QEMU-BOOT: PASS"),
                () -> "qemu-boot --cpu " + cpu + ":\n" + run.output() + "\n--- transcript tail ---\n" + tail(t));
        assertLines(t, "Booting Linux on physical CPU 0x0000000000 ",
                "Machine model: linux,dummy-virt",
                "GICv3: CPU0: found redistributor 0 region 0:0x00000000080a0000",
                "GICv3: CPU1: found redistributor 1 region 0:0x00000000080c0000",
                "arch_timer: cp15 timer\\(s\\) running at 62\\.50MHz \\(phys\\)\\.",
                "CPU: All CPU\\(s\\) started at EL2",
                "kvm \\[1\\]: GIC system register CPU interface enabled",
                "EL2STUDIO-INIT: Linux " + Pattern.quote(w.kernelPackage.replace("linux-image-", "")) + ", 2 CPU\\(s\\)",
                "EL2STUDIO-INIT: /dev/kvm present",
                "kvmtest: step 1 ok: KVM_EXIT_MMIO write 0x123456789abcdef and read at 0xa000010",
                "kvmtest: step 2 ok: HVC unknown function -> -1, PSCI_VERSION -> 1\\.[0-9]+",
                "kvmtest: step 3 ok: vGICv3 virtual timer interrupt, ICC_IAR1_EL1 = 27, CNTV_CTL_EL0 = 0x5",
                "kvmtest: step 4 ok: PSCI SYSTEM_OFF -> KVM_EXIT_SYSTEM_EVENT \\(shutdown\\)",
                "KVMTEST: PASS",
                "reboot: Power down");
        return t;
    }

    private static void assertLines(String transcript, String... regexes) {
        List<String> missing = new ArrayList<>();
        for (String re : regexes) {
            if (!Pattern.compile("(?m)^(\\[ *[0-9.]+\\] )?" + re).matcher(transcript).find()) {
                missing.add(re);
            }
        }
        assertTrue(missing.isEmpty(), () -> "missing lines " + missing + " in transcript:\n" + tail(transcript));
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
    }

    /** One member of a newc ("070701") cpio archive. */
    record Entry(int mode, int rdevMajor, int rdevMinor, byte[] data) {
    }

    /** Reads a gzip'd newc cpio archive the way the kernel's initramfs unpacker does (init/initramfs.c). */
    static Map<String, Entry> readNewc(Path gz) throws IOException {
        byte[] a;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            a = in.readAllBytes();
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        int p = 0;
        while (true) {
            String magic = new String(a, p, 6, StandardCharsets.US_ASCII);
            assertEquals("070701", magic, "newc magic at offset " + p);
            long[] f = new long[13];
            for (int i = 0; i < 13; i++) {
                f[i] = Long.parseLong(new String(a, p + 6 + 8 * i, 8, StandardCharsets.US_ASCII), 16);
            }
            int nameSize = (int) f[11];
            int fileSize = (int) f[6];
            String name = new String(a, p + 110, nameSize - 1, StandardCharsets.US_ASCII);
            int data = align4(p + 110 + nameSize);
            if (name.equals("TRAILER!!!")) {
                return out;
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(a, data, fileSize);
            out.put(name, new Entry((int) f[1], (int) f[9], (int) f[10], b.toByteArray()));
            p = align4(data + fileSize);
        }
    }

    private static int align4(int x) {
        return (x + 3) & ~3;
    }
}
