package io.el2studio.sim.tests.ls;

import static io.el2studio.sim.tests.ls.LsRig.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;

/** AdvSIMD structure loads and stores: interleaving, lanes, replication and post-index. */
class SimdStructuresTest {

    private final LsRig rig = new LsRig();
    private final Cpu c = rig.cpu();

    @Test
    void ld4DeinterleavesWords() {
        for (int i = 0; i < 16; i++) {
            rig.write(DATA + 4L * i, 4, i);
        }
        c.x[0] = DATA;
        rig.exec(0x4c400800); // ld4 {v0.4s-v3.4s}, [x0]
        // element e of register r is word 4e + r
        assertEquals(0L | (4L << 32), c.vlo(0));
        assertEquals(8L | (12L << 32), c.vhi(0));
        assertEquals(3L | (7L << 32), c.vlo(3));
        assertEquals(11L | (15L << 32), c.vhi(3));
    }

    @Test
    void ld1rReplicatesAndPostIncrementsByTheElementSize() {
        rig.write(DATA, 2, 0xBEEF);
        c.x[0] = DATA;
        rig.exec(0x4ddfc400); // ld1r {v0.8h}, [x0], #2
        assertEquals(0xBEEF_BEEF_BEEF_BEEFL, c.vlo(0));
        assertEquals(0xBEEF_BEEF_BEEF_BEEFL, c.vhi(0));
        assertEquals(DATA + 2, c.x[0]);
    }

    @Test
    void ld3SingleLaneLeavesOtherLanes() {
        rig.write(DATA, 2, 0x1111);
        rig.write(DATA + 2, 2, 0x2222);
        rig.write(DATA + 4, 2, 0x3333);
        for (int r = 4; r <= 6; r++) {
            c.setV(r, -1L, -1L);
        }
        c.x[0] = DATA;
        rig.exec(0x4d406804); // ld3 {v4.h-v6.h}[5], [x0]
        assertEquals(-1L, c.vlo(4));
        assertEquals(0xFFFF_FFFF_1111_FFFFL, c.vhi(4), "lane 5 = bits 95:80");
        assertEquals(0xFFFF_FFFF_3333_FFFFL, c.vhi(6));
    }

    @Test
    void st2InterleavesBytesAndPostIncrementsByXm() {
        c.setV(0, 0x0706_0504_0302_0100L, 0);
        c.setV(1, 0x1716_1514_1312_1110L, 0);
        c.x[0] = DATA;
        c.x[3] = 100;
        rig.exec(0x0c838000); // st2 {v0.8b, v1.8b}, [x0], x3
        assertEquals(0x1303_1202_1101_1000L, rig.read(DATA, 8));
        assertEquals(0x1707_1606_1505_1404L, rig.read(DATA + 8, 8));
        assertEquals(DATA + 100, c.x[0]);
    }

    @Test
    void st1TwoRegistersStoresThemContiguously() {
        c.setV(0, 1, 2);
        c.setV(1, 3, 4);
        c.x[0] = DATA;
        rig.exec(0x4c00ac00); // st1 {v0.2d, v1.2d}, [x0]
        assertEquals(1, rig.read(DATA, 8));
        assertEquals(2, rig.read(DATA + 8, 8));
        assertEquals(3, rig.read(DATA + 16, 8));
        assertEquals(4, rig.read(DATA + 24, 8));
    }
}
