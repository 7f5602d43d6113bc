package io.el2studio.sim.loader;

import java.nio.file.Path;

import io.el2studio.sim.mem.PhysBus;

/**
 * Puts an image into guest RAM: an ELF64 AArch64 file by its PT_LOAD segments at their physical
 * addresses (as QEMU's {@code -kernel} does for ELF; .bss beyond p_filesz is zeroed), anything else
 * as a raw binary at the start of RAM. A file that is an ELF header but for a damaged magic is
 * rejected rather than run as a raw binary (see {@link #checkNotDamagedElf}), and so are PT_LOAD
 * segments outside RAM or overlapping one another.
 */
public final class ImageLoader {
    private ImageLoader() {
    }

    /** Where an image went: its entry point and the highest byte it occupies (for SYS_HEAPINFO). */
    public record Loaded(long entry, long low, long high, ElfImage elf) {
    }

    public static Loaded load(Path path, PhysBus bus) throws ImageException {
        byte[] data = ElfImage.readFile(path);
        if (data.length == 0) {
            throw new ImageException(path.toString(), "empty file");
        }
        if (ElfImage.hasElfMagic(data)) {
            return loadElf(ElfImage.parse(path.toString(), data), bus);
        }
        checkNotDamagedElf(path.toString(), data);
        return loadRaw(path.toString(), data, bus.ram.base, bus);
    }

    public static Loaded loadRaw(String name, byte[] data, long base, PhysBus bus) throws ImageException {
        if (!bus.ram.contains(base, data.length)) {
            throw new ImageException(name, String.format("raw image at 0x%x..0x%x is outside RAM 0x%x..0x%x (use --memory to enlarge RAM)",
                    base, base + data.length, bus.ram.base, bus.ram.base + bus.ram.size()));
        }
        bus.load(base, data, 0, data.length);
        return new Loaded(base, base, base + data.length, null);
    }

    /**
     * Rejects a file that is an ELF64 header except for one damaged byte of the magic \x7fELF (e_ident
     * EI_CLASS, EI_DATA and EI_VERSION valid): loaded as a raw binary it would run its own header as
     * code. No raw AArch64 program starts so: 0x464c457f and its one-byte variants are not an entry
     * sequence any toolchain emits.
     */
    public static void checkNotDamagedElf(String name, byte[] d) throws ImageException {
        if (d.length < 64 || ElfImage.hasElfMagic(d)) {
            return;
        }
        byte[] magic = {0x7F, 'E', 'L', 'F'};
        int same = 0;
        for (int i = 0; i < 4; i++) {
            same += d[i] == magic[i] ? 1 : 0;
        }
        if (same == 3 && (d[4] == 1 || d[4] == 2) && (d[5] == 1 || d[5] == 2) && d[6] == 1) {
            throw new ImageException(name, String.format(
                    "corrupt ELF file: magic %02x %02x %02x %02x, expected 7f 45 4c 46 (\\x7fELF), in an otherwise valid ELF header",
                    d[0], d[1], d[2], d[3]));
        }
    }

    /** Two PT_LOAD segments that claim the same physical bytes: QEMU's loader refuses such a file too. */
    static void checkOverlaps(ElfImage elf) throws ImageException {
        java.util.List<ElfImage.Segment> segs = elf.segments();
        for (int i = 0; i < segs.size(); i++) {
            ElfImage.Segment a = segs.get(i);
            for (int j = i + 1; j < segs.size(); j++) {
                ElfImage.Segment b = segs.get(j);
                if (a.memsz() > 0 && b.memsz() > 0 && Long.compareUnsigned(a.paddr(), b.paddr() + b.memsz()) < 0
                        && Long.compareUnsigned(b.paddr(), a.paddr() + a.memsz()) < 0) {
                    throw new ImageException(elf.file(), String.format("segment %d (0x%x..0x%x) overlaps segment %d (0x%x..0x%x)",
                            b.index(), b.paddr(), b.paddr() + b.memsz(), a.index(), a.paddr(), a.paddr() + a.memsz()));
                }
            }
        }
    }

    public static Loaded loadElf(ElfImage elf, PhysBus bus) throws ImageException {
        if (elf.segments().isEmpty()) {
            throw new ImageException(elf.file(), "no PT_LOAD segment to load");
        }
        for (ElfImage.Segment s : elf.segments()) {
            if (s.memsz() != 0 && (s.memsz() > Integer.MAX_VALUE || !bus.ram.contains(s.paddr(), (int) s.memsz()))) {
                throw new ImageException(elf.file(), String.format(
                        "segment %d (0x%x..0x%x) is outside RAM 0x%x..0x%x (use --memory to enlarge RAM)",
                        s.index(), s.paddr(), s.paddr() + s.memsz(), bus.ram.base, bus.ram.base + bus.ram.size()));
            }
        }
        checkOverlaps(elf); // before anything is written: a rejected image leaves RAM as it was
        long low = Long.MAX_VALUE, high = 0;
        for (ElfImage.Segment s : elf.segments()) {
            if (s.memsz() == 0) {
                continue;
            }
            if (s.memsz() > Integer.MAX_VALUE || !bus.ram.contains(s.paddr(), (int) s.memsz())) {
                throw new ImageException(elf.file(), String.format(
                        "segment %d (0x%x..0x%x) is outside RAM 0x%x..0x%x (use --memory to enlarge RAM)",
                        s.index(), s.paddr(), s.paddr() + s.memsz(), bus.ram.base, bus.ram.base + bus.ram.size()));
            }
            bus.load(s.paddr(), elf.bytes(), (int) s.offset(), (int) s.filesz());
            if (s.memsz() > s.filesz()) {
                bus.load(s.paddr() + s.filesz(), new byte[(int) (s.memsz() - s.filesz())], 0, (int) (s.memsz() - s.filesz()));
            }
            low = Math.min(low, s.paddr());
            high = Math.max(high, s.paddr() + s.memsz());
        }
        return new Loaded(elf.entry(), low, high, elf);
    }
}
