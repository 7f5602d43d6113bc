package io.el2studio.sim.tests.ls;

import static io.el2studio.sim.tests.ls.LsRig.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;

/**
 * FEAT_LSE atomics (Arm ARM C6.2: LDADD .. LDUMIN, SWP, CAS, CASP): the value returned in the
 * destination register (the old memory value, zero-extended) and the value left in memory.
 * Words assembled with aarch64-linux-gnu-as -march=armv8.2-a+lse.
 */
class LseAtomicsTest {

    private final LsRig rig = new LsRig();
    private final Cpu c = rig.cpu();

    private void setup(long mem, long x1) {
        rig.write(DATA, 8, mem);
        c.x[0] = DATA;
        c.x[1] = x1;
        c.x[2] = 0xDEAD_BEEF_DEAD_BEEFL;
    }

    @Test
    void ldaddReturnsOldValueAndStoresTheSum() {
        setup(0x1_0000_0005L, 3);
        rig.exec(0xb8210002); // ldadd w1, w2, [x0]
        assertEquals(5, c.x[2], "w2 = old word, upper half zeroed");
        assertEquals(0x1_0000_0008L, rig.read(DATA, 8), "only the low word changes");
    }

    @Test
    void ldaddalWrapsAround64Bits() {
        setup(-1L, 2);
        rig.exec(0xf8e10002); // ldaddal x1, x2, [x0]
        assertEquals(-1L, c.x[2]);
        assertEquals(1L, rig.read(DATA, 8));
    }

    @Test
    void logicalOperationsClearEorAndSet() {
        setup(0b1100, 0b1010);
        rig.exec(0xb8211002); // ldclr w1, w2, [x0]
        assertEquals(0b1100, c.x[2]);
        assertEquals(0b0100, rig.read(DATA, 4));
        setup(0b1100, 0b1010);
        rig.exec(0xb8212002); // ldeor w1, w2, [x0]
        assertEquals(0b0110, rig.read(DATA, 4));
        setup(0b1100, 0b1010);
        rig.exec(0xb8213002); // ldset w1, w2, [x0]
        assertEquals(0b1110, rig.read(DATA, 4));
    }

    @Test
    void signedAndUnsignedMaxMinCompareAtTheAccessSize() {
        setup(0xFFFF_FFFFL, 1); // memory word = -1 signed, 0xffffffff unsigned
        rig.exec(0xb8214002); // ldsmax w1, w2, [x0]
        assertEquals(1, rig.read(DATA, 4));
        setup(0xFFFF_FFFFL, 1);
        rig.exec(0xb8215002); // ldsmin w1, w2, [x0]
        assertEquals(0xFFFF_FFFFL, rig.read(DATA, 4));
        setup(0xFFFF_FFFFL, 1);
        rig.exec(0xb8216002); // ldumax w1, w2, [x0]
        assertEquals(0xFFFF_FFFFL, rig.read(DATA, 4));
        setup(0xFFFF_FFFFL, 1);
        rig.exec(0xb8217002); // ldumin w1, w2, [x0]
        assertEquals(1, rig.read(DATA, 4));
        assertEquals(0xFFFF_FFFFL, c.x[2]);
    }

    @Test
    void ldsmaxbComparesSignedBytesAndZeroExtendsTheResult() {
        setup(0x80, 0x7F); // -128 vs 127
        rig.exec(0x38214002); // ldsmaxb w1, w2, [x0]
        assertEquals(0x80, c.x[2], "old byte, zero-extended");
        assertEquals(0x7F, rig.read(DATA, 1));
    }

    @Test
    void staddAliasUpdatesMemoryOnly() {
        setup(40, 2);
        rig.exec(0xb821001f); // stadd w1, [x0]  (ldadd w1, wzr, [x0])
        assertEquals(42, rig.read(DATA, 4));
        assertEquals(0xDEAD_BEEF_DEAD_BEEFL, c.x[2]);
    }

    @Test
    void swpExchangesRegisterAndMemory() {
        setup(7, 9);
        rig.exec(0xb8218002); // swp w1, w2, [x0]
        assertEquals(7, c.x[2]);
        assertEquals(9, rig.read(DATA, 4));
    }

    @Test
    void casStoresWhenEqualAndAlwaysReturnsOldValue() {
        setup(5, 5);
        c.x[2] = 77;
        rig.exec(0x88a17c02); // cas w1, w2, [x0]
        assertEquals(77, rig.read(DATA, 4), "compare succeeded: new value stored");
        assertEquals(5, c.x[1]);
    }

    @Test
    void casCompareFailureLeavesMemoryAndLoadsOldValue() {
        setup(6, 5);
        c.x[2] = 77;
        rig.exec(0x88a17c02); // cas w1, w2, [x0]
        assertEquals(6, rig.read(DATA, 4), "compare failed: memory unchanged");
        assertEquals(6, c.x[1], "ws receives the old value");
    }

    @Test
    void casbComparesOnlyTheLowByte() {
        setup(0x11_22, 0xFFFF_FF22L);
        c.x[2] = 0x99;
        rig.exec(0x08a17c02); // casb w1, w2, [x0]
        assertEquals(0x11_99, rig.read(DATA, 2));
        assertEquals(0x22, c.x[1]);
    }

    @Test
    void caspComparesAndSwapsAPair() {
        rig.write(DATA, 8, 10);
        rig.write(DATA + 8, 8, 20);
        c.x[0] = DATA;
        c.x[2] = 10;
        c.x[3] = 20;
        c.x[4] = 30;
        c.x[5] = 40;
        rig.exec(0x48227c04); // casp x2, x3, x4, x5, [x0]
        assertEquals(30, rig.read(DATA, 8));
        assertEquals(40, rig.read(DATA + 8, 8));
        assertEquals(10, c.x[2]);
        assertEquals(20, c.x[3]);
        c.x[2] = 30;
        c.x[3] = 41;
        c.x[4] = 50;
        rig.exec(0x48227c04); // casp again: the high half differs
        assertEquals(30, rig.read(DATA, 8), "no store on a mismatch");
        assertEquals(40, c.x[3], "old pair loaded into x2, x3");
    }

    @Test
    void misalignedAtomicTakesAnAlignmentFault() {
        setup(0, 1);
        c.x[0] = DATA + 2;
        rig.exec(0xb8210002); // ldadd w1, w2, [x0]
        GuestFault f = rig.onlyFault();
        assertEquals(GuestFault.EC_DATA_ABORT_SAME, f.ec);
        assertEquals(0b100001, f.iss & 0x3F, "DFSC = alignment fault");
        assertEquals(DATA + 2, f.far);
        assertEquals(0xDEAD_BEEF_DEAD_BEEFL, c.x[2], "no register written");
    }

    @Test
    void lseIsUndefinedOnCortexA57() {
        LsRig a57 = new LsRig(CpuProfile.cortexA57(), 1);
        a57.cpu().x[0] = DATA;
        a57.exec(0xb8210002); // ldadd w1, w2, [x0]
        assertEquals(GuestFault.EC_UNKNOWN, a57.onlyFault().ec);
        assertTrue(a57.read(DATA, 4) == 0);
    }
}
