package io.el2studio.engine.dwarf;

/**
 * Debug information that cannot be read: truncated, out of range or of an unknown form. The message
 * names the section and the offset, so that a damaged symbol file can say where it is damaged. The
 * engine catches it at the unit (or table) it was reading and marks only that part damaged.
 */
public final class DwarfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DwarfException(String message) {
        super(message);
    }
}
