package io.el2studio.sim.tests.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/**
 * Every vector of the ARM-specialised Berkeley TestFloat files (shared/reference/testfloat-arm, see its
 * README) gives the expected result bits and FPSR flags when executed by the real instruction on a
 * MiniMachine PE: operands in V1, V2, V3 (or X1), FPCR.RMode from the file name, one step through the
 * decoder and the handler, result from V0 (the whole 128-bit register, whose upper bits must be zero),
 * X0 or NZCV. One dynamic test per file; a failure lists the first mismatching vectors.
 */
class TestFloatTest {
    private static final long BASE = 0x4000_0000L;

    /** How the result is read back. */
    private enum Out { FP, INT, EQ, MI, LS }

    /** The instruction of one TestFloat function, its operand and result sizes. */
    private record Spec(int word, String asm, int srcBits, boolean srcInt, int operands, Out out, int dstBits) {
    }

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("f32_add", new Spec(0x1E222820, "fadd s0, s1, s2", 32, false, 2, Out.FP, 32)),
            Map.entry("f64_add", new Spec(0x1E622820, "fadd d0, d1, d2", 64, false, 2, Out.FP, 64)),
            Map.entry("f32_sub", new Spec(0x1E223820, "fsub s0, s1, s2", 32, false, 2, Out.FP, 32)),
            Map.entry("f64_sub", new Spec(0x1E623820, "fsub d0, d1, d2", 64, false, 2, Out.FP, 64)),
            Map.entry("f32_mul", new Spec(0x1E220820, "fmul s0, s1, s2", 32, false, 2, Out.FP, 32)),
            Map.entry("f64_mul", new Spec(0x1E620820, "fmul d0, d1, d2", 64, false, 2, Out.FP, 64)),
            Map.entry("f32_div", new Spec(0x1E221820, "fdiv s0, s1, s2", 32, false, 2, Out.FP, 32)),
            Map.entry("f64_div", new Spec(0x1E621820, "fdiv d0, d1, d2", 64, false, 2, Out.FP, 64)),
            Map.entry("f32_sqrt", new Spec(0x1E21C020, "fsqrt s0, s1", 32, false, 1, Out.FP, 32)),
            Map.entry("f64_sqrt", new Spec(0x1E61C020, "fsqrt d0, d1", 64, false, 1, Out.FP, 64)),
            Map.entry("f32_mulAdd", new Spec(0x1F020C20, "fmadd s0, s1, s2, s3", 32, false, 3, Out.FP, 32)),
            Map.entry("f64_mulAdd", new Spec(0x1F420C20, "fmadd d0, d1, d2, d3", 64, false, 3, Out.FP, 64)),
            Map.entry("f32_eq", new Spec(0x1E222020, "fcmp s1, s2 ; eq", 32, false, 2, Out.EQ, 0)),
            Map.entry("f32_lt_quiet", new Spec(0x1E222020, "fcmp s1, s2 ; mi", 32, false, 2, Out.MI, 0)),
            Map.entry("f64_le", new Spec(0x1E622030, "fcmpe d1, d2 ; ls", 64, false, 2, Out.LS, 0)),
            Map.entry("f32_roundToInt.rne.exact", new Spec(0x1E274020, "frintx s0, s1", 32, false, 1, Out.FP, 32)),
            Map.entry("f64_roundToInt.near_even", new Spec(0x1E644020, "frintn d0, d1", 64, false, 1, Out.FP, 64)),
            Map.entry("f64_roundToInt.minMag", new Spec(0x1E65C020, "frintz d0, d1", 64, false, 1, Out.FP, 64)),
            Map.entry("f32_to_i32", new Spec(0x1E380020, "fcvtzs w0, s1", 32, false, 1, Out.INT, 32)),
            Map.entry("f32_to_ui32", new Spec(0x1E390020, "fcvtzu w0, s1", 32, false, 1, Out.INT, 32)),
            Map.entry("f64_to_i32", new Spec(0x1E780020, "fcvtzs w0, d1", 64, false, 1, Out.INT, 32)),
            Map.entry("f64_to_i64", new Spec(0x9E780020, "fcvtzs x0, d1", 64, false, 1, Out.INT, 64)),
            Map.entry("f64_to_ui64", new Spec(0x9E790020, "fcvtzu x0, d1", 64, false, 1, Out.INT, 64)),
            Map.entry("i32_to_f32", new Spec(0x1E220020, "scvtf s0, w1", 32, true, 1, Out.FP, 32)),
            Map.entry("i64_to_f64", new Spec(0x9E620020, "scvtf d0, x1", 64, true, 1, Out.FP, 64)),
            Map.entry("ui64_to_f32", new Spec(0x9E230020, "ucvtf s0, x1", 64, true, 1, Out.FP, 32)),
            Map.entry("f16_to_f32", new Spec(0x1EE24020, "fcvt s0, h1", 16, false, 1, Out.FP, 32)),
            Map.entry("f16_to_f64", new Spec(0x1EE2C020, "fcvt d0, h1", 16, false, 1, Out.FP, 64)),
            Map.entry("f32_to_f16", new Spec(0x1E23C020, "fcvt h0, s1", 32, false, 1, Out.FP, 16)),
            Map.entry("f32_to_f64", new Spec(0x1E22C020, "fcvt d0, s1", 32, false, 1, Out.FP, 64)),
            Map.entry("f64_to_f16", new Spec(0x1E63C020, "fcvt h0, d1", 64, false, 1, Out.FP, 16)),
            Map.entry("f64_to_f32", new Spec(0x1E624020, "fcvt s0, d1", 64, false, 1, Out.FP, 32)));

    private static Path dir() {
        return Path.of(System.getProperty("el2studio.shared", "/work/shared"), "reference", "testfloat-arm");
    }

    /** The spec of a file: the longest function key that prefixes its name (roundToInt keys carry the mode). */
    private static Spec specOf(String file) {
        Spec best = null;
        int bestLen = -1;
        for (Map.Entry<String, Spec> e : SPECS.entrySet()) {
            if (file.startsWith(e.getKey() + ".") && e.getKey().length() > bestLen) {
                best = e.getValue();
                bestLen = e.getKey().length();
            }
        }
        return best;
    }

    /** FPCR.RMode of the rounding part of the file name (README): rne 00, max 01, min 10, minMag/rz 11. */
    private static int rmode(String file) {
        String r = file.split("\\.")[1];
        return switch (r) {
            case "rne", "near_even" -> 0;
            case "max" -> 1;
            case "min" -> 2;
            case "minMag", "rz" -> 3;
            default -> throw new IllegalArgumentException("rounding '" + r + "' of " + file);
        };
    }

    /** SoftFloat flags to FPSR: inexact IXC, underflow UFC, overflow OFC, infinite DZC, invalid IOC. */
    private static int fpsr(int softfloat) {
        int f = 0;
        if ((softfloat & 0x01) != 0) f |= 1 << 4;
        if ((softfloat & 0x02) != 0) f |= 1 << 3;
        if ((softfloat & 0x04) != 0) f |= 1 << 2;
        if ((softfloat & 0x08) != 0) f |= 1 << 1;
        if ((softfloat & 0x10) != 0) f |= 1;
        return f;
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }

    @TestFactory
    Stream<DynamicTest> everyTestFloatVectorPassesThroughTheRealInstruction() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt.gz")).sorted().toList();
        }
        assertTrue(files.size() >= 40, "TestFloat files found: " + files.size());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> replay(p)));
    }

    private static void replay(Path file) throws IOException {
        String name = file.getFileName().toString();
        Spec spec = specOf(name);
        assertNotNull(spec, "no instruction mapped for " + name);
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 1 << 20, 1);
        m.load(BASE, new byte[] {(byte) spec.word, (byte) (spec.word >>> 8), (byte) (spec.word >>> 16),
                (byte) (spec.word >>> 24)});
        Cpu c = m.cpu(0);
        c.el = 1;
        c.cpacrEl1 |= 3L << 20; // CPACR_EL1.FPEN = 11: SIMD&FP enabled
        int fpcr = rmode(name) << 22;
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null;) {
                String[] f = line.trim().split("\\s+");
                if (f.length < spec.operands + 2) {
                    continue;
                }
                count++;
                long[] ops = new long[spec.operands];
                for (int i = 0; i < ops.length; i++) {
                    ops[i] = hex(f[i]);
                }
                long expected = hex(f[spec.operands]);
                int expectedFlags = fpsr((int) hex(f[spec.operands + 1]));
                for (int i = 0; i < ops.length; i++) {
                    if (spec.srcInt) {
                        c.x[1 + i] = ops[i];
                    } else {
                        c.setV(1 + i, ops[i], 0);
                    }
                }
                c.setV(0, 0x5555_5555_5555_5555L, 0x5555_5555_5555_5555L); // stale bits must be cleared
                c.x[0] = 0x5555_5555_5555_5555L;
                c.fpcr = fpcr;
                c.fpsr = 0;
                c.nzcv = 0;
                c.pc = BASE;
                c.step();
                long got;
                boolean upperClear = true;
                switch (spec.out) {
                    case FP -> {
                        got = c.v[0];
                        upperClear = c.v[1] == 0;
                    }
                    case INT -> got = c.x[0];
                    case EQ -> got = c.z() ? 1 : 0;
                    case MI -> got = c.n() ? 1 : 0;
                    default -> got = (!c.c() || c.z()) ? 1 : 0;
                }
                boolean ok = c.pc == BASE + 4 && got == expected && upperClear && c.fpsr == expectedFlags;
                if (!ok && mismatches.size() < 20) {
                    mismatches.add(String.format("%s: %s -> got %x flags %02x%s%s, expected %x flags %02x", spec.asm,
                            String.join(" ", List.of(f).subList(0, spec.operands)), got, c.fpsr,
                            upperClear ? "" : " (upper bits not zeroed)", c.pc == BASE + 4 ? "" : " (exception taken)",
                            expected, expectedFlags));
                } else if (!ok) {
                    mismatches.add("");
                }
            }
        }
        assertTrue(count > 1000, name + ": only " + count + " vectors read");
        int total = mismatches.size();
        assertEquals(0, total, () -> name + ": " + total + " of the vectors mismatch, first ones:\n"
                + String.join("\n", mismatches.stream().filter(s -> !s.isEmpty()).toList()));
    }
}
