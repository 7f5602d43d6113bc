package io.el2studio.engine.tests.expr;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.DwarfSections;
import io.el2studio.engine.expr.Block;
import io.el2studio.engine.expr.ExpressionContext;
import io.el2studio.engine.expr.ExpressionException;
import io.el2studio.engine.expr.GdbScopeText;
import io.el2studio.engine.expr.Location;
import io.el2studio.engine.expr.Scopes;
import io.el2studio.engine.expr.Variable;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.sim.loader.ElfImage;

/**
 * Fuzzed copies of the test programs' debug sections (bytes flipped, sections cut short) through every
 * entry point of the package at every instruction: blocks, arguments, locals, lookups, locations,
 * gdb's info scope text. Nothing may throw and every call must end; what is damaged shows as
 * {@link Location.Unavailable}, {@code <optimized out>} or a problem in {@link Scopes#problems}.
 */
class DamagedDwarfTest {
    private static final List<String> TARGETS = List.of("debug_info", "debug_abbrev", "debug_loclists", "debug_loc",
            "debug_rnglists", "debug_ranges", "debug_addr", "debug_str");

    /** A frame where every register holds a fixed value and memory reads as zeros (up to 1 MiB from 0x40000000). */
    static final class Anything implements ExpressionContext {
        final long pc;

        Anything(long pc) {
            this.pc = pc;
        }

        @Override
        public long register(int reg) {
            return 0x40010000L + reg * 8L;
        }

        @Override
        public TargetMemory memory() {
            return new TargetMemory() {
                @Override
                public byte[] read(long address, int length) throws MemoryException {
                    if (address < 0x40000000L || address + length > 0x40100000L || length < 0) {
                        throw new MemoryException(address, "unmapped");
                    }
                    return new byte[length];
                }

                @Override
                public void write(long address, byte[] data) throws MemoryException {
                    throw new MemoryException(address, "read-only");
                }
            };
        }

        @Override
        public long frameBase() {
            return 0x40010100L;
        }

        @Override
        public long cfa() {
            return 0x40010100L;
        }

        @Override
        public long pc() {
            return pc;
        }

        @Override
        public long entryValue(byte[] expression) throws ExpressionException {
            return 7;
        }
    }

    @Test
    void fuzzedDebugSectionsNeverThrowOutOfScopes() throws Exception {
        Random r = new Random(1805);
        int runs = 0, unavailable = 0;
        for (String program : List.of("types", "list", "recurse", "inline")) {
            for (String opt : List.of("-O0", "-O2")) {
                Path elf = EngineGuests.build(program, opt);
                ElfImage image = ElfImage.read(elf);
                DwarfSections clean = new DwarfSections(image);
                List<Long> pcs = LocationsVersusGdbTest.instructions(elf);
                for (int round = 0; round < 40; round++) {
                    Map<String, byte[]> sections = new HashMap<>();
                    for (String name : List.of("debug_info", "debug_abbrev", "debug_str", "debug_line_str", "debug_str_offsets",
                            "debug_addr", "debug_rnglists", "debug_loclists", "debug_ranges", "debug_loc", "debug_line")) {
                        byte[] b = clean.get(name);
                        if (b != null) {
                            sections.put(name, b.clone());
                        }
                    }
                    String target = TARGETS.get(r.nextInt(TARGETS.size()));
                    byte[] t = sections.get(target);
                    if (t == null || t.length == 0) {
                        continue;
                    }
                    if (r.nextInt(4) == 0) {
                        sections.put(target, java.util.Arrays.copyOf(t, r.nextInt(t.length)));
                    } else {
                        for (int i = 0, n = 1 + r.nextInt(40); i < n; i++) {
                            t[r.nextInt(t.length)] = (byte) r.nextInt(256);
                        }
                    }
                    Scopes scopes = new Scopes(new DwarfInfo(new DwarfSections(sections)), image, 0);
                    runs++;
                    for (int i = 0; i < pcs.size(); i += 3) {
                        long pc = pcs.get(i);
                        ExpressionContext ctx = new Anything(pc);
                        Block b = scopes.blockAt(pc);
                        assertNotNull(GdbScopeText.infoScope(scopes, pc, "*0x" + Long.toHexString(pc), d -> 4));
                        for (Variable v : concat(Scopes.arguments(b), Scopes.locals(b))) {
                            Location l = v.location(ctx);
                            assertNotNull(l);
                            if (l instanceof Location.Unavailable u) {
                                unavailable++;
                                assertTrue(!u.why().contains("\n"), u.why());
                            }
                            Optional<Variable> again = scopes.lookup(v.name(), b);
                            assertTrue(again.isPresent(), v.name());
                        }
                        scopes.lookup("no_such_name", b);
                        scopes.functionsAt(pc);
                        scopes.frameBlock(pc, 1);
                    }
                    scopes.globals().forEach(v -> v.location(new Anything(0)));
                    scopes.problems();
                }
            }
        }
        System.out.println(runs + " damaged copies read, " + unavailable + " locations unavailable");
        assertTrue(runs > 150, runs + " runs");
    }

    private static List<Variable> concat(List<Variable> a, List<Variable> b) {
        List<Variable> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
