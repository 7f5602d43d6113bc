package io.el2studio.engine.cexpr;

import io.el2studio.engine.cexpr.Lexer.Kind;
import io.el2studio.engine.cexpr.Lexer.Token;
import io.el2studio.engine.types.BuiltinTypes;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.values.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for gdb's C expressions with gdb's precedence (gdb/c-exp.y: '@' between
 * the shifts and '+'), casts to named types and sizeof. As gdb's parser, it resolves names while parsing,
 * so an unknown name is reported before a later syntax error ({@code No symbol "foo" in current context.}),
 * and a name that is a typedef starts a cast.
 */
final class Parser {
    private static final Set<String> TYPE_WORDS = Set.of("struct", "union", "enum", "const", "volatile", "unsigned",
            "signed", "int", "char", "long", "short", "float", "double", "void");

    private final String text;
    private final List<Token> toks;
    private final SymbolScope scope;
    private int p;

    Parser(String text, SymbolScope scope) {
        this.text = text;
        this.toks = Lexer.lex(text);
        this.scope = scope;
    }

    /** The whole input as an expression, or as a type name when it is one (for ptype/whatis/sizeof). */
    Node parseTop() {
        if (toks.get(0).kind() == Kind.END) {
            throw syntax();
        }
        if (startsType(0)) {
            int save = p;
            Type t = typeName();
            if (peek().kind() == Kind.END) {
                return new Node.TypeName(t);
            }
            p = save;
        }
        Node n = comma();
        if (peek().kind() != Kind.END) {
            throw syntax();
        }
        return n;
    }

    private Token peek() {
        return toks.get(p);
    }

    private boolean isOp(String op) {
        Token t = peek();
        return t.kind() == Kind.OP && t.text().equals(op);
    }

