package io.el2studio.sim.isa;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the row of an instruction word for one set of implemented features. Rows are bucketed by
 * op0 (bits 28:25) and tried in table order; a row whose feature is not implemented is skipped.
 * Decoding is done once per instruction address (see {@link io.el2studio.sim.cpu.DecodeCache}),
 * so this linear search is off the hot path.
 */
public final class Decoder {
    private final Row[][] buckets = new Row[16][];
    private final Set<Feature> features;

    public Decoder(Set<Feature> features) {
        this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        for (int op0 = 0; op0 < 16; op0++) {
            List<Row> list = new ArrayList<>();
            int probe = op0 << 25;
            for (Row r : A64Table.rows()) {
                int m = r.mask() & (0xF << 25);
                if ((probe & m) == (r.value() & m) && (r.feature() == null || this.features.contains(r.feature()))) {
                    list.add(r);
                }
            }
            buckets[op0] = list.toArray(new Row[0]);
        }
    }

    /** The row that executes {@code w}, or null when the encoding is UNDEFINED for these features. */
    public Row decode(int w) {
        for (Row r : buckets[(w >>> 25) & 0xF]) {
            if (r.matches(w)) {
                return r;
            }
        }
        return null;
    }

    public Set<Feature> features() {
        return features;
    }

    /** objdump text of {@code w} at {@code pc}; unallocated encodings print as objdump does. */
    public String disassemble(int w, long pc) {
        Row r = decode(w);
        if (r == null) {
            return String.format(".inst 0x%08x ; undefined", w);
        }
        return r.disasm().text(w, pc);
    }
}
