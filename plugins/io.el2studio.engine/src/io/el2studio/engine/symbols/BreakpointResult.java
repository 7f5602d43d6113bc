package io.el2studio.engine.symbols;

import java.util.List;

/**
 * Where {@code break FILE:LINE} or {@code break FUNCTION} goes: {@code line} is the line gdb used
 * (the first line at or after the requested one that has code; for a function its first line after
 * the prologue), and the locations in gdb's order. Empty locations: gdb's "No line N in file F."
 */
public record BreakpointResult(int line, List<BreakpointLocation> locations) {
    public static final BreakpointResult NONE = new BreakpointResult(0, List.of());

    public List<Long> addresses() {
        return locations.stream().map(BreakpointLocation::address).toList();
    }

    public boolean isEmpty() {
        return locations.isEmpty();
    }
}
