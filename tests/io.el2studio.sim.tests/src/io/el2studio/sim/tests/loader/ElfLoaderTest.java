package io.el2studio.sim.tests.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.el2studio.sim.loader.ElfImage;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.loader.ImageLoader;
import io.el2studio.sim.mem.PhysBus;
import io.el2studio.sim.mem.Ram;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * The ELF loader agrees with binutils (readelf, nm) on a guest built by the cross compiler, loads
 * its segments where they belong, and rejects bad files with one line naming the file and the problem.
 */
class ElfLoaderTest {
    @TempDir
    Path tmp;

    private static Path hello() throws IOException {
        GuestBuild.assumeTool(GuestBuild.GCC);
        return GuestBuild.build("hello-O2", List.of("diff/crt0.S", "diff/lib.c", "diff/hello.c"),
                List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    @Test
    void symbolsAndEntryAgreeWithNm() throws Exception {
        Path elf = hello();
        ElfImage image = ElfImage.read(elf);
        GuestBuild.Output nm = GuestBuild.run(List.of("aarch64-linux-gnu-nm", elf.toString()), 30);
        assertEquals(0, nm.status(), nm.err());
        int checked = 0;
        for (String line : nm.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || f[2].startsWith("$")) {
                continue;
            }
            long value = Long.parseUnsignedLong(f[0], 16);
            assertEquals(value, image.symbol(f[2]).orElseThrow().value(), f[2]);
            checked++;
        }
        assertTrue(checked >= 5, "nm listed only " + checked + " symbols");
        assertEquals(image.symbol("_start").orElseThrow().value(), image.entry());
        long main = image.symbol("main").orElseThrow().value();
        assertEquals("main", image.symbolAt(main + 4).orElseThrow().name());
    }

    @Test
    void loadSegmentsAgreeWithReadelfAndLandInRam() throws Exception {
        Path elf = hello();
        ElfImage image = ElfImage.read(elf);
        GuestBuild.Output re = GuestBuild.run(List.of("aarch64-linux-gnu-readelf", "-lW", elf.toString()), 30);
        assertEquals(0, re.status(), re.err());
        List<long[]> loads = new ArrayList<>();
        for (String line : re.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[0].equals("LOAD")) {
                loads.add(new long[] {Long.decode(f[1]), Long.decode(f[3]), Long.decode(f[4]), Long.decode(f[5])});
            }
        }
        assertEquals(loads.size(), image.segments().size());
        for (int i = 0; i < loads.size(); i++) {
            ElfImage.Segment s = image.segments().get(i);
            assertArrayEquals(loads.get(i), new long[] {s.offset(), s.paddr(), s.filesz(), s.memsz()});
        }
        PhysBus bus = new PhysBus(new Ram(0x4000_0000L, 1 << 20));
        ImageLoader.Loaded loaded = ImageLoader.load(elf, bus);
        assertEquals(image.entry(), loaded.entry());
        byte[] file = Files.readAllBytes(elf);
        ElfImage.Segment s = image.segments().get(0);
        for (int k = 0; k < s.filesz(); k += 4) {
            int expected = (file[(int) s.offset() + k] & 0xFF) | (file[(int) s.offset() + k + 1] & 0xFF) << 8
                    | (file[(int) s.offset() + k + 2] & 0xFF) << 16 | (file[(int) s.offset() + k + 3] & 0xFF) << 24;
            assertEquals(expected, (int) bus.read(s.paddr() + k, 4), "word at offset " + k);
        }
    }

