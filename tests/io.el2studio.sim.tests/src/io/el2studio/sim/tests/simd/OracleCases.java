package io.el2studio.sim.tests.simd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Execution cases recorded from qemu-aarch64 7.2 ({@code -cpu max}) by {@link OracleCaseGenerator}:
 * an instruction word, the seed of its input state, and the registers it changed. The input state
 * is regenerated from the seed, so the file holds only the effect of each instruction.
 *
 * <p>File format (resources/simd/*-oracle.txt), one case per line:
 * {@code word seed changes}, where changes are space-separated {@code vN=lo:hi}, {@code xN=value},
 * {@code fpsr=value} (hex), or the single word {@code undef} when qemu raised SIGILL.
 */
public final class OracleCases {
    private OracleCases() {
    }

    /** Input state of a case: V0..V31 as (lo, hi), X0..X30. FPSR and FPCR start at 0. */
    public record State(long[] v, long[] x) {
    }

    public record Case(int word, long seed, String changes) {
    }

    private static final long[] SPECIAL = {0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L,
        0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, 2, 3, 0x40, 0xF8, 0xFFF0};

    /** A 64-bit word made of lanes of one random size, biased towards boundary values. */
    static long word(SplittableRandom r) {
        int kind = r.nextInt(4);
        if (kind == 0) {
            return r.nextLong();
        }
        int es = 8 << r.nextInt(4);
        long out = 0;
        for (int i = 0; i < 64 / es; i++) {
            long lane;
            int pick = r.nextInt(5);
            if (pick == 0) {
                lane = r.nextLong();
            } else if (pick == 1) {
                lane = r.nextInt(140) - 70; // shift counts and small numbers
            } else {
                lane = SPECIAL[r.nextInt(SPECIAL.length)];
                if (r.nextBoolean()) {
                    lane = es == 64 ? lane : lane & ((1L << es) - 1);
                }
            }
            long m = es == 64 ? -1L : (1L << es) - 1;
            out |= (lane & m) << (i * es);
        }
        return out;
    }

    public static State state(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] v = new long[64];
        for (int i = 0; i < 64; i++) {
            v[i] = word(r);
        }
        long[] x = new long[31];
        for (int i = 0; i < 31; i++) {
            x[i] = r.nextInt(3) == 0 ? word(r) : r.nextLong();
        }
        return new State(v, x);
    }

    public static List<Case> load(String resource) throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = OracleCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split(" ", 3);
                out.add(new Case((int) Long.parseLong(f[0], 16), Long.parseLong(f[1], 16), f.length > 2 ? f[2] : ""));
            }
        }
        return out;
    }

    /** The changes text of a state transition, as the file spells it. */
    public static String changes(State before, long[] vAfter, long[] xAfter, long fpsrAfter) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            if (vAfter[2 * i] != before.v()[2 * i] || vAfter[2 * i + 1] != before.v()[2 * i + 1]) {
                b.append(" v").append(i).append('=').append(Long.toHexString(vAfter[2 * i])).append(':')
                        .append(Long.toHexString(vAfter[2 * i + 1]));
            }
        }
        for (int i = 0; i < 31; i++) {
            if (xAfter[i] != before.x()[i]) {
                b.append(" x").append(i).append('=').append(Long.toHexString(xAfter[i]));
            }
        }
        if (fpsrAfter != 0) {
            b.append(" fpsr=").append(Long.toHexString(fpsrAfter));
        }
        return b.toString().trim();
    }
}
