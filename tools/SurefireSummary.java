import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints one Surefire-style line per test run (each target/surefire-reports* directory), the skipped
 * tests counted by cause (the start of their skip message: "missing tool qemu-system-aarch64",
 * "missing workloads", "deliberate: QEMU 7.2 lacks ..."; see io.el2studio.sim.tests.support.Oracles)
 * and a closing "N passed, N failed" line; exits 1 if a test failed or no test ran, and with
 * --only-deliberate-skips (./el2studio test) also if a test was skipped for any cause but "deliberate".
 * Usage: java tools/SurefireSummary.java REPO_ROOT [--only-deliberate-skips]
 */
public class SurefireSummary {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean onlyDeliberate = List.of(args).contains("--only-deliberate-skips");
        TreeMap<String, Integer> skipCauses = new TreeMap<>();
        List<Path> reports;
        try (Stream<Path> files = Files.walk(root)) {
            reports = files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("surefire-reports"))
                    .sorted().toList();
        }
        TreeMap<Path, int[]> byRun = new TreeMap<>();
        for (Path report : reports) {
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(report.toFile()).getDocumentElement();
            int[] counts = byRun.computeIfAbsent(root.relativize(report.getParent()), k -> new int[4]);
            counts[0] += number(suite, "tests");
            counts[1] += number(suite, "failures");
            counts[2] += number(suite, "errors");
            counts[3] += number(suite, "skipped");
            NodeList skipped = suite.getElementsByTagName("skipped");
            for (int i = 0; i < skipped.getLength(); i++) {
                skipCauses.merge(cause(((Element) skipped.item(i)).getAttribute("message")), 1, Integer::sum);
            }
        }
        int[] total = new int[4];
        for (var run : byRun.entrySet()) {
            int[] c = run.getValue();
            System.out.printf("Tests run: %d, Failures: %d, Errors: %d, Skipped: %d - %s%n", c[0], c[1], c[2], c[3],
                    run.getKey());
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        }
        int undeclared = 0;
        if (!skipCauses.isEmpty()) {
            System.out.println("Skipped, by cause:");
            for (var c : skipCauses.entrySet()) {
                System.out.printf("  %4d  %s%n", c.getValue(), c.getKey());
                undeclared += c.getKey().startsWith("deliberate") ? 0 : c.getValue();
            }
        }
        if (onlyDeliberate && undeclared > 0) {
            System.out.println(undeclared + " tests skipped for a cause other than \"deliberate\": under the test command each is a failure");
        }
        int failed = total[1] + total[2];
        int passed = total[0] - failed - total[3];
        System.out.printf("Tests run: %d, Failures: %d, Errors: %d, Skipped: %d%n", total[0], total[1], total[2],
                total[3]);
        System.out.println(passed + " passed, " + failed + " failed" + (total[3] > 0 ? ", " + total[3] + " skipped" : ""));
        if (failed > 0 || total[0] == 0 || onlyDeliberate && undeclared > 0) {
            System.exit(1);
        }
    }

    /**
     * The cause of a skip: its message without JUnit's "Assumption failed: " / "Aborted: ", first line,
     * up to the first ": " ("missing tool X: not found on PATH..." counts as "missing tool X"); a
     * deliberate skip keeps its whole first line, which names what is lacking.
     */
    static String cause(String message) {
        String m = message == null ? "" : message.strip();
        for (String prefix : List.of("Assumption failed: ", "Aborted: ")) {
            if (m.startsWith(prefix)) {
                m = m.substring(prefix.length());
            }
        }
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        int colon = m.indexOf(": ");
        if (m.isEmpty()) {
            return "(no reason given)";
        }
        return m.startsWith("deliberate") || colon < 0 ? m : m.substring(0, colon);
    }

    private static int number(Element e, String attribute) {
        String value = e.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
