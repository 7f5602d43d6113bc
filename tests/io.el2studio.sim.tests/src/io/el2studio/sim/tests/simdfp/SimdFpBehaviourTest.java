package io.el2studio.sim.tests.simdfp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * A few AdvSIMD FP behaviours spelled out, one instruction each (Vd = V0, Vn = V1, Vm = V2). Every
 * expected value was recorded with qemu-aarch64 7.2 {@code -cpu max} running the same word on the
 * same operands (resources/simdfp/qemu-runner.c); {@link SimdFpLanesTest} covers the rows broadly.
 * Vectors are written as 32 hex digits, most significant lane first.
 */
class SimdFpBehaviourTest {
    private static final long BASE = 0x4000_0000L;

    private static long[] vec(String hex) {
        String h = hex.replace("_", "");
        return new long[] {Long.parseUnsignedLong(h.substring(16), 16), Long.parseUnsignedLong(h.substring(0, 16), 16)};
    }

    /** Runs {@code word} with V0, V1, V2 and FPCR = 0; returns "V0 fpsr FPSR". */
    private static String run(int word, String v0, String v1, String v2) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 1 << 16, 1);
        m.load(BASE, new byte[] {(byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)});
        Cpu c = m.cpu(0);
        c.pc = BASE;
        long[] a = vec(v0), b = vec(v1), d = vec(v2);
        c.setV(0, a[0], a[1]);
        c.setV(1, b[0], b[1]);
        c.setV(2, d[0], d[1]);
        c.fpcr = 0;
        c.fpsr = 0;
        c.step();
        assertEquals(BASE + 4, c.pc, "the instruction must execute, not trap");
        return String.format("%016x%016x fpsr %08x", c.vhi(0), c.vlo(0), c.fpsr);
    }

    private static final String ZERO = "00000000000000000000000000000000";

    @Test
    void fcvtzsSaturatesWithIocAndNoInexactAndNanGivesZero() {
        // fcvtzs v0.4s, v1.4s on {1e10, -1e10, NaN, 2.0}
        assertEquals("0000000200000000800000007fffffff fpsr 00000001",
                run(0x4ea1b820, ZERO, "40000000_7fc00000_d01502f9_501502f9", ZERO));
    }

    @Test
    void fmaxnmvPrefersNumbersToQuietNans() {
        // fmaxnmv s0, v1.4s on {NaN, 1.0, -2.0, NaN}
        assertEquals("0000000000000000000000003f800000 fpsr 00000000",
                run(0x6e30c820, ZERO, "7fc00000_c0000000_3f800000_7fc00000", ZERO));
    }

    @Test
    void faddFlagsAreTheOrOfEveryLane() {
        // fadd v0.4s, v1.4s, v2.4s: overflow (OFC IXC), rounding (IXC), signalling NaN (IOC), exact
        assertEquals("400000007fe000003f8000007f800000 fpsr 00000015",
                run(0x4e22d420, ZERO, "3f800000_7fa00000_3f800000_7f7fffff", "3f800000_3f800000_33800000_7f7fffff"));
    }

    @Test
    void scalarByElementClearsTheRestOfTheRegister() {
        // fmul s0, s1, v2.s[3]: 3.0 * 2.0
        assertEquals("00000000000000000000000040c00000 fpsr 00000000",
                run(0x5fa29820, "ffffffffffffffffffffffffffffffff", "00000000_00000000_00000000_40400000",
                        "40000000_00000000_00000000_00000000"));
    }

    @Test
    void fcvtn2NarrowsIntoTheUpperHalfAndKeepsTheLowerHalf() {
        // fcvtn2 v0.8h, v1.4s on {-2.0, 1.0000001, 65504.0, 0.33333334}
        assertEquals("c0003c007bff35553333333344444444 fpsr 00000010",
                run(0x4e216820, "11111111_22222222_33333333_44444444", "c0000000_3f800001_477fe000_3eaaaaab", ZERO));
    }

    @Test
    void fmlal2MultipliesTheUpperHalvesIntoSingles() {
        // fmlal2 v0.2s, v1.2h, v2.h[7]: 1.0 + {1.0, 3.0} * 2.0, upper 64 bits cleared
        assertEquals("000000000000000040e0000040400000 fpsr 00000000",
                run(0x2fb28820, "3f800000_3f800000_3f800000_3f800000", "0000_0000_0000_0000_4200_3c00_0000_0000",
                        "4000_0000_0000_0000_0000_0000_0000_0000"));
    }

    @Test
    void frecpeOfZeroIsInfinityWithDivideByZero() {
        // frecpe v0.2d, v1.2d on {3.0, +0.0}
        assertEquals("7ff00000000000003fd5500000000000 fpsr 00000002",
                run(0x4ee1d820, ZERO, "00000000_00000000_40080000_00000000", ZERO));
    }

    @Test
    void fcmgeZeroIsFalseForNanAndRaisesIoc() {
        // fcmge v0.4s, v1.4s, #0.0 on {NaN, -0.0, 1.0, -1.0}
        assertEquals("00000000ffffffffffffffff00000000 fpsr 00000001",
                run(0x6ea0c820, ZERO, "7fc00000_80000000_3f800000_bf800000", ZERO));
    }

    @Test
    void faddpAddsAdjacentPairsOfVnThenVm() {
        // faddp v0.4s, v1.4s, v2.4s on Vn {1, 2, 3, 4}, Vm {5, 6, 7, 8}
        assertEquals("417000004130000040e0000040400000 fpsr 00000000",
                run(0x6e22d420, ZERO, "40800000_40400000_40000000_3f800000", "41000000_40e00000_40c00000_40a00000"));
    }

    @Test
    void fcvtxnRoundsToOdd() {
        // fcvtxn s0, d1 on 1.0 + 2^-24 (half an ulp of single): inexact, so the lowest bit is set
        assertEquals("0000000000000000000000003f800001 fpsr 00000010",
                run(0x7e616820, ZERO, "00000000_00000000_3ff00000_10000000", ZERO));
    }

    @Test
    void bfcvtRoundsSinglesToBfloat16WithIeeeFlags() {
        // bfcvt h0, s1 (0x1e634020): run through the handler, as FEAT_BF16 is not in the max profile yet.
        long[][] cases = {
            {0x3f800001L, 0x3f80, 0x10}, // inexact, rounds down
            {0x3f818000L, 0x3f82, 0x10}, // tie, to even
            {0x007fffffL, 0x0080, 0x18}, // denormal, inexact: underflow (tininess before rounding)
            {0x00018000L, 0x0002, 0x18},
            {0x7f7fffffL, 0x7f80, 0x14}, // overflow to infinity
            {0xff7f8000L, 0xff80, 0x14},
            {0x7fa00000L, 0x7fe0, 0x01}, // signalling NaN: quietened, IOC
        };
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 1 << 16, 1);
        Cpu c = m.cpu(0);
        for (long[] k : cases) {
            c.setV(0, -1, -1);
            c.setV(1, k[0], 0);
            c.fpcr = 0;
            c.fpsr = 0;
            io.el2studio.sim.simd.fp.Bf16Exec.bfcvtScalar(c, 0x1e634020);
            assertEquals(String.format("%016x%016x fpsr %08x", 0, k[1], k[2]),
                    String.format("%016x%016x fpsr %08x", c.vhi(0), c.vlo(0), c.fpsr), String.format("bfcvt of %08x", k[0]));
        }
    }
}
