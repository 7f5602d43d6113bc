package io.el2studio.sim.tests.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.tests.support.DisasmCorpus;

/**
 * Every Advanced SIMD integer and crypto row executes random encodings on boundary-biased register
 * states exactly as qemu-aarch64 7.2 -cpu max did (registers written, FPSR.QC), and UNDEFs where it
 * did. The cases were recorded by {@link OracleCaseGenerator}. The unallocated words of
 * undefined-oracle.txt are chosen by QEMU's SIGILL and objdump's "undefined" (and by our decoder,
 * so that a word we reject but QEMU executes is a case): where QEMU executes such a word, its
 * changes are the expectation like any other, and each word where we knowingly differ from QEMU
 * is listed with the Arm ARM rule in resources/simd/undefined-deviations.tsv (word, our result,
 * reason); a listed word that now agrees, or that the oracle file no longer has, fails the test.
 */
class SimdOracleTest {
    private static final long BASE = 0x4000_0000L;
    private static final Decoder ALL = new Decoder(EnumSet.allOf(Feature.class));

    /** What we did with a recorded case ("undef" or the changes), where it differs from what qemu did. */
    record Difference(OracleCases.Case recorded, String ours) {
        String line() {
            return String.format("%08x %-40s seed %x%n    qemu: %s%n    we:   %s", recorded.word(),
                    ALL.disassemble(recorded.word(), 0), recorded.seed(), recorded.changes(), ours);
        }
    }

    static List<Difference> replay(List<OracleCases.Case> cases) {
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
        List<Difference> bad = new ArrayList<>();
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
                bad.add(new Difference(k, got));
            }
        }
        return bad;
    }

    /** Every case of {@code resource} (at least {@code minCases} of them) does what qemu did, except the listed deviations. */
    private static void check(String resource, int minCases) throws IOException {
        List<OracleCases.Case> cases = OracleCases.load(resource);
        assertTrue(cases.size() >= minCases, resource + " has " + cases.size() + " cases, expected at least " + minCases);
        Map<Integer, String> deviations = DisasmCorpus.knownDifferences(DEVIATIONS);
        List<String> bad = new ArrayList<>();
        Set<Integer> differing = new HashSet<>();
        for (Difference d : replay(cases)) {
            differing.add(d.recorded().word());
            String listed = deviations.get(d.recorded().word());
            if (listed == null || !listed.split("\t")[0].equals(d.ours())) {
                bad.add(d.line());
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " cases differ from qemu:\n" + String.join("\n", bad.subList(0, Math.min(60, bad.size()))));
        if (resource.equals(UNALLOCATED)) {
            Set<Integer> recorded = new HashSet<>();
            cases.forEach(c -> recorded.add(c.word()));
            List<String> stale = new ArrayList<>();
            for (Integer w : deviations.keySet()) {
                if (!recorded.contains(w) || !differing.contains(w)) {
                    stale.add(String.format("%08x (%s)", w, recorded.contains(w) ? "now agrees with qemu" : "not in " + UNALLOCATED));
                }
            }
            assertTrue(stale.isEmpty(), "stale entries of " + DEVIATIONS + ": " + stale);
        }
    }

    static final String UNALLOCATED = "/simd/undefined-oracle.txt";
    /** Words of {@link #UNALLOCATED} where we knowingly differ from qemu: word, our result, Arm ARM rule. */
    static final String DEVIATIONS = "/simd/undefined-deviations.tsv";

    @Test
    void simdIntegerInstructionsMatchQemu() throws IOException {
        check("/simd/simd-oracle.txt", 3000);
    }

    @Test
    void cryptoInstructionsMatchQemu() throws IOException {
        check("/simd/crypto-oracle.txt", 350);
    }

    /**
     * Random words of the SIMD, FP and crypto classes that QEMU rejects, objdump calls undefined or
     * our decoder rejects: each does what QEMU did (UNDEF, or the same registers), or is a listed deviation.
     */
    @Test
    void unallocatedSimdWordsUndefineLikeQemu() throws IOException {
        check(UNALLOCATED, 2800);
    }
}
