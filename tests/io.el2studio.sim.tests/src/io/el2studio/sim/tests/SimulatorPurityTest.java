package io.el2studio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The simulator knows nothing of Eclipse: no source file of io.el2studio.sim may import
 * org.eclipse.* (SWT included), and the bundle exports every package it has.
 */
class SimulatorPurityTest {

    private static final Pattern ECLIPSE_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?org\\.eclipse\\.", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private static Path simBundle() {
        String root = System.getProperty("el2studio.root");
        assertNotNull(root, "system property el2studio.root (the repository root) is not set");
        Path bundle = Path.of(root, "plugins", "io.el2studio.sim");
        assertTrue(Files.isDirectory(bundle.resolve("src")), "missing source folder " + bundle.resolve("src"));
        return bundle;
    }

    private static List<Path> javaSources(Path src) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void simulatorSourcesImportNothingFromEclipse() throws IOException {
        Path src = simBundle().resolve("src");
        List<Path> sources = javaSources(src);
        assertFalse(sources.isEmpty(), "no .java file under " + src + ": the check would pass vacuously");
        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher m = ECLIPSE_IMPORT.matcher(text);
            while (m.find()) {
                long line = 1 + text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                offenders.add(src.relativize(source) + ":" + line);
            }
        }
        assertEquals(List.of(), offenders, "the simulator bundle must not import org.eclipse.* or SWT");
    }

    @Test
    void bundleExportsEveryPackage() throws IOException {
        Path bundle = simBundle();
        TreeSet<String> packages = new TreeSet<>();
        for (Path source : javaSources(bundle.resolve("src"))) {
            Matcher m = PACKAGE.matcher(Files.readString(source));
            if (m.find()) {
                packages.add(m.group(1));
            }
        }
        assertFalse(packages.isEmpty(), "no Java package under " + bundle.resolve("src"));
        Manifest manifest;
        try (var in = Files.newInputStream(bundle.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        TreeSet<String> exported = new TreeSet<>();
        String header = manifest.getMainAttributes().getValue("Export-Package");
        if (header != null) {
            for (String clause : header.split(",")) {
                exported.add(clause.split(";")[0].strip());
            }
        }
        TreeSet<String> missing = new TreeSet<>(packages);
        missing.removeAll(exported);
        assertEquals(new TreeSet<String>(), missing,
                "packages of io.el2studio.sim missing from its Export-Package (run tools/sync-sim-exports)");
    }
}
