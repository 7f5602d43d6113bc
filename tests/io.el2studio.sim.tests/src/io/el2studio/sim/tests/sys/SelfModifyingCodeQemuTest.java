package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.sys.UartTranscript.Deviation;

/**
 * Self-modifying code agrees with qemu-system-aarch64 7.2 (-M virt,virtualization=on,gic-version=3
 * -cpu max) on the virt board booted at EL2: the guest tests/guests/sys/smc.S runs a hot loop that
 * stores a variable on its own code page, rewrites a hot function between calls with and without IC
 * IVAU, and rewrites the instruction right after a store, with and without the maintenance sequence
 * (Arm ARM B2.4.4 and the instruction cache maintenance rules); every case runs thousands of times, so
 * the simulator runs it translated. The UART transcripts must be equal, except for {@link #QEMU_7_2}.
 */
class SelfModifyingCodeQemuTest {
    /** Where the architecture allows either outcome and QEMU 7.2 takes the other one. */
    static final List<Deviation> QEMU_7_2 = List.of(new Deviation(
            "write_next without maintenance: new 0 old 20000 other 0",
            "write_next without maintenance: new 20000 old 0 other 0",
            "Arm ARM B2.4.4: without DC CVAU, DSB, IC IVAU, DSB and a context synchronization event between the"
                    + " store and the fetch, the PE may execute the old or the new instruction; QEMU 7.2 (no precise"
                    + " self-modifying code on Arm) finishes its translated block with the old one, the simulator drops"
                    + " the overwritten instruction at once and runs the new one"));

    @Test
    void codeWrittenNextToRunningCodeRunsAsOnQemu() throws Exception {
        Path elf = UartTranscript.build("sys-smc", List.of("sys/smc.S", "sys/smc.c"), "-mgeneral-regs-only");
        String ours = UartTranscript.onBoard(elf, 1, 2, 200_000_000L);
        String qemu = UartTranscript.onQemu(elf, "virt,virtualization=on,gic-version=3", 1);
        assertTrue(qemu.endsWith("done\n"), "QEMU transcript incomplete:\n" + qemu);
        UartTranscript.assertSame(qemu, ours, QEMU_7_2);
    }
}
