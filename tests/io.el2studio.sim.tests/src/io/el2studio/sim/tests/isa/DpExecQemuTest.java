package io.el2studio.sim.tests.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.tests.support.TestData;

/**
 * Integer data-processing instructions compute what qemu-aarch64 7.2 ({@code -cpu max}) computes:
 * about 5,000 vectors, roughly 60 for each objdump mnemonic of op0 = 100x and x101, from register
 * states biased towards edge values (0, -1, INT_MIN, 32-bit boundaries), SP forms included. Every
 * X register, SP and NZCV are compared. Data: resources/isa/dp-exec-qemu.tsv, recorded by gen-dp-exec-qemu.py beside it.
 */
class DpExecQemuTest {

    // ---- the register state of vector i, as gen-dp-exec-qemu.py derives it ----

    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final long[] EDGES = {0, 1, -1, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, Long.MAX_VALUE, Long.MIN_VALUE};

    static long reg(int i, int n) {
        long h = mix(i * 64L + n);
        long r = mix(h);
        switch ((int) (h & 7)) {
            case 1: return r & 0xFFFFFFFFL;
            case 2: return r & 0xFF;
            case 3: return EDGES[(int) (r & 7)];
            case 4: return (int) r;
            case 5: return r >>> (r & 63);
            default: return r;
        }
    }

    static int nzcvIn(int i) {
        return (int) (mix(i * 64L + 63) & 0xF) << 28;
    }

    @Test
    void dataProcessingInstructionsComputeWhatQemuComputes() throws IOException {
        MiniMachine m = new MiniMachine(CpuProfile.max(), 0x4000_0000L, 1 << 20, 1);
        Cpu c = m.cpu(0);
        // FEAT_FlagM's RMIF/SETF are implemented and recorded, whether or not the profile enables them.
        Set<Feature> features = EnumSet.copyOf(CpuProfile.max().features());
        features.add(Feature.FLAGM);
        Decoder decoder = new Decoder(features);
        Decoder disasm = new Decoder(EnumSet.allOf(Feature.class));
        List<String> diffs = new ArrayList<>();
        int vectors = 0;
        for (String line : TestData.dataLines("/isa/dp-exec-qemu.tsv")) {
            vectors++;
            String[] f = line.split("\t", -1);
            int i = Integer.parseInt(f[0]);
            int w = (int) Long.parseLong(f[1], 16);
            long[] expected = new long[31];
            for (int n = 0; n < 31; n++) {
                expected[n] = reg(i, n);
                c.x[n] = expected[n];
            }
            if (!f[5].isBlank()) {
                for (String kv : f[5].trim().split(" ")) {
                    int eq = kv.indexOf('=');
                    expected[Integer.parseInt(kv.substring(0, eq))] = Long.parseUnsignedLong(kv.substring(eq + 1), 16);
                }
            }
            c.nzcv = nzcvIn(i);
            c.el = 0;
            c.spsel = false;
            c.setSp(reg(i, 31));
            long expectedSp = Long.parseUnsignedLong(f[4], 16);
            c.pc = 0x4000_0000L;
            c.npc = c.pc + 4;
            int expectedNzcv = Integer.parseInt(f[3], 16) << 28;
            String text = String.format("%08x %s", w, disasm.disassemble(w, c.pc));
            Row row = decoder.decode(w);
            if (row == null) {
                diffs.add(text + ": UNDEFINED here, qemu executes it");
                continue;
            }
            try {
                row.exec().exec(c, w);
            } catch (RuntimeException e) {
                diffs.add(text + ": threw " + e);
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (int n = 0; n < 31; n++) {
                if (c.x[n] != expected[n]) {
                    sb.append(String.format(" x%d expected %x actual %x;", n, expected[n], c.x[n]));
                }
            }
            if (c.sp() != expectedSp) {
                sb.append(String.format(" sp expected %x actual %x;", expectedSp, c.sp()));
            }
            if (c.nzcv != expectedNzcv) {
                sb.append(String.format(" nzcv expected %x actual %x;", expectedNzcv >>> 28, c.nzcv >>> 28));
            }
            if (sb.length() > 0) {
                diffs.add("vector " + i + " " + text + ":" + sb);
            }
        }
        assertTrue(vectors > 3000, "only " + vectors + " vectors");
        assertEquals(0, diffs.size(), () -> diffs.size() + " of the vectors differ from qemu:\n"
                + String.join("\n", diffs.subList(0, Math.min(60, diffs.size()))));
    }
}
