package io.el2studio.engine.dwarf;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian read position in one debug section (DWARF 5, 7.1-7.6: LEB128, the 32- and 64-bit
 * formats, addresses of the unit's size). Every read is bounds-checked against the section, or
 * against a sub-range set by {@link #limit}, and throws {@link DwarfException} naming the section
 * and offset; corrupt input therefore never escapes as an index error.
 */
public final class Cursor {
    private final String section;
    private final byte[] data;
    private int pos;
    private int end;

    public Cursor(String section, byte[] data, int offset) {
        this(section, data, offset, data.length);
    }

    public Cursor(String section, byte[] data, int offset, int end) {
        this.section = section;
        this.data = data;
        this.end = Math.min(end, data.length);
        if (offset < 0 || offset > this.end) {
            throw new DwarfException(section + ": offset 0x" + Integer.toHexString(offset) + " is outside the section ("
                    + data.length + " bytes)");
        }
        this.pos = offset;
    }

    public String section() {
        return section;
    }

    public byte[] data() {
        return data;
    }

    public int pos() {
        return pos;
    }

    public int end() {
        return end;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public int remaining() {
        return end - pos;
    }

    public void seek(long offset) {
        if (offset < 0 || offset > end) {
            throw fail("offset 0x" + Long.toHexString(offset) + " is outside the range (end 0x" + Integer.toHexString(end) + ")");
        }
        pos = (int) offset;
    }

    public void skip(long n) {
        seek(pos + n);
    }

    /** Narrows the readable range to {@code [pos, newEnd)}; newEnd past the current end is an error. */
    public void limit(long newEnd) {
        if (newEnd < pos || newEnd > end) {
            throw fail("length 0x" + Long.toHexString(newEnd - pos) + " runs past the end (0x" + Integer.toHexString(end - pos)
                    + " bytes left)");
        }
        end = (int) newEnd;
    }

    public DwarfException fail(String what) {
        return new DwarfException(section + "+0x" + Integer.toHexString(pos) + ": " + what);
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw fail("truncated (need " + n + " bytes, " + (end - pos) + " left)");
        }
    }

    public int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    public int s8() {
        need(1);
        return data[pos++];
    }

    public int u16() {
        need(2);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public long u24() {
        need(3);
        long v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16;
        pos += 3;
        return v;
    }

    public long u32() {
        need(4);
        long v = (data[pos] & 0xffL) | (data[pos + 1] & 0xffL) << 8 | (data[pos + 2] & 0xffL) << 16
                | (data[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    public int s32() {
        return (int) u32();
    }

    public long u64() {
        long lo = u32();
        long hi = u32();
        return lo | hi << 32;
    }

    /** An unsigned value of {@code size} bytes (1, 2, 3, 4 or 8). */
    public long unsigned(int size) {
        return switch (size) {
            case 1 -> u8();
            case 2 -> u16();
            case 3 -> u24();
            case 4 -> u32();
            case 8 -> u64();
            default -> throw fail("unsupported value size " + size);
        };
    }

    /** A signed value of {@code size} bytes (1, 2, 4 or 8). */
    public long signed(int size) {
        return switch (size) {
            case 1 -> (byte) u8();
            case 2 -> (short) u16();
            case 4 -> (int) u32();
            case 8 -> u64();
            default -> throw fail("unsupported value size " + size);
        };
    }

    public long uleb() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    public long sleb() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** A uleb that must fit an int (counts, lengths, indices). */
    public int ulebInt() {
        long v = uleb();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw fail("value 0x" + Long.toHexString(v) + " is too large");
        }
        return (int) v;
    }

    /** A NUL-terminated UTF-8 string. */
    public String cstring() {
        int start = pos;
        while (true) {
            need(1);
            if (data[pos++] == 0) {
                return new String(data, start, pos - 1 - start, StandardCharsets.UTF_8);
            }
        }
    }

    public byte[] bytes(long n) {
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw fail("block length 0x" + Long.toHexString(n) + " is too large");
        }
        need((int) n);
        byte[] out = new byte[(int) n];
        System.arraycopy(data, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** An initial length (DWARF 5, 7.4): returns the length and sets {@code offsetSize[0]} to 4 or 8. */
    public long initialLength(int[] offsetSize) {
        long len = u32();
        if (len == 0xffff_ffffL) {
            offsetSize[0] = 8;
            return u64();
        }
        if (len >= 0xffff_fff0L) {
            throw fail("reserved initial length 0x" + Long.toHexString(len));
        }
        offsetSize[0] = 4;
        return len;
    }

    /** A section offset in the unit's format (4 or 8 bytes). */
    public long offset(int offsetSize) {
        return offsetSize == 8 ? u64() : u32();
    }

    /** A string at {@code offset} of this cursor's section. */
    public static String stringAt(String section, byte[] data, long offset) {
        if (data == null) {
            throw new DwarfException(section + " is missing, but a string refers to it");
        }
        if (offset < 0 || offset >= data.length) {
            throw new DwarfException(section + ": string offset 0x" + Long.toHexString(offset) + " is outside the section ("
                    + data.length + " bytes)");
        }
        return new Cursor(section, data, (int) offset).cstring();
    }
}
