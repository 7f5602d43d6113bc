package io.el2studio.engine.tests.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.el2studio.engine.cexpr.CExpr;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.tests.cexpr.ElfScope;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.values.ValuesGuest;
import io.el2studio.engine.types.BuiltinTypes;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.values.Symbolizer;
import io.el2studio.engine.values.Value;
import io.el2studio.sim.loader.ElfImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Types, values and expressions on damaged debug information and absurd sizes: fuzzed copies of the
 * test ELFs (random bytes of .debug_info and .debug_abbrev changed) are opened and every global, type
 * and expression of the undamaged file's corpus is printed; nothing may throw out of the public API,
 * and every command must give a text. Huge arrays print gdb's max-value-size error; a struct that
 * points to itself is walked lazily.
 */
class DamagedTypesTest {
    @Test
    void fuzzedDwarfNeverThrowsOutOfPrintPtypeOrWhatis() throws Exception {
        List<Path> elves = List.of(EngineGuests.build("types", "-O0"), EngineGuests.build("list", "-O2"),
                ValuesGuest.build("-O0", List.of()));
        Random random = new Random(18);
        int variants = 0, commands = 0, changed = 0;
        List<String> internal = new ArrayList<>();
        for (Path elf : elves) {
            ElfScope clean = new ElfScope(elf);
            List<String> cmds = new ArrayList<>();
            for (String g : clean.globals()) {
                cmds.addAll(List.of("print " + g, "print/x " + g, "ptype " + g, "whatis " + g, "print &" + g, "print *" + g));
            }
            for (String t : clean.typeNames()) {
                cmds.addAll(List.of("ptype " + t, "whatis " + t, "print sizeof(" + t + ")", "print *(" + t + " *)&"
                        + clean.globals().get(0)));
            }
            List<String> cleanOut = new ArrayList<>();
            for (String c : cmds) {
                cleanOut.add(run(c, clean));
            }
            byte[] original = Files.readAllBytes(elf);
            ElfImage image = ElfImage.parse(elf.toString(), original);
            for (int n = 0; n < 40; n++) {
                byte[] bytes = original.clone();
                for (ElfImage.Section s : image.sections()) {
                    if (s.name().equals(".debug_info") || s.name().equals(".debug_abbrev") && n % 4 == 0) {
                        int flips = 1 + random.nextInt(8);
                        for (int f = 0; f < flips; f++) {
                            int at = (int) (s.offset() + random.nextInt((int) s.size()));
                            bytes[at] = (byte) random.nextInt(256);
                        }
                    }
                }
                ElfScope scope = new ElfScope(ElfImage.parse(elf + "#" + n, bytes));
                variants++;
                for (int k = 0; k < cmds.size(); k++) {
                    String c = cmds.get(k);
                    String out = run(c, scope);
                    if (!out.equals(cleanOut.get(k))) {
                        changed++;
                    }
                    assertFalse(out.isEmpty(), c + " gave no text on fuzzed variant " + n + " of " + elf);
                    if (out.contains("Exception")) {
                        internal.add(c + " -> " + out);
                    }
                    commands++;
                }
            }
        }
        System.out.println("DamagedTypesTest: " + commands + " commands on " + variants + " fuzzed variants, none threw, "
                + changed + " printed differently from the undamaged file; " + internal.size() + " internal errors reported as text");
        internal.stream().limit(20).forEach(System.out::println);
        assertTrue(commands > 10000);
        assertTrue(changed > commands / 100, "the fuzzing changed almost nothing: " + changed);
    }

    static String run(String c, ElfScope scope) {
        if (c.startsWith("ptype ")) {
            return CExpr.ptype(c.substring(6), scope);
        }
        if (c.startsWith("whatis ")) {
            return CExpr.whatis(c.substring(7), scope);
        }
        char fmt = c.startsWith("print/") ? c.charAt(6) : 0;
        return CExpr.print(c.substring(fmt == 0 ? 6 : 8), fmt, scope).text();
    }

    private static final TargetMemory ZEROS = new TargetMemory() {
        @Override
        public byte[] read(long address, int length) {
            return new byte[length];
        }

        @Override
        public void write(long address, byte[] data) throws MemoryException {
            throw new MemoryException(address, "read-only");
        }
    };

    @Test
    void hugeArraysPrintGdbsSizeErrorAndHaveBoundedChildren() {
        GdbFormat f = new GdbFormat(Symbolizer.NONE);
        Type huge = Type.arrayOf(BuiltinTypes.INT, 1L << 40);
        Value v = Value.at(huge, 0x1000, ZEROS);
        GdbFormat.Printed p = f.print(v, (char) 0);
        assertTrue(p.error());
        assertEquals("value requires 4398046511104 bytes, which is more than max-value-size", p.text());
        assertEquals(100, GdbFormat.children(v, "a", 100).size());
        assertEquals("0", f.value(v.element(1L << 39), (char) 0));
        // sizes that overflow are unknown, not negative or wrapped
        Type worse = Type.arrayOf(huge, 1L << 40);
        assertEquals(-1, worse.sizeOf());
        assertEquals("int [1099511627776][1099511627776]", worse.name());
        assertFalse(f.print(Value.at(worse, 0, ZEROS), (char) 0).text().isEmpty());
        // an array of unknown bound inside a value prints where it starts, as gdb prints a flexible member
        assertEquals("0x1000", f.value(Value.at(Type.arrayOf(BuiltinTypes.INT, -1), 0x1000, ZEROS), (char) 0));
    }

    @Test
    void aSelfReferentialStructIsPrintedAndWalkedWithoutEnd() throws Exception {
        ElfScope scope = new ElfScope(EngineGuests.build("list", "-O0"));
        Type node = scope.lookupType("struct node");
        assertEquals("type = struct node {\n    int key;\n    struct node *left;\n    struct node *right;\n}", GdbFormat.ptype(node));
        // every node's left points to itself: printing stops at the pointer, children go one level at a time
        TargetMemory self = new TargetMemory() {
            @Override
            public byte[] read(long address, int length) {
                byte[] b = new byte[length];
                for (int i = 0; i < length; i++) {
                    long off = (address + i) & 0x1f;
                    b[i] = off >= 8 && off < 16 ? (byte) (0x1000L >>> (8 * (off - 8))) : 0;
                }
                return b;
            }

            @Override
            public void write(long address, byte[] data) {
            }
        };
        Value v = Value.at(node, 0x1000, self);
        assertEquals("{key = 0, left = 0x1000, right = 0x0}", new GdbFormat(Symbolizer.NONE).print(v, (char) 0).text());
        Value cur = v;
        for (int i = 0; i < 1000; i++) {
            cur = GdbFormat.children(GdbFormat.children(cur, "n", 10).get(1).value(), "left", 10).get(0).value();
        }
        assertEquals(0x1000, cur.address());
    }
}
