package io.el2studio.sim.tests.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.CpuProfile;

/**
 * Issue 5, acceptance 1 and 2: Debian's arm64 cloud kernel and our busybox initramfs boot at EL2 on
 * the virt board to the shell, the shell runs what is typed on the PL011, and KVM works on our
 * board: {@code /kvmtest} (tests/guests/kvm) creates a VM with a vGICv3, takes an MMIO exit and an
 * HVC, and sees the virtual timer interrupt through the list registers.
 * The oracle is QEMU 7.2 (tools/workloads/qemu-boot, whose checks these are): every kernel line
 * expected here is first checked to be in QEMU's reference log of the same kernel.
 *
 * <p>The max test goes through the command line's runner (HeadlessRun: stdin is the UART, PSCI
 * SYSTEM_OFF is status 0); the cortex-a57 test (Armv8.0: KVM in nVHE mode, its hypervisor at EL2
 * with its own page tables) drives the board directly.
 *
 * <p>Cost: each test is a whole boot-shell-KVM-poweroff sequence because the boot dominates: about
 * 0.9 billion instructions each at SMP 2 (the prompt at 0.90 billion, /kvmtest about 3 million),
 * about 30 s each on a lightly loaded 2-core host (load average 3), 2.5 to 3 minutes each at load 13.
 */
class LinuxShellTest {
    static final String APPEND = "console=ttyAMA0";
    static final long RAM = 128L << 20;
    static final String COMMANDS = "uname -a; /kvmtest; poweroff -f";

    /** Kernel lines (without timestamps) of the max-profile boot, each in QEMU's reference log. */
    static final List<String> MAX_LINES = List.of(
            "GICv3: 224 SPIs implemented",
            "GICv3: CPU0: found redistributor 0 region 0:0x00000000080a0000",
            "arch_timer: cp15 timer(s) running at 62.50MHz (phys).",
            "GICv3: CPU1: found redistributor 1 region 0:0x00000000080c0000",
            "CPU: All CPU(s) started at EL2",
            "kvm [1]: GIC system register CPU interface enabled",
            "kvm [1]: VHE mode initialized successfully");

    /** Lines printed by the initramfs and by the commands typed (tests/guests/initramfs/init, kvmtest.c). */
    static final List<String> SHELL_LINES = List.of(
            "EL2STUDIO-INIT: /dev/kvm present",
            "EL2STUDIO-SHELL-READY",
            "kvmtest: step 1 ok: KVM_EXIT_MMIO write 0x123456789abcdef and read at 0xa000010",
            "kvmtest: step 2 ok: HVC unknown function -> -1, PSCI_VERSION -> 1.1",
            "kvmtest: step 3 ok: vGICv3 virtual timer interrupt, ICC_IAR1_EL1 = 27, CNTV_CTL_EL0 = 0x5",
            "kvmtest: step 4 ok: PSCI SYSTEM_OFF -> KVM_EXIT_SYSTEM_EVENT (shutdown)",
            "KVMTEST: PASS");