    private boolean accept(String op) {
        if (isOp(op)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(String op) {
        if (!accept(op)) {
            throw syntax();
        }
    }

    private CExprException syntax() {
        int at = peek().pos();
        return new CExprException("A syntax error in expression, near `" + text.substring(Math.min(at, text.length())) + "'.");
    }

    // ---- expressions, lowest precedence first ----

    private Node comma() {
        Node n = assign();
        while (accept(",")) {
            n = new Node.Binary(",", n, assign());
        }
        return n;
    }

    private Node assign() {
        Node n = conditional();
        if (accept("=")) {
            return new Node.Assign(n, assign());
        }
        for (String op : List.of("+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=")) {
            if (accept(op)) {
                // x op= y is x = x op y, x evaluated once (its value is an lvalue, so that is the same here)
                return new Node.Assign(n, new Node.Binary(op.substring(0, op.length() - 1), n, assign()));
            }
        }
        return n;
    }

    private Node conditional() {
        Node c = binary(0);
        if (accept("?")) {
            Node a = comma();
            expect(":");
            Node b = conditional();
            return new Node.Conditional(c, a, b);
        }
        return c;
    }

    private static final String[][] LEVELS = { { "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" },
            { "<", ">", "<=", ">=" }, { "<<", ">>" }, { "@" }, { "+", "-" }, { "*", "/", "%" } };

    private Node binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        Node n = binary(level + 1);
        outer:
        while (true) {
            for (String op : LEVELS[level]) {
                if (isOp(op)) {
                    p++;
                    n = new Node.Binary(op, n, binary(level + 1));
                    continue outer;
                }
            }
            return n;
        }
    }

    private Node unary() {
        Token t = peek();
        if (t.kind() == Kind.OP) {
            switch (t.text()) {
                case "-", "!", "~", "*", "&", "+" -> {
                    p++;
                    return new Node.Unary(t.text(), unary());
                }
                case "(" -> {
                    if (startsType(p + 1)) {
                        p++;
                        Type type = typeName();
                        expect(")");
                        return new Node.Cast(type, unary());
                    }
                }
                default -> {
                }
            }
        }
        if (t.kind() == Kind.NAME && t.text().equals("sizeof")) {
            p++;
            if (isOp("(") && startsType(p + 1)) {
                p++;
                Type type = typeName();
                expect(")");
                return new Node.SizeofType(type);
            }
            return new Node.Sizeof(unary());
        }
        return postfix(primary());
    }

    private Node postfix(Node n) {
        while (true) {
            if (accept(".")) {
                n = new Node.Member(n, memberName(), false);
            } else if (accept("->")) {
                n = new Node.Member(n, memberName(), true);
            } else if (accept("[")) {
                Node i = comma();
                expect("]");
                n = new Node.Index(n, i);
            } else if (accept("(")) {
                while (!isOp(")")) {
                    if (peek().kind() == Kind.END) {
                        throw syntax();
                    }
                    assign();
                    if (!accept(",")) {
                        break;
                    }
                }
                expect(")");
                n = new Node.Call(n);
            } else {
                return n;
            }
        }
    }

    private String memberName() {
        Token t = peek();
        if (t.kind() != Kind.NAME) {
            throw syntax();
        }
        p++;
        return t.text();
    }

    private Node primary() {
        Token t = peek();
        switch (t.kind()) {
            case INT -> {
                p++;
                return new Node.Literal(intLiteral(t));
            }
            case FLOAT -> {
                p++;
                double d = Double.parseDouble(t.text());
                Type ft = t.suffix().equals("f") ? BuiltinTypes.FLOAT : t.suffix().equals("l") ? BuiltinTypes.LONG_DOUBLE : BuiltinTypes.DOUBLE;
                return new Node.Literal(Value.ofDouble(ft, d));
            }
            case CHAR -> {
                p++;
                return new Node.Literal(Value.ofLong(BuiltinTypes.CHAR, t.intValue()));
            }
            case STRING -> {
                StringBuilder b = new StringBuilder();
                while (peek().kind() == Kind.STRING) {
                    b.append(peek().text());
                    p++;
                }
                return new Node.Str(b.toString());
            }
            case DOLLAR -> {
                p++;
                return new Node.Register(t.text());
            }
            case NAME -> {
                p++;
                // gdb resolves the name as it parses (c-exp.y classify_name)
                if (scope.lookup(t.text()) == null) {
                    throw new CExprException("No symbol \"" + t.text() + "\" in current context.");
                }
                return new Node.Ident(t.text());
            }
            case OP -> {
                if (t.text().equals("(")) {
                    p++;
                    Node n = comma();
                    expect(")");
                    return n;
                }
                throw syntax();
            }
            default -> throw syntax();
        }
    }

    /** C's type of an integer constant (C11 6.4.4.1) with gdb's sizes: int, unsigned int (hex/octal), long, unsigned long. */
    private static Value intLiteral(Token t) {
        long v = t.intValue();
        String suffix = t.suffix();
        boolean radix = suffix.endsWith("#");
        suffix = suffix.replace("#", "");
        boolean u = suffix.contains("u");
        int longs = suffix.length() - (u ? 1 : 0);
        Type type;
        boolean fitsInt = v >= 0 && v <= Integer.MAX_VALUE;
        boolean fitsUInt = v >= 0 && v <= 0xffffffffL;
        if (longs == 0 && !u && fitsInt) {
            type = BuiltinTypes.INT;
        } else if (longs == 0 && (u || radix) && fitsUInt) {
            type = BuiltinTypes.UNSIGNED_INT;
        } else if (!u && v >= 0) {
            type = longs == 2 ? BuiltinTypes.LONG_LONG : BuiltinTypes.LONG;
        } else {
            type = longs == 2 ? BuiltinTypes.UNSIGNED_LONG_LONG : BuiltinTypes.UNSIGNED_LONG;
        }
        return Value.ofLong(type, v);
    }

    // ---- type names ----

    private boolean startsType(int at) {
        Token t = toks.get(at);
        if (t.kind() != Kind.NAME) {
            return false;
        }
        if (TYPE_WORDS.contains(t.text())) {
            return true;
        }
        return scope.lookupType(t.text()) != null && scope.lookup(t.text()) == null;
    }

    private Type typeName() {
        int quals = 0;
        List<String> words = new ArrayList<>();
        Type base = null;
        while (peek().kind() == Kind.NAME) {
            String w = peek().text();
            if (w.equals("const")) {
                quals |= Type.CONST;
            } else if (w.equals("volatile")) {
                quals |= Type.VOLATILE;
            } else if (w.equals("struct") || w.equals("union") || w.equals("enum")) {
                if (base != null || !words.isEmpty()) {
                    throw syntax();
                }
                p++;
                Token tag = peek();
                if (tag.kind() != Kind.NAME) {
                    throw syntax();
                }
                base = scope.lookupType(w + " " + tag.text());
                if (base == null) {
                    throw new CExprException("No " + w + " type named " + tag.text() + ".");
                }
            } else if (BuiltinTypes.isSpecifier(w) && !w.equals("_Bool")) {
                // _Bool is no keyword of gdb's C parser: it is found as the program's type of that name
                if (base != null) {
                    throw syntax();
                }
                words.add(w);
            } else if (base == null && words.isEmpty() && scope.lookupType(w) != null) {
                base = scope.lookupType(w);
            } else {
                break;
            }
            p++;
        }
        if (base == null) {
            if (words.isEmpty()) {
                throw syntax();
            }
            base = BuiltinTypes.fromSpecifiers(words);
            if (base == null) {
                throw syntax();
            }
        }
        return abstractDeclarator(Type.qualified(base, quals));
    }

    /**
     * C's abstract declarator (C11 6.7.7) after a type's specifiers: pointers (each optionally const or
     * volatile), then either array bounds, or a parenthesised pointer declarator followed by array
     * bounds or a parameter list: {@code int *}, {@code int [2][3]}, {@code int (*)[3]}, {@code int (*)(int, int)}.
     */
    private Type abstractDeclarator(Type base) {
        Type t = pointers(base);
        if (isOp("(") && toks.get(p + 1).kind() == Kind.OP && toks.get(p + 1).text().equals("*")) {
            p++;
            int stars = 0;
            while (accept("*")) {
                stars++;
            }
            expect(")");
            Type inner = suffixes(t);
            for (int i = 0; i < stars; i++) {
                inner = Type.pointerTo(inner);
            }
            return inner;
        }
        return suffixes(t);
    }

    private Type pointers(Type t) {
        while (true) {
            if (accept("*")) {
                t = Type.pointerTo(t);
                int q = 0;
                while (peek().kind() == Kind.NAME && (peek().text().equals("const") || peek().text().equals("volatile"))) {
                    q |= peek().text().equals("const") ? Type.CONST : Type.VOLATILE;
                    p++;
                }
                t = Type.qualified(t, q);
            } else {
                break;
            }
        }
        return t;
    }

    private Type suffixes(Type t) {
        if (accept("(")) {
            List<Type> params = new ArrayList<>();
            boolean prototyped = false;
            if (!isOp(")")) {
                prototyped = true;
                do {
                    Type pt = typeName();
                    if (pt.kind() != Type.Kind.VOID || !params.isEmpty() || !isOp(")")) {
                        params.add(pt);
                    }
                } while (accept(","));
            }
            expect(")");
            return Type.function(t, params, prototyped);
        }
        List<Long> dims = new ArrayList<>();
        while (accept("[")) {
            Token n = peek();
            if (n.kind() != Kind.INT) {
                throw syntax();
            }
            p++;
            dims.add(n.intValue());
            expect("]");
        }
        for (int i = dims.size() - 1; i >= 0; i--) {
            t = Type.arrayOf(t, dims.get(i));
        }
        return t;
    }
}
