package io.el2studio.engine.values;

/** Names an address as gdb's {@code <symbol+offset>} (without the angle brackets), or null when gdb prints no name. */
@FunctionalInterface
public interface Symbolizer {
    String symbolize(long address);

    Symbolizer NONE = a -> null;
}
