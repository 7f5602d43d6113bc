package io.el2studio.engine.symbols;

/**
 * One line of an {@code addr2line -f -i} answer: the function (null where addr2line prints {@code ??}),
 * the file as addr2line prints it (null for {@code ??}), line (0 when unknown) and column. For an
 * inlined call the next location is the caller's, at the call site; {@code inlined} is true for every
 * location but the outermost.
 */
public record SourceLocation(String function, String file, int line, int column, boolean inlined) {
    /** The file's last path component, or null. */
    public String baseName() {
        return file == null ? null : file.substring(file.lastIndexOf('/') + 1);
    }
}
