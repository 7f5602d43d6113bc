package io.el2studio.sim.tests.ls;

import static io.el2studio.sim.tests.ls.LsRig.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.tests.support.TestData;

/**
 * The FEAT_LSE atomics compute what qemu-aarch64 7.2 {@code -cpu max} computes: about 1,000
 * vectors covering LD&lt;op&gt; (and the ST&lt;op&gt; aliases), SWP, CAS and CASP in every size and
 * acquire/release variant, with edge values and CAS comparisons that succeed and fail. Registers
 * X2..X5 and the 16 bytes of memory are compared. Data: resources/ls/lse-exec-qemu.tsv, recorded
 * by gen-lse-exec-qemu.py beside it.
 */
class LseExecQemuTest {

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }

    @Test
    void atomicsComputeWhatQemuComputes() throws IOException {
        LsRig rig = new LsRig();
        Cpu c = rig.cpu();
        Decoder disasm = new Decoder(EnumSet.allOf(Feature.class));
        List<String> diffs = new ArrayList<>();
        int vectors = 0;
        for (String line : TestData.dataLines("/ls/lse-exec-qemu.tsv")) {
            vectors++;
            String[] f = line.split("\t");
            int w = (int) hex(f[0]);
            String[] in = f[1].split(" ");
            String[] out = f[2].split(" ");
            rig.write(DATA, 8, hex(in[0]));
            rig.write(DATA + 8, 8, hex(in[1]));
            c.x[0] = DATA;
            for (int r = 0; r < 4; r++) {
                c.x[2 + r] = hex(in[2 + r]);
            }
            rig.exec(w);
            long[] got = {c.x[2], c.x[3], c.x[4], c.x[5], rig.read(DATA, 8), rig.read(DATA + 8, 8)};
            String[] names = {"x2", "x3", "x4", "x5", "mem[0]", "mem[8]"};
            for (int k = 0; k < 6; k++) {
                if (got[k] != hex(out[k])) {
                    diffs.add(String.format("%08x %s, in %s: %s = %x, qemu %s", w, disasm.disassemble(w, 0), f[1],
                            names[k], got[k], out[k]));
                }
            }
        }
        assertTrue(vectors > 900, "only " + vectors + " vectors");
        assertEquals(0, rig.faults.size(), () -> "unexpected exceptions: " + rig.faults);
        assertTrue(diffs.isEmpty(), () -> diffs.size() + " differences:\n" + String.join("\n", diffs.subList(0, Math.min(40, diffs.size()))));
    }
}
