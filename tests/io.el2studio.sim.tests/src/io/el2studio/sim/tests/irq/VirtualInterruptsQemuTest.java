package io.el2studio.sim.tests.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageLoader;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.machine.SemihostingConsole;
import io.el2studio.sim.tests.diff.GuestBuild;

/**
 * Virtual interrupts agree with qemu-system-aarch64 (-M virt,virtualization=on,secure=on -cpu max):
 * the guest tests/guests/irq (booting at EL3, running at EL1, EL0 and EL2) makes HCR_EL2.VI, VF and
 * VSE interrupts pending with and without HCR_EL2.IMO/FMO/AMO, unmasks PSTATE.I/F/A one at a time,
 * and prints the EL, vector offset, ESR, ELR and SPSR each handler saw; it also checks that taking
 * a vSError clears HCR_EL2.VSE, that WFI completes on a masked pending vIRQ, the priority of vIRQ
 * over vFIQ and vSError (IMPLEMENTATION DEFINED; the simulator follows QEMU), and that nothing
 * virtual is taken at EL2. No GIC is involved. Both outputs must be equal.
 */
class VirtualInterruptsQemuTest {
    @Test
    void virtualIrqFiqAndSErrorMatchQemu() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        GuestBuild.assumeTool(GuestBuild.QEMU);
        Path elf = GuestBuild.build("irq-virq", List.of("irq/virq.S", "irq/virq.c", "diff/lib.c"),
                List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        GuestBuild.Output qemu = GuestBuild.run(List.of(GuestBuild.QEMU, "-M", "virt,virtualization=on,secure=on", "-cpu", "max",
                "-nographic", "-semihosting", "-monitor", "none", "-serial", "none", "-kernel", elf.toString()), 60);

        MiniMachine m = new MiniMachine(CpuProfile.max(), 0x4000_0000L, 128 << 20, 1);
        ImageLoader.Loaded loaded = ImageLoader.load(elf, m.bus);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        SemihostingConsole console = new SemihostingConsole(new ByteArrayInputStream(new byte[0]), out, err).consoleTo(err);
        BareMetalRun.Result r = new BareMetalRun(m, console).maxInstructions(20_000_000L).run(loaded.entry(), 3);

        String expected = qemu.out();
        assertTrue(expected.contains("done"), "QEMU output incomplete:\n" + expected + qemu.err());
        assertEquals(BareMetalRun.Outcome.EXITED, r.outcome(), r.message() + "\n" + out.toString(StandardCharsets.UTF_8));
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }
}
