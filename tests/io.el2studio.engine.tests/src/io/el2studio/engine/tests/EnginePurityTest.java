package io.el2studio.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * The engine is plain Java (IDE.md, "One machine, one engine"): no source of io.el2studio.engine
 * imports org.eclipse.* or SWT, and the bundle exports every package it has.
 */
class EnginePurityTest {
    private static final Pattern ECLIPSE_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?org\\.eclipse\\.", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private static Path bundle() {
        String root = System.getProperty("el2studio.root");
        assertNotNull(root, "system property el2studio.root (the repository root) is not set");
        return Path.of(root, "plugins", "io.el2studio.engine");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(bundle().resolve("src"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void engineSourcesImportNothingFromEclipse() throws IOException {
        List<Path> sources = sources();
        assertFalse(sources.isEmpty(), "no .java file in the engine: the check would pass vacuously");
        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            Matcher m = ECLIPSE_IMPORT.matcher(Files.readString(source));
            if (m.find()) {
                offenders.add(bundle().relativize(source).toString());
            }
        }
        assertEquals(List.of(), offenders, "the engine must not import org.eclipse.* or SWT");
    }

    @Test
    void bundleExportsEveryPackage() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (Path source : sources()) {
            Matcher m = PACKAGE.matcher(Files.readString(source));
            if (m.find()) {
                packages.add(m.group(1));
            }
        }
        Manifest manifest;
        try (var in = Files.newInputStream(bundle().resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        TreeSet<String> exported = new TreeSet<>();
        String header = manifest.getMainAttributes().getValue("Export-Package");
        if (header != null) {
            for (String clause : header.split(",")) {
                exported.add(clause.split(";")[0].trim());
            }
        }
        assertFalse(packages.isEmpty());
        assertEquals(packages, exported, "Export-Package of io.el2studio.engine must list every package");
    }
}
