package io.el2studio.sim.tests.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.FastOps;
import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.machine.MiniMachine;

/**
 * The run loop's fast kinds and translated blocks (cpu.FastOps, cpu.PageLoop, cpu.BlockCompiler) are
 * optimisations of the encoding table's rows, never a second decoder: on random encodings of every
 * row, and on random sequences of them, {@code Cpu.run} must leave exactly the state that
 * {@code Cpu.step} (the rows' own handlers, one at a time) leaves: registers, flags, PC, memory,
 * instruction count, and the exception taken when an access faults.
 */
class FastKindsAgreeTest {
    private static final long RAM = 0x4000_0000L, CODE = RAM + 0x1000, DATA = RAM + 0x10_0000, VBAR = RAM + 0x8000;
    private static final int DATA_SIZE = 0x10000, WINDOW = 0x4000;

    /** Words of every row, by the fast kind the loop gives them. */
    private static final List<List<Integer>> BY_KIND = new ArrayList<>();

    static {
        Decoder dec = new Decoder(CpuProfile.max().features());
        for (int k = 0; k < FastOps.KIND_COUNT; k++) {
            BY_KIND.add(new ArrayList<>());
        }
        Random rnd = new Random(42);
        List<Row> rows = new ArrayList<>(A64Table.rows());
        java.util.Set<Row> fast = new java.util.LinkedHashSet<>();
        for (int round = 0; round < 30000; round++) { // rare kinds (LSL: imms + 1 == immr) need many rounds
            for (Row r : rows) {
                int w = (rnd.nextInt() & ~r.mask()) | r.value();
                for (Row.Field f : r.fields()) { // edge values (0, all ones: XZR/SP, LSL #0) as often as random ones
                    int fm = (int) ((1L << f.width()) - 1) << f.lsb();
                    switch (rnd.nextInt(3)) {
                        case 0 -> w &= ~fm;
                        case 1 -> w |= fm;
                        default -> { }
                    }
                }
                Row got = dec.decode(w);
                int kind = got == r ? FastOps.kindOf(r, w) : FastOps.GENERIC;
                if (kind != FastOps.GENERIC && BY_KIND.get(kind).size() < 30) {
                    BY_KIND.get(kind).add(w);
                }
                if (kind != FastOps.GENERIC) {
                    fast.add(r);
                }
            }
            if (round == 50) {
                rows = new ArrayList<>(fast); // after a first sweep, only the rows that have fast kinds
            }
        }
    }

    private final MiniMachine ref = new MiniMachine(CpuProfile.max(), RAM, 4 << 20, 1);
    private final MiniMachine sub = new MiniMachine(CpuProfile.max(), RAM, 4 << 20, 1);

    @Test
    void everyFastKindIsProducedFromTheTable() throws IllegalAccessException {
        int kinds = 0;
        for (java.lang.reflect.Field f : FastOps.class.getFields()) {
            String n = f.getName();
            if (f.getType() != int.class || n.equals("UNDECODED") || n.equals("GENERIC") || n.equals("BLOCK") || n.equals("BREAK") || n.equals("KIND_COUNT")) {
                continue;
            }
            int k = f.getInt(null);
            assertTrue(!BY_KIND.get(k).isEmpty(), "fast kind " + n + " is reached by no random word of the table");
            kinds++;
        }
        assertTrue(kinds > 100, "kinds found: " + kinds);
    }

    @Test
    void everyFastKindAgreesWithItsRowOnRandomWords() {
        Random rnd = new Random(7);
        int checked = 0;
        for (int k = 0; k < FastOps.KIND_COUNT; k++) {
            for (int w : BY_KIND.get(k)) {
                long seed = rnd.nextLong();
                compare(new int[] {w}, seed, 0, 1, "kind " + k);
                checked++;
            }
        }
        assertTrue(checked > 1000, "only " + checked + " words checked");
    }

    @Test
    void translatedBlocksAgreeWithSteppingOnRandomSequences() {
        Random rnd = new Random(11);
        List<Integer> body = new ArrayList<>(), branches = new ArrayList<>();
        for (int k = FastOps.ADDI_X; k < FastOps.KIND_COUNT; k++) {
            (k >= FastOps.B && k <= FastOps.BLR ? branches : body).addAll(BY_KIND.get(k));
        }
        long before = sub.decodeCache.blocksTranslated;
        for (int s = 0; s < 2500; s++) {
            int len = 3 + rnd.nextInt(10);
            int[] words = new int[len];
            for (int j = 0; j < len; j++) {
                words[j] = body.get(rnd.nextInt(body.size()));
            }
            if (rnd.nextBoolean()) {
                words[len - 1] = branches.get(rnd.nextInt(branches.size()));
            }
            compare(words, rnd.nextLong(), 1, len, "sequence " + s);
        }
        assertTrue(sub.decodeCache.blocksTranslated - before > 2000, "blocks were not used");
    }

