package io.el2studio.sim.loader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A parsed little-endian ELF64 AArch64 file (System V gABI, "ELF-64 Object File Format"; AArch64
 * specifics from the Arm "ELF for the Arm 64-bit Architecture" ABI): its loadable segments, entry
 * point, sections and symbol table. Every offset and size read from the file is checked against the
 * file's length, so a truncated or corrupt file gives one clear {@link ImageException}, never an
 * index error.
 */
public final class ElfImage {
    /** EM_AARCH64 (AArch64 ELF ABI, 4.2.1). */
    public static final int EM_AARCH64 = 183;
    public static final int PT_LOAD = 1;
    public static final int SHT_SYMTAB = 2, SHT_NOBITS = 8;
    public static final long SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;
    public static final int STT_FUNC = 2;

    /** A program header of type PT_LOAD. */
    public record Segment(int index, long offset, long vaddr, long paddr, long filesz, long memsz, int flags) {
        public boolean executable() {
            return (flags & PF_X) != 0;
        }
    }

    public record Section(String name, int type, long flags, long addr, long offset, long size) {
        public boolean executable() {
            return (flags & SHF_EXECINSTR) != 0 && type != SHT_NOBITS;
        }
    }

    public record Symbol(String name, long value, long size, int type, int shndx) {
    }

    private final String file;
    private final byte[] data;
    private final ByteBuffer buf;
    private final long entry;
    private final int type;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();

    private ElfImage(String file, byte[] data) throws ImageException {
        this.file = file;
        this.data = data;
        this.buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (!hasElfMagic(data)) {
            throw fail("not an ELF file (no \\x7fELF magic)");
        }
        if (data.length < 64) {
            throw fail("truncated ELF header (" + data.length + " bytes, an ELF64 header has 64)");
        }
        if (data[4] == 1) {
            throw fail("not ELF64 (a 32-bit ELF file; AArch64 images are ELFCLASS64)");
        }
        if (data[4] != 2) {
            throw fail("corrupt ELF header: unknown class " + data[4]);
        }
        if (data[5] != 1) {
            throw fail(data[5] == 2 ? "big-endian ELF is not supported (AArch64 little-endian only)"
                    : "corrupt ELF header: unknown data encoding " + data[5]);
        }
        type = u16(16);
        int machine = u16(18);
        if (machine != EM_AARCH64) {
            throw fail("not an AArch64 image (e_machine " + machine + machineName(machine) + ", expected 183 EM_AARCH64)");
        }
        entry = buf.getLong(24);
        readSegments();
        readSections();
    }

    /** Reads and parses {@code path}. */
    public static ElfImage read(Path path) throws ImageException {
        return parse(path.toString(), readFile(path));
    }

    /** Parses an in-memory file; {@code name} is used in error messages. */
    public static ElfImage parse(String name, byte[] data) throws ImageException {
        return new ElfImage(name, data);
    }

