package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * Exception generation, routing, traps and returns agree with qemu-system-aarch64 (-M
 * virt,virtualization=on,secure=on -cpu max): the guest tests/guests/sys (booting at EL3, dropping
 * to EL2, EL1 and EL0) raises SVC/HVC/SMC/BRK/UDF/HLT, illegal exception returns, the HCR_EL2 traps
 * (TSC, TWI, TVM, TRVM, TID3, TTLB, TDZ, TGE), MDCR_EL2.TDE, SCR_EL3.HCE/SMD and the EL0 enables,
 * and prints the EL, vector offset, ESR, ELR and SPSR each handler saw. Both outputs must be equal.
 */
class ExceptionsQemuTest {
    static Path build() throws Exception {
        return GuestBuild.build("sys-exc", List.of("sys/exc.S", "sys/exc.c", "diff/lib.c"),
                List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    @Test
    void exceptionsTrapsAndReturnsMatchQemu() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        GuestBuild.assumeTool(GuestBuild.QEMU);
        Path elf = build();
        GuestBuild.Output qemu = GuestBuild.runOnQemu(elf, "virt,virtualization=on,secure=on");
        GuestBuild.SimOutput sim = GuestBuild.runOnSimulator(elf, 50_000_000L, 3);

        String expected = qemu.out();
        assertTrue(expected.lines().count() > 30, "QEMU output too short:\n" + expected + qemu.err());
        assertEquals(BareMetalRun.Outcome.EXITED, sim.result().outcome(), sim.result().message() + "\n" + sim.out());
        assertEquals(expected, sim.out());
    }
}
