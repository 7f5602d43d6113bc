package io.el2studio.sim.board;

import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.loader.ImageLoader;
import io.el2studio.sim.loader.LinuxImage;
import io.el2studio.sim.mem.PhysBus;

/**
 * Loads a kernel, an initrd and a device tree into the virt board's RAM as QEMU's {@code -kernel},
 * {@code -initrd} and {@code -dtb} do (hw/arm/boot.c), and starts PE 0:
 * <ul>
 * <li>an ELF file by its PT_LOAD segments at their physical addresses, entry at e_entry;</li>
 * <li>an arm64 Linux Image at RAM base + text_offset (RAM base is 2 MiB aligned), entry at its start;</li>
 * <li>anything else as a raw binary at a given address (by default the start of RAM).</li>
 * </ul>
 * The initrd goes at the first page boundary at or above max(RAM base + min(RAM/2, 128 MiB), end
 * of the kernel), and the DTB at the next 2 MiB boundary after the initrd, as QEMU places them. For
 * an ELF image the DTB goes at the start of RAM when it fits below the image (QEMU's rule for
 * images that leave room). PE 0 starts with X0 = the DTB's address, X1..X3 = 0, MMU off, at the
 * boot EL. A user DTB replaces the generated one; /chosen gets bootargs and the initrd location,
 * as QEMU does. Images outside RAM and overlapping images are rejected with one-line messages.
 */
public final class BootLoader {
    private BootLoader() {
    }

    static final long MiB = 1L << 20;
    /** Largest DTB QEMU accepts and the alignment it places an arm64 DTB at. */
    static final long DTB_ALIGN = 2 * MiB;

    public enum Kind { ELF, LINUX_IMAGE, RAW }

    public record Boot(Kind kind, long entry, long kernelLow, long kernelHigh, long initrdStart, long initrdEnd,
            long dtbAddress, int dtbSize) {
    }

    /** What to load: the kernel is required; initrd and dtb may be null. */
    public record Images(String kernelName, byte[] kernel, String initrdName, byte[] initrd, String dtbName,
            byte[] dtb, String bootargs, long rawAddress) {
    }