    /** The file's bytes, or an {@link ImageException} saying why it cannot be read. */
    public static byte[] readFile(Path path) throws ImageException {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new ImageException(name, "is a directory");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImageException(name, "no such file");
        } catch (AccessDeniedException e) {
            throw new ImageException(name, "permission denied");
        } catch (IOException | OutOfMemoryError e) {
            throw new ImageException(name, "cannot read: " + e.getMessage());
        }
    }

    public static boolean hasElfMagic(byte[] d) {
        return d.length >= 4 && d[0] == 0x7F && d[1] == 'E' && d[2] == 'L' && d[3] == 'F';
    }

    private static String machineName(int m) {
        return switch (m) {
            case 3 -> " EM_386";
            case 40 -> " EM_ARM";
            case 62 -> " EM_X86_64";
            case 243 -> " EM_RISCV";
            default -> "";
        };
    }

    private ImageException fail(String problem) {
        return new ImageException(file, problem);
    }

    private int u16(int off) {
        return buf.getShort(off) & 0xFFFF;
    }

    /** Checks that [off, off + len) lies within the file. */
    private void within(long off, long len, String what) throws ImageException {
        if (off < 0 || len < 0 || off > data.length || len > data.length - off) {
            throw fail(String.format("truncated or corrupt: %s at file offset 0x%x (0x%x bytes) extends past the end of the file (0x%x bytes)",
                    what, off, len, data.length));
        }
    }

    private void readSegments() throws ImageException {
        long phoff = buf.getLong(32);
        int phentsize = u16(54);
        int phnum = u16(56);
        if (phnum == 0) {
            return;
        }
        if (phentsize < 56) {
            throw fail("corrupt ELF header: e_phentsize " + phentsize + " (expected 56)");
        }
        within(phoff, (long) phentsize * phnum, "the program header table");
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            if (buf.getInt(o) != PT_LOAD) {
                continue;
            }
            Segment s = new Segment(i, buf.getLong(o + 8), buf.getLong(o + 16), buf.getLong(o + 24),
                    buf.getLong(o + 32), buf.getLong(o + 40), buf.getInt(o + 4));
            within(s.offset, s.filesz, "segment " + i);
            if (s.memsz < s.filesz) {
                throw fail("corrupt segment " + i + ": p_memsz 0x" + Long.toHexString(s.memsz)
                        + " is smaller than p_filesz 0x" + Long.toHexString(s.filesz));
            }
            segments.add(s);
        }
    }

    private void readSections() throws ImageException {
        long shoff = buf.getLong(40);
        int shentsize = u16(58);
        int shnum = u16(60);
        int shstrndx = u16(62);
        if (shnum == 0 || shoff == 0) {
            return;
        }
        if (shentsize < 64) {
            throw fail("corrupt ELF header: e_shentsize " + shentsize + " (expected 64)");
        }
        within(shoff, (long) shentsize * shnum, "the section header table");
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int o = (int) (shoff + (long) i * shentsize);
            // name, type, flags, addr, offset, size, link
            raw[i] = new long[] {buf.getInt(o) & 0xFFFFFFFFL, buf.getInt(o + 4) & 0xFFFFFFFFL, buf.getLong(o + 8),
                    buf.getLong(o + 16), buf.getLong(o + 24), buf.getLong(o + 32), buf.getInt(o + 40) & 0xFFFFFFFFL};
            if (raw[i][1] != SHT_NOBITS && raw[i][1] != 0) {
                within(raw[i][4], raw[i][5], "section " + i);
            }
        }
        long[] names = shstrndx < shnum ? raw[shstrndx] : null;
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            String name = names == null ? "" : string(names[4], names[5], r[0]);
            sections.add(new Section(name, (int) r[1], r[2], r[3], r[4], r[5]));
        }
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            if (r[1] != SHT_SYMTAB) {
                continue;
            }
            if (r[6] >= shnum) {
                throw fail("corrupt symbol table: string table index " + r[6] + " out of range");
            }
            long[] str = raw[(int) r[6]];
            for (long o = r[4] + 24; o + 24 <= r[4] + r[5]; o += 24) { // entry 0 is the null symbol
                int io = (int) o;
                String name = string(str[4], str[5], buf.getInt(io) & 0xFFFFFFFFL);
                int info = data[io + 4] & 0xFF;
                symbols.add(new Symbol(name, buf.getLong(io + 8), buf.getLong(io + 16), info & 0xF, u16(io + 6)));
            }
        }
    }

    private String string(long tableOff, long tableSize, long index) throws ImageException {
        if (index >= tableSize) {
            throw fail("corrupt string table reference " + index);
        }
        int start = (int) (tableOff + index);
        int end = start;
        int limit = (int) (tableOff + tableSize);
        while (end < limit && data[end] != 0) {
            end++;
        }
        return new String(data, start, end - start, StandardCharsets.UTF_8);
    }

    public String file() {
        return file;
    }

    public byte[] bytes() {
        return data;
    }

    public long entry() {
        return entry;
    }

    /** e_type: 2 ET_EXEC, 3 ET_DYN. */
    public int type() {
        return type;
    }

    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    public List<Section> sections() {
        return Collections.unmodifiableList(sections);
    }

    public List<Symbol> symbols() {
        return Collections.unmodifiableList(symbols);
    }

    /** The first symbol called {@code name} (functions and objects first, then any other). */
    public Optional<Symbol> symbol(String name) {
        Symbol any = null;
        for (Symbol s : symbols) {
            if (s.name.equals(name)) {
                if (s.type == STT_FUNC || s.type == 1) {
                    return Optional.of(s);
                }
                if (any == null) {
                    any = s;
                }
            }
        }
        return Optional.ofNullable(any);
    }

    /**
     * The symbol whose [value, value + size) holds {@code addr}; if none, the nearest named symbol at
     * or below {@code addr} in the same section. Used to print {@code <name+off>}.
     */
    public Optional<Symbol> symbolAt(long addr) {
        Symbol best = null;
        for (Symbol s : symbols) {
            if (s.name.isEmpty() || s.shndx == 0 || s.type == 3 || s.type == 4) { // skip SECTION, FILE
                continue;
            }
            if (Long.compareUnsigned(s.value, addr) <= 0 && Long.compareUnsigned(addr - s.value, s.size) < 0) {
                return Optional.of(s);
            }
            if (Long.compareUnsigned(s.value, addr) <= 0 && (best == null || Long.compareUnsigned(s.value, best.value) > 0)) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The number of bytes symbol {@code s} covers: its st_size, or when that is 0 (hand-written
     * assembly without {@code .size}) up to the next symbol or the end of its section, as objdump does.
     */
    public long extent(Symbol s) {
        if (s.size != 0) {
            return s.size;
        }
        long end = Long.MAX_VALUE;
        for (Section sec : sections) {
            if ((sec.flags & SHF_ALLOC) != 0 && Long.compareUnsigned(s.value, sec.addr) >= 0
                    && Long.compareUnsigned(s.value, sec.addr + sec.size) < 0) {
                end = sec.addr + sec.size;
            }
        }
        for (Symbol o : symbols) {
            if (Long.compareUnsigned(o.value, s.value) > 0 && Long.compareUnsigned(o.value, end) < 0 && !o.name.isEmpty()
                    && o.type != 3 && o.type != 4) {
                end = o.value;
            }
        }
        return end == Long.MAX_VALUE ? 4 : end - s.value;
    }

    /** The file bytes of section {@code s} (empty for SHT_NOBITS). */
    public byte[] sectionBytes(Section s) {
        if (s.type == SHT_NOBITS) {
            return new byte[0];
        }
        byte[] out = new byte[(int) s.size];
        System.arraycopy(data, (int) s.offset, out, 0, out.length);
        return out;
    }

    /**
     * {@code len} bytes of the loaded image at virtual address {@code addr}, taken from the segment
     * that holds it (zero beyond p_filesz); empty when no segment holds the range.
     */
    public Optional<byte[]> bytesAt(long addr, long len) {
        for (Segment s : segments) {
            if (Long.compareUnsigned(addr, s.vaddr) >= 0 && Long.compareUnsigned(addr + len, s.vaddr + s.memsz) <= 0) {
                byte[] out = new byte[(int) len];
                long from = addr - s.vaddr;
                long avail = Math.max(0, Math.min(len, s.filesz - from));
                System.arraycopy(data, (int) (s.offset + from), out, 0, (int) avail);
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }
}