    @Test
    void budgetsStopAtExactlyTheRequestedInstruction() {
        // The bench loop (integer + load/store, a backward branch) with translation, every budget split.
        int[] loop = {0xf9400024, 0x8b020084, 0xca030085, 0xd37df0a6, 0xf9000426, 0xb9400827, 0x8b070042,
                0xaa060048, 0x92401d09, 0xf9000029, 0xcb09008a, 0x8b4a1c63, 0xa940302b, 0xca0c0063, 0xf1000400,
                0x54fffe21};
        for (int budget : new int[] {1, 2, 3, 7, 15, 16, 17, 31, 100, 1023, 1025, 5000}) {
            compare(loop, 1234 + budget, 2, budget, "budget " + budget);
        }
    }

    // ---- harness ----

    /**
     * Loads {@code words} at a random place of the code page in both machines, gives both the same
     * random state, then steps the reference {@code count} times and runs the subject for {@code count}
     * instructions with translation after {@code threshold} arrivals (0 = never), and compares.
     */
    private void compare(int[] words, long seed, int threshold, int count, String what) {
        Random rnd = new Random(seed);
        long pc = CODE + 4L * rnd.nextInt(1024);
        if (threshold == 2) {
            pc = CODE + 0x100;
        }
        long seedState = rnd.nextLong();
        for (MiniMachine m : new MiniMachine[] {ref, sub}) {
            byte[] code = new byte[4 * words.length];
            for (int i = 0; i < words.length; i++) {
                for (int b = 0; b < 4; b++) {
                    code[4 * i + b] = (byte) (words[i] >>> (8 * b));
                }
            }
            m.load(pc, code); // drops the decoded page, blocks included
            randomize(m, new Random(seedState));
            m.cpu(0).pc = pc;
        }
        Cpu r = ref.cpu(0), s = sub.cpu(0);
        s.decodeCache.blockThreshold = threshold;
        if (threshold == 2) {
            // loop: x0 counts down, x1 points at the data; enough iterations for any budget
            r.x[0] = s.x[0] = 1 << 20;
            r.x[1] = s.x[1] = DATA + 0x100;
        }
        for (int i = 0; i < count; i++) {
            r.step();
        }
        long done = 0;
        while (done < count) {
            long n = s.run(count - done);
            if (n == 0) {
                break;
            }
            done += n;
        }
        String ctx = what + " words " + hex(words) + " at 0x" + Long.toHexString(pc);
        assertEquals(count, done, ctx + ": instructions run");
        assertEquals(r.pc, s.pc, ctx + ": pc");
        assertArrayEquals(r.x, s.x, ctx + ": x");
        assertArrayEquals(r.sp, s.sp, ctx + ": sp");
        assertEquals(r.nzcv, s.nzcv, ctx + ": nzcv");
        assertEquals(r.el, s.el, ctx + ": el");
        assertEquals(r.esr[1], s.esr[1], ctx + ": esr");
        assertEquals(r.elr[1], s.elr[1], ctx + ": elr");
        assertEquals(r.far[1], s.far[1], ctx + ": far");
        assertEquals(r.instructionCount, s.instructionCount, ctx + ": instruction count");
        byte[] rb = ref.bus.ram.bytes, sb = sub.bus.ram.bytes;
        int off = (int) (DATA - RAM) - 0x1000;
        for (int i = off; i < off + DATA_SIZE + 0x2000; i++) {
            if (rb[i] != sb[i]) {
                fail(ctx + ": memory differs at 0x" + Long.toHexString(RAM + i));
            }
        }
    }

    /**
     * The same pseudo-random state in both machines: registers that are either random or point into
     * the data window (so loads and stores mostly reach RAM, sometimes not and fault), random flags,
     * random data, EL1 with SP_EL1 in the window and the vectors in RAM.
     */
    private static void randomize(MiniMachine m, Random rnd) {
        Cpu c = m.cpu(0);
        for (int i = 0; i < 31; i++) {
            c.x[i] = pointerOrValue(rnd);
        }
        for (int i = 0; i < 4; i++) {
            c.sp[i] = DATA + (rnd.nextInt(WINDOW) & ~15);
        }
        c.nzcv = rnd.nextInt(16) << 28;
        c.el = 1;
        c.spsel = rnd.nextBoolean();
        c.daif = 0x3C0;
        c.vbar[1] = VBAR;
        c.esr[1] = c.elr[1] = c.far[1] = 0;
        c.instructionCount = 0;
        c.halted = false;
        byte[] data = new byte[DATA_SIZE];
        rnd.nextBytes(data);
        System.arraycopy(data, 0, m.bus.ram.bytes, (int) (DATA - RAM), DATA_SIZE);
        m.decodeCache.invalidateAll(); // a random branch may have decoded data as code
    }

    private static long pointerOrValue(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0, 1, 2, 3 -> DATA + (rnd.nextInt(WINDOW) & ~7);
            case 4 -> DATA + rnd.nextInt(WINDOW); // unaligned
            case 5 -> rnd.nextInt(64);
            default -> rnd.nextLong();
        };
    }

    private static String hex(int[] words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(String.format("%08x ", w));
        }
        return sb.toString().trim();
    }
}
