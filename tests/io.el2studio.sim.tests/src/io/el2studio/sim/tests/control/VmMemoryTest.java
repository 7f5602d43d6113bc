package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.control.Debug.ExceptionCatch;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.Translation;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.tests.board.BoardFixture;
import io.el2studio.sim.tests.support.Microvisor;

/**
 * The board's one registry of VMs (board.VmContexts) behind Translation.vm and Translation.ipa
 * (IDE.md's VM&lt;n&gt;: and IPA&lt;n&gt;:; issue 11, acceptance 5 at the control API): stopped in the
 * microvisor while VMID 1 is loaded, VMID 2's memory reads through its own stage 2 with the bytes
 * of the physical memory behind it, and what does not translate says why.
 */
class VmMemoryTest {
    @Test
    void anotherVmsMemoryReadsThroughItsOwnStage2() throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        f.boot(Microvisor.build().resolve("hyp.elf"));
        try (Simulation sim = new Simulation(f.board)) {
            // VM 1's second message send: VM 2 has run by then (it first runs when VM 1 waits)
            sim.addExceptionCatch(ExceptionCatch.trap(TrapFilter.parse(List.of("HVC64", "vmid=1", "x0=2"))));
            for (int i = 0; i < 2; i++) {
                StopReason s = sim.awaitStopAfter(sim.run(), 60, TimeUnit.SECONDS);
                assertNotNull(s);
                assertEquals(StopKind.EXCEPTION, s.kind(), s.toString());
            }
            assertEquals(1L, sim.readSysreg(0, "VTTBR_EL2") >>> 48, "VMID 1 is the one loaded");
            assertEquals(List.of(1, 2), sim.call(b -> List.copyOf(b.vms().vmids()), 5000));

            // VM 2's RAM at IPA 0x40000000 is the physical 2 MiB at 0x42000000 (hyp.ld): its image
            byte[] phys = sim.readMemory(Translation.physical(), 0x42000000L, 512);
            assertArrayEquals(phys, sim.readMemory(Translation.vm(2), 0x40000000L, 512));
            assertArrayEquals(phys, sim.readMemory(Translation.ipa(2), 0x40000000L, 512));
            assertArrayEquals(sim.readMemory(Translation.physical(), 0x41000000L, 512),
                    sim.readMemory(Translation.vm(1), 0x40000000L, 512));

            // VM 2's share window is VM 1's shared page, at the PA the microvisor reported
            Matcher m = Pattern.compile("vm1 shares IPA 0x([0-9a-f]+) \\(PA 0x([0-9a-f]+)\\)").matcher(f.output());
            assertTrue(m.find(), f.output());
            long pa = Long.parseLong(m.group(2), 16);
            byte[] shared = sim.readMemory(Translation.physical(), pa, 64);
            assertArrayEquals(shared, sim.readMemory(Translation.ipa(2), 0x40180000L, 64));
            assertArrayEquals(shared, sim.readMemory(Translation.vm(1), Long.parseLong(m.group(1), 16), 64));
            assertTrue(new String(shared, 0, 12).equals("vm2 was here"), new String(shared));

            // what does not translate says why
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sim.readMemory(Translation.ipa(2), 0x09000000L, 4));
            assertEquals("0x9000000 does not translate: stage 2 translation fault, level 1, IPA 0x9000000", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> sim.readMemory(Translation.vm(3), 0x40000000L, 4));
            assertEquals("0x40000000 does not translate: VMID 3 has not run on this board", e.getMessage());
        }
    }
}
