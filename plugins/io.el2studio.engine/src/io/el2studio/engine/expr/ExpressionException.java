package io.el2studio.engine.expr;

/**
 * A DWARF expression that cannot be evaluated: the message says why in one line. {@link #optimizedOut}
 * is true when the reason is that the compiler did not keep what the expression needs (an entry value
 * no call site gives, a register the frame did not save), which gdb shows as {@code <optimized out>}.
 */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean optimizedOut;

    public ExpressionException(String why) {
        this(why, false);
    }

    public ExpressionException(String why, boolean optimizedOut) {
        super(why);
        this.optimizedOut = optimizedOut;
    }

    public boolean optimizedOut() {
        return optimizedOut;
    }

    public static ExpressionException optimizedOut(String why) {
        return new ExpressionException(why, true);
    }
}
