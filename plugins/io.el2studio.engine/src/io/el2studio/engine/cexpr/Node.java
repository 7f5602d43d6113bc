package io.el2studio.engine.cexpr;

import io.el2studio.engine.types.Type;
import io.el2studio.engine.values.Value;

/** The syntax tree of a C expression. */
sealed interface Node {
    record Literal(Value value) implements Node {
    }

    record Str(String text) implements Node {
    }

    record Ident(String name) implements Node {
    }

    record Register(String name) implements Node {
    }

    record Member(Node base, String name, boolean arrow) implements Node {
    }

    record Index(Node base, Node index) implements Node {
    }

    record Call(Node function) implements Node {
    }

    record Unary(String op, Node operand) implements Node {
    }

    record Cast(Type type, Node operand) implements Node {
    }

    record SizeofType(Type type) implements Node {
    }

    record Sizeof(Node operand) implements Node {
    }

    record Binary(String op, Node left, Node right) implements Node {
    }

    record Conditional(Node condition, Node ifTrue, Node ifFalse) implements Node {
    }

    record Assign(Node target, Node value) implements Node {
    }

    /** A type name standing alone (ptype struct vcpu, whatis u64). */
    record TypeName(Type type) implements Node {
    }
}
