package io.el2studio.engine.cli;

/**
 * A command that fails as gdb fails it: one line (gdb's own words where gdb has them, e.g.
 * {@code No symbol "x" in current context.}), printed, and the script goes on.
 */
final class GdbError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GdbError(String message) {
        super(message, null, false, false);
    }

    /** The engine part a command needs is not in this build yet: said plainly, never a made-up answer. */
    static GdbError notAvailable(String what) {
        return new GdbError(what + ": not available yet in el2studio debug");
    }
}
