package io.el2studio.engine.dwarf;

import java.util.HashMap;
import java.util.Map;

/** One abbreviation declaration of .debug_abbrev (DWARF 5, 7.5.3): a tag, children flag and attribute specs. */
public record Abbrev(long code, int tag, boolean hasChildren, int[] attributes, int[] forms, long[] implicitConsts) {

    /** Reads the abbreviation table at {@code offset} of .debug_abbrev. */
    public static Map<Long, Abbrev> readTable(Cursor c) {
        Map<Long, Abbrev> table = new HashMap<>();
        while (true) {
            long code = c.uleb();
            if (code == 0) {
                return table;
            }
            int tag = c.ulebInt();
            boolean children = c.u8() != 0;
            int n = 0;
            int[] at = new int[8], fm = new int[8];
            long[] ic = new long[8];
            while (true) {
                int a = c.ulebInt();
                int f = c.ulebInt();
                if (a == 0 && f == 0) {
                    break;
                }
                if (n == at.length) {
                    at = java.util.Arrays.copyOf(at, n * 2);
                    fm = java.util.Arrays.copyOf(fm, n * 2);
                    ic = java.util.Arrays.copyOf(ic, n * 2);
                }
                at[n] = a;
                fm[n] = f;
                ic[n] = f == Dw.FORM_implicit_const ? c.sleb() : 0;
                n++;
            }
            table.put(code, new Abbrev(code, tag, children, java.util.Arrays.copyOf(at, n),
                    java.util.Arrays.copyOf(fm, n), java.util.Arrays.copyOf(ic, n)));
        }
    }
}
