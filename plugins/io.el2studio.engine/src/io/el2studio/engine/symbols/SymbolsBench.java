package io.el2studio.engine.symbols;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;

/**
 * {@code ./el2studio bench symbols ELF}: how long opening an ELF takes until it answers its first
 * address question (the index), how long an address -> file:line question takes once warm, and how
 * long {@code break FUNCTION} takes, with the ELF's and its DWARF's sizes. {@code --generate DIR
 * [FILES]} first writes and builds a large test ELF (FILES x 150 functions with structs, unions,
 * bitfields, loops, switches and inlined helpers, gcc -O2 -g) to measure on.
 */
public final class SymbolsBench {
    private SymbolsBench() {
    }

    /** Command line: {@code ELF} or {@code --generate DIR [FILES]}. */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--generate")) {
            int files = args.length >= 3 ? Integer.parseInt(args[2]) : 48;
            Path elf = generate(Path.of(args[1]), files);
            System.out.println("generated " + elf);
            args = new String[] {elf.toString()};
        }
        if (args.length != 1) {
            System.err.println("usage: bench symbols ELF | bench symbols --generate DIR [FILES]");
            System.exit(2);
        }
        try {
            run(Path.of(args[0])).forEach(System.out::println);
        } catch (ImageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Measures {@code elf}; returns the report, one figure a line. */
    public static List<String> run(Path elf) throws ImageException {
        List<String> out = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        SymbolFile sf = SymbolFile.open(elf, 0, AddressSpace.of(2, -1));
        long t1 = System.nanoTime();
        ElfImage.Section text = null;
        long dwarfBytes = 0;
        for (ElfImage.Section s : sf.elf().sections()) {
            if (s.name().equals(".text")) {
                text = s;
            }
            if (s.name().startsWith(".debug_")) {
                dwarfBytes += s.size();
            }
        }
        if (text == null || text.size() < 4) {
            throw new ImageException(elf.toString(), "has no .text section to look addresses up in");
        }
        long mid = text.addr() + (text.size() / 2 & ~3L);
        List<SourceLocation> first = sf.locationsAt(mid);
        long t2 = System.nanoTime();
        long c2 = threads.getCurrentThreadCpuTime();
        out.add(String.format("ELF %s: %,d bytes, DWARF %,d bytes (%d units), .text %,d bytes", elf, fileSize(elf), dwarfBytes,
                sf.dwarf().units().size(), text.size()));
        out.add(String.format("index: open %.1f ms + first lookup %.1f ms = %.1f ms (%.0f ms per 10 MB of DWARF); CPU time %.1f ms",
                ms(t1 - t0), ms(t2 - t1), ms(t2 - t0), ms(t2 - t0) * 10e6 / Math.max(1, dwarfBytes), ms(c2 - c0)));
        out.add("first lookup 0x" + Long.toHexString(mid) + ": " + describe(first));

        Random rnd = new Random(42);
        long words = text.size() / 4;
        long[] addrs = new long[100_000];
        for (int i = 0; i < addrs.length; i++) {
            addrs[i] = text.addr() + 4 * (long) (rnd.nextDouble() * words);
        }
        long tw = System.nanoTime();
        int sink = 0;
        for (int i = 0; i < addrs.length; i++) {
            sink += sf.locationsAt(addrs[i]).size(); // warm-up: reads every unit the addresses touch, JIT
        }
        long tw2 = System.nanoTime();
        out.add(String.format("warm-up: 100,000 lookups in %.0f ms (reads every line table and entry tree they touch)",
                ms(tw2 - tw)));
        for (int round = 0; round < 2; round++) {
            long a = System.nanoTime();
            for (long pc : addrs) {
                sink += sf.locationsAt(pc).size();
            }
            long b = System.nanoTime();
            for (long pc : addrs) {
                sink += sf.lineAt(pc).isPresent() ? 1 : 0;
            }
            long c = System.nanoTime();
            if (round == 1) {
                out.add(String.format("address -> file:line with inline chain (locationsAt): %.2f us mean over 100,000 random .text addresses",
                        (b - a) / 1e3 / addrs.length));
                out.add(String.format("address -> line-table row (lineAt, gdb's find_pc_line): %.2f us mean", (c - b) / 1e3 / addrs.length));
            }
        }
        List<String> names = new ArrayList<>();
        for (ElfImage.Symbol s : sf.elf().symbols()) {
            if (s.type() == 2 && !s.name().isEmpty()) {
                names.add(s.name());
            }
        }
        if (!names.isEmpty()) {
            long a = System.nanoTime();
            sf.functionBreakpoints(names.get(0));
            long b = System.nanoTime();
            int n = Math.min(2000, names.size());
            for (int i = 0; i < n; i++) {
                sink += sf.functionBreakpoints(names.get(rnd.nextInt(names.size()))).locations().size();
            }
            long c = System.nanoTime();
            out.add(String.format("break FUNCTION: first %.1f ms (indexes every name), then %.1f us mean over %,d functions",
                    ms(b - a), (c - b) / 1e3 / n, n));
        }
        List<String> files = sf.sourceFiles();
        if (!files.isEmpty()) {
            long a = System.nanoTime();
            int n = 0;
            for (String f : files.subList(0, Math.min(20, files.size()))) {
                for (int line = 1; line <= 50; line += 7) {
                    sink += sf.breakpoint(f.substring(f.lastIndexOf('/') + 1), line).locations().size();
                    n++;
                }
            }
            long b = System.nanoTime();
            out.add(String.format("break FILE:LINE: %.2f ms mean over %d lines", ms(b - a) / n, n));
        }
        out.add(String.format("machine load: %.1f (1-minute average) on %d processors",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        out.add("problems: " + (sf.problems().isEmpty() ? "none" : sf.problems().size() + ", first: " + sf.problems().get(0))
                + (sink == 42 ? "" : ""));
        return out;
    }

    private static String describe(List<SourceLocation> chain) {
        StringBuilder sb = new StringBuilder();
        for (SourceLocation l : chain) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(l.function() == null ? "??" : l.function()).append(" at ").append(l.baseName() == null ? "??" : l.baseName())
                    .append(':').append(l.line());
        }
        return sb.toString();
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Writes {@code files} C files of 150 functions each into {@code dir} and links them with
     * aarch64-linux-gnu-gcc -g -O2 into {@code dir/big.elf}; returns its path.
     */
    public static Path generate(Path dir, int files) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("aarch64-linux-gnu-gcc", "-g", "-O2", "-ffreestanding", "-nostdlib", "-static",
                "-Wl,-e,f0_0", "-Wl,--build-id=none", "-o", dir.resolve("big.elf").toString()));
        for (int f = 0; f < files; f++) {
            StringBuilder c = new StringBuilder("#include <stdint.h>\n");
            for (int k = 0; k < 150; k++) {
                String n = f + "_" + k;
                c.append("struct s").append(n).append(" { uint64_t a; uint32_t b; int c[4]; struct s").append(n)
                        .append(" *next; union { float x; uint32_t u; } w; unsigned bits : 5; };\n")
                        .append("static inline __attribute__((always_inline)) uint64_t mix").append(n)
                        .append("(uint64_t x, int y) { return (x ^ (x >> 7)) * 0x9e3779b97f4a7c15ull + (uint64_t)y; }\n")
                        .append("static inline uint64_t fold").append(n).append("(uint64_t x) { uint64_t r = 0; for (int i = 0; i < 4; i++) r += mix")
                        .append(n).append("(x + i, i); return r; }\n")
                        .append("__attribute__((noinline)) uint64_t f").append(n).append("(struct s").append(n).append(" *p, int n) {\n")
                        .append("    uint64_t acc = 0;\n")
                        .append("    for (int i = 0; i < n; i++) {\n")
                        .append("        int v = p->c[i & 3];\n")
                        .append("        if (v > i) acc += mix").append(n).append("(p->a, v); else acc ^= fold").append(n)
                        .append("(acc + (uint64_t)i);\n")
                        .append("        p = p->next ? p->next : p;\n")
                        .append("        switch (v & 3) { case 0: acc += p->w.u; break; case 1: acc *= 3; break; default: acc -= (uint64_t)v + p->bits; }\n")
                        .append("    }\n")
                        .append("    return acc + p->b;\n")
                        .append("}\n");
            }
            Path src = dir.resolve("g" + f + ".c");
            Files.writeString(src, c);
            cmd.add(src.toString());
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("building " + dir.resolve("big.elf") + " failed: " + String.join(" ", cmd.subList(0, 10)) + " ...");
        }
        return dir.resolve("big.elf");
    }
}
