package io.el2studio.engine.types;

import io.el2studio.engine.types.Type.Kind;
import java.util.Map;

/**
 * Type names and declarations spelled as gdb 13's C type printer spells them (gdb/c-typeprint.c):
 * the base type, then the declarator built inside out (`int (*)(struct vcpu *, u64)`, `const char *[3]`,
 * `int (*)[3]`), qualifiers of a pointer after its star (`char * volatile`). {@code show} follows gdb:
 * at show &gt; 0 typedefs are expanded and struct bodies printed, members one level lower, so that
 * named nested types print by name and anonymous ones print in full until show drops below 0
 * (`struct {...}`).
 */
public final class TypeNames {
    private TypeNames() {
    }

    /**
     * gcc writes C's base types in its own word order; gdb 13 prints them in the order C programmers
     * write them (`long unsigned int` is shown as `unsigned long`).
     */
    private static final Map<String, String> BASE_NAMES = Map.ofEntries(
            Map.entry("long int", "long"), Map.entry("long unsigned int", "unsigned long"),
            Map.entry("short int", "short"), Map.entry("short unsigned int", "unsigned short"),
            Map.entry("long long int", "long long"), Map.entry("long long unsigned int", "unsigned long long"),
            Map.entry("unsigned", "unsigned int"), Map.entry("signed", "int"));

    static String baseName(String dwarfName) {
        if (dwarfName == null) {
            return "<unnamed base type>";
        }
        return BASE_NAMES.getOrDefault(dwarfName, dwarfName);
    }

    /** The name gdb's {@code whatis} prints (show -1). */
    public static String name(Type t) {
        return declaration(t, "", -1, 0);
    }

    /** The text after {@code type = } of gdb's {@code ptype} (show 1: typedefs expanded, bodies printed). */
    public static String ptype(Type t) {
        return declaration(t, "", 1, 0);
    }

    /** gdb's c_print_type: {@code varName} declared with type {@code t}, body lines indented by {@code level}. */
    public static String declaration(Type t, String varName, int show, int level) {
        StringBuilder depthGuard = new StringBuilder();
        return decl(t, varName, show, level, 0, depthGuard);
    }

    private static String qualText(int q) {
        StringBuilder b = new StringBuilder();
        if ((q & Type.CONST) != 0) {
            b.append("const ");
        }
        if ((q & Type.VOLATILE) != 0) {
            b.append("volatile ");
        }
        if ((q & Type.RESTRICT) != 0) {
            b.append("restrict ");
        }
        if ((q & Type.ATOMIC) != 0) {
            b.append("_Atomic ");
        }
        return b.toString().strip();
    }

    private static String decl(Type t, String inner, int show, int level, int depth, StringBuilder guard) {
        if (depth > 48 || t == null) {
            return join(t == null ? "void" : "...", inner);
        }
        int q = 0;
        Type u = t;
        // merge a chain of qualifiers (gcc writes `const volatile int` as const -> volatile -> int); ptype
        // (show > 0) also expands every typedef level of the type it prints, as gdb's check_typedef
        while (depth < 48) {
            if (u.kind == Kind.QUALIFIED) {
                q |= u.qualifiers;
            } else if (!(u.kind == Kind.TYPEDEF && show > 0)) {
                break;
            }
            u = u.target == null ? Type.VOID_TYPE : u.target;
            depth++;
        }
        switch (u.kind) {
            case POINTER, REFERENCE -> {
                String star = u.kind == Kind.POINTER ? "*" : "&";
                String s = star + (q != 0 ? " " + qualText(q) : "") + (q != 0 && !inner.isEmpty() ? " " : "") + inner;
                Type target = u.target == null ? Type.VOID_TYPE : u.target;
                Kind tk = skipQualifiers(target).kind;
                if (tk == Kind.ARRAY || tk == Kind.FUNCTION) {
                    s = "(" + s + ")";
                }
                return decl(target, s, show, level, depth + 1, guard);
            }
            case ARRAY -> {
                String s = inner + "[" + (u.count >= 0 ? Long.toString(u.count) : "") + "]";
                Type elem = u.target == null ? Type.error("array without element type") : u.target;
                if (q != 0) {
                    // a qualified array is an array of qualified elements (C11 6.7.3p9), as gdb prints it
                    Type qe = new Type(Kind.QUALIFIED);
                    qe.qualifiers = q;
                    qe.target = elem;
                    elem = qe;
                }
                return decl(elem, s, show, level, depth + 1, guard);
            }
            case FUNCTION -> {
                StringBuilder p = new StringBuilder(inner).append('(');
                if (u.params.isEmpty()) {
                    // gdb's c_type_print_args: "..." only after a parameter; none at all is (void) when prototyped
                    p.append(u.prototyped ? "void" : "");
                } else {
                    for (int i = 0; i < u.params.size(); i++) {
                        p.append(i > 0 ? ", " : "").append(decl(u.params.get(i), "", 0, level, depth + 1, guard));
                    }
                    if (u.varargs) {
                        p.append(", ...");
                    }
                }
                p.append(')');
                return decl(u.target == null ? Type.VOID_TYPE : u.target, p.toString(), show, level, depth + 1, guard);
            }
            default -> {
                String base = base(u, show, level, depth, guard);
                if (q != 0) {
                    base = qualText(q) + " " + base;
                }
                return join(base, inner);
            }
        }
    }

