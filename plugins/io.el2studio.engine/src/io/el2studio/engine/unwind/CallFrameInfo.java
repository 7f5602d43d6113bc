package io.el2studio.engine.unwind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import io.el2studio.engine.dwarf.Cursor;
import io.el2studio.engine.dwarf.DwarfException;
import io.el2studio.engine.dwarf.DwarfSections;
import io.el2studio.sim.loader.ElfImage;

/**
 * The call frame information of one ELF file: {@code .debug_frame} (DWARF 5, 6.4: CIE id 0xffffffff,
 * or all ones in the 64-bit format; CIE versions 1, 3 and 4) and {@code .eh_frame} (the LSB's
 * "Exception Frames": CIE id 0, CIE pointers relative to the field, augmentation "z" with 'R', 'P',
 * 'L', 'S', 'B' and the DW_EH_PE_* pointer encodings).
 *
 * <p>The FDE index (every FDE of both sections, sorted by start address) is built once, on the first
 * lookup. Where both sections describe the same start address the {@code .debug_frame} entry is used,
 * as gdb does (dwarf2/frame.c sorts eh_frame FDEs after debug_frame ones and keeps the first).
 * Damaged entries are skipped and listed by {@link #problems}; an entry whose length is damaged ends the
 * scan of its section, since nothing after it can be found.
 *
 * <p>Addresses are runtime addresses: link address + {@code bias}.
 */
public final class CallFrameInfo {
    public static final String DEBUG_FRAME = "debug_frame", EH_FRAME = "eh_frame";

    // DW_EH_PE_* (LSB, "DWARF Exception Header Encoding")
    static final int PE_absptr = 0x00, PE_uleb128 = 0x01, PE_udata2 = 0x02, PE_udata4 = 0x03, PE_udata8 = 0x04,
            PE_sleb128 = 0x09, PE_sdata2 = 0x0a, PE_sdata4 = 0x0b, PE_sdata8 = 0x0c, PE_pcrel = 0x10, PE_textrel = 0x20,
            PE_datarel = 0x30, PE_funcrel = 0x40, PE_aligned = 0x50, PE_indirect = 0x80, PE_omit = 0xff;

    /** A Common Information Entry. {@code insStart..insEnd} are its initial instructions in its section. */
    public record Cie(String section, int offset, int version, String augmentation, long codeAlign, long dataAlign,
            int returnColumn, int fdeEncoding, int lsdaEncoding, boolean signalFrame, boolean bKey, int addressSize,
            int insStart, int insEnd) {
    }

    /** A Frame Description Entry covering {@code [start, end)} (runtime addresses). */
    public record Fde(Cie cie, String section, int offset, long start, long end, int insStart, int insEnd) {
        public boolean contains(long pc) {
            return Long.compareUnsigned(pc, start) >= 0 && Long.compareUnsigned(pc, end) < 0;
        }

        /** "eh_frame+0x48": where the entry is, for messages. */
        public String where() {
            return "." + section + "+0x" + Integer.toHexString(offset);
        }
    }

    private final DwarfSections sections;
    private final long bias;
    private final LongFunction<byte[]> fileBytes;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile Fde[] index;

    /**
     * The CFI of {@code sections}, loaded with {@code bias}; {@code fileBytes} reads 8 bytes of the
     * file's image at a link address (for DW_EH_PE_indirect; may be null).
     */
    public CallFrameInfo(DwarfSections sections, long bias, LongFunction<byte[]> fileBytes) {
        this.sections = sections;
        this.bias = bias;
        this.fileBytes = fileBytes;
    }

    public static CallFrameInfo of(ElfImage elf, long bias) {
        return of(elf, new DwarfSections(elf), bias);
    }

    public static CallFrameInfo of(ElfImage elf, DwarfSections sections, long bias) {
        return new CallFrameInfo(sections, bias, a -> elf.bytesAt(a, 8).orElse(null));
    }

    public long bias() {
        return bias;
    }

