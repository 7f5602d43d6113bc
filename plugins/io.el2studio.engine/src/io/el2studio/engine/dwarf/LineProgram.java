package io.el2studio.engine.dwarf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line number program of .debug_line (DWARF 5, 6.2; versions 2 to 5), run to its rows. The rows
 * are kept in program order in parallel arrays (address, file register, line, column, flags,
 * discriminator), end-of-sequence rows included, so that both addr2line's and gdb's readings can be
 * built on them. op_index is ignored: on A64 maximum_operations_per_instruction is 1. View numbers
 * are not modelled (they only label rows at equal addresses).
 *
 * <p>A program that breaks off keeps the rows read before the damage; {@link #damage} says where.
 */
public final class LineProgram {
    public static final int STMT = 1, END_SEQUENCE = 2, PROLOGUE_END = 4, EPILOGUE_BEGIN = 8, BASIC_BLOCK = 16, LINE_DISCRIMINATED = 32;

    // DWARF 5, 7.22 Line Number Information
    static final int LNS_copy = 1, LNS_advance_pc = 2, LNS_advance_line = 3, LNS_set_file = 4, LNS_set_column = 5,
            LNS_negate_stmt = 6, LNS_set_basic_block = 7, LNS_const_add_pc = 8, LNS_fixed_advance_pc = 9,
            LNS_set_prologue_end = 10, LNS_set_epilogue_begin = 11, LNS_set_isa = 12;
    static final int LNE_end_sequence = 1, LNE_set_address = 2, LNE_define_file = 3, LNE_set_discriminator = 4;
    static final int LNCT_path = 1, LNCT_directory_index = 2, LNCT_timestamp = 3, LNCT_size = 4, LNCT_MD5 = 5;

    private final long offset;
    private int version;
    private final List<String> dirs = new ArrayList<>();
    private final List<String> fileNames = new ArrayList<>();
    private final List<Integer> fileDirs = new ArrayList<>();
    private String damage;
    private boolean discriminated;
    private String[] paths;

    private int n;
    private long[] address = new long[64];
    private int[] file = new int[64], line = new int[64], column = new int[64], discriminator = new int[64];
    private byte[] flags = new byte[64];

    /**
     * Reads the program at {@code offset}. {@code compDir} and {@code unitName} (DW_AT_comp_dir,
     * DW_AT_name of the unit) stand in for directory and file 0 of DWARF 2-4, which are implicit.
     */
    public LineProgram(DwarfInfo info, long offset, int unitAddressSize, String compDir, String unitName) {
        this.offset = offset;
        try {
            read(info, offset, unitAddressSize, compDir, unitName);
        } catch (DwarfException e) {
            damage = e.getMessage();
        }
    }

    private void read(DwarfInfo info, long at, int addressSize, String compDir, String unitName) {
        Cursor c = info.sections().cursor("debug_line", at);
        int[] os = new int[1];
        long length = c.initialLength(os);
        if (length > c.remaining()) {
            throw c.fail("line program length 0x" + Long.toHexString(length) + " runs past the end of .debug_line");
        }
        long end = c.pos() + length;
        c.limit(end);
        version = c.u16();
        if (version < 2 || version > 5) {
            throw c.fail("unsupported line program version " + version);
        }
        if (version >= 5) {
            addressSize = c.u8();
            c.u8(); // segment_selector_size
        }
        long headerLength = c.offset(os[0]);
        long programStart = c.pos() + headerLength;
        if (programStart > end) {
            throw c.fail("header_length 0x" + Long.toHexString(headerLength) + " runs past the program");
        }
        int minInst = c.u8();
        if (version >= 4) {
            c.u8(); // maximum_operations_per_instruction: 1 on A64
        }
        boolean defaultStmt = c.u8() != 0;
        int lineBase = c.s8();
        int lineRange = c.u8();
        int opcodeBase = c.u8();
        if (lineRange == 0) {
            throw c.fail("line_range is 0");
        }
        int[] opLengths = new int[Math.max(opcodeBase, 1)];
        for (int i = 1; i < opcodeBase; i++) {
            opLengths[i] = c.u8();
        }
        if (version >= 5) {
            readEntries(c, info, os[0], true);
            readEntries(c, info, os[0], false);
        } else {
            dirs.add(compDir == null ? "" : compDir);
            while (true) {
                String d = c.cstring();
                if (d.isEmpty()) {
                    break;
                }
                dirs.add(d);
            }
            fileNames.add(unitName == null ? "" : unitName);
            fileDirs.add(0);
            while (true) {
                String f = c.cstring();
                if (f.isEmpty()) {
                    break;
                }
                fileDirs.add(c.ulebInt());
                c.uleb();
                c.uleb();
                fileNames.add(f);
            }
        }
        if (version >= 5 && !dirs.isEmpty() && !dirs.get(0).startsWith("/") && compDir != null) {
            dirs.set(0, join(compDir, dirs.get(0)));
        }
        c.seek(programStart);

        long addr = 0;
        int fileReg = 1, lineReg = 1, col = 0, disc = 0;
        boolean stmt = defaultStmt, prologueEnd = false, epilogueBegin = false, basic = false;
        // gdb's m_line_has_non_zero_discriminator: a discriminator was set since the line last changed
        discriminated = false;
        while (!c.atEnd()) {
            int op = c.u8();
            if (op >= opcodeBase) {
                int adj = op - opcodeBase;
                addr += (long) minInst * (adj / lineRange);
                int delta = lineBase + adj % lineRange;
                lineReg += delta;
                if (delta != 0) {
                    discriminated = disc != 0;
                }
                row(addr, fileReg, lineReg, col, disc, stmt, false, prologueEnd, epilogueBegin, basic);
                disc = 0;
                prologueEnd = epilogueBegin = basic = false;
            } else if (op == 0) {
                long len = c.uleb();
                if (len == 0 || len > c.remaining()) {
                    throw c.fail("extended opcode length " + len + " is not plausible");
                }
                long next = c.pos() + len;
                int sub = c.u8();
                switch (sub) {
                    case LNE_end_sequence -> {
                        row(addr, fileReg, lineReg, col, disc, stmt, true, prologueEnd, epilogueBegin, basic);
                        addr = 0;
                        fileReg = 1;
                        lineReg = 1;
                        col = 0;
                        disc = 0;
                        discriminated = false;
                        stmt = defaultStmt;
                        prologueEnd = epilogueBegin = basic = false;
                    }
                    case LNE_set_address -> {
                        int size = (int) (len - 1);
                        addr = c.unsigned(size == 4 || size == 8 ? size : addressSize);
                    }
                    case LNE_define_file -> {
                        fileNames.add(c.cstring());
                        fileDirs.add(c.ulebInt());
                    }
                    case LNE_set_discriminator -> {
                        disc = (int) c.uleb();
                        discriminated |= disc != 0;
                    }
                    default -> {
                        // vendor extension: skipped by its length (6.2.5.3)
                    }
                }
                c.seek(next);
            } else {
                switch (op) {
                    case LNS_copy -> {
                        row(addr, fileReg, lineReg, col, disc, stmt, false, prologueEnd, epilogueBegin, basic);
                        disc = 0;
                        prologueEnd = epilogueBegin = basic = false;
                    }
                    case LNS_advance_pc -> addr += (long) minInst * c.uleb();
                    case LNS_advance_line -> {
                        int delta = (int) c.sleb();
                        lineReg += delta;
                        if (delta != 0) {
                            discriminated = disc != 0;
                        }
                    }
                    case LNS_set_file -> fileReg = c.ulebInt();
                    case LNS_set_column -> col = (int) c.uleb();
                    case LNS_negate_stmt -> stmt = !stmt;
                    case LNS_set_basic_block -> basic = true;
                    case LNS_const_add_pc -> addr += (long) minInst * ((255 - opcodeBase) / lineRange);
                    case LNS_fixed_advance_pc -> addr += c.u16();
                    case LNS_set_prologue_end -> prologueEnd = true;
                    case LNS_set_epilogue_begin -> epilogueBegin = true;
                    case LNS_set_isa -> c.uleb();
                    default -> {
                        for (int i = 0; i < opLengths[op]; i++) {
                            c.uleb(); // an opcode this reader does not know: skip its operands (6.2.5.2)
                        }
                    }
                }
            }
        }
    }

    /** DWARF 5 directory or file name entries, described by their entry formats (6.2.4 items 14-20). */
    private void readEntries(Cursor c, DwarfInfo info, int offsetSize, boolean directories) {
        int formats = c.u8();
        int[] types = new int[formats], forms = new int[formats];
        for (int i = 0; i < formats; i++) {
            types[i] = c.ulebInt();
            forms[i] = c.ulebInt();
        }
        int count = c.ulebInt();
        for (int k = 0; k < count; k++) {
            String path = null;
            int dir = 0;
            for (int i = 0; i < formats; i++) {
                int form = forms[i];
                String s = null;
                long v = 0;
                switch (form) {
                    case Dw.FORM_string -> s = c.cstring();
                    case Dw.FORM_line_strp -> s = info.lineStrp(c.offset(offsetSize));
                    case Dw.FORM_strp -> s = info.strp(c.offset(offsetSize));
                    case Dw.FORM_udata -> v = c.uleb();
                    case Dw.FORM_data1 -> v = c.u8();
                    case Dw.FORM_data2 -> v = c.u16();
                    case Dw.FORM_data4 -> v = c.u32();
                    case Dw.FORM_data8 -> v = c.u64();
                    case Dw.FORM_data16 -> c.skip(16);
                    case Dw.FORM_block -> c.skip(c.uleb());
                    default -> throw c.fail("unsupported form 0x" + Integer.toHexString(form) + " in a line table entry format");
                }
                if (types[i] == LNCT_path) {
                    path = s;
                } else if (types[i] == LNCT_directory_index) {
                    dir = (int) v;
                }
            }
            if (directories) {
                dirs.add(path == null ? "" : path);
            } else {
                fileNames.add(path == null ? "" : path);
                fileDirs.add(dir);
            }
        }
    }

    private void row(long addr, int f, int l, int col, int disc, boolean stmt, boolean endSeq, boolean pe, boolean eb,
            boolean bb) {
        if (n == address.length) {
            int cap = n * 2;
            address = Arrays.copyOf(address, cap);
            file = Arrays.copyOf(file, cap);
            line = Arrays.copyOf(line, cap);
            column = Arrays.copyOf(column, cap);
            discriminator = Arrays.copyOf(discriminator, cap);
            flags = Arrays.copyOf(flags, cap);
        }
        address[n] = addr;
        file[n] = f;
        line[n] = l;
        column[n] = col;
        discriminator[n] = disc;
        flags[n] = (byte) ((stmt ? STMT : 0) | (endSeq ? END_SEQUENCE : 0) | (pe ? PROLOGUE_END : 0) | (eb ? EPILOGUE_BEGIN : 0)
                | (bb ? BASIC_BLOCK : 0) | (discriminated ? LINE_DISCRIMINATED : 0));
        n++;
    }

    static String join(String dir, String name) {
        if (name.startsWith("/") || dir == null || dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    public long offset() {
        return offset;
    }

    public int version() {
        return version;
    }

    /** Null when the whole program was read, else what stopped it and where. */
    public String damage() {
        return damage;
    }

    public int rowCount() {
        return n;
    }

    public long address(int row) {
        return address[row];
    }

    public int file(int row) {
        return file[row];
    }

    public int line(int row) {
        return line[row];
    }

    public int column(int row) {
        return column[row];
    }

    public int discriminator(int row) {
        return discriminator[row];
    }

    public boolean isStmt(int row) {
        return (flags[row] & STMT) != 0;
    }

    public boolean endSequence(int row) {
        return (flags[row] & END_SEQUENCE) != 0;
    }

    /** Whether a non-zero discriminator was set since the line register last changed (gdb's reading, PR 17276). */
    public boolean lineDiscriminated(int row) {
        return (flags[row] & LINE_DISCRIMINATED) != 0;
    }

    public boolean prologueEnd(int row) {
        return (flags[row] & PROLOGUE_END) != 0;
    }

    /** Number of file entries (DWARF 5: index 0 is the primary file; DWARF 2-4: 0 stands for the unit's name). */
    public int fileCount() {
        return fileNames.size();
    }

    /**
     * The path of file register value {@code f} as addr2line prints it: the name joined to its
     * directory, and a relative directory joined to the compilation directory. Null for a bad index.
     */
    public String path(int f) {
        if (f < 0 || f >= fileNames.size()) {
            return null;
        }
        String[] cache = paths;
        if (cache == null || cache.length != fileNames.size()) {
            cache = paths = new String[fileNames.size()];
        }
        String p = cache[f];
        if (p == null) {
            p = cache[f] = resolve(f);
        }
        return p;
    }

    private String resolve(int f) {
        String name = fileNames.get(f);
        if (name.startsWith("/")) {
            return name;
        }
        int d = fileDirs.get(f);
        String dir = d >= 0 && d < dirs.size() ? dirs.get(d) : null;
        if (dir != null && !dir.startsWith("/") && !dirs.isEmpty() && d != 0) {
            dir = join(dirs.get(0), dir);
        }
        return join(dir, name);
    }

    /** The file entry's name as written in the table (without its directory). */
    public String name(int f) {
        return f < 0 || f >= fileNames.size() ? null : fileNames.get(f);
    }
}
