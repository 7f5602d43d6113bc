package io.el2studio.engine.dwarf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ElfImage.Section;

/**
 * The debug sections of one ELF file, by name without the leading dot ({@code debug_info},
 * {@code eh_frame} ...). Compressed sections are inflated: SHF_COMPRESSED with ELFCOMPRESS_ZLIB
 * (gABI, "Section Compression") and GNU's older {@code .zdebug_*} form. Zstandard compression and
 * split DWARF ({@code .dwo} files) are not supported; {@link #problems} then says so, and the section
 * reads as absent.
 */
public final class DwarfSections {
    static final long SHF_COMPRESSED = 0x800;
    static final int ELFCOMPRESS_ZLIB = 1, ELFCOMPRESS_ZSTD = 2;
    private static final List<String> NAMES = List.of("debug_info", "debug_abbrev", "debug_str", "debug_line_str",
            "debug_str_offsets", "debug_addr", "debug_rnglists", "debug_loclists", "debug_ranges", "debug_loc",
            "debug_line", "debug_aranges", "debug_frame", "eh_frame", "eh_frame_hdr", "debug_types");

    private final Map<String, byte[]> data = new HashMap<>();
    private final Map<String, Long> addresses = new HashMap<>();
    private final StringBuilder problems = new StringBuilder();

    public DwarfSections(ElfImage elf) {
        for (Section s : elf.sections()) {
            String name = s.name();
            boolean gnuCompressed = name.startsWith(".zdebug_");
            String key = gnuCompressed ? "debug_" + name.substring(8) : name.startsWith(".") ? name.substring(1) : name;
            if (!NAMES.contains(key) && !key.endsWith(".dwo")) {
                continue;
            }
            if (key.endsWith(".dwo")) {
                problem("split DWARF section " + name + " is not supported (link without -gsplit-dwarf)");
                continue;
            }
            try {
                byte[] bytes = elf.sectionBytes(s);
                if ((s.flags() & SHF_COMPRESSED) != 0) {
                    bytes = inflateGabi(name, bytes);
                } else if (gnuCompressed) {
                    bytes = inflateGnu(name, bytes);
                }
                data.put(key, bytes);
                addresses.put(key, s.addr());
            } catch (DwarfException e) {
                problem(e.getMessage());
            }
        }
    }

    /** For tests and for data that does not come from an ELF file. */
    public DwarfSections(Map<String, byte[]> sections) {
        data.putAll(sections);
    }

    private void problem(String p) {
        if (problems.length() > 0) {
            problems.append("; ");
        }
        problems.append(p);
    }

    /** The section's bytes, or null when the file has none. */
    public byte[] get(String name) {
        return data.get(name);
    }

    public boolean has(String name) {
        return data.containsKey(name);
    }

    /** The section's load address (sh_addr), 0 when it is not allocated or absent. */
    public long address(String name) {
        return addresses.getOrDefault(name, 0L);
    }

    /** What could not be read, empty when everything could. */
    public String problems() {
        return problems.toString();
    }

    /** A cursor at {@code offset} of a section that must exist. */
    public Cursor cursor(String name, long offset) {
        byte[] d = data.get(name);
        if (d == null) {
            throw new DwarfException("." + name + " is missing, but the debug information refers to it");
        }
        if (offset < 0 || offset > d.length) {
            throw new DwarfException("." + name + ": offset 0x" + Long.toHexString(offset) + " is outside the section ("
                    + d.length + " bytes)");
        }
        return new Cursor("." + name, d, (int) offset);
    }

    private static byte[] inflateGabi(String name, byte[] raw) {
        Cursor c = new Cursor(name, raw, 0);
        int type = (int) c.u32();
        c.u32(); // ch_reserved
        long size = c.u64();
        c.u64(); // ch_addralign
        if (type == ELFCOMPRESS_ZSTD) {
            throw new DwarfException(name + " is compressed with zstd, which is not supported (link with --compress-debug-sections=zlib or none)");
        }
        if (type != ELFCOMPRESS_ZLIB) {
            throw new DwarfException(name + ": unknown compression type " + type);
        }
        return inflate(name, raw, 24, size);
    }

    private static byte[] inflateGnu(String name, byte[] raw) {
        if (raw.length < 12 || raw[0] != 'Z' || raw[1] != 'L' || raw[2] != 'I' || raw[3] != 'B') {
            throw new DwarfException(name + ": no ZLIB header");
        }
        long size = 0;
        for (int i = 4; i < 12; i++) {
            size = size << 8 | (raw[i] & 0xff);
        }
        return inflate(name, raw, 12, size);
    }

    private static byte[] inflate(String name, byte[] raw, int from, long size) {
        if (size < 0 || size > 1L << 30) {
            throw new DwarfException(name + ": uncompressed size " + size + " is not plausible");
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(raw, from, raw.length - from);
            byte[] out = new byte[(int) size];
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != out.length) {
                throw new DwarfException(name + ": compressed data ends after " + n + " of " + size + " bytes");
            }
            return out;
        } catch (DataFormatException e) {
            throw new DwarfException(name + ": corrupt compressed data (" + e.getMessage() + ")");
        } finally {
            inf.end();
        }
    }
}
