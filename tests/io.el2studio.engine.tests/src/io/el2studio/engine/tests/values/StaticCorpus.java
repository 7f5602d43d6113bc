package io.el2studio.engine.tests.values;

import io.el2studio.engine.cexpr.CExpr;
import io.el2studio.engine.tests.cexpr.ElfScope;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Type.Kind;
import io.el2studio.engine.values.GdbFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The gdb commands the static comparison runs on one ELF, generated from its DWARF: print, print/x,
 * ptype and whatis of every global, function and named type, and expressions built from each global's
 * type (members, elements, addresses, derefs, casts, arithmetic, formats), plus fixed expressions and
 * errors. {@link #ours} runs one of them through the engine, printing what gdb would.
 */
final class StaticCorpus {
    private StaticCorpus() {
    }

    static List<String> commands(ElfScope scope) {
        Set<String> c = new LinkedHashSet<>();
        for (String g : scope.globals()) {
            Type t = scope.lookup(g).type();
            c.add("print " + g);
            c.add("print/x " + g);
            c.add("ptype " + g);
            c.add("whatis " + g);
            c.add("print &" + g);
            c.add("whatis &" + g);
            c.add("print sizeof(" + g + ")");
            expressions(c, g, t, 0);
        }
        for (String f : scope.functionNames()) {
            c.add("print " + f);
            c.add("print &" + f);
            c.add("print *" + f);
            c.add("whatis " + f);
            c.add("ptype " + f);
            c.add("whatis &" + f);
        }
        for (String tn : scope.typeNames()) {
            c.add("ptype " + tn);
            c.add("whatis " + tn);
            c.add("print sizeof(" + tn + ")");
            c.add("whatis (" + tn + " *)0");
            c.add("print (" + tn + " *)0");
            c.add("ptype " + tn + " *");
        }
        String first = scope.globals().isEmpty() ? "main" : scope.globals().get(0);
        for (String tn : scope.typeNames()) {
            Type t = scope.lookupType(tn);
            if (t == null || !t.isAggregate()) {
                continue;
            }
            c.add("print *(" + tn + " *)&" + first);
            c.add("print (" + tn + " *)&" + first + " + 1");
            c.add("print *(" + tn + " *)0");
            for (Type.Member m : t.strip().members()) {
                if (m.name() != null) {
                    c.add("print ((" + tn + " *)&" + first + ")->" + m.name());
                    c.add("print &((" + tn + " *)0)->" + m.name());
                    c.add("print sizeof(((" + tn + " *)0)->" + m.name() + ")");
                    c.add("ptype ((" + tn + " *)0)->" + m.name());
                }
            }
        }
        c.addAll(List.of("print nosuch", "print 1 +", "print )", "print 1 2", "print (", "print 1 + nosuch",
                "print (struct nosuch *)0", "print sizeof(struct nosuch)", "print $pc", "print $x0", "print $sp",
                "print $HCR_EL2", "print $foo", "whatis $foo", "print 10/0", "print 10%0", "print 1.0/0", "print -1.0/0",
                "print 'A'", "print '\\n'", "print '\\0'", "print '\\''", "print \"abc\"", "whatis \"abc\"", "print sizeof(int)",
                "print sizeof(long)", "whatis sizeof(int)", "whatis 1UL", "whatis 1L", "whatis 1U", "whatis 1ULL",
                "print 0x7fffffff + 1", "print -5/2", "print -5%3", "print 1 ? 2 : 3", "print 0 ? 2 : 3", "print 4294967295",
                "whatis 4294967295", "whatis 0xffffffff", "whatis 2147483648", "print 1.5 + 2", "whatis 1.5 + 2",
                "print 10 > 3 && 2 < 1", "print 10 > 3 || 2 < 1", "print (char)65", "print (signed char)200",
                "print (unsigned char)300", "print (short)-1", "print (unsigned short)-1", "print (unsigned)-1",
                "print (unsigned long)-1", "print (long long)-1", "print ~0", "print !0", "print !5", "print 07",
                "print 010 + 0x10", "print 1e10", "print 2.5e-3", "print 1.0f/3", "whatis 1.0f/3", "print 1.0/3",
                "print (float)1/3", "print (double)1/3", "print (int)3.9", "print (int)-3.9", "print (_Bool)5",
                "print (_Bool)0", "print 3.0 * 2", "print 7/2.0", "print 1 == 1.0", "print 1 << 3", "print -1 >> 1",
                "print 0xf0 & 0x3c", "print 0xf0 | 0x0f", "print 0xf0 ^ 0xff", "print -2147483648", "print -0x80000000",
                "print (char)0", "print (char)127", "print (char)128", "print (char)255", "print (char)7",
                "print 1, 2", "print/x 255", "print/o 8", "print/t 10", "print/d -1", "print/u -1", "print/c 65",
                "print/x -1", "print/z 5", "print/t 0", "print/o 0", "print/x 1.5", "print/c 10", "print/d 'A'",
                "print/x 'A'", "print/x (char)-1", "print/d (unsigned char)255", "print/u (signed char)-1",
                "print 5 > 3", "print 5 >= 5", "print 3 != 3", "print 2 <= 1", "whatis 5 > 3", "whatis (char)1 + (char)2",
                "whatis 1 + 1L", "whatis 1U + 1", "whatis 1U + 1L", "whatis 1UL + 1", "print 1U - 2", "print 1U - 2L",
                "print (unsigned char)250 + (unsigned char)10", "print sizeof(char)", "print sizeof(void *)",
                "print sizeof(long double)", "whatis (unsigned long long)1", "whatis (long int)1", "whatis (short int)1",
                "whatis (unsigned)1", "whatis (signed)1", "whatis (char *)0", "print (char *)0", "print (void *)0",
                "print (const char *)0", "whatis (const char *)0", "whatis (char **)0", "print (long *)16",
                "print *(int *)0", "print *0", "print &1", "print &&", "print 1 +* 2", "print sizeof(int) * 2",
                "print -sizeof(int)", "print \"a\" \"b\"", "print sizeof(\"abc\")", "whatis 'a'", "whatis 'a' + 1",
                "ptype int", "ptype unsigned long", "whatis unsigned int", "ptype char *", "whatis long long",
                "ptype struct nosuch", "whatis union nosuch", "ptype enum nosuch", "print (enum nosuch)1",
                "print 0.0/0", "print 1.0/0 - 1.0/0", "print -(1.0/0)",
                // the examples of issue 18 (meaningful in types.c; elsewhere both say there is no such symbol)
                "print the_vm", "ptype struct vcpu", "print/x primes", "whatis the_vm.handler", "print &the_vm.vcpus[1]",
                "print *the_vm.vcpus[0].next", "print the_vm.vcpus[0].next->name", "print the_vm.vcpus[1].last_esr.f",
                "print the_vm.vcpus[0].regs[1] + the_vm.vmid", "print (struct vcpu *)&the_vm.vcpus[1]",
                "print ((struct vcpu *)&the_vm.vcpus[1])->flags", "print the_vm.handler == handle_hvc",
                "print *the_vm.handler", "print the_vm.tag[0]", "print &the_vm.tag", "print *&the_vm.tag",
                "print the_vm.vcpus[0].name[0] == 'v'", "print sizeof(the_vm.vcpus) / sizeof(the_vm.vcpus[0])",
                "print matrix[1][2] * primes[4]", "print &matrix[1][2] - &matrix[0][0]", "print *matrix@2",
                "print pool[0].left", "print names[1]", "print *banner@4", "print ops[1]", "print fact",
                "print table[1] | 0x1000", "print pages[2].attrs", "print data[4]",
                "whatis (char (*)[4])0", "print (int (*)[3])&matrix", "print *(int (*)[3])&matrix", "whatis (int (*)(int))0",
                "print sizeof(int[3])", "whatis (int (*)(void))0", "whatis (int (**)(int, char *))0", "print (long (*)(long, long))0",
                "ptype int (*)(int)", "whatis int [2][3]", "ptype char **", "print sizeof(char (*)[10])",
                "print (int (*)(struct vcpu *, u64))the_vm.handler", "print ((int (*)[3])matrix)[1]"));
        return new ArrayList<>(c);
    }

    private static void expressions(Set<String> c, String e, Type t, int depth) {
        Type s = t.strip();
        switch (s.kind()) {
            case STRUCT, UNION -> {
                c.add("print " + e + ".nosuch");
                c.add("print " + e + "->nosuch");
                c.add("print *" + e);
                c.add("print -" + e);
                c.add("print " + e + " + 1");
                c.add("print " + e + "[0]");
                c.add("print/d " + e);
                c.add("print/c " + e);
                for (Type.Member m : s.members()) {
                    if (m.name() == null) {
                        for (Type.Member mm : m.type().strip().members()) {
                            if (mm.name() != null) {
                                c.add("print " + e + "." + mm.name());
                                c.add("print &" + e + "." + mm.name());
                            }
                        }
                        continue;
                    }
                    String me = e + "." + m.name();
                    c.add("print " + me);
                    c.add("print/x " + me);
                    c.add("whatis " + me);
                    c.add("ptype " + me);
                    c.add("print &" + me);
                    c.add("print sizeof(" + me + ")");
                    if (depth < 2) {
                        expressions(c, me, m.type(), depth + 1);
                    }
                }
            }
            case ARRAY -> {
                c.add("print " + e + "[0]");
                c.add("print " + e + "[1]");
                c.add("print &" + e + "[1]");
                c.add("print *" + e);
                c.add("print " + e + " + 1");
                c.add("whatis " + e + "[0]");
                c.add("whatis " + e + " + 1");
                c.add("print/x " + e + "[0]");
                c.add("print/d " + e);
                c.add("print/c " + e);
                c.add("print *" + e + "@2");
                c.add("print " + e + "[0]@3");
                if (s.count() > 0 && s.count() < 100000) {
                    c.add("print " + e + "[" + (s.count() - 1) + "]");
                }
                if (depth < 2 && s.target() != null) {
                    expressions(c, e + "[0]", s.target(), depth + 1);
                }
            }
            case POINTER -> {
                c.add("print *" + e);
                c.add("print " + e + "[0]");
                c.add("print " + e + " + 1");
                c.add("print " + e + " - 1");
                c.add("print (long)" + e);
                c.add("print !" + e);
                c.add("print " + e + " == 0");
                c.add("whatis *" + e);
                c.add("whatis " + e + " + 1");
                c.add("print/x " + e);
                c.add("print/d " + e);
                c.add("print/a " + e);
                c.add("print/s " + e);
                c.add("print " + e + " - " + e);
                c.add("whatis " + e + " - " + e);
                c.add("print (char *)" + e);
                c.add("print (void *)" + e);
                c.add("print -" + e);
                c.add("print ~" + e);
                Type target = s.target() == null ? Type.voidType() : s.target().strip();
                if (target.kind() == Kind.STRUCT || target.kind() == Kind.UNION) {
                    for (Type.Member m : target.members()) {
                        if (m.name() != null) {
                            c.add("print " + e + "->" + m.name());
                            c.add("print (*" + e + ")." + m.name());
                        }
                    }
                }
            }
            case BASE, ENUM -> {
                if (s.isFloat()) {
                    for (String x : List.of("print " + e + " * 2", "print -" + e, "print (int)" + e, "print " + e + " + 1",
                            "print/f " + e, "whatis " + e + " * 2", "print " + e + " / 3", "print " + e + " > 0",
                            "print !" + e, "print (long)" + e, "print (float)" + e, "print (char)" + e, "print ~" + e,
                            "print " + e + " + 1L", "whatis " + e + " + 1", "print/d " + e, "print/c " + e, "print/z " + e)) {
                        c.add(x);
                    }
                } else {
                    for (String x : List.of("print -" + e, "print !" + e, "print ~" + e, "print " + e + " + 1",
                            "print " + e + " * 3", "print " + e + " / 2", "print " + e + " % 3", "print " + e + " == " + e,
                            "print " + e + " < 5", "print (char)" + e, "print (unsigned char)" + e, "print (long)" + e,
                            "print (short)" + e, "print (double)" + e, "print (float)" + e, "print " + e + " << 2",
                            "print " + e + " >> 1", "print " + e + " & 0xff", "print " + e + " | 1", "print " + e + " ^ 5",
                            "print/d " + e, "print/u " + e, "print/t " + e, "print/o " + e, "print/c " + e, "print/z " + e,
                            "print/a " + e, "print/s " + e, "print/f " + e, "whatis " + e + " + 1", "whatis -" + e,
                            "print " + e + " ? 1 : 2", "print " + e + " && 1", "print " + e + " || 0", "print " + e + " - 1U",
                            "whatis " + e + " - 1U", "print " + e + " + 1.5", "print *" + e, "print &" + e + "[0]",
                            "print " + e + "[0]", "print " + e + ".x", "print " + e + " / 0")) {
                        c.add(x);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** The engine's output for one command, with gdb's value history numbering kept in {@code history[0]}. */
    static String ours(String cmd, ElfScope scope, int[] history) {
        if (cmd.startsWith("print")) {
            char fmt = 0;
            String rest = cmd.substring(5);
            if (rest.startsWith("/")) {
                fmt = rest.charAt(1);
                rest = rest.substring(2);
            }
            GdbFormat.Printed p = CExpr.print(rest.strip(), fmt, scope);
            if (p.error()) {
                return p.text();
            }
            return "$" + ++history[0] + " = " + p.text();
        }
        if (cmd.startsWith("ptype ")) {
            return CExpr.ptype(cmd.substring(6), scope);
        }
        if (cmd.startsWith("whatis ")) {
            return CExpr.whatis(cmd.substring(7), scope);
        }
        throw new IllegalArgumentException(cmd);
    }
}
