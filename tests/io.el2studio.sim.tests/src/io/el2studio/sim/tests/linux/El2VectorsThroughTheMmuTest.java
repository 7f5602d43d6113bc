package io.el2studio.sim.tests.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.cpu.CpuProfile;

/**
 * VBAR_EL2 holds a virtual address (Arm ARM D1.3.1: the vector is fetched through the translation
 * regime of the EL the exception is taken to). Linux at EL2 places its vectors at
 * 0xffff8000_08010800, far from any PA; the runner of {@code el2studio run} used to take the vector
 * address for a physical one and ended the boot at the first interrupt with "no exception vector".
 * This guest turns on the EL2 MMU with VA 0x40_0000_0000 mapped to RAM, sets VBAR_EL2 there, and
 * ends with PSCI SYSTEM_OFF from its HVC handler: status 0.
 */
class El2VectorsThroughTheMmuTest {
    static final int[] CODE = {
        0xd2801fe0, //       mov  x0, #0xff               MAIR_EL2.Attr0: Normal, write-back
        0xd51ca200, //       msr  mair_el2, x0
        0xd286a320, //       mov  x0, #0x3519             TCR_EL2: T0SZ 25, WBWA, inner shareable, 4KB,
        0xf2b01040, //       movk x0, #0x8082, lsl #16     PS 40 bits, RES1 bits 31 and 23
        0xd51c2040, //       msr  tcr_el2, x0
        0xd2a80000, //       mov  x0, #0x40000000
        0xf2840000, //       movk x0, #0x2000             level 1 table at RAM + 0x2000
        0xd51c2000, //       msr  ttbr0_el2, x0
        0xd2c00801, //       mov  x1, #0x4000000000
        0x91400421, //       add  x1, x1, #0x1, lsl #12
        0xd51cc001, //       msr  vbar_el2, x1            VA 0x40_0000_1000 = PA 0x4000_1000
        0xd5033fdf, //       isb
        0xd53c1000, //       mrs  x0, sctlr_el2
        0xb2400000, //       orr  x0, x0, #0x1
        0xd51c1000, //       msr  sctlr_el2, x0           MMU on
        0xd5033fdf, //       isb
        0xd4000002, //       hvc  #0                      to VBAR_EL2 + 0x200
        0x14000000, //       b    .
    };
    static final int[] HANDLER = {
        0xd2800100, //       mov  x0, #0x8
        0xf2b08000, //       movk x0, #0x8400, lsl #16    PSCI SYSTEM_OFF
        0xd4000003, //       smc  #0
    };
    /** Level 1 block descriptor: output address, AF, inner shareable, AttrIndx 0, block. */
    static final long BLOCK_RAM = 0x4000_0000L | 1 << 10 | 3 << 8 | 1;

    @TempDir
    Path dir;

    @Test
    void anExceptionToEl2IsTakenAtVbarEl2TranslatedByTheEl2Regime() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(0x3000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < CODE.length; i++) {
            b.putInt(4 * i, CODE[i]);
        }
        for (int i = 0; i < HANDLER.length; i++) {
            b.putInt(0x1200 + 4 * i, HANDLER[i]);
        }
        b.putLong(0x2000 + 8 * 1, BLOCK_RAM);   // VA 0x4000_0000: identity (the code)
        b.putLong(0x2000 + 8 * 256, BLOCK_RAM); // VA 0x40_0000_0000: RAM again (the vectors)
        Path image = dir.resolve("el2-mmu-vbar.bin");
        Files.write(image, b.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        HeadlessRun.Result r = HeadlessRun.run(new HeadlessRun.Options(CpuProfile.max(), 1, 64L << 20, 2, image, null, null,
                null, 60, 100_000, null), new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));
        assertEquals(0, r.status(), r.message());
        assertEquals("PSCI SYSTEM_OFF from PE 0", r.message());
    }
}
