package io.el2studio.engine.unwind;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the call frame information table (DWARF 5, 6.4.1): how to compute the CFA at a pc and
 * where each register of the caller is, valid for the pc range {@code [start, end)} (runtime
 * addresses). Registers without a rule are "unspecified", which gdb treats as same value.
 */
public record CfiRules(long start, long end, Cfa cfa, Map<Integer, Rule> registers, int returnColumn,
        boolean raSigned, long argsSize, boolean signalFrame, String source) {

    /** How the CFA is computed: register + offset, or a DWARF expression (DW_CFA_def_cfa_expression). */
    public sealed interface Cfa {
    }

    public record RegOffset(int reg, long offset) implements Cfa {
        @Override
        public String toString() {
            return "r" + reg + "+" + offset;
        }
    }

    public record CfaExpression(byte[] expression) implements Cfa {
        @Override
        public boolean equals(Object o) {
            return o instanceof CfaExpression e && Arrays.equals(expression, e.expression);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(expression);
        }

        @Override
        public String toString() {
            return "expr" + Arrays.toString(expression);
        }
    }

    /** A register rule (DWARF 5, 6.4.1: undefined, same value, offset(N), val_offset(N), register(R), expression(E), val_expression(E)). */
    public sealed interface Rule {
    }

    public record Undefined() implements Rule {
    }

    public record SameValue() implements Rule {
    }

    /** Saved at CFA + offset. */
    public record Offset(long offset) implements Rule {
    }

    /** The value is CFA + offset. */
    public record ValOffset(long offset) implements Rule {
    }

    /** In another register of this frame. */
    public record InRegister(int reg) implements Rule {
    }

    /** Saved at the address the expression computes (the CFA pushed first). */
    public record Expression(byte[] expression) implements Rule {
        @Override
        public boolean equals(Object o) {
            return o instanceof Expression e && Arrays.equals(expression, e.expression);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(expression);
        }
    }

    /** The value is what the expression computes (the CFA pushed first). */
    public record ValExpression(byte[] expression) implements Rule {
        @Override
        public boolean equals(Object o) {
            return o instanceof ValExpression e && Arrays.equals(expression, e.expression);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(expression);
        }
    }

    public static final Rule UNDEFINED = new Undefined(), SAME_VALUE = new SameValue();

    public CfiRules {
        registers = java.util.Collections.unmodifiableMap(new TreeMap<>(registers));
    }

    /** The rule of {@code reg}, null when unspecified. */
    public Rule rule(int reg) {
        return registers.get(reg);
    }
}
