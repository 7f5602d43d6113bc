package io.el2studio.sim.isa;

import java.util.List;

/** Rows of one part of the A64 encoding index (see {@link A64Table}). */
final class DpRegRows {
    private DpRegRows() {
    }

    static void addTo(List<Row> rows) {
    }
}
