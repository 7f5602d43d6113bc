package io.el2studio.sim.tests.ls;

import static io.el2studio.sim.tests.ls.LsRig.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;

/**
 * The exclusive monitors (Arm ARM B2.9): load-exclusive marks an address, store-exclusive succeeds
 * only if the mark is still there, and a store by another PE to the reservation granule clears it.
 */
class ExclusiveMonitorTest {

    private static final int LDXR_X1_X0 = 0xc85f7c01;   // ldxr x1, [x0]
    private static final int STXR_W2_X3_X0 = 0xc8027c03; // stxr w2, x3, [x0]
    private static final int STR_X4_X0_8 = 0xf9000404;   // str x4, [x0, #8]

    @Test
    void storeExclusiveWithoutLoadExclusiveFails() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        rig.write(DATA, 8, 1);
        c.x[0] = DATA;
        c.x[3] = 99;
        rig.exec(STXR_W2_X3_X0);
        assertEquals(1, c.x[2], "status 1: failed");
        assertEquals(1, rig.read(DATA, 8), "nothing stored");
    }

    @Test
    void loadExclusiveThenStoreExclusiveSucceedsOnce() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        rig.write(DATA, 8, 5);
        c.x[0] = DATA;
        c.x[3] = 6;
        rig.exec(LDXR_X1_X0);
        assertEquals(5, c.x[1]);
        rig.exec(STXR_W2_X3_X0);
        assertEquals(0, c.x[2], "status 0: stored");
        assertEquals(6, rig.read(DATA, 8));
        c.x[3] = 7;
        rig.exec(STXR_W2_X3_X0);
        assertEquals(1, c.x[2], "the store-exclusive cleared the monitor");
        assertEquals(6, rig.read(DATA, 8));
    }

    @Test
    void ownOrdinaryStoreDoesNotClearTheMonitor() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        c.x[0] = DATA;
        rig.exec(LDXR_X1_X0);
        rig.exec(STR_X4_X0_8);
        rig.exec(STXR_W2_X3_X0);
        assertEquals(0, c.x[2]);
    }

    @Test
    void anotherPeStoreToTheGranuleClearsTheMonitor() {
        LsRig rig = new LsRig(CpuProfile.max(), 2);
        Cpu c0 = rig.cpu(0), c1 = rig.cpu(1);
        c0.x[0] = DATA;
        c0.x[3] = 1;
        c1.x[0] = DATA;
        c1.x[4] = 0x55;
        rig.exec(0, LDXR_X1_X0);
        assertTrue(c0.exclusiveValid);
        rig.exec(1, STR_X4_X0_8); // PE1: str x4, [x0, #8], same 64-byte granule
        assertFalse(c0.exclusiveValid);
        rig.exec(0, STXR_W2_X3_X0);
        assertEquals(1, c0.x[2], "PE0's store-exclusive fails");
        assertEquals(0, rig.read(DATA, 8));
    }

    @Test
    void anotherPeStoreOutsideTheGranuleKeepsTheMonitor() {
        LsRig rig = new LsRig(CpuProfile.max(), 2);
        Cpu c0 = rig.cpu(0), c1 = rig.cpu(1);
        c0.x[0] = DATA;
        c0.x[3] = 1;
        c1.x[0] = DATA + 64;
        rig.exec(0, LDXR_X1_X0);
        rig.exec(1, STR_X4_X0_8);
        rig.exec(0, STXR_W2_X3_X0);
        assertEquals(0, c0.x[2]);
        assertEquals(1, rig.read(DATA, 8));
    }

    @Test
    void storeExclusiveOfAnotherSizeFails() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        c.x[0] = DATA;
        rig.exec(0x485f7c01); // ldxrh w1, [x0]
        rig.exec(0x88027c03); // stxr w2, w3, [x0]
        assertEquals(1, c.x[2]);
    }

    @Test
    void exclusivePairLoadsAndStoresBothRegisters() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        rig.write(DATA, 8, 11);
        rig.write(DATA + 8, 8, 22);
        c.x[0] = DATA;
        c.x[4] = 33;
        c.x[5] = 44;
        rig.exec(0xc87f0801); // ldxp x1, x2, [x0]
        assertEquals(11, c.x[1]);
        assertEquals(22, c.x[2]);
        rig.exec(0xc8231404); // stxp w3, x4, x5, [x0]
        assertEquals(0, c.x[3]);
        assertEquals(33, rig.read(DATA, 8));
        assertEquals(44, rig.read(DATA + 8, 8));
    }

    @Test
    void misalignedLoadExclusiveTakesAnAlignmentFaultWithTheDataAbortSyndrome() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        c.x[0] = DATA + 4;
        c.x[1] = 0x1234;
        rig.exec(LDXR_X1_X0);
        GuestFault f = rig.onlyFault();
        assertEquals(GuestFault.EC_DATA_ABORT_SAME, f.ec, "data abort from the current EL (EL1)");
        assertEquals(0b100001, f.iss & 0x3F, "DFSC = alignment fault");
        assertEquals(0, f.iss & (1 << 6), "WnR = 0 for a load");
        assertEquals(DATA + 4, f.far);
        assertEquals(0x9600_0021L, f.esr() & 0xFFFF_FFFFL, "ESR_EL1: EC 0x25, IL, DFSC 0x21");
        assertEquals(0x1234, c.x[1], "destination unchanged");
        assertFalse(c.exclusiveValid, "monitor not marked");
        assertEquals(LsRig.CODE, c.pc, "pc stays at the faulting instruction for the hook");
    }

    @Test
    void misalignedStoreReleaseFaultsWithWnRSet() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        c.el = 0;
        c.x[0] = DATA + 1;
        rig.exec(0xc89ffc01); // stlr x1, [x0]
        GuestFault f = rig.onlyFault();
        assertEquals(GuestFault.EC_DATA_ABORT_LOWER, f.ec, "from EL0: data abort from a lower EL");
        assertEquals(0b100001 | 1 << 6, f.iss);
    }

    @Test
    void loadAcquireLoadsZeroExtended() {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        rig.write(DATA, 8, 0x8877_6655_4433_2211L);
        c.x[0] = DATA;
        rig.exec(0x88dffc01); // ldar w1, [x0]
        assertEquals(0x4433_2211L, c.x[1]);
    }

    @Test
    void ldaprIsImplementedOnMaxAndUndefinedOnCortexA57() {
        LsRig rig = new LsRig();
        rig.write(DATA, 4, 0xCAFE_F00DL);
        rig.cpu().x[0] = DATA;
        rig.exec(0xb8bfc001); // ldapr w1, [x0]   (FEAT_LRCPC)
        assertEquals(0xCAFE_F00DL, rig.cpu().x[1]);
        LsRig a57 = new LsRig(CpuProfile.cortexA57(), 1);
        a57.cpu().x[0] = DATA;
        a57.exec(0xb8bfc001);
        assertEquals(GuestFault.EC_UNKNOWN, a57.onlyFault().ec);
    }
}
