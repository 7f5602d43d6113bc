package io.el2studio.sim.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 64-byte header of an arm64 Linux kernel Image (Documentation/arm64/booting.rst, "Call the
 * kernel image"): code0/code1, text_offset, image_size, flags, and the magic "ARM\x64" at 0x38.
 * The kernel is loaded at a 2 MiB aligned base plus text_offset; image_size (with .bss) is what
 * it occupies there.
 */
public record LinuxImage(long textOffset, long imageSize, long flags, int fileSize) {
    public static final int HEADER_SIZE = 64;
    /** "ARM\x64", little-endian at offset 0x38. */
    public static final int MAGIC = 0x644D_5241;
    /** text_offset assumed for kernels older than 3.17, whose image_size is 0 (booting.rst). */
    public static final long LEGACY_TEXT_OFFSET = 0x80000;

    public static boolean hasMagic(byte[] d) {
        return d.length >= HEADER_SIZE && ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getInt(0x38) == MAGIC;
    }

    public static LinuxImage parse(String name, byte[] d) throws ImageException {
        if (!hasMagic(d)) {
            throw new ImageException(name, "not an arm64 Linux Image (no \"ARM\\x64\" magic at 0x38)");
        }
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        long textOffset = b.getLong(8), imageSize = b.getLong(16), flags = b.getLong(24);
        if (imageSize == 0) {
            textOffset = LEGACY_TEXT_OFFSET;
        }
        if ((flags & 1) != 0) {
            throw new ImageException(name, "big-endian kernel Image (flags bit 0): only little-endian is supported");
        }
        if (textOffset < 0 || textOffset >= (1L << 30) || imageSize < 0 || imageSize >= (1L << 31)) {
            throw new ImageException(name, String.format("corrupt Image header (text_offset 0x%x, image_size 0x%x)",
                    textOffset, imageSize));
        }
        return new LinuxImage(textOffset, imageSize, flags, d.length);
    }

    /** Bytes the kernel occupies from its load address: image_size, at least the file. */
    public long footprint() {
        return Math.max(imageSize, fileSize);
    }

    /** Kernel page size from flags bits [2:1]: 0 = unspecified, else 4K, 16K or 64K. */
    public int pageSize() {
        return switch ((int) (flags >>> 1) & 3) {
            case 1 -> 4096;
            case 2 -> 16384;
            case 3 -> 65536;
            default -> 0;
        };
    }

    /** flags bit 3: the kernel may be placed anywhere in RAM (else as close as possible to its base). */
    public boolean anywhere() {
        return (flags & 8) != 0;
    }
}
