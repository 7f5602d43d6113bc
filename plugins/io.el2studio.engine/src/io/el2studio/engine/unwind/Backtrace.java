package io.el2studio.engine.unwind;

import java.util.List;

/**
 * The frames of a stopped PE, innermost first, and why the list ends: null when it ends where gdb
 * ends it silently (main, the entry function, an undefined return address, a zero pc), otherwise the
 * text gdb prints after {@code Backtrace stopped: } ("previous frame inner to this frame (corrupt
 * stack?)", "previous frame identical to this frame (corrupt stack?)", "Cannot access memory at
 * address 0x...") or a one-line reason of our own for damaged call frame information.
 */
public record Backtrace(List<Frame> frames, String stopReason) {
    public Backtrace {
        frames = List.copyOf(frames);
    }
}
