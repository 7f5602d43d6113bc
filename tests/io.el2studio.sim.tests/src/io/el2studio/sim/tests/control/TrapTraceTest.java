package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Trap event records: each exception taken to EL2 or EL3 becomes one JSON object per line (the
 * {@code --trace-traps} format), which a strict JSON reader accepts and which carries the syndrome.
 */
class TrapTraceTest {
    @Test
    void trapsToEl2AreWrittenAsOneJsonObjectPerLine() throws Exception {
        int[] prog = new int[0x1204 / 4];
        int[] code = {SimulationTest.MOV_X1_RAM, SimulationTest.ADD_X1_4K, SimulationTest.MSR_VBAR_EL2_X1, SimulationTest.ISB,
            SimulationTest.SVC_0, SimulationTest.HVC_1, SimulationTest.B_SELF};
        System.arraycopy(code, 0, prog, 0, code.length);
        prog[0x1200 / 4] = SimulationTest.ERET;
        StringWriter w = new StringWriter();
        try (ControlFixture f = new ControlFixture(1, prog)) {
            f.board.traps.writeTo(w);
            f.sim.setInstructionBudget(10_000);
            assertNotNull(f.sim.awaitStopAfter(f.sim.run(), 30, TimeUnit.SECONDS));
            f.sim.call(b -> {
                b.traps.flush();
                return null;
            }, 5000);
        }
        String[] lines = w.toString().split("\n");
        assertEquals(2, lines.length, w.toString());
        Map<String, Object> svc = parse(lines[0]);
        Map<String, Object> hvc = parse(lines[1]);
        assertEquals(0x15L, svc.get("ec"));
        assertEquals("SVC", svc.get("ec_name"));
        assertEquals(0x16L, hvc.get("ec"));
        assertEquals(2L, hvc.get("to_el"));
        assertEquals(2L, hvc.get("from_el"));
        assertEquals("0x5a000001", hvc.get("esr"), "EC 0x16, IL, imm16 = 1");
        assertEquals("0x40000018", hvc.get("elr"));
        assertEquals("sync", hvc.get("kind"));
    }

    // ---- a strict parser for the flat objects of the trace format (RFC 8259 subset: no nesting) ----

    static Map<String, Object> parse(String s) {
        int[] p = {0};
        Map<String, Object> m = new LinkedHashMap<>();
        expect(s, p, '{');
        if (peek(s, p) == '}') {
            p[0]++;
        } else {
            while (true) {
                String k = string(s, p);
                expect(s, p, ':');
                m.put(k, value(s, p));
                char c = next(s, p);
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or } at " + p[0] + ": " + s);
                }
            }
        }
        if (p[0] != s.length()) {
            throw new IllegalArgumentException("trailing characters: " + s);
        }
        return m;
    }

    static Object value(String s, int[] p) {
        char c = peek(s, p);
        if (c == '"') {
            return string(s, p);
        }
        for (String lit : List.of("true", "false", "null")) {
            if (s.startsWith(lit, p[0])) {
                p[0] += lit.length();
                return lit.equals("null") ? null : Boolean.valueOf(lit);
            }
        }
        int start = p[0];
        if (c == '-') {
            p[0]++;
        }
        while (p[0] < s.length() && Character.isDigit(s.charAt(p[0]))) {
            p[0]++;
        }
        if (p[0] == start) {
            throw new IllegalArgumentException("bad value at " + start + ": " + s);
        }
        return Long.parseLong(s.substring(start, p[0]));
    }

    static String string(String s, int[] p) {
        expect(s, p, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(p[0]++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string: " + s);
            }
            if (c == '\\') {
                char e = s.charAt(p[0]++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
                        p[0] += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape: " + s);
                }
            } else {
                b.append(c);
            }
        }
    }

    static char peek(String s, int[] p) {
        return s.charAt(p[0]);
    }

    static char next(String s, int[] p) {
        return s.charAt(p[0]++);
    }

    static void expect(String s, int[] p, char c) {
        if (next(s, p) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (p[0] - 1) + ": " + s);
        }
    }

}
