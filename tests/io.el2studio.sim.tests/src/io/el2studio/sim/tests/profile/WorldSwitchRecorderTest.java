package io.el2studio.sim.tests.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.el2studio.sim.cli.Main;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * Issue 13, acceptance 3: the world-switch recorder against counts known by construction. The guest
 * (tests/guests/profile/switches.S) has an EL2 handler whose every path has a fixed number of
 * instructions, system register accesses, TLBIs and barriers (written down in the guest), and a
 * split-mode round trip through an EL1 "host" without stage 2. {@code el2studio profile --json} must
 * report exactly those numbers for every switch, also after the hot HVC loop has been translated.
 */
class WorldSwitchRecorderTest {
    private static Path elf;
    private static Path dir;

    @BeforeAll
    static void build() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        elf = GuestBuild.build("profile-switches", List.of("profile/switches.S"),
                List.of("-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        dir = Files.createTempDirectory("el2studio-profile");
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.execute(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** A JSON line's fields (flat objects of numbers and strings). */
    private static Map<String, String> fields(String line) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String part : line.substring(1, line.length() - 1).split(",\"")) {
            String p = part.startsWith("\"") ? part.substring(1) : part;
            int colon = p.indexOf("\":");
            m.put(p.substring(0, colon), p.substring(colon + 2).replace("\"", ""));
        }
        return m;
    }

    @Test
    void everySwitchHasTheCostsTheGuestWasBuiltWith() throws Exception {
        Path json = dir.resolve("switches.json");
        String[] r = run("profile", elf.toString(), "--json", json.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(json);
        assertEquals(20005, lines.size(), "20000 HVC #1, 3 data aborts, 2 split-mode round trips; the final SMC never returns");
        int hvc1 = 0, dabt = 0, hvc7 = 0;
        for (String line : lines) {
            Map<String, String> f = fields(line);
            assertEquals("3", f.get("vmid"), line);
            assertEquals("3", f.get("resumed_vmid"), line);
            switch (f.get("reason")) {
                case "HVC64 #0x1" -> {
                    hvc1++;
                    assertCosts(f, 9, 0, 1, 0, 0, 1, 0, 0, "ESR_EL2:r1", line);
                }
                case "DABT_LOW write" -> {
                    dabt++;
                    assertCosts(f, 12, 0, 2, 1, 0, 1, 1, 1, "ELR_EL2:r1,ESR_EL2:r1,ELR_EL2:w1", line);
                }
                case "HVC64 #0x7" -> {
                    hvc7++;
                    assertCosts(f, 30, 2, 3, 4, 1, 2, 0, 2, "ELR_EL2:r1,ESR_EL2:r2,ELR_EL2:w2,HCR_EL2:w2", line);
                }
                default -> throw new AssertionError("unexpected exit: " + line);
            }
        }
        assertEquals(List.of(20000, 3, 2), List.of(hvc1, dabt, hvc7));
        assertTrue(r[1].contains("el2studio profile: 20005 world switches"), r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.matches("HVC64 #0x1\\s+20000\\s+9\\s+9\\s+9\\s+9\\s+9\\.0\\s+0\\.0\\s+1\\.0\\s+0\\.00\\s+.*")),
                r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.matches("HVC64 #0x7\\s+2\\s+32\\s+32\\s+32\\s+32\\s+30\\.0\\s+2\\.0\\s+7\\.0\\s+1\\.00\\s+.*")),
                r[1]);
    }

    private static void assertCosts(Map<String, String> f, int el2, int el1, int reads, int writes, int nested, int erets,
            int tlbi, int barriers, String sysregs, String line) {
        assertEquals(List.of(el2, el1, 0, 0, el2 + el1, reads, writes, nested, erets, tlbi, barriers),
                List.of(Integer.parseInt(f.get("instructions_el2")), Integer.parseInt(f.get("instructions_el1")),
                        Integer.parseInt(f.get("instructions_el0")), Integer.parseInt(f.get("instructions_el3")),
                        Integer.parseInt(f.get("instructions")), Integer.parseInt(f.get("sysreg_reads")),
                        Integer.parseInt(f.get("sysreg_writes")), Integer.parseInt(f.get("nested_exceptions")),
                        Integer.parseInt(f.get("erets")), Integer.parseInt(f.get("tlbi")), Integer.parseInt(f.get("barriers"))),
                "EL2, EL1, EL0, EL3, total, reads, writes, nested, ERETs, TLBIs, barriers of " + line);
        assertEquals(sysregs, f.get("sysregs"), line);
    }

    @Test
    void compareShowsTwoProfilesWithRatiosAndBadInputIsNamed() throws Exception {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        assertEquals("0", run("profile", elf.toString(), "--json", a.toString())[0]);
        List<String> doubled = Files.readAllLines(a).stream()
                .map(l -> l.replace("\"instructions\":9,", "\"instructions\":18,")).toList();
        Files.write(b, doubled);
        String[] r = run("profile", "--compare", a.toString(), b.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].lines().anyMatch(l -> l.matches("HVC64 #0x1\\s+20000\\s+20000\\s+9\\s+18\\s+2\\.00\\s+1\\.0\\s+1\\.0\\s+1\\.00")), r[1]);

        Files.writeString(dir.resolve("bad.json"), "{\"ec\":22}\n");
        r = run("profile", "--compare", a.toString(), dir.resolve("bad.json").toString());
        assertEquals("2", r[0]);
        assertEquals("el2studio profile: " + dir.resolve("bad.json") + ":1: no \"reason\" field (not a line of el2studio profile --json)\n", r[2]);
        r = run("profile", "--compare", a.toString());
        assertEquals("el2studio profile: option --compare needs two files: --compare A.json B.json\n", r[2]);
        r = run("profile", "--smp", "0", elf.toString());
        assertEquals("2", r[0]);
        assertEquals("el2studio profile: option --smp: 0 is out of range (1..8)\n", r[2]);
    }
}
