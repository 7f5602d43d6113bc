package io.el2studio.engine.cli;

import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.isa.Decoder;

/**
 * {@code x/NFU ADDR} as gdb 13 prints it (printcmd.c do_examine): N units of size U (b, h, w, g;
 * default w, g for a) in format F (x, d, u, o, t, a, c, s, i; default x), as many per line as gdb
 * puts (8 bytes and halfwords, 4 words, 2 giants), each line labelled {@code ADDR <sym+off>:}.
 */
final class Examine {
    private Examine() {
    }

    static void run(Session s, Inspect inspect, String rest) {
        Inspect.Formatted f = Inspect.format(rest);
        if (f.expr().isEmpty()) {
            throw new GdbError("Argument required (starting display address).");
        }
        long addr = inspect.address(f.expr());
        char fmt = f.fmt() == 0 ? 'x' : f.fmt();
        char size = f.size() != 0 ? f.size() : fmt == 'a' || fmt == 'g' ? 'g' : fmt == 'c' ? 'b' : 'w';
        TargetMemory mem = inspect.scope().memory();
        SymbolFile file = s.program.current();
        StringBuilder out = new StringBuilder();
        try {
            if (fmt == 's') {
                for (int n = 0; n < f.count(); n++) {
                    StringBuilder str = new StringBuilder();
                    long a = addr;
                    int len = 0;
                    while (len < 200) {
                        int c = (int) mem.readLong(addr++, 1);
                        if (c == 0) {
                            break;
                        }
                        str.append((char) c);
                        len++;
                    }
                    out.append(label(file, a)).append('\t').append('"').append(escape(str.toString())).append("\"\n");
                }
            } else if (fmt == 'i') {
                Decoder d = new Decoder(CpuProfile.max().features());
                long pc = s.exited ? -1 : s.target.registers().pc();
                for (int n = 0; n < f.count(); n++) {
                    int w = (int) mem.readLong(addr, 4);
                    // gdb marks the instruction at the pc with "=> " and indents the others to match.
                    out.append(addr == pc ? "=> " : "   ").append(label(file, addr)).append('\t').append(d.disassemble(w, addr))
                            .append('\n');
                    addr += 4;
                }
            } else {
                int bytes = switch (size) {
                    case 'b' -> 1;
                    case 'h' -> 2;
                    case 'g' -> 8;
                    default -> 4;
                };
                int perLine = switch (bytes) {
                    case 1, 2 -> 8;
                    case 4 -> 4;
                    default -> 2;
                };
                for (int n = 0; n < f.count(); n++) {
                    if (n % perLine == 0) {
                        if (n > 0) {
                            out.append('\n');
                        }
                        out.append(label(file, addr));
                    }
                    long v = mem.readLong(addr, bytes);
                    out.append('\t').append(unit(v, bytes, fmt, file));
                    addr += bytes;
                }
                out.append('\n');
            }
        } catch (MemoryException e) {
            s.out.print(out);
            throw new GdbError(GdbFormat.memoryError(new MemoryException(e.address(), "Cannot access memory at address 0x"
                    + Long.toHexString(e.address()))));
        }
        s.out.print(out);
    }

    private static String label(SymbolFile f, long a) {
        return "0x" + Long.toHexString(a) + Inspect.symbolSuffix(f, a) + ":";
    }

    private static String unit(long v, int bytes, char fmt, SymbolFile file) {
        int bits = bytes * 8;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long u = v & mask;
        long signed = bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
        return switch (fmt) {
            case 'd' -> Long.toString(signed);
            case 'u' -> Long.toUnsignedString(u);
            case 'o' -> u == 0 ? "0" : "0" + Long.toOctalString(u);
            case 't' -> String.format("%" + bits + "s", Long.toBinaryString(u)).replace(' ', '0');
            case 'c' -> signed + " '" + escape(String.valueOf((char) (u & 0xFF))) + "'";
            case 'a' -> "0x" + Long.toHexString(u) + Inspect.symbolSuffix(file, u);
            default -> String.format("0x%0" + (bytes * 2) + "x", u);
        };
    }

    private static String escape(String t) {
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\%03o", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