    private String problem(byte[] data) throws IOException {
        Path f = tmp.resolve("image.elf");
        Files.write(f, data);
        ImageException e = assertThrows(ImageException.class, () -> ImageLoader.load(f, new PhysBus(new Ram(0x4000_0000L, 1 << 20))));
        assertTrue(e.getMessage().startsWith("'" + f + "': "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.problem();
    }

    @Test
    void truncatedFileIsReportedAsTruncated() throws Exception {
        byte[] good = Files.readAllBytes(hello());
        assertTrue(problem(Arrays.copyOf(good, 40)).startsWith("truncated ELF header"));
        assertTrue(problem(Arrays.copyOf(good, good.length / 2)).startsWith("truncated or corrupt"),
                () -> "half a file");
    }

    @Test
    void nonAarch64AndNonElf64FilesAreNamed() throws Exception {
        byte[] good = Files.readAllBytes(hello());
        byte[] x86 = good.clone();
        x86[18] = 62;
        x86[19] = 0;
        assertEquals("not an AArch64 image (e_machine 62 EM_X86_64, expected 183 EM_AARCH64)", problem(x86));
        byte[] elf32 = good.clone();
        elf32[4] = 1;
        assertTrue(problem(elf32).startsWith("not ELF64"));
        byte[] big = good.clone();
        big[5] = 2;
        assertTrue(problem(big).startsWith("big-endian"));
    }

    @Test
    void missingAndEmptyFilesAreNamed() throws Exception {
        Path missing = tmp.resolve("nope.elf");
        ImageException e = assertThrows(ImageException.class, () -> ElfImage.read(missing));
        assertEquals("'" + missing + "': no such file", e.getMessage());
        assertEquals("empty file", problem(new byte[0]));
        assertEquals("not an ELF file (no \\x7fELF magic)",
                assertThrows(ImageException.class, () -> ElfImage.parse("x", "hello".getBytes())).problem());
    }

    @Test
    void segmentOutsideRamIsRefused() throws Exception {
        Path elf = hello();
        ImageException e = assertThrows(ImageException.class,
                () -> ImageLoader.load(elf, new PhysBus(new Ram(0x8000_0000L, 1 << 20))));
        assertTrue(e.problem().contains("is outside RAM"), e.problem());
    }

    @Test
    void rawBinaryIsLoadedAtTheStartOfRam() throws Exception {
        Path f = tmp.resolve("raw.bin");
        Files.write(f, new byte[] {0x1f, 0x20, 0x03, (byte) 0xd5});
        PhysBus bus = new PhysBus(new Ram(0x4000_0000L, 1 << 20));
        ImageLoader.Loaded l = ImageLoader.load(f, bus);
        assertEquals(0x4000_0000L, l.entry());
        assertEquals(0xd503201fL, bus.read(0x4000_0000L, 4));
    }

    @Test
    void aRejectedElfLeavesRamAsItWas() throws Exception {
        // hello's PT_GNU_STACK (program header 1) becomes a second PT_LOAD overlapping segment 0: the
        // checks run before any byte is written, so a refused image does not half-overwrite RAM.
        byte[] d = Files.readAllBytes(hello());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int ph1 = (int) b.getLong(32) + 56;
        long paddr0 = b.getLong((int) b.getLong(32) + 24);
        b.putInt(ph1, ElfImage.PT_LOAD);
        b.putLong(ph1 + 24, paddr0 + 0x100);
        b.putLong(ph1 + 32, 0);
        b.putLong(ph1 + 40, 0x100);
        PhysBus bus = new PhysBus(new Ram(0x4000_0000L, 1 << 20));
        bus.write(paddr0, 8, 0x1122_3344_5566_7788L);
        ImageException e = assertThrows(ImageException.class, () -> ImageLoader.loadElf(ElfImage.parse("overlap.elf", d), bus));
        assertTrue(e.problem().matches("segment 1 \\(0x[0-9a-f]+\\.\\.0x[0-9a-f]+\\) overlaps segment 0 .*"), e.problem());
        assertEquals(0x1122_3344_5566_7788L, bus.read(paddr0, 8));
    }

    @Test
    void anElfHeaderWithADamagedMagicIsNotLoadedAsARawBinary() throws Exception {
        byte[] d = Files.readAllBytes(hello());
        d[0] = 0x7e;
        Path f = tmp.resolve("magic.elf");
        Files.write(f, d);
        ImageException e = assertThrows(ImageException.class, () -> ImageLoader.load(f, new PhysBus(new Ram(0x4000_0000L, 1 << 20))));
        assertEquals("corrupt ELF file: magic 7e 45 4c 46, expected 7f 45 4c 46 (\\x7fELF), in an otherwise valid ELF header",
                e.problem());
        // A raw binary that merely starts with three of the four bytes is still a raw binary when the rest is not ELF's.
        byte[] raw = Arrays.copyOf(d, 64);
        raw[6] = 0;
        Files.write(f, raw);
        assertEquals(0x4000_0000L, ImageLoader.load(f, new PhysBus(new Ram(0x4000_0000L, 1 << 20))).entry());
    }
}
