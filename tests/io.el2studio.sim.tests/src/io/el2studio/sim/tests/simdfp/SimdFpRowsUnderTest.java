package io.el2studio.sim.tests.simdfp;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.el2studio.sim.isa.Row;

/**
 * The rows of the Advanced SIMD floating-point group alone (isa.SimdFpRows.addTo, package-private,
 * reached by reflection), so that the tests see exactly what this group decodes; and the test that
 * a word belongs to the group's encoding space.
 */
final class SimdFpRowsUnderTest {
    private static final List<Row> ROWS = load();

    /** objdump mnemonics of AdvSIMD floating-point instructions (bfi/bfxil/bfc are integer bitfield moves). */
    private static final Pattern FP_MNEMONIC =
            Pattern.compile("^(f[a-z0-9]*|scvtf|ucvtf|urecpe|ursqrte|bfcvtn2?|bfdot|bfmmla|bfmlal[bt])( |$)");

    private SimdFpRowsUnderTest() {
    }

    @SuppressWarnings("unchecked")
    private static List<Row> load() {
        try {
            Class<?> c = Class.forName("io.el2studio.sim.isa.SimdFpRows");
            Method m = c.getDeclaredMethod("addTo", List.class);
            m.setAccessible(true);
            List<Row> rows = new ArrayList<>();
            m.invoke(null, rows);
            return rows;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Row> rows() {
        return ROWS;
    }

    /** The first row of the group that accepts {@code w}, or null. */
    static Row decode(int w) {
        for (Row r : ROWS) {
            if (r.matches(w)) {
                return r;
            }
        }
        return null;
    }

    /** Advanced SIMD vector (0 Q U 0111x) or scalar (01 U 1111x) space; scalar FP (x0x1111x) is not. */
    static boolean advSimdSpace(int w) {
        return (w & 0x9E000000) == 0x0E000000 || (w & 0xDE000000) == 0x5E000000;
    }

    static boolean fpMnemonic(String objdump) {
        return FP_MNEMONIC.matcher(objdump).find();
    }
}
