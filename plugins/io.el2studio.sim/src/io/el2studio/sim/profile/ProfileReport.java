package io.el2studio.sim.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The world-switch profile as a table per exit reason: count, instructions per round trip (min,
 * median, p90, max), the mean instructions at EL2 and EL1, system register accesses, nested
 * exceptions, and the registers most read and written (what the hypervisor saves and restores).
 * Built from recorded switches or from the {@code --json} lines of an earlier run.
 */
public final class ProfileReport {
    /** The numbers of one switch that the table needs (from a WorldSwitch or a JSON line). */
    public record Row(String reason, long instructions, long el2, long el1, int sysregs, int nested, long virtualNs,
            Map<String, Integer> registers) {
        static Row of(WorldSwitch w) {
            Map<String, Integer> regs = new TreeMap<>();
            w.reads().forEach((k, v) -> regs.merge(k, v, Integer::sum));
            w.writes().forEach((k, v) -> regs.merge(k, v, Integer::sum));
            return new Row(w.reason(), w.instructions(), w.instructionsPerEl()[2], w.instructionsPerEl()[1], w.sysregAccesses(),
                    w.nested(), w.virtualNanos(), regs);
        }
    }

    /** Statistics of one exit reason. */
    public record Group(String reason, int count, long min, long median, long p90, long max, double el2, double el1,
            double sysregs, double nested, double virtualUs, List<String> topRegisters) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();

    public ProfileReport(List<Row> rows) {
        Map<String, List<Row>> by = new TreeMap<>();
        for (Row r : rows) {
            by.computeIfAbsent(r.reason(), k -> new ArrayList<>()).add(r);
        }
        List<Map.Entry<String, List<Row>>> order = new ArrayList<>(by.entrySet());
        order.sort((a, b) -> b.getValue().size() != a.getValue().size() ? b.getValue().size() - a.getValue().size()
                : a.getKey().compareTo(b.getKey()));
        for (var e : order) {
            List<Row> l = e.getValue();
            long[] insns = l.stream().mapToLong(Row::instructions).sorted().toArray();
            Map<String, Integer> regs = new TreeMap<>();
            l.forEach(r -> r.registers().forEach((k, v) -> regs.merge(k, v, Integer::sum)));
            List<String> top = regs.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(6)
                    .map(x -> String.format("%s %.1f", x.getKey(), x.getValue() / (double) l.size())).toList();
            groups.put(e.getKey(), new Group(e.getKey(), l.size(), insns[0], percentile(insns, 50), percentile(insns, 90),
                    insns[insns.length - 1], mean(l, Row::el2), mean(l, Row::el1), mean(l, r -> r.sysregs()),
                    mean(l, r -> r.nested()), mean(l, Row::virtualNs) / 1000.0, top));
        }
    }

    public static ProfileReport of(List<WorldSwitch> switches) {
        return new ProfileReport(switches.stream().map(Row::of).toList());
    }