    /** What is damaged and where (one line each); empty when everything read. */
    public List<String> problems() {
        index();
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Every FDE of both sections, by start address. */
    public List<Fde> fdes() {
        return List.of(index());
    }

    /** The FDE covering {@code runtimePc} (debug_frame before eh_frame), empty when none does. */
    public Optional<Fde> fdeFor(long runtimePc) {
        Fde[] idx = index();
        int lo = 0, hi = idx.length - 1, found = -1;
        while (lo <= hi) { // the last FDE starting at or below pc
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(idx[mid].start, runtimePc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // FDEs may nest or overlap in damaged or hand-written CFI: look back a few for one that contains pc
        for (int i = found; i >= 0 && i > found - 8; i--) {
            if (idx[i].contains(runtimePc)) {
                return Optional.of(idx[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * The rules in effect at {@code runtimePc}, null when no FDE covers it. A damaged CFA program is a
     * {@link DwarfException} naming the entry and the offset.
     */
    public CfiRules rulesAt(long runtimePc) {
        Optional<Fde> f = fdeFor(runtimePc);
        if (f.isEmpty()) {
            return null;
        }
        Fde fde = f.get();
        return CfiProgram.run(this, fde, runtimePc);
    }

    byte[] data(String section) {
        return sections.get(section);
    }

    /** The value of {@code encoding} at the cursor ({@code .eh_frame} pointers; DW_EH_PE_absptr in .debug_frame). */
    long readEncoded(Cursor c, int encoding, String section, int addressSize) {
        if (encoding == PE_omit) {
            return 0;
        }
        long base = switch (encoding & 0x70) {
            case PE_absptr -> 0;
            case PE_pcrel -> sections.address(section) + c.pos();
            case PE_aligned -> {
                int pad = (addressSize - c.pos() % addressSize) % addressSize;
                c.skip(pad);
                yield 0;
            }
            default -> throw c.fail(String.format("pointer encoding 0x%02x (textrel, datarel, funcrel) is not supported here", encoding));
        };
        long value = switch (encoding & 0x0f) {
            case PE_absptr -> c.unsigned(addressSize);
            case PE_uleb128 -> c.uleb();
            case PE_udata2 -> c.u16();
            case PE_udata4 -> c.u32();
            case PE_udata8 -> c.u64();
            case PE_sleb128 -> c.sleb();
            case PE_sdata2 -> (short) c.u16();
            case PE_sdata4 -> c.s32();
            case PE_sdata8 -> c.u64();
            default -> throw c.fail(String.format("unknown pointer encoding 0x%02x", encoding));
        };
        long v = base + value;
        if ((encoding & PE_indirect) != 0) {
            byte[] b = fileBytes == null ? null : fileBytes.apply(v);
            if (b == null || b.length < 8) {
                throw c.fail(String.format("indirect pointer at 0x%x is not in the file's image", v));
            }
            v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[i] & 0xff);
            }
        }
        return v;
    }

    private Fde[] index() {
        Fde[] idx = index;
        if (idx == null) {
            synchronized (this) {
                idx = index;
                if (idx == null) {
                    List<Fde> all = new ArrayList<>();
                    scan(DEBUG_FRAME, all);
                    scan(EH_FRAME, all);
                    // stable sort: debug_frame entries were added first, so they stay first at equal starts
                    all.sort(Comparator.comparing(Fde::start, Long::compareUnsigned));
                    List<Fde> kept = new ArrayList<>();
                    for (Fde f : all) {
                        if (!kept.isEmpty() && kept.get(kept.size() - 1).start == f.start) {
                            continue; // gdb keeps the first of equal starts
                        }
                        if (f.start == bias && f.end == f.start) {
                            continue; // an empty FDE at address 0: a leftover of --gc-sections
                        }
                        kept.add(f);
                    }
                    idx = kept.toArray(new Fde[0]);
                    index = idx;
                }
            }
        }
        return idx;
    }

    private void scan(String section, List<Fde> out) {
        byte[] d = sections.get(section);
        if (d == null) {
            return;
        }
        boolean eh = section.equals(EH_FRAME);
        Map<Integer, Cie> cies = new HashMap<>();
        int pos = 0;
        while (pos < d.length) {
            int start = pos;
            long length;
            int[] offsetSize = new int[1];
            Cursor c;
            try {
                c = new Cursor("." + section, d, pos);
                length = c.initialLength(offsetSize);
            } catch (DwarfException e) {
                problems.add(e.getMessage());
                return;
            }
            if (length == 0) {
                if (eh) {
                    return; // the terminator (LSB: a zero length ends .eh_frame)
                }
                pos = c.pos();
                continue;
            }
            long end = c.pos() + length;
            if (end > d.length) {
                problems.add(String.format(".%s+0x%x: entry length 0x%x runs past the end of the section (%d bytes)", section,
                        start, length, d.length));
                return;
            }
            pos = (int) end;
            try {
                c.limit(end);
                int idField = c.pos();
                long id = c.offset(offsetSize[0]);
                boolean isCie = eh ? id == 0 : id == (offsetSize[0] == 8 ? -1L : 0xffff_ffffL);
                if (isCie) {
                    continue; // parsed when an FDE refers to it
                }
                long cieOffset = eh ? idField - id : id;
                if (cieOffset < 0 || cieOffset >= d.length) {
                    throw c.fail(String.format("CIE pointer 0x%x is outside the section", id));
                }
                Cie cie = cies.get((int) cieOffset);
                if (cie == null) {
                    cie = parseCie(section, d, (int) cieOffset);
                    cies.put((int) cieOffset, cie);
                }
                long pcBegin, pcRange;
                if (eh) {
                    pcBegin = readEncoded(c, cie.fdeEncoding, section, cie.addressSize);
                    pcRange = readEncoded(c, cie.fdeEncoding & 0x0f, section, cie.addressSize);
                } else {
                    pcBegin = c.unsigned(cie.addressSize);
                    pcRange = c.unsigned(cie.addressSize);
                }
                if (cie.augmentation.startsWith("z")) {
                    long augLen = c.uleb();
                    c.skip(augLen); // the LSDA pointer: not needed to unwind
                }
                out.add(new Fde(cie, section, start, pcBegin + bias, pcBegin + bias + pcRange, c.pos(), (int) end));
            } catch (DwarfException e) {
                problems.add(String.format(".%s+0x%x: FDE skipped: %s", section, start, e.getMessage()));
            }
        }
    }

    private Cie parseCie(String section, byte[] d, int offset) {
        boolean eh = section.equals(EH_FRAME);
        Cursor c = new Cursor("." + section, d, offset);
        int[] offsetSize = new int[1];
        long length = c.initialLength(offsetSize);
        c.limit(c.pos() + length);
        long id = c.offset(offsetSize[0]);
        if (eh ? id != 0 : id != (offsetSize[0] == 8 ? -1L : 0xffff_ffffL)) {
            throw c.fail("the FDE's CIE pointer does not point at a CIE");
        }
        int version = c.u8();
        if (version != 1 && version != 3 && version != 4) {
            throw c.fail("unsupported CIE version " + version);
        }
        String aug = c.cstring();
        int addressSize = 8;
        if (aug.contains("eh")) {
            c.skip(8); // gcc 2.x "eh" augmentation: the address of an exception table
        }
        if (version == 4) {
            addressSize = c.u8();
            int segmentSize = c.u8();
            if (segmentSize != 0) {
                throw c.fail("segment selectors in CIEs are not supported");
            }
            if (addressSize != 4 && addressSize != 8) {
                throw c.fail("CIE address size " + addressSize);
            }
        }
        long codeAlign = c.uleb();
        long dataAlign = c.sleb();
        int ra = version == 1 ? c.u8() : c.ulebInt();
        int fdeEnc = PE_absptr, lsdaEnc = PE_omit;
        boolean signal = false, bKey = false;
        // As gdb (dwarf2/frame.c decode_frame_entry_1): the letters are read with or without a 'z'
        // ('S' in .debug_frame comes without one); at an unknown letter the rest is skipped by the
        // length 'z' gives, and without a 'z' nothing more can be read.
        boolean z = aug.startsWith("z");
        int augEnd = -1;
        if (z) {
            long augLen = c.uleb();
            augEnd = (int) Math.min(c.pos() + augLen, c.end());
        }
        for (int i = z ? 1 : 0; i < aug.length(); i++) {
            char ch = aug.charAt(i);
            if (aug.startsWith("eh", i)) {
                i++;
                continue;
            }
            switch (ch) {
                case 'R' -> fdeEnc = c.u8();
                case 'L' -> lsdaEnc = c.u8();
                case 'P' -> {
                    int penc = c.u8();
                    readEncoded(c, penc & 0x7f, section, addressSize); // the personality routine: not needed
                }
                case 'S' -> signal = true;
                case 'B' -> bKey = true; // AArch64: return addresses signed with the B key
                case 'G' -> { } // AArch64 MTE tagged stack frames: nothing to do for unwinding
                default -> {
                    if (!z) {
                        throw c.fail("unknown CIE augmentation \"" + aug + "\"");
                    }
                    i = aug.length();
                }
            }
        }
        if (z) {
            c.seek(augEnd);
        }
        return new Cie(section, offset, version, aug, codeAlign, dataAlign, ra, fdeEnc, lsdaEnc, signal, bKey, addressSize,
                c.pos(), c.end());
    }

    @Override
    public String toString() {
        return "CallFrameInfo[" + index().length + " FDEs" + (problems.isEmpty() ? "" : ", problems " + problems) + "]";
    }

    /** For tests: the raw bytes of an FDE's instructions. */
    byte[] instructions(Fde f) {
        return Arrays.copyOfRange(data(f.section), f.insStart, f.insEnd);
    }
}
