package io.el2studio.sim.tests.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.machine.MiniMachine;

/**
 * Every Advanced SIMD integer and crypto row executes random encodings on boundary-biased register
 * states exactly as qemu-aarch64 7.2 -cpu max did (registers written, FPSR.QC), and UNDEFs where it
 * did. The cases were recorded by {@link OracleCaseGenerator}. (undefined-oracle.txt keeps only the
 * unallocated words qemu also rejects: a word qemu executes but no row decodes is a gap to report,
 * not an expectation.)
 */
class SimdOracleTest {
    private static final long BASE = 0x4000_0000L;
    private static final Decoder ALL = new Decoder(EnumSet.allOf(Feature.class));

    static List<String> replay(String resource) throws IOException {
        List<OracleCases.Case> cases = OracleCases.load(resource);
        MiniMachine m = new MiniMachine(CpuProfile.max(), BASE, 64 << 20, 1);
        byte[] code = new byte[4 * cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            int w = cases.get(i).word();
            for (int k = 0; k < 4; k++) {
                code[4 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        m.load(BASE, code);
        Cpu c = m.cpu(0);
        boolean[] undef = new boolean[1];
        c.faultHook = (cpu, f) -> {
            undef[0] = true;
            return true;
        };
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            OracleCases.Case k = cases.get(i);
            OracleCases.State s = OracleCases.state(k.seed());
            System.arraycopy(s.v(), 0, c.v, 0, 64);
            System.arraycopy(s.x(), 0, c.x, 0, 31);
            c.fpsr = 0;
            c.fpcr = 0;
            c.pc = BASE + 4L * i;
            undef[0] = false;
            String got;
            try {
                c.step();
                got = undef[0] ? "undef" : OracleCases.changes(s, c.v, c.x, c.fpsr & 0xFFFFFFFFL);
            } catch (RuntimeException e) {
                got = "exception " + e;
            }
            if (!got.equals(k.changes())) {
                bad.add(String.format("%08x %-40s seed %x%n    qemu: %s%n    we:   %s", k.word(), ALL.disassemble(k.word(), 0),
                        k.seed(), k.changes(), got));
            }
        }
        return bad;
    }

    private static void check(String resource) throws IOException {
        List<String> bad = replay(resource);
        assertTrue(bad.isEmpty(), bad.size() + " cases differ from qemu:\n" + String.join("\n", bad.subList(0, Math.min(60, bad.size()))));
    }

    @Test
    void simdIntegerInstructionsMatchQemu() throws IOException {
        check("/simd/simd-oracle.txt");
    }

    @Test
    void cryptoInstructionsMatchQemu() throws IOException {
        check("/simd/crypto-oracle.txt");
    }

    /** Random unallocated words of the SIMD and crypto classes: every one qemu rejected, we reject too. */
    @Test
    void unallocatedSimdWordsUndefineLikeQemu() throws IOException {
        check("/simd/undefined-oracle.txt");
    }
}
