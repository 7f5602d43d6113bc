package io.el2studio.sim.cli;

/**
 * A user error on the command line or in an input file: reported as one line on stderr,
 * {@code el2studio <command>: <message>}, with exit status 2 and no stack trace.
 */
final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message, null, false, false);
    }
}
