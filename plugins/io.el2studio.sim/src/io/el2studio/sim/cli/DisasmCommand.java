package io.el2studio.sim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;

/**
 * {@code el2studio disasm}: GNU objdump-style listing, decoding with every feature enabled.
 * One line per instruction, as {@code objdump -d} prints them:
 * {@code <address>:<TAB><word in 8 hex digits> <TAB><text>}, e.g. {@code "   0:\td503201f \tnop"} or
 * {@code "    40000050:\td10043ff \tsub sp, sp, #0x10"}. The address is right-aligned in a field
 * that objdump sizes per listing: 16 hex digits less the leading zeros of the listing's end
 * address, dropped in fours, always keeping one. Our text has one space after the mnemonic where
 * objdump has a tab. For ELF files each symbol that starts a run of code gets a
 * {@code "\n<address> <name>:"} header line, as objdump prints it.
 */
final class DisasmCommand {
    static final String HELP = """
            usage: el2studio disasm [--pc ADDR] WORD...    (hex words, e.g. d503201f 8b020020)
                   el2studio disasm --elf FILE [--symbol NAME]
                   el2studio disasm --binary FILE [--base ADDR]
            Prints one line per instruction: address, word, GNU objdump 2.40 text. Every architectural
            feature is decoded. --pc (default 0) is the address of the first hex word.
            """;

    private final PrintStream out;
    /** Width of the address field of the current listing (see the class comment). */
    private int addrWidth = 8;
    private final Decoder decoder = new Decoder(EnumSet.allOf(Feature.class));

    DisasmCommand(PrintStream out) {
        this.out = out;
    }

    int execute(List<String> argList) throws UsageError {
        Args args = new Args(argList);
        String elf = null, binary = null, symbol = null;
        long base = -1, pc = 0;
        List<String> words = new ArrayList<>();
        while (args.more()) {
            Args.Option o = args.nextOption();
            String a = o.arg(), opt = o.opt();
            switch (opt) {
                case "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--elf" -> elf = args.value(o);
                case "--binary" -> binary = args.value(o);
                case "--symbol" -> symbol = args.value(o);
                case "--base" -> base = Args.number(opt, args.value(o), 0, Long.MAX_VALUE);
                case "--pc" -> pc = Args.number(opt, args.value(o), 0, Long.MAX_VALUE);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageError("unknown option '" + a + "' (try: el2studio disasm --help)");
                    }
                    words.add(a);
                }
            }
        }
        int modes = (elf != null ? 1 : 0) + (binary != null ? 1 : 0) + (words.isEmpty() ? 0 : 1);
        if (modes != 1) {
            throw new UsageError(modes == 0 ? "nothing to disassemble (give hex words, --elf FILE or --binary FILE)"
                    : "give only one of: hex words, --elf FILE, --binary FILE");
        }
        if (symbol != null && elf == null) {
            throw new UsageError("--symbol needs --elf FILE");
        }
        if (base >= 0 && binary == null) {
            throw new UsageError("--base needs --binary FILE");
        }
        if (elf != null) {
            return disassembleElf(elf, symbol);
        }
        if (binary != null) {
            byte[] data;
            try {
                data = ElfImage.readFile(Path.of(binary));
            } catch (ImageException e) {
                throw new UsageError("cannot read " + e.getMessage());
            }
            listing(data, Math.max(base, 0));
            return 0;
        }
        long addr = pc;
        addrWidth = addressWidth(pc + 4L * words.size());
        for (String w : words) {
            String h = w.startsWith("0x") || w.startsWith("0X") ? w.substring(2) : w;
            if (h.isEmpty() || h.length() > 8 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new UsageError("'" + w + "' is not an instruction word (1 to 8 hex digits)");
            }
            line(addr, (int) Long.parseLong(h, 16));
            addr += 4;
        }
        return 0;
    }

    private int disassembleElf(String file, String symbol) throws UsageError {
        ElfImage elf;
        try {
            elf = ElfImage.read(Path.of(file));
        } catch (ImageException e) {
            throw new UsageError("cannot read " + e.getMessage());
        }
        if (symbol != null) {
            Optional<ElfImage.Symbol> s = elf.symbol(symbol);
            if (s.isEmpty()) {
                throw new UsageError("'" + file + "': no symbol '" + symbol + "'");
            }
            long size = elf.extent(s.get());
            Optional<byte[]> bytes = elf.bytesAt(s.get().value(), size);
            if (bytes.isEmpty()) {
                throw new UsageError(String.format("'%s': symbol '%s' (0x%x) is not in a loaded segment", file, symbol, s.get().value()));
            }
            out.printf("%n%016x <%s>:%n", s.get().value(), symbol);
            listing(bytes.get(), s.get().value());
            return 0;
        }
        boolean any = false;
        for (ElfImage.Section sec : elf.sections()) {
            if (!sec.executable()) {
                continue;
            }
            any = true;
            out.printf("%nDisassembly of section %s:%n", sec.name());
            byte[] b = elf.sectionBytes(sec);
            addrWidth = addressWidth(sec.addr() + sec.size());
            for (int off = 0; off + 4 <= b.length; off += 4) {
                long addr = sec.addr() + off;
                int zeros = zeroRun(b, off);
                if (zeros > 0) {
                    out.println("\t...");
                    off += zeros - 4;
                    continue;
                }
                for (ElfImage.Symbol sym : elf.symbols()) {
                    if (sym.value() == addr && !sym.name().isEmpty() && sym.type() != 3 && sym.type() != 4
                            && !sym.name().startsWith("$")) {
                        out.printf("%n%016x <%s>:%n", addr, sym.name());
                        break;
                    }
                }
                line(addr, word(b, off));
            }
        }
        if (!any) {
            throw new UsageError("'" + file + "': no executable section");
        }
        return 0;
    }

    private void listing(byte[] b, long base) {
        addrWidth = addressWidth(base + b.length);
        for (int off = 0; off + 4 <= b.length; off += 4) {
            int zeros = zeroRun(b, off);
            if (zeros > 0) {
                out.println("\t...");
                off += zeros - 4;
                continue;
            }
            line(base + off, word(b, off));
        }
    }

    /** objdump's address field width for a listing ending at {@code end} (binutils objdump.c, skip_addr_chars). */
    static int addressWidth(long end) {
        String hex = String.format("%016x", end);
        int zeros = 0;
        while (zeros < 16 && hex.charAt(zeros) == '0') {
            zeros++;
        }
        int skip = zeros == 0 ? 0 : (zeros - 1) & -4;
        return 16 - skip;
    }

    /**
     * Bytes of the run of zero words at {@code off} that objdump prints as "...": runs of 8 bytes or
     * more (binutils objdump.c, SKIP_ZEROES; its end-of-section rule only drops runs shorter than a
     * word); else 0.
     */
    static int zeroRun(byte[] b, int off) {
        int end = off;
        while (end + 4 <= b.length && word(b, end) == 0) {
            end += 4;
        }
        return end - off >= 8 ? end - off : 0;
    }

    private static int word(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private void line(long addr, int w) {
        out.printf("%" + addrWidth + "x:\t%08x \t%s%n", addr, w, decoder.disassemble(w, addr));
    }
}
