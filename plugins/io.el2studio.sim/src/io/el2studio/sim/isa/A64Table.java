package io.el2studio.sim.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The A64 encoding table: every row, grouped as the Arm ARM's top-level encoding index (op0, bits
 * 28:25) groups them. Within a group rows are ordered most specific first; {@code EncodingTableTest}
 * proves the order. The group files each own one part of the index.
 */
public final class A64Table {
    private static final List<Row> ROWS = build();

    private A64Table() {
    }

    private static List<Row> build() {
        List<Row> rows = new ArrayList<>();
        ReservedRows.addTo(rows);      // op0 = 0000: UDF
        DpImmRows.addTo(rows);         // op0 = 100x: data processing, immediate
        BranchSysRows.addTo(rows);     // op0 = 101x: branches, exception generation, system
        LoadStoreRows.addTo(rows);     // op0 = x1x0: loads and stores
        DpRegRows.addTo(rows);         // op0 = x101: data processing, register
        CryptoRows.addTo(rows);        // op0 = x111: cryptographic extension encodings
        FpRows.addTo(rows);            // op0 = x111: scalar floating point
        SimdFpRows.addTo(rows);        // op0 = x111: Advanced SIMD floating point
        SimdRows.addTo(rows);          // op0 = x111: Advanced SIMD integer, permute, table
        for (Row r : rows) {
            if (r.exec() == null || r.disasm() == null) {
                throw new IllegalStateException("row without exec or disasm: " + r);
            }
        }
        return Collections.unmodifiableList(rows);
    }

    public static List<Row> rows() {
        return ROWS;
    }
}
