package io.el2studio.debug.core.symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The decoded DWARF line table (DWARF 5 6.2) of an ELF file, as rows. A stand-in until the engine's
 * {@code io.el2studio.engine.symbols} reads .debug_line itself: it runs GNU objdump
 * ({@code aarch64-linux-gnu-objdump --dwarf=decodedline}) and reads its table.
 */
final class LineTable {
    static final String OBJDUMP = "aarch64-linux-gnu-objdump";

    private LineTable() {
    }

    static List<ProgramInfo.Line> read(Path elf) throws IOException {
        Process p = new ProcessBuilder(OBJDUMP, "--dwarf=decodedline", elf.toString()).redirectErrorStream(true).start();
        List<ProgramInfo.Line> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String dir = "";
            while ((line = r.readLine()) != null) {
                ProgramInfo.Line row = parse(line);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rows;
    }

    /**
     * One row of objdump's table: {@code main.c  12  0x40000074  [view]  x}; the end of a sequence
     * has {@code -} as its line and becomes line 0.
     */
    static ProgramInfo.Line parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length < 3) {
            return null;
        }
        int addr = -1;
        for (int i = 1; i < f.length; i++) {
            if (f[i].startsWith("0x")) {
                addr = i;
                break;
            }
        }
        if (addr != 2) {
            return null;
        }
        int line;
        if (f[1].equals("-")) {
            line = 0;
        } else {
            try {
                line = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return new ProgramInfo.Line(f[0], line, Long.parseUnsignedLong(f[2].substring(2), 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
