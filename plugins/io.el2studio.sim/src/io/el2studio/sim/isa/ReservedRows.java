package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.cpu.GuestFault;

/** op0 = 0000, the reserved space: only UDF is allocated, and it is permanently undefined. */
final class ReservedRows {
    private ReservedRows() {
    }

    static void addTo(List<Row> rows) {
        rows.add(new Row("UDF", "0000000000000000 imm16:16")
                .exec((cpu, w) -> { throw GuestFault.undefined(); })
                .dis((w, pc) -> "udf #" + (w & 0xFFFF)));
    }
}
