package io.el2studio.sim.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.machine.MiniMachine;

/** Small machines running a few instruction words, for the instruction-level tests. */
public final class TestMachine {
    /** Where every test machine's RAM starts (as on QEMU's virt board). */
    public static final long RAM = 0x4000_0000L;

    private TestMachine() {
    }

    /** The words as they sit in memory: little-endian, words[i] at byte 4 * i. */
    public static byte[] littleEndian(int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int j = 0; j < 4; j++) {
                b[4 * i + j] = (byte) (words[i] >>> (8 * j));
            }
        }
        return b;
    }

    /**
     * CPU 0 of a new machine ({@code cpus} PEs, 1 MiB of RAM at {@link #RAM}) about to execute
     * {@code words}, loaded at {@code code}, at exception level {@code el} with SP_ELx selected
     * above EL0.
     */
    public static Cpu cpuAt(CpuProfile profile, int cpus, long code, int el, int... words) {
        MiniMachine m = new MiniMachine(profile, RAM, 1 << 20, cpus);
        m.load(code, littleEndian(words));
        Cpu c = m.cpu(0);
        c.el = el;
        c.spsel = el != 0;
        c.pc = code;
        return c;
    }

    /**
     * The instruction was UNDEFINED: an exception with EC 0x00 (unknown reason) and IL = 1, and no
     * other syndrome, was taken to {@code el} (Arm ARM D17.2.37, ESR_ELx).
     */
    public static void assertUndefined(Cpu c, int el) {
        assertEquals(el, c.el, "target exception level");
        assertEquals(0x0200_0000L, c.esr[el], "ESR_EL" + el + ": EC 0 (unknown reason), IL 1");
    }
}