    public static Boot load(VirtBoard board, Images im) throws ImageException {
        PhysBus bus = board.bus;
        long ramBase = bus.ram.base, ramEnd = ramBase + bus.ram.size();
        byte[] k = im.kernel();
        if (k.length == 0) {
            throw new ImageException(im.kernelName(), "empty file");
        }
        Kind kind;
        long entry, low, high;
        if (ElfImage.hasElfMagic(k)) {
            kind = Kind.ELF;
            ElfImage elf = ElfImage.parse(im.kernelName(), k);
            checkSegments(elf);
            ImageLoader.Loaded l = ImageLoader.loadElf(elf, bus);
            entry = l.entry();
            low = l.low();
            high = l.high();
        } else if (LinuxImage.hasMagic(k)) {
            kind = Kind.LINUX_IMAGE;
            LinuxImage h = LinuxImage.parse(im.kernelName(), k);
            low = ramBase + h.textOffset();
            high = low + h.footprint();
            inRam(im.kernelName(), "kernel Image", low, high, ramBase, ramEnd);
            bus.load(low, k, 0, k.length);
            entry = low;
        } else {
            kind = Kind.RAW;
            ImageLoader.checkNotDamagedElf(im.kernelName(), k); // its header would run as code
            low = im.rawAddress() != 0 ? im.rawAddress() : ramBase;
            high = low + k.length;
            inRam(im.kernelName(), "raw image", low, high, ramBase, ramEnd);
            bus.load(low, k, 0, k.length);
            entry = low;
        }

        long initrdStart = 0, initrdEnd = 0;
        if (im.initrd() != null) {
            initrdStart = Math.max(ramBase + Math.min(bus.ram.size() / 2, 128 * MiB), high);
            initrdStart = (initrdStart + 0xFFF) & ~0xFFFL;
            initrdEnd = initrdStart + im.initrd().length;
            inRam(im.initrdName(), "initrd", initrdStart, initrdEnd, ramBase, ramEnd);
            overlap(im.initrdName(), "initrd", initrdStart, initrdEnd, im.kernelName(), low, high);
            bus.load(initrdStart, im.initrd(), 0, im.initrd().length);
        }

        DeviceTree tree;
        String dtbName;
        if (im.dtb() != null) {
            dtbName = im.dtbName();
            try {
                tree = DeviceTree.parse(im.dtb());
            } catch (IllegalArgumentException e) {
                throw new ImageException(dtbName, e.getMessage());
            }
        } else {
            dtbName = "generated device tree";
            tree = VirtDtb.build(board.config, im.bootargs());
        }
        VirtDtb.fixupChosen(tree, im.bootargs(), initrdStart, initrdEnd);
        byte[] blob = tree.toBlob(0);
        if (blob.length > DTB_ALIGN) {
            throw new ImageException(dtbName, "device tree larger than 2 MiB");
        }
        long dtb;
        if (kind == Kind.ELF && low - ramBase >= blob.length) {
            dtb = ramBase;
        } else {
            long after = Math.max(high, initrdEnd);
            dtb = (Math.max(after, im.initrd() != null ? initrdEnd : ramBase + Math.min(bus.ram.size() / 2, 128 * MiB))
                    + DTB_ALIGN - 1) & ~(DTB_ALIGN - 1);
            if (dtb + blob.length > ramEnd) {
                dtb = (after + 7) & ~7L; // small RAM: right after the last image, 8-byte aligned
            }
        }
        inRam(dtbName, "device tree", dtb, dtb + blob.length, ramBase, ramEnd);
        overlap(dtbName, "device tree", dtb, dtb + blob.length, im.kernelName(), low, high);
        if (initrdEnd > initrdStart) {
            overlap(dtbName, "device tree", dtb, dtb + blob.length, im.initrdName(), initrdStart, initrdEnd);
        }
        bus.load(dtb, blob, 0, blob.length);
        board.startPe(0, entry, dtb);
        return new Boot(kind, entry, low, high, initrdStart, initrdEnd, dtb, blob.length);
    }

    /** Two PT_LOAD segments that claim the same physical bytes: QEMU's loader refuses such a file too. */
    private static void checkSegments(ElfImage elf) throws ImageException {
        java.util.List<ElfImage.Segment> segs = elf.segments();
        for (int i = 0; i < segs.size(); i++) {
            ElfImage.Segment a = segs.get(i);
            for (int j = i + 1; j < segs.size(); j++) {
                ElfImage.Segment b = segs.get(j);
                if (a.memsz() > 0 && b.memsz() > 0 && a.paddr() < b.paddr() + b.memsz() && b.paddr() < a.paddr() + a.memsz()) {
                    throw new ImageException(elf.file(), String.format("segment %d (0x%x..0x%x) overlaps segment %d (0x%x..0x%x)",
                            a.index(), a.paddr(), a.paddr() + a.memsz(), b.index(), b.paddr(), b.paddr() + b.memsz()));
                }
            }
        }
    }

    private static void inRam(String file, String what, long lo, long hi, long ramBase, long ramEnd) throws ImageException {
        if (lo < ramBase || hi > ramEnd || hi < lo) {
            throw new ImageException(file, String.format("%s at 0x%x..0x%x is outside RAM 0x%x..0x%x (use --memory to enlarge RAM)",
                    what, lo, hi, ramBase, ramEnd));
        }
    }

    private static void overlap(String file, String what, long lo, long hi, String other, long olo, long ohi)
            throws ImageException {
        if (lo < ohi && olo < hi) {
            throw new ImageException(file, String.format("%s at 0x%x..0x%x overlaps '%s' at 0x%x..0x%x", what, lo, hi,
                    other, olo, ohi));
        }
    }
}