    private static Type skipQualifiers(Type t) {
        for (int i = 0; i < 64 && t.kind == Kind.QUALIFIED && t.target != null; i++) {
            t = t.target;
        }
        return t;
    }

    private static String join(String base, String inner) {
        return inner.isEmpty() ? base : base + " " + inner;
    }

    private static String keyword(Kind k) {
        return switch (k) {
            case STRUCT -> "struct";
            case UNION -> "union";
            case CLASS -> "class";
            case ENUM -> "enum";
            default -> "";
        };
    }

    /** gdb's c_type_print_base_1 for a type that is not a pointer, array or function. */
    private static String base(Type u, int show, int level, int depth, StringBuilder guard) {
        switch (u.kind) {
            case VOID:
                return "void";
            case ERROR:
                return "<unknown type>";
            case UNSPECIFIED:
                return u.name != null ? u.name : "void";
            case BASE:
                return baseName(u.name);
            case TYPEDEF:
                return u.name != null ? u.name : "<unnamed typedef>";
            case STRUCT:
            case UNION:
            case CLASS:
            case ENUM: {
                String kw = keyword(u.kind);
                if (show <= 0 && u.name != null) {
                    return kw + " " + u.name;
                }
                StringBuilder b = new StringBuilder(kw).append(' ');
                if (u.name != null) {
                    b.append(u.name).append(' ');
                }
                if (show < 0) {
                    return b.append("{...}").toString();
                }
                return u.kind == Kind.ENUM ? enumBody(u, b) : structBody(u, b, show, level, depth, guard);
            }
            default:
                return "?";
        }
    }

    private static String enumBody(Type u, StringBuilder b) {
        b.append('{');
        long next = 0;
        for (int i = 0; i < u.enumerators.size(); i++) {
            Type.Enumerator e = u.enumerators.get(i);
            b.append(i > 0 ? ", " : "").append(e.name());
            // gdb prints a value only where it is not the previous one plus 1 (the first counts from 0)
            if (e.value() != next) {
                b.append(" = ").append(u.unsignedEnum ? Long.toUnsignedString(e.value()) : Long.toString(e.value()));
            }
            next = e.value() + 1;
        }
        return b.append('}').toString();
    }

    private static String structBody(Type u, StringBuilder b, int show, int level, int depth, StringBuilder guard) {
        b.append("{\n");
        String indent = " ".repeat(level + 4);
        if (u.declaration && u.members().isEmpty()) {
            b.append(indent).append("<incomplete type>\n");
        } else if (u.members().isEmpty()) {
            b.append(indent).append("<no data fields>\n");
        }
        for (Type.Member m : u.members()) {
            b.append(indent).append(decl(m.type(), m.name() == null ? "" : m.name(), show - 1, level + 4, depth + 1, guard));
            if (m.isBitfield()) {
                b.append(" : ").append(m.bitSize());
            }
            b.append(";\n");
        }
        return b.append(" ".repeat(level)).append('}').toString();
    }
}
