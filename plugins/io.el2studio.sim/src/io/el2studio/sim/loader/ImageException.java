package io.el2studio.sim.loader;

/**
 * An image that cannot be loaded: missing, unreadable, not an AArch64 ELF64 file, truncated or
 * corrupt, or not fitting in guest memory. The message is one line that names the file and the
 * problem, fit to be shown to the user as is (no stack trace: it is an input error).
 */
public final class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    public ImageException(String file, String problem) {
        super("'" + file + "': " + problem, null, false, false);
        this.file = file;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
