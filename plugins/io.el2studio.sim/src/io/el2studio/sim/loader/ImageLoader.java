package io.el2studio.sim.loader;

import java.nio.file.Path;

import io.el2studio.sim.mem.PhysBus;

/**
 * Puts an image into guest RAM: an ELF64 AArch64 file by its PT_LOAD segments at their physical
 * addresses (as QEMU's {@code -kernel} does for ELF; .bss beyond p_filesz is zeroed), anything else
 * as a raw binary at the start of RAM.
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
        return loadRaw(path.toString(), data, bus.ram.base, bus);
    }

    public static Loaded loadRaw(String name, byte[] data, long base, PhysBus bus) throws ImageException {
        if (!bus.ram.contains(base, data.length)) {
            throw new ImageException(name, String.format("raw image of 0x%x bytes does not fit in RAM 0x%x..0x%x",
                    data.length, bus.ram.base, bus.ram.base + bus.ram.size()));
        }
        bus.load(base, data, 0, data.length);
        return new Loaded(base, base, base + data.length, null);
    }

    public static Loaded loadElf(ElfImage elf, PhysBus bus) throws ImageException {
        if (elf.segments().isEmpty()) {
            throw new ImageException(elf.file(), "no PT_LOAD segment to load");
        }
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
