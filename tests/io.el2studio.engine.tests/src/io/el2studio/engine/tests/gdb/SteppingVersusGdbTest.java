package io.el2studio.engine.tests.gdb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.tests.support.AllowedDifferences;
import io.el2studio.engine.tests.support.DebugRun;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import io.el2studio.engine.tests.support.GdbScripts;

/**
 * Source and instruction stepping land where gdb 13 lands: from several starting points of every
 * test program at -O0, -Og and -O2, a sequence of step, next, finish, stepi, nexti and until, each
 * followed by {@code print $pc}, runs on gdb-multiarch + qemu-system-aarch64 and on
 * {@code el2studio debug}; every command's output (the stop line, the source line, the pc) must
 * be the same, or one of the allowed differences with its reason.
 */
class SteppingVersusGdbTest {
    static final List<String> SEQUENCE = List.of("step", "step", "next", "step", "next", "finish", "next", "stepi",
            "stepi", "nexti", "nexti", "step", "until", "next", "until", "step", "step", "finish", "next", "next");

    @Test
    void stepsLandWhereGdbLands() {
        AllowedDifferences allowed = AllowedDifferences.load();
        int steps = 0;
        List<String> wrong = new ArrayList<>();
        for (Path elf : EngineGuests.all()) {
            List<String> bps = GdbScripts.breakpoints(elf);
            List<String> starts = new ArrayList<>();
            for (String b : bps) {
                if (!b.contains(":") && starts.size() < 2) {
                    starts.add(b.replace("break ", "tbreak "));
                }
            }
            for (String start : starts) {
                List<String> script = new ArrayList<>(List.of(start, "continue"));
                for (String s : SEQUENCE) {
                    script.add(s);
                    script.add("print $pc");
                }
                GdbOracle.Transcript gdb = GdbOracle.onQemu(elf, script);
                GdbOracle.Transcript ours = DebugRun.run(elf, script);
                for (int i = 2; i < script.size(); i++) {
                    List<String> g = gdb.outputs().get(i);
                    List<String> o = ours.outputs().get(i);
                    if (script.get(i).startsWith("print") && g.size() == 1 && g.get(0).contains("not being run")) {
                        break;
                    }
                    if (!script.get(i).startsWith("print")) {
                        steps++;
                    }
                    if (!g.equals(o) && allowed.reason(script.get(i), g, o) == null) {
                        wrong.add(EngineGuests.label(elf) + " from '" + start + "', command " + (i - 1) + " '" + script.get(i)
                                + "'\n    gdb:  " + String.join("\n          ", g) + "\n    ours: " + String.join("\n          ", o));
                        break; // the rest of this sequence starts from another place
                    }
                }
            }
        }
        System.out.println("SteppingVersusGdbTest: " + steps + " stepping commands, " + wrong.size() + " sequences went elsewhere");
        assertTrue(steps >= 200, "only " + steps + " stepping commands ran");
        assertTrue(wrong.isEmpty(), wrong.size() + " sequences left gdb's path:\n" + String.join("\n", wrong));
    }
}
