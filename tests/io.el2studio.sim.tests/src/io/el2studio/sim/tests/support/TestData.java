package io.el2studio.sim.tests.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the line-oriented data files under resources/ (test bundle class path). */
public final class TestData {
    private TestData() {
    }

    /**
     * The lines of a class-path resource (e.g. "/isa/dp-exec-qemu.tsv") that carry data: blank
     * lines and lines starting with '#' are left out. A missing resource fails the calling test.
     */
    public static List<String> dataLines(String resource) throws IOException {
        try (InputStream in = TestData.class.getResourceAsStream(resource)) {
            assertNotNull(in, "resource " + resource + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
