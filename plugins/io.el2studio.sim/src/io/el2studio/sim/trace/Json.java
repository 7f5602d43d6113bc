package io.el2studio.sim.trace;

/**
 * A minimal JSON object writer (RFC 8259) for the trace files: one object per line, fields in the
 * order they are added. No dependency: the simulator bundle imports only java.*.
 */
public final class Json {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    private Json key(String k) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(sb, k);
        sb.append(':');
        return this;
    }

    public Json put(String k, long v) {
        key(k).sb.append(v);
        return this;
    }

    public Json put(String k, boolean v) {
        key(k).sb.append(v);
        return this;
    }

    public Json put(String k, String v) {
        key(k);
        if (v == null) {
            sb.append("null");
        } else {
            string(sb, v);
        }
        return this;
    }

    /** A 64-bit value as a hexadecimal string ("0x..."): JSON numbers lose precision above 2^53 in most readers. */
    public Json hex(String k, long v) {
        return put(k, "0x" + Long.toHexString(v));
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
