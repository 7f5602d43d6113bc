package io.el2studio.engine.tests.cexpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.el2studio.engine.cexpr.CExpr;
import io.el2studio.engine.cexpr.SymbolScope;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.values.Symbolizer;
import io.el2studio.engine.values.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the static gdb comparison cannot show: assignment through a writable target, the value history
 * ($, $$, $N), conditions. The texts are gdb 13's for the same commands.
 */
class CExprTest {
    /** types.c's globals over a writable copy of its memory, with a value history. */
    static final class Writable implements SymbolScope {
        final ElfScope elf;
        final Map<Long, Byte> written = new HashMap<>();
        final List<Value> history = new ArrayList<>();
        final TargetMemory memory = new TargetMemory() {
            @Override
            public byte[] read(long address, int length) throws MemoryException {
                byte[] b = elf.memory().read(address, length);
                for (int i = 0; i < length; i++) {
                    Byte w = written.get(address + i);
                    if (w != null) {
                        b[i] = w;
                    }
                }
                return b;
            }

            @Override
            public void write(long address, byte[] data) throws MemoryException {
                elf.memory().read(address, data.length);
                for (int i = 0; i < data.length; i++) {
                    written.put(address + i, data[i]);
                }
            }
        };

        Writable() throws Exception {
            elf = new ElfScope(EngineGuests.build("types", "-O0"));
        }

        @Override
        public Value lookup(String name) {
            Value v = elf.lookup(name);
            return v != null && v.lval() == Value.Lval.MEMORY ? Value.at(v.type(), v.address(), memory) : v;
        }

        @Override
        public Type lookupType(String name) {
            return elf.lookupType(name);
        }

        @Override
        public TargetMemory memory() {
            return memory;
        }

        @Override
        public Symbolizer symbolizer() {
            return elf.symbolizer();
        }

        @Override
        public int historyLength() {
            return history.size();
        }

        @Override
        public Value history(int n) {
            return n >= 1 && n <= history.size() ? history.get(n - 1) : null;
        }

        String print(String expr) {
            CExpr.Result r = CExpr.evaluate(expr, this);
            if (!r.ok()) {
                return r.error();
            }
            // evaluated once: an assignment must not happen twice
            var p = new io.el2studio.engine.values.GdbFormat(symbolizer()).print(r.value(), (char) 0);
            history.add(r.value());
            return "$" + history.size() + " = " + p.text();
        }
    }

    @Test
    void assignmentWritesTheTargetAndReadsBack() throws Exception {
        Writable s = new Writable();
        assertEquals("$1 = 9", s.print("the_vm.vmid = 9"));
        assertEquals("$2 = 9", s.print("the_vm.vmid"));
        assertEquals("$3 = VM_OFF", s.print("the_vm.vcpus[1].state = 0"));
        assertEquals("$4 = -1", s.print("the_vm.vcpus[0].prio = 255") .replace(" '\\377'", ""));
        assertEquals("$5 = 0x40000410 <the_vm+88>", s.print("the_vm.vcpus[0].next = &the_vm.vcpus[1]").replace("(struct vcpu *) ", ""));
        assertEquals("$6 = 1", s.print("the_vm.vcpus[0].next->id"));
        assertEquals("Left operand of assignment is not an lvalue.", s.print("1 = 2"));
        assertEquals("$7 = 12", s.print("the_vm.vmid += 3"));
        assertEquals("$8 = 48", s.print("the_vm.vmid <<= 2"));
        assertEquals("$9 = 48", s.print("the_vm.vmid"));
        assertEquals("Invalid cast.", s.print("the_vm.vcpus[0] = 1"));
        // a bitfield assignment changes only its bits
        assertEquals("$10 = 22", s.print("the_vm.vcpus[0].last_esr.f.ec = 0x16"));
        assertEquals("0x58000000", CExpr.print("the_vm.vcpus[0].last_esr.raw", 'x', s).text());
        assertEquals("{iss = 0, il = 0, ec = 22}", CExpr.print("the_vm.vcpus[0].last_esr.f", (char) 0, s).text());
    }

    @Test
    void valueHistoryAsGdbNumbersIt() throws Exception {
        Writable s = new Writable();
        assertEquals("History has not yet reached $1.", s.print("$1"));
        assertEquals("$1 = void", s.print("$"));
        s.print("the_vm.vmid");
        s.print("primes[4]");
        assertEquals("$4 = 11", s.print("$"));
        assertEquals("$5 = 11", s.print("$$"));
        assertEquals("$6 = 7", s.print("$2"));
        assertEquals("$7 = 18", s.print("$2 + $3"));
        assertEquals("$8 = 7", s.print("$$5"));
        assertEquals("History has not yet reached $40.", s.print("$40"));
    }

    @Test
    void conditionsEvaluateToTruth() throws Exception {
        Writable s = new Writable();
        CExpr.Result r = CExpr.condition("the_vm.vmid == 7 && primes[1] == 3", s);
        assertTrue(r.ok());
        assertEquals(1, r.value().asLong());
        r = CExpr.condition("the_vm.nosuch", s);
        assertFalse(r.ok());
        assertEquals("There is no member named nosuch.", r.error());
        assertEquals("A syntax error in expression, near `'.", CExpr.condition("the_vm.vmid ==", s).error());
    }
}
