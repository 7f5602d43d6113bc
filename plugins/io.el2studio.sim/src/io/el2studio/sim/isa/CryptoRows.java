package io.el2studio.sim.isa;

import java.util.List;

/** Rows of one part of the A64 encoding index (see {@link A64Table}). */
final class CryptoRows {
    private CryptoRows() {
    }

    static void addTo(List<Row> rows) {
    }
}
