package io.el2studio.engine.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The differences from gdb the comparison tests accept, each with its reason, from
 * {@code gdb-allowed-differences.txt} (test resources): blocks of
 * <pre>
 * command: REGEX        (the command the difference is in)
 * gdb: REGEX            (a line gdb printed)
 * ours: REGEX           (the line we print instead)
 * reason: TEXT
 * </pre>
 * separated by blank lines; {@code #} starts a comment. A command's outputs differ acceptably when,
 * line by line, every differing pair matches one entry.
 */
public final class AllowedDifferences {
    record Entry(Pattern command, Pattern gdb, Pattern ours, String reason) {
    }

    private final List<Entry> entries;

    private AllowedDifferences(List<Entry> entries) {
        this.entries = entries;
    }

    public static AllowedDifferences load() {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = AllowedDifferences.class.getResourceAsStream("/gdb-allowed-differences.txt")) {
            if (in == null) {
                throw new IllegalStateException("gdb-allowed-differences.txt is not on the test class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String cmd = null, gdb = null, ours = null;
            for (String line : (text + "\n\n").split("\n")) {
                String t = line.strip();
                if (t.startsWith("#")) {
                    continue;
                }
                if (t.isEmpty()) {
                    if (cmd != null || gdb != null || ours != null) {
                        throw new IllegalStateException("gdb-allowed-differences.txt: an entry without a reason near '" + cmd + "'");
                    }
                    continue;
                }
                if (t.startsWith("command:")) {
                    cmd = t.substring(8).strip();
                } else if (t.startsWith("gdb:")) {
                    gdb = t.substring(4).strip();
                } else if (t.startsWith("ours:")) {
                    ours = t.substring(5).strip();
                } else if (t.startsWith("reason:")) {
                    if (cmd == null || gdb == null || ours == null) {
                        throw new IllegalStateException("gdb-allowed-differences.txt: incomplete entry before '" + t + "'");
                    }
                    out.add(new Entry(Pattern.compile(cmd), Pattern.compile(gdb), Pattern.compile(ours), t.substring(7).strip()));
                    cmd = gdb = ours = null;
                } else {
                    throw new IllegalStateException("gdb-allowed-differences.txt: cannot read '" + t + "'");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new AllowedDifferences(out);
    }

    /** The reason {@code ours} may differ from {@code gdb} for {@code command}, or null when it may not. */
    public String reason(String command, List<String> gdb, List<String> ours) {
        if (gdb.size() != ours.size()) {
            return null;
        }
        String reason = null;
        for (int i = 0; i < gdb.size(); i++) {
            if (gdb.get(i).equals(ours.get(i))) {
                continue;
            }
            Entry hit = null;
            for (Entry e : entries) {
                if (e.command().matcher(command).find() && e.gdb().matcher(gdb.get(i)).matches() && e.ours().matcher(ours.get(i)).matches()) {
                    hit = e;
                    break;
                }
            }
            if (hit == null) {
                return null;
            }
            reason = reason == null ? hit.reason() : reason;
        }
        return reason;
    }
}
