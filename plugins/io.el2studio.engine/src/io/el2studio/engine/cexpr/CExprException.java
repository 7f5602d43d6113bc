package io.el2studio.engine.cexpr;

/** An expression that cannot be parsed or evaluated; the message is gdb's wording. */
final class CExprException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CExprException(String gdbMessage) {
        super(gdbMessage, null, false, false);
    }
}