    public Map<String, Group> groups() {
        return groups;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double mean(List<Row> l, java.util.function.ToLongFunction<Row> f) {
        return l.stream().mapToLong(f).average().orElse(0);
    }

    /** The table, one line per exit reason, then the registers each reason touches most (per switch). */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-34s %7s %9s %9s %9s %9s %9s %9s %8s %7s %11s%n", "exit reason", "count", "insn min",
                "median", "p90", "max", "EL2 avg", "EL1 avg", "sysregs", "nested", "virt us"));
        for (Group g : groups.values()) {
            b.append(String.format("%-34s %7d %9d %9d %9d %9d %9.1f %9.1f %8.1f %7.2f %11.2f%n", g.reason(), g.count(), g.min(),
                    g.median(), g.p90(), g.max(), g.el2(), g.el1(), g.sysregs(), g.nested(), g.virtualUs()));
        }
        b.append("registers read or written per switch, most first:\n");
        for (Group g : groups.values()) {
            b.append(String.format("  %-32s %s%n", g.reason(), g.topRegisters().isEmpty() ? "-" : String.join(", ", g.topRegisters())));
        }
        return b.toString();
    }

    /** Two profiles side by side: per exit reason count, median instructions and sysreg accesses, and B/A ratios. */
    public static String compare(String nameA, ProfileReport a, String nameB, ProfileReport b) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("A = %s%nB = %s%n", nameA, nameB));
        s.append(String.format("%-34s %8s %8s %10s %10s %7s %9s %9s %7s%n", "exit reason", "count A", "count B", "median A",
                "median B", "B/A", "sysreg A", "sysreg B", "B/A"));
        List<String> reasons = new ArrayList<>(a.groups.keySet());
        b.groups.keySet().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
        for (String r : reasons) {
            Group x = a.groups.get(r), y = b.groups.get(r);
            s.append(String.format("%-34s %8s %8s %10s %10s %7s %9s %9s %7s%n", r, x == null ? "-" : x.count(),
                    y == null ? "-" : y.count(), x == null ? "-" : x.median(), y == null ? "-" : y.median(),
                    ratio(x == null ? 0 : x.median(), y == null ? 0 : y.median()),
                    x == null ? "-" : String.format("%.1f", x.sysregs()), y == null ? "-" : String.format("%.1f", y.sysregs()),
                    ratio(x == null ? 0 : x.sysregs(), y == null ? 0 : y.sysregs())));
        }
        return s.toString();
    }

    private static String ratio(double a, double b) {
        return a == 0 || b == 0 ? "-" : String.format("%.2f", b / a);
    }

    /** Rows from {@code --json} lines (the flat objects WorldSwitch#toJson writes). */
    public static List<Row> parseJsonLines(List<String> lines, String file) {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> f = flatJson(line, file + ":" + n);
            Map<String, Integer> regs = new TreeMap<>();
            String s = f.getOrDefault("sysregs", "");
            if (!s.isEmpty()) {
                for (String part : s.split(",")) {
                    int colon = part.lastIndexOf(':');
                    regs.merge(part.substring(0, colon), Integer.parseInt(part.substring(colon + 2)), Integer::sum);
                }
            }
            try {
                rows.add(new Row(required(f, "reason", file, n), Long.parseLong(required(f, "instructions", file, n)),
                        Long.parseLong(f.getOrDefault("instructions_el2", "0")), Long.parseLong(f.getOrDefault("instructions_el1", "0")),
                        Integer.parseInt(f.getOrDefault("sysreg_reads", "0")) + Integer.parseInt(f.getOrDefault("sysreg_writes", "0")),
                        Integer.parseInt(f.getOrDefault("nested_exceptions", "0")), Long.parseLong(f.getOrDefault("virtual_ns", "0")),
                        regs));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + n + ": not a number in a world-switch record (" + e.getMessage() + ")");
            }
        }
        return rows;
    }

    private static String required(Map<String, String> f, String key, String file, int line) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ":" + line + ": no \"" + key + "\" field (not a line of el2studio profile --json)");
        }
        return v;
    }

    /** A one-level JSON object of strings and numbers (what the trace writers produce). */
    static Map<String, String> flatJson(String s, String where) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = s.indexOf('{');
        if (i < 0 || !s.trim().endsWith("}")) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        i++;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i >= s.length() || s.charAt(i) == '}') {
                break;
            }
            int[] end = new int[1];
            String key = string(s, i, end, where);
            i = end[0];
            while (i < s.length() && s.charAt(i) != ':') {
                i++;
            }
            i++;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                value = string(s, i, end, where);
                i = end[0];
            } else {
                int j = i;
                while (j < s.length() && s.charAt(j) != ',' && s.charAt(j) != '}') {
                    j++;
                }
                value = s.substring(i, j).trim();
                i = j;
            }
            m.put(key, value);
        }
        return m;
    }

    private static String string(String s, int at, int[] end, String where) {
        if (at >= s.length() || s.charAt(at) != '"') {
            throw new IllegalArgumentException(where + ": expected a string at column " + (at + 1));
        }
        StringBuilder b = new StringBuilder();
        int i = at + 1;
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                char e = s.charAt(i++);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException(where + ": unterminated string");
        }
        end[0] = i + 1;
        return b.toString();
    }

    @Override
    public String toString() {
        return table();
    }

    static String join(long[] v) {
        return Arrays.toString(v);
    }
}
