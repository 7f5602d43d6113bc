package io.el2studio.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Source files for the lines gdb prints after a stop ({@code 75\t    int sum = 0;}): a file name
 * of the line table, absolute or relative to the unit's DW_AT_comp_dir (DWARF 5, 3.1.1), read once.
 */
final class Sources {
    /** A file's lines, or why it cannot be shown. */
    record Text(List<String> lines, String problem) {
    }

    private final Map<Path, Text> files = new ConcurrentHashMap<>();

    /** The text of {@code file} (as the line table names it) for a unit compiled in {@code compDir} (may be null). */
    Text text(String file, String compDir) {
        Path p = Path.of(file);
        if (!p.isAbsolute() && compDir != null) {
            p = Path.of(compDir).resolve(p);
        }
        return files.computeIfAbsent(p.normalize(), Sources::read);
    }

    private static Text read(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            List<String> lines = List.of(s.split("\r?\n", -1));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines = lines.subList(0, lines.size() - 1); // the newline ending the last line
            }
            return new Text(lines, null);
        } catch (IOException | RuntimeException e) {
            return new Text(List.of(), p + ": No such file or directory.");
        }
    }

    /**
     * What gdb prints for line {@code line} of {@code file}: {@code LINE\tTEXT}; for a line past
     * the end gdb's "Line number N out of range" message, for a missing file its own message.
     */
    String line(String file, String compDir, int line) {
        Text t = text(file, compDir);
        if (t.problem() != null) {
            return line + "\t" + file + ": No such file or directory.";
        }
        if (line < 1 || line > t.lines().size()) {
            return "Line number " + line + " out of range; \"" + file + "\" has " + t.lines().size() + " lines.";
        }
        return line + "\t" + t.lines().get(line - 1);
    }
}
