import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * Prints one Surefire-style line per test run (each target/surefire-reports* directory) and a
 * closing "N passed, N failed" line; exits 1 if a test failed or no test ran.
 * Usage: java tools/SurefireSummary.java REPO_ROOT
 */
public class SurefireSummary {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
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
        int failed = total[1] + total[2];
        int passed = total[0] - failed - total[3];
        System.out.printf("Tests run: %d, Failures: %d, Errors: %d, Skipped: %d%n", total[0], total[1], total[2],
                total[3]);
        System.out.println(passed + " passed, " + failed + " failed" + (total[3] > 0 ? ", " + total[3] + " skipped" : ""));
        if (failed > 0 || total[0] == 0) {
            System.exit(1);
        }
    }

    private static int number(Element e, String attribute) {
        String value = e.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
