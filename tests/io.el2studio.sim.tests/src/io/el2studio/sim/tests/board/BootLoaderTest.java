package io.el2studio.sim.tests.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.DeviceTree;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.loader.LinuxImage;

/**
 * Loading as QEMU's -kernel/-initrd/-dtb (hw/arm/boot.c) on a 128 MiB virt board: the arm64 Image
 * header of Documentation/arm64/booting.rst, where the initrd and the DTB go, the boot registers,
 * and one-line rejections of images that do not fit or overlap.
 */
class BootLoaderTest {
    static final long RAM = 0x4000_0000L, MiB = 1L << 20;

    /** An arm64 Image: the 64-byte header (text_offset, image_size, flags, "ARM\x64") and {@code body} words after it. */
    static byte[] image(long textOffset, long imageSize, long flags, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x14000010); // code0: b #0x40 (past the header)
        b.putLong(8, textOffset).putLong(16, imageSize).putLong(24, flags).putInt(0x38, LinuxImage.MAGIC);
        return b.array();
    }

    static BootLoader.Boot load(BoardFixture f, byte[] kernel, byte[] initrd, byte[] dtb, String append) throws ImageException {
        return BootLoader.load(f.board, new BootLoader.Images("kernel", kernel, "initrd", initrd, "user.dtb", dtb, append, 0));
    }

    @Test
    void linuxImageGoesToRamBasePlusTextOffsetWithTheDtbAddressInX0() throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        BootLoader.Boot b = load(f, image(0, 0x20_0000, 0b010, 4096), null, null, "console=ttyAMA0");
        assertEquals(BootLoader.Kind.LINUX_IMAGE, b.kind());
        assertEquals(RAM, b.entry());
        assertEquals(RAM + 0x20_0000, b.kernelHigh(), "image_size, with the kernel's .bss, not the file size");
        Cpu c = f.board.cpu(0);
        assertEquals(RAM, c.pc);
        assertEquals(b.dtbAddress(), c.x[0]);
        assertEquals(0, c.x[1] | c.x[2] | c.x[3]);
        assertEquals(2, c.el);
        assertEquals(0, c.sctlr[2] & 1, "MMU off");
        assertEquals(0x3C0, c.daif);
        // No initrd: the DTB goes where QEMU puts it, 2 MiB aligned after RAM base + min(RAM / 2, 128 MiB).
        assertEquals(RAM + 64 * MiB, b.dtbAddress());
        byte[] blob = Arrays.copyOfRange(f.board.bus.ram.bytes, (int) (b.dtbAddress() - RAM), (int) (b.dtbAddress() - RAM) + b.dtbSize());
        DeviceTree t = DeviceTree.parse(blob);
        assertEquals("console=ttyAMA0\0", new String(t.node("/chosen").prop("bootargs")));
    }

    @Test
    void imageWithoutImageSizeUsesTheLegacyTextOffset() throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        BootLoader.Boot b = load(f, image(0x1234, 0, 0, 4096), null, null, null);
        assertEquals(RAM + 0x80000, b.entry(), "image_size 0: a kernel before 3.17, text_offset 0x80000");
    }

    @Test
    void initrdFollowsQemusRuleAndIsNamedInChosen() throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        byte[] initrd = new byte[3 * 4096 + 5];
        initrd[0] = 0x42;
        BootLoader.Boot b = load(f, image(0, 0x10_0000, 0, 4096), initrd, null, null);
        assertEquals(RAM + 64 * MiB, b.initrdStart(), "max(RAM base + min(RAM / 2, 128 MiB), kernel end), page aligned");
        assertEquals(b.initrdStart() + initrd.length, b.initrdEnd());
        assertEquals(0x42, f.board.bus.ram.bytes[(int) (b.initrdStart() - RAM)]);
        assertEquals(RAM + 66 * MiB, b.dtbAddress(), "next 2 MiB boundary after the initrd");
        byte[] blob = Arrays.copyOfRange(f.board.bus.ram.bytes, (int) (b.dtbAddress() - RAM), (int) (b.dtbAddress() - RAM) + b.dtbSize());
        DeviceTree.Node chosen = DeviceTree.parse(blob).node("/chosen");
        assertEquals(b.initrdStart(), ByteBuffer.wrap(chosen.prop("linux,initrd-start")).getLong());
        assertEquals(b.initrdEnd(), ByteBuffer.wrap(chosen.prop("linux,initrd-end")).getLong());
    }

    @Test
    void userDtbReplacesTheGeneratedOneAndGetsBootargs() throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        DeviceTree user = new DeviceTree();
        user.root.string("model", "user board");
        BootLoader.Boot b = load(f, image(0, 0x10_0000, 0, 4096), null, user.toBlob(0), "quiet");
        byte[] blob = Arrays.copyOfRange(f.board.bus.ram.bytes, (int) (b.dtbAddress() - RAM), (int) (b.dtbAddress() - RAM) + b.dtbSize());
        DeviceTree t = DeviceTree.parse(blob);
        assertArrayEquals("user board\0".getBytes(), t.root.prop("model"));
        assertEquals("quiet\0", new String(t.node("/chosen").prop("bootargs")));
        assertEquals(null, t.node("/psci"), "nothing of the generated tree is added");
    }

    @Test
    void corruptUserDtbIsRejectedWithOneLine() {
        BoardFixture f = new BoardFixture(1, 2);
        ImageException e = assertThrows(ImageException.class, () -> load(f, image(0, 0x10_0000, 0, 4096), null, new byte[64], null));
        assertEquals("'user.dtb': not a device tree blob (bad magic)", e.getMessage());
    }

    @Test
    void kernelLargerThanRamIsRejectedWithOneLine() {
        BoardFixture f = new BoardFixture(1, 2);
        ImageException e = assertThrows(ImageException.class, () -> load(f, image(0, 200 * MiB, 0, 4096), null, null, null));
        assertTrue(e.getMessage().startsWith("'kernel': kernel Image at 0x40000000..0x4c800000 is outside RAM 0x40000000..0x48000000"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void initrdThatDoesNotFitIsRejected() {
        BoardFixture f = new BoardFixture(1, 2);
        ImageException e = assertThrows(ImageException.class, () -> load(f, image(0, MiB, 0, 4096), new byte[(int) (65 * MiB)], null, null));
        assertTrue(e.getMessage().startsWith("'initrd': initrd at 0x44000000..0x48100000 is outside RAM"), e.getMessage());
    }

    @Test
    void elfWithOverlappingSegmentsIsRejected() throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        ImageException e = assertThrows(ImageException.class, () -> load(f, Elf.twoSegments(RAM, 0x2000, RAM + 0x1000, 0x2000), null, null, null));
        assertEquals("'kernel': segment 0 (0x40000000..0x40002000) overlaps segment 1 (0x40001000..0x40003000)", e.getMessage());
    }

    @Test
    void elfLeavesTheDtbAtTheStartOfRamWhenItFitsBelow() throws Exception {
        BoardFixture f = new BoardFixture(1, 2);
        BootLoader.Boot b = load(f, Elf.twoSegments(RAM + MiB, 0x1000, RAM + 2 * MiB, 0x1000), null, null, null);
        assertEquals(BootLoader.Kind.ELF, b.kind());
        assertEquals(RAM, b.dtbAddress());
        assertEquals(RAM + MiB, f.board.cpu(0).pc);
    }

    /** Minimal ELF64 AArch64 executables with two PT_LOAD segments. */
    static final class Elf {
        static byte[] twoSegments(long pa0, long size0, long pa1, long size1) {
            int phoff = 64, data = 64 + 2 * 56;
            ByteBuffer b = ByteBuffer.allocate(data + (int) (size0 + size1)).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
            b.position(16);
            b.putShort((short) 2).putShort((short) 183).putInt(1).putLong(pa0).putLong(phoff).putLong(0).putInt(0)
                    .putShort((short) 64).putShort((short) 56).putShort((short) 2).putShort((short) 64).putShort((short) 0)
                    .putShort((short) 0);
            long off = data;
            long[][] segs = {{pa0, size0}, {pa1, size1}};
            for (long[] s : segs) {
                b.putInt(1).putInt(5).putLong(off).putLong(s[0]).putLong(s[0]).putLong(s[1]).putLong(s[1]).putLong(0x1000);
                off += s[1];
            }
            return b.array();
        }
    }
}
