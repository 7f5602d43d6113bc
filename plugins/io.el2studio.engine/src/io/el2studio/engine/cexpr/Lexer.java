package io.el2studio.engine.cexpr;

import java.util.ArrayList;
import java.util.List;

/** Tokens of gdb's C expression language (gdb/c-exp.y lexer): names, numbers, char and string literals, $registers, operators. */
final class Lexer {
    enum Kind { NAME, INT, FLOAT, CHAR, STRING, DOLLAR, OP, END }

    record Token(Kind kind, String text, int pos, long intValue, String suffix) {
    }

    private static final String[] OPS = { "<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "(", ")", "[", "]", ".",
            "*", "&", "-", "+", "!", "~", "/", "%", "<", ">", "^", "|", "?", ":", ",", "@", "=" };

    static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                out.add(new Token(Kind.END, "", i, 0, ""));
                return out;
            }
            char c = s.charAt(i);
            int start = i;
            if (Character.isLetter(c) || c == '_') {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.NAME, s.substring(start, i), start, 0, ""));
            } else if (c == '$') {
                i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.DOLLAR, s.substring(start + 1, i), start, 0, ""));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                i = number(s, i, out);
            } else if (c == '\'') {
                int[] end = { i + 1 };
                int v = charValue(s, end, '\'');
                if (end[0] >= s.length() || s.charAt(end[0]) != '\'') {
                    throw new CExprException("Unmatched single quote.");
                }
                i = end[0] + 1;
                out.add(new Token(Kind.CHAR, s.substring(start, i), start, v, ""));
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                int[] end = { i + 1 };
                while (end[0] < s.length() && s.charAt(end[0]) != '"') {
                    b.append((char) charValue(s, end, '"'));
                }
                if (end[0] >= s.length()) {
                    throw new CExprException("Unterminated string in expression.");
                }
                i = end[0] + 1;
                out.add(new Token(Kind.STRING, b.toString(), start, 0, ""));
            } else {
                String op = null;
                for (String o : OPS) {
                    if (s.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw new CExprException("Invalid character '" + c + "' in expression.");
                }
                i += op.length();
                out.add(new Token(Kind.OP, op, start, 0, ""));
            }
        }
    }

    private static int number(String s, int i, List<Token> out) {
        int start = i;
        boolean hex = s.startsWith("0x", i) || s.startsWith("0X", i);
        if (hex) {
            i += 2;
        }
        boolean isFloat = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (hex ? Character.digit(c, 16) >= 0 : Character.isDigit(c)) {
                i++;
            } else if (!hex && (c == '.' || c == 'e' || c == 'E')) {
                isFloat = true;
                i++;
                if ((c == 'e' || c == 'E') && i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                    i++;
                }
            } else {
                break;
            }
        }
        int digitsEnd = i;
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        String suffix = s.substring(digitsEnd, i).toLowerCase();
        String body = s.substring(start, digitsEnd);
        if (isFloat) {
            if (!suffix.isEmpty() && !suffix.equals("f") && !suffix.equals("l")) {
                throw new CExprException("Invalid number \"" + s.substring(start, i) + "\".");
            }
            out.add(new Token(Kind.FLOAT, body, start, 0, suffix));
            return i;
        }
        if (!suffix.matches("u?l{0,2}|l{1,2}u")) {
            throw new CExprException("Invalid number \"" + s.substring(start, i) + "\".");
        }
        long v;
        try {
            if (hex) {
                v = Long.parseUnsignedLong(body.substring(2), 16);
            } else if (body.length() > 1 && body.startsWith("0")) {
                v = Long.parseUnsignedLong(body.substring(1), 8);
            } else {
                v = Long.parseUnsignedLong(body);
            }
        } catch (NumberFormatException e) {
            throw new CExprException(hex && body.length() == 2 ? "Invalid number \"" + s.substring(start, i) + "\"."
                    : "Numeric constant too large.");
        }
        out.add(new Token(Kind.INT, body, start, v, suffix + (hex || body.length() > 1 && body.startsWith("0") ? "#" : "")));
        return i;
    }

    /** One character of a char or string literal at end[0], with C's escapes (C11 6.4.4.4). */
    private static int charValue(String s, int[] end, char quote) {
        int i = end[0];
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (c != '\\') {
            end[0] = i + 1;
            return c;
        }
        i++;
        if (i >= s.length()) {
            end[0] = i;
            return '\\';
        }
        char e = s.charAt(i++);
        int v;
        switch (e) {
            case 'n' -> v = 10;
            case 't' -> v = 9;
            case 'r' -> v = 13;
            case 'a' -> v = 7;
            case 'b' -> v = 8;
            case 'f' -> v = 12;
            case 'v' -> v = 11;
            case 'e' -> v = 27;
            case 'x' -> {
                v = 0;
                while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(i++), 16);
                }
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    v = e - '0';
                    for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                        v = v * 8 + s.charAt(i++) - '0';
                    }
                } else {
                    v = e;
                }
            }
        }
        end[0] = i;
        return v & 0xff;
    }
}
