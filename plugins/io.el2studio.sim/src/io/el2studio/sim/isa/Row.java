package io.el2studio.sim.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of the A64 encoding table: a 32-bit pattern with named fields, in the spirit of QEMU's
 * decodetree. The same row drives the decoder ({@link Exec}), the disassembler ({@link Disasm}) and
 * the random-encoding test generator ({@link #fields()} are the free bits).
 *
 * <p>Pattern syntax, most significant bit first, tokens separated by spaces, 32 bits in total:
 * {@code 0}/{@code 1} fixed bits, {@code x} or {@code .} a bit that is free and unnamed, and
 * {@code name:width} a named free field. Example (ADD immediate):
 * {@code "sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5"}.
 */
public final class Row {
    /** A named free field of the pattern. */
    public record Field(String name, int lsb, int width) {
        public int get(int w) {
            return (w >>> lsb) & (int) ((1L << width) - 1);
        }
    }

    private final String name;
    private final String pattern;
    private final int mask;
    private final int value;
    private final List<Field> fields;
    private Exec exec;
    private Disasm disasm;
    private Guard guard;
    private Feature feature;

    public Row(String name, String pattern) {
        this.name = name;
        this.pattern = pattern;
        int m = 0, v = 0, bit = 32;
        List<Field> fs = new ArrayList<>();
        for (String tok : pattern.trim().split("\\s+")) {
            int colon = tok.indexOf(':');
            if (colon > 0) {
                int width = Integer.parseInt(tok.substring(colon + 1));
                bit -= width;
                fs.add(new Field(tok.substring(0, colon), bit, width));
                continue;
            }
            for (char c : tok.toCharArray()) {
                bit--;
                switch (c) {
                    case '0' -> m |= 1 << bit;
                    case '1' -> { m |= 1 << bit; v |= 1 << bit; }
                    case 'x', '.' -> { }
                    default -> throw new IllegalArgumentException(name + ": bad pattern char '" + c + "' in " + pattern);
                }
            }
        }
        if (bit != 0) {
            throw new IllegalArgumentException(name + ": pattern has " + (32 - bit) + " bits, not 32: " + pattern);
        }
        this.mask = m;
        this.value = v;
        this.fields = Collections.unmodifiableList(fs);
    }

    public Row exec(Exec e) { this.exec = e; return this; }
    public Row dis(Disasm d) { this.disasm = d; return this; }
    public Row when(Guard g) { this.guard = g; return this; }
    public Row needs(Feature f) { this.feature = f; return this; }

    public String name() { return name; }
    public String pattern() { return pattern; }
    public int mask() { return mask; }
    public int value() { return value; }
    public List<Field> fields() { return fields; }
    public Exec exec() { return exec; }
    public Disasm disasm() { return disasm; }
    public Guard guard() { return guard; }
    public Feature feature() { return feature; }

    /** Fixed bits match (ignores the guard and the feature). */
    public boolean matchesBits(int w) {
        return (w & mask) == value;
    }

    /** Fixed bits match and the guard allows the word. */
    public boolean matches(int w) {
        return (w & mask) == value && (guard == null || guard.allocated(w));
    }

    public Field field(String n) {
        for (Field f : fields) {
            if (f.name().equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException(name + " has no field " + n);
    }

    @Override
    public String toString() {
        return name + " [" + pattern + "]";
    }
}