    @Test
    void debianKernelBootsToTheShellAtEl2WithVheAndKvmTestPassesThenPoweroffEndsWithStatusZero() throws Exception {
        Workloads w = Workloads.get();
        Path initrd = LinuxShell.initramfs(w);
        assertInReference(MAX_LINES);
        assertInQemuLog(w, "max", initrd, SHELL_LINES);
        LinuxShell.Headless h = LinuxShell.runHeadless(w.image, initrd, CpuProfile.max(), 2, RAM, APPEND, COMMANDS,
                3_000_000_000L);
        String context = String.format(" (%s after %d instructions, %.0f s)%n%s%ntranscript:%n%s", h.result().message(),
                h.result().instructions(), h.result().seconds(), h.messages(), h.transcript());
        List<String> lines = h.transcript().lines().map(LinuxBootTest::stripTime).toList();
        // busybox's line editor asks the terminal for the cursor position (ESC [6n) after its prompt
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(LinuxShell.PROMPT) && l.endsWith(COMMANDS)),
                "no shell prompt echoing the commands typed on the UART" + context);
        for (String e : MAX_LINES) {
            assertTrue(lines.contains(e), "missing \"" + e + "\"" + context);
        }
        for (String e : SHELL_LINES) {
            assertTrue(lines.contains(e), "missing \"" + e + "\"" + context);
        }
        String uname = "Linux \\S+ \\S+-cloud-arm64 .*Debian " + java.util.regex.Pattern.quote(w.kernelVersion)
                + " .* aarch64 GNU/Linux";
        assertTrue(lines.stream().anyMatch(l -> l.matches(uname)), "no uname -a line of Debian " + w.kernelVersion + context);
        assertNoOops(lines, context);
        assertEquals(0, h.result().status(), "poweroff -f must end the run with status 0" + context);
        assertEquals("PSCI SYSTEM_OFF from PE 0", h.result().message(), context);
    }

    @Test
    void onCortexA57TheSameKernelRunsKvmInNonVheHypModeAndKvmTestPasses() throws Exception {
        Workloads w = Workloads.get();
        Path initrd = LinuxShell.initramfs(w);
        List<String> expected = List.of("CPU: All CPU(s) started at EL2", "kvm [1]: GIC system register CPU interface enabled",
                "kvm [1]: Hyp mode initialized successfully");
        assertInQemuLog(w, "cortex-a57", initrd, expected);
        assertInQemuLog(w, "cortex-a57", initrd, SHELL_LINES);
        LinuxShell.Result r = LinuxShell.run(w.image, initrd, CpuProfile.cortexA57(), 2, RAM, APPEND, COMMANDS,
                3_000_000_000L, null);
        String context = context(r);
        List<String> lines = r.transcript().lines().map(LinuxBootTest::stripTime).toList();
        for (String e : expected) {
            assertTrue(lines.contains(e), "missing \"" + e + "\"" + context);
        }
        for (String e : SHELL_LINES) {
            assertTrue(lines.contains(e), "missing \"" + e + "\"" + context);
        }
        assertTrue(!lines.contains("CPU features: detected: Virtualization Host Extensions"), "VHE on Armv8.0" + context);
        assertNoOops(lines, context);
        assertEquals(0, r.status(), "poweroff -f must end the run with status 0" + context);
    }

    static String context(LinuxShell.Result r) {
        return String.format(" (prompt at %d, %d instructions, %d ms)%n%stranscript:%n%s", r.promptAt(), r.instructions(),
                r.millis(), r.where(), r.transcript());
    }

    static void assertNoOops(List<String> lines, String context) {
        for (String l : lines) {
            assertTrue(!l.contains("Kernel panic") && !l.startsWith("Internal error") && !l.startsWith("Unable to handle")
                    && !l.contains("KVMTEST: FAIL") && !l.startsWith("WARNING:"), l + context);
        }
    }

    /** Each expected line is in QEMU's reference log of this kernel on the max CPU (shared/reference). */
    static void assertInReference(List<String> expected) throws Exception {
        List<String> ref = LinuxBootTest.referenceLog();
        for (String e : expected) {
            assertTrue(ref.contains(e), "not in QEMU's reference log: " + e);
        }
    }

    /**
     * Each expected line is in QEMU's transcript of the same workloads on {@code cpu}
     * (tools/workloads/qemu-boot, cached; made now when the cache has none: {@link Workloads#qemuLog}).
     */
    static void assertInQemuLog(Workloads w, String cpu, Path initrd, List<String> expected) throws Exception {
        Path log = w.qemuLog(cpu, initrd);
        List<String> ref = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().map(LinuxBootTest::stripTime).toList();
        assertTrue(ref.size() > 100, "QEMU's transcript " + log + " has only " + ref.size() + " lines");
        for (String e : expected) {
            assertTrue(ref.contains(e), "not in QEMU's transcript " + log + ": " + e);
        }
    }
}
