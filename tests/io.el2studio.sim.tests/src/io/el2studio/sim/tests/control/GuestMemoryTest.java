package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.control.Translation;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;

/**
 * Reading a VM's memory through its stage 1 and stage 2 tables while the PE runs something else
 * (another VMID): the debugger's view of a guest that is not scheduled. Tables (4 KB granule,
 * level 1 blocks, Arm ARM D8.3):
 * <ul>
 * <li>stage 2 of VMID 5: IPA 0x8000_0000 (1 GB block) to PA 0x4000_0000;</li>
 * <li>stage 1 (its EL1&amp;0 regime): VA 0 (1 GB block) to IPA 0x8000_0000; the stage 1 table
 * itself is at IPA 0x8010_0000 (PA 0x4010_0000), so its walk goes through stage 2 too.</li>
 * </ul>
 */
class GuestMemoryTest {
    static final long S2_L1 = 0x4020_0000L, S1_L1_PA = 0x4010_0000L, S1_L1_IPA = 0x8010_0000L;
    static final long VMID5 = 5L << 48;
    /** VTCR_EL2: T0SZ 32 (4 GB IPA), SL0 = 1 (start at level 1), IRGN0/ORGN0 WB, SH0 inner, TG0 4 KB, PS 32 bits. */
    static final long VTCR = 32 | 1 << 6 | 1 << 8 | 1 << 10 | 3 << 12;
    /** TCR_EL1: T0SZ 32, IRGN0/ORGN0 WB, SH0 inner, TG0 4 KB, EPD1 (no TTBR1 walks), IPS 32 bits. */
    static final long TCR = 32 | 1 << 8 | 1 << 10 | 3 << 12 | 1L << 23;
    /** Stage 2 block: S2AP read/write, MemAttr Normal WB, SH inner, AF. */
    static final long S2_BLOCK = 1 | 3 << 6 | 0xF << 2 | 3 << 8 | 1 << 10;
    /** Stage 1 block: AttrIndx 0, AP EL1 read/write, SH inner, AF. */
    static final long S1_BLOCK = 1 | 3 << 8 | 1 << 10;

    /** Puts PE 0 at EL1 in VMID {@code vmid} with the tables above: VA 0 is IPA 0x8000_0000 is PA 0x4000_0000. */
    static void enterVm(ControlFixture f, int vmid) {
        var bus = f.board.bus;
        bus.write(S2_L1 + 8 * 2, 8, 0x4000_0000L | S2_BLOCK);
        bus.write(S1_L1_PA, 8, 0x8000_0000L | S1_BLOCK);
        f.sim.call(b -> {
            var c = b.cpu(0);
            c.vttbrEl2 = S2_L1 | (long) vmid << 48;
            c.vtcrEl2 = VTCR;
            c.hcrEl2 |= MmuRegs.HCR_VM;
            c.tcr[1] = TCR;
            c.ttbr0[1] = S1_L1_IPA;
            c.mair[1] = 0xFF;
            c.sctlr[1] |= 1;
            c.el = 1;
            c.pc = 0;
            return null;
        }, 5000);
    }

    @Test
    void ipaBreakpointHitsOnlyInItsVmidAndPaBreakpointThroughBothStages() throws Exception {
        int[] prog = {SimulationTest.MOV_X0_1, SimulationTest.MOV_X0_2, SimulationTest.MOV_X0_3, SimulationTest.B_SELF};
        try (ControlFixture f = new ControlFixture(1, prog)) {
            enterVm(f, 5);
            f.sim.addBreakpoint(io.el2studio.sim.control.Debug.Breakpoint.ipa(0x8000_0008L, 6)); // another VM: never
            f.sim.addBreakpoint(io.el2studio.sim.control.Debug.Breakpoint.pa(0x4000_0004L));
            var r = SimulationTest.await(f.sim, f.sim.run());
            assertEquals(io.el2studio.sim.control.Debug.StopKind.BREAKPOINT, r.kind(), r.detail());
            assertEquals(4, r.pc(), "VA 4 is PA 0x40000004");
            f.sim.addBreakpoint(io.el2studio.sim.control.Debug.Breakpoint.ipa(0x8000_0008L, 5));
            r = SimulationTest.await(f.sim, f.sim.run());
            assertEquals(io.el2studio.sim.control.Debug.StopKind.BREAKPOINT, r.kind(), r.detail());
            assertEquals(8, r.pc(), "VA 8 is IPA 0x80000008 in VMID 5");
            assertEquals(2, f.sim.registers(0).x()[0]);
        }
    }

    @Test
    void vmMemoryIsReadThroughBothStagesWhileAnotherVmidRuns() throws Exception {
        try (ControlFixture f = new ControlFixture(1, SimulationTest.B_SELF)) {
            var bus = f.board.bus;
            bus.write(S2_L1 + 8 * 2, 8, 0x4000_0000L | S2_BLOCK); // IPA [2 GB, 3 GB) -> PA 1 GB
            bus.write(S1_L1_PA, 8, 0x8000_0000L | S1_BLOCK); // VA [0, 1 GB) -> IPA 2 GB
            byte[] data = "guest data".getBytes();
            bus.load(0x4001_0000L, data, 0, data.length);
            f.board.cpu(0).vttbrEl2 = 0x4030_0000L | 7L << 48; // the PE runs with another VM's stage 2 loaded

            MmuRegs vm5 = new MmuRegs(Regime.EL10, 1 /* SCTLR_EL1.M */, TCR, S1_L1_IPA, 0, 0xFF, MmuRegs.HCR_VM,
                    S2_L1 | VMID5, VTCR, true);
            long token = f.sim.run();
            assertArrayEquals(data, f.sim.readMemory(Translation.regime(vm5), 0x1_0000L, data.length), "VA 0x10000 of VMID 5");
            assertArrayEquals(data, f.sim.readMemory(Translation.stage2(S2_L1 | VMID5, VTCR), 0x8001_0000L, data.length),
                    "IPA 0x80010000 of VMID 5");
            assertArrayEquals(data, f.sim.readMemory(Translation.physical(), 0x4001_0000L, data.length));
            assertThrows(IllegalArgumentException.class, () -> f.sim.readMemory(Translation.stage2(S2_L1 | VMID5, VTCR), 0x1000L, 4),
                    "IPA 0x1000 is not mapped by stage 2");
            f.sim.stop();
            SimulationTest.await(f.sim, token);
            assertEquals(7L, f.board.cpu(0).vttbrEl2 >>> 48, "reading changed nothing");
        }
    }
}
