package io.el2studio.sim.tests.irq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.sys.UartTranscript;

/**
 * Virtual interrupts agree with qemu-system-aarch64 7.2 (-M virt,virtualization=on,secure=on,gic-version=3
 * -cpu max) on the virt board booted at EL3: the guest tests/guests/irq (running at EL1, EL0 and EL2)
 * makes HCR_EL2.VI, VF and VSE interrupts pending with and without HCR_EL2.IMO/FMO/AMO, unmasks
 * PSTATE.I/F/A one at a time, and prints on the PL011 the EL, vector offset, ESR, ELR and SPSR each
 * handler saw; it also checks that taking a vSError clears HCR_EL2.VSE, that WFI completes on a masked
 * pending vIRQ, the priority of vIRQ over vFIQ and vSError (IMPLEMENTATION DEFINED; the simulator
 * follows QEMU), and that nothing virtual is taken at EL2. The GIC is present but left disabled. The
 * UART transcripts must be identical (QEMU 7.2 deviates nowhere here).
 */
class VirtualInterruptsQemuTest {
    @Test
    void virtualIrqFiqAndSErrorPrintTheSameUartTranscriptAsQemu() throws Exception {
        Path elf = UartTranscript.build("irq-virq-uart", List.of("irq/virq.S", "irq/virq.c"));
        String ours = UartTranscript.onBoard(elf, 1, 3, 20_000_000L);
        String qemu = UartTranscript.onQemu(elf, "virt,virtualization=on,secure=on,gic-version=3", 1);
        assertTrue(qemu.contains("done"), "QEMU transcript incomplete:\n" + qemu);
        UartTranscript.assertSame(qemu, ours, List.of());
    }
}
