package io.el2studio.sim.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.sim.tests.cli.MainTest.Result;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * {@code el2studio run} refuses what it cannot run before the guest starts (issue 4, acceptance 4):
 * corrupt ELF files, images outside RAM, overlapping images, missing or unreadable inputs and every
 * bad option value give ONE line on stderr naming the problem, and exit status 2. The corrupt files
 * are a real cross-compiled guest (tests/guests/diff/hello.c) with one field damaged, and the
 * expected messages quote the values the undamaged header holds.
 */
class RunErrorsTest {
    @TempDir
    static Path tmp;
    static Path elf;
    static byte[] good;
    /** e_phoff and the first program header's p_offset, p_paddr, p_filesz, p_memsz of the good file. */
    static long phoff, offset, paddr, filesz, memsz;

    @BeforeAll
    static void build() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        elf = GuestBuild.build("hello-O2", List.of("diff/crt0.S", "diff/lib.c", "diff/hello.c"),
                List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        good = Files.readAllBytes(elf);
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        phoff = b.getLong(32);
        int ph = (int) phoff;
        assertEquals(1, b.getInt(ph), "the first program header of hello is PT_LOAD");
        offset = b.getLong(ph + 8);
        paddr = b.getLong(ph + 24);
        filesz = b.getLong(ph + 32);
        memsz = b.getLong(ph + 40);
        assertEquals(2, b.getShort(56), "hello has two program headers: PT_LOAD and PT_GNU_STACK");
    }

    /** A copy of the good ELF with {@code damage} applied to its bytes (little-endian view). */
    static Path damaged(String name, Consumer<ByteBuffer> damage) throws Exception {
        byte[] d = good.clone();
        damage.accept(ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN));
        return write(name, d);
    }

    static Path write(String name, byte[] d) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, d);
        return p;
    }

    static void assertOneLineError(Result r, String expected) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, "not one line: " + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    /** Runs on the given machine (virt: the default) and expects the one-line error. */
    static void assertRejected(String machine, Path image, String expected, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--machine", machine));
        args.addAll(List.of(options));
        args.add(image.toString());
        assertOneLineError(MainTest.main(args.toArray(new String[0])), "el2studio run: " + expected);
    }

    // ---- corrupt ELF files, on both machines ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virt", "mini"})
    void aTruncatedElfIsRejected(String machine) throws Exception {
        Path header = write("header.elf", java.util.Arrays.copyOf(good, 40));
        assertRejected(machine, header, "cannot load image '" + header + "': truncated ELF header (40 bytes, an ELF64 header has 64)");
        int cut = (int) (offset + filesz / 2);
        Path half = write("half.elf", java.util.Arrays.copyOf(good, cut));
        assertRejected(machine, half, String.format("cannot load image '%s': truncated or corrupt: segment 0 at file offset 0x%x"
                + " (0x%x bytes) extends past the end of the file (0x%x bytes)", half, offset, filesz, cut));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virt", "mini"})
    void aDamagedMagicIsAnErrorNotARawBinary(String machine) throws Exception {
        Path p = damaged("magic.elf", b -> b.put(1, (byte) 'F'));
        assertRejected(machine, p, "cannot load image '" + p + "': corrupt ELF file: magic 7f 46 4c 46, expected 7f 45 4c 46");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virt", "mini"})
    void headersPointingPastTheFileAreRejected(String machine) throws Exception {
        Path ph = damaged("phoff.elf", b -> b.putLong(32, good.length + 100L));
        assertRejected(machine, ph, String.format("cannot load image '%s': truncated or corrupt: the program header table at file"
                + " offset 0x%x (0x70 bytes) extends past the end of the file (0x%x bytes)", ph, good.length + 100L, good.length));
        long past = good.length - 16L;
        Path seg = damaged("poffset.elf", b -> b.putLong((int) phoff + 8, past));
        assertRejected(machine, seg, String.format("cannot load image '%s': truncated or corrupt: segment 0 at file offset 0x%x"
                + " (0x%x bytes) extends past the end of the file (0x%x bytes)", seg, past, filesz, good.length));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virt", "mini"})
    void corruptHeaderFieldsAreNamed(String machine) throws Exception {
        Path x86 = damaged("x86.elf", b -> b.putShort(18, (short) 62));
        assertRejected(machine, x86, "cannot load image '" + x86 + "': not an AArch64 image (e_machine 62 EM_X86_64, expected 183 EM_AARCH64)");
        Path class32 = damaged("class32.elf", b -> b.put(4, (byte) 1));
        assertRejected(machine, class32, "cannot load image '" + class32 + "': not ELF64");
        Path big = damaged("msb.elf", b -> b.put(5, (byte) 2));
        assertRejected(machine, big, "cannot load image '" + big + "': big-endian ELF is not supported");
        Path noLoad = damaged("noload.elf", b -> b.putInt((int) phoff, 0));
        assertRejected(machine, noLoad, "cannot load image '" + noLoad + "': no PT_LOAD segment to load");
        Path memsz = damaged("memsz.elf", b -> b.putLong((int) phoff + 40, 0x10));
        assertRejected(machine, memsz, String.format("cannot load image '%s': corrupt segment 0: p_memsz 0x10 is smaller than"
                + " p_filesz 0x%x", memsz, filesz));
        Path phent = damaged("phentsize.elf", b -> b.putShort(54, (short) 8));
        assertRejected(machine, phent, "cannot load image '" + phent + "': corrupt ELF header: e_phentsize 8 (expected 56)");
    }

    // ---- images outside RAM ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virt", "mini"})
    void aSegmentOutsideRamIsRejected(String machine) throws Exception {
        Path high = damaged("high.elf", b -> b.putLong((int) phoff + 24, 0x8000_0000L));
        assertRejected(machine, high, String.format("cannot load image '%s': segment 0 (0x80000000..0x%x) is outside RAM"
                + " 0x40000000..0x48000000 (use --memory to enlarge RAM)", high, 0x8000_0000L + memsz));
        Path flash = damaged("flash.elf", b -> b.putLong((int) phoff + 24, 0));
        assertRejected(machine, flash, String.format("cannot load image '%s': segment 0 (0x0..0x%x) is outside RAM", flash, memsz));
        assertRejected(machine, elf, String.format("cannot load image '%s': segment 0 (0x%x..0x%x) is outside RAM"
                + " 0x40000000..0x40000400", elf, paddr, paddr + memsz), "--memory", "1K");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virt", "mini"})
    void aRawImageLargerThanRamIsRejected(String machine) throws Exception {
        Path raw = write("big.bin", new byte[200 << 10]);
        assertRejected(machine, raw, "cannot load image '" + raw + "': raw image at 0x40000000..0x40032000 is outside RAM"
                + " 0x40000000..0x40010000", "--memory", "64K");
        Path empty = write("empty.bin", new byte[0]);
        assertRejected(machine, empty, "cannot load image '" + empty + "': empty file");
    }

    @Test
    void aLinuxImageLargerThanRamIsRejected() throws Exception {
        ByteBuffer h = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(8, 0); // text_offset
        h.putLong(16, 200L << 20); // image_size: 200 MiB
        h.putLong(24, 0xA); // flags: LE, 4K pages, anywhere
        h.putInt(0x38, 0x644D_5241); // "ARM\x64"
        Path img = write("Image", h.array());
        assertRejected("virt", img, "cannot load image '" + img + "': kernel Image at 0x40000000..0x4c800000 is outside RAM"
                + " 0x40000000..0x48000000");
    }

    @Test
    void anInitrdThatDoesNotFitAfterTheKernelIsRejected() throws Exception {
        Path initrd = write("initrd.img", new byte[2 << 20]);
        // 1 MiB of RAM: QEMU puts the initrd at RAM + min(RAM / 2, 128 MiB), after the kernel
        assertRejected("virt", elf, "cannot load --initrd '" + initrd + "': initrd at 0x40080000..0x40280000 is outside RAM"
                + " 0x40000000..0x40100000", "--memory", "1", "--initrd", initrd.toString());
    }

    // ---- overlapping images ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"virt", "mini"})
    void overlappingSegmentsAreRejected(String machine) throws Exception {
        // PT_GNU_STACK (program header 1) becomes a PT_LOAD of 0x100 bytes inside segment 0.
        Path p = damaged("overlap.elf", b -> {
            int o = (int) phoff + 56;
            b.putInt(o, 1);
            b.putLong(o + 16, paddr + 0x100);
            b.putLong(o + 24, paddr + 0x100);
            b.putLong(o + 32, 0);
            b.putLong(o + 40, 0x100);
        });
        String seg0 = String.format("segment 0 (0x%x..0x%x)", paddr, paddr + memsz);
        String seg1 = String.format("segment 1 (0x%x..0x%x)", paddr + 0x100, paddr + 0x200);
        Result r = MainTest.main("run", "--machine", machine, p.toString());
        assertOneLineError(r, "el2studio run: cannot load image '" + p + "': ");
        assertTrue(r.err().contains(seg0 + " overlaps " + seg1) || r.err().contains(seg1 + " overlaps " + seg0), r.err());
    }

    // ---- device trees and other inputs ----

    @Test
    void aCorruptOrOversizedDeviceTreeIsRejected() throws Exception {
        Path garbage = write("garbage.dtb", "not a device tree".repeat(8).getBytes());
        assertRejected("virt", elf, "cannot load --dtb '" + garbage + "': not a device tree blob (bad magic)", "--dtb",
                garbage.toString());
        GuestBuild.assumeTool("dtc");
        Path blob = write("blob.bin", new byte[3 << 20]); // a 3 MiB property: the tree itself is too large
        Path dts = write("big.dts", ("/dts-v1/;\n/ { compatible = \"test\"; blob = /incbin/(\"" + blob + "\"); };\n").getBytes());
        Path dtb = tmp.resolve("big.dtb");
        GuestBuild.Output o = GuestBuild.run(List.of("dtc", "-I", "dts", "-O", "dtb", "-o", dtb.toString(), dts.toString()), 30);
        assertEquals(0, o.status(), o.err());
        assertRejected("virt", elf, "cannot load --dtb '" + dtb + "': device tree larger than 2 MiB", "--dtb", dtb.toString());
    }

    @Test
    void missingInputsAndUnwritableOutputsAreNamed() throws Exception {
        String dir = tmp.toString();
        assertRejected("virt", elf, "option --initrd: cannot read '/no/such/initrd': no such file", "--initrd", "/no/such/initrd");
        assertRejected("virt", elf, "option --dtb: '" + dir + "' is a directory", "--dtb", dir);
        assertRejected("virt", elf, "option --trace-traps: cannot write '/no/such/dir/t.json': no such directory '/no/such/dir'",
                "--trace-traps", "/no/such/dir/t.json");
        assertRejected("virt", elf, "option --trace-traps: '" + dir + "' is a directory", "--trace-traps", dir);
        assertOneLineError(MainTest.main("run", dir), "el2studio run: cannot load image '" + dir + "': is a directory");
    }

    // ---- every option of the list, with bad values ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--machine | option --machine needs a value",
        "--machine sbsa IMG | option --machine: unknown machine 'sbsa' (known: mini, virt)",
        "--cpu | option --cpu needs a value",
        "--cpu cortex-a99 IMG | option --cpu: unknown CPU profile 'cortex-a99' (known: max, cortex-a57)",
        "--smp | option --smp needs a value",
        "--smp 0 IMG | option --smp: 0 is out of range (1..8)",
        "--smp 99 IMG | option --smp: 99 is out of range (1..8)",
        "--smp -1 IMG | option --smp: -1 is out of range (1..8)",
        "--smp two IMG | option --smp: 'two' is not a number",
        "--smp 1.5 IMG | option --smp: '1.5' is not a number",
        "--memory | option --memory needs a value",
        "--memory 0 IMG | option --memory: '0' is out of range",
        "--memory -5 IMG | option --memory: '-5' is out of range",
        "--memory garbage IMG | option --memory: 'garbage' is not a size (examples: 128M, 1G)",
        "--memory 1.5G IMG | option --memory: '1.5G' is not a size",
        "--memory 4G IMG | option --memory: the virt machine has at most 2047M of RAM",
        "--memory 2T IMG | option --memory: '2T' is out of range",
        "--machine mini --memory 3G IMG | option --memory: the mini machine has at most 2047M of RAM",
        "--initrd | option --initrd needs a value",
        "--append | option --append needs a value",
        "--dtb | option --dtb needs a value",
        "--el | option --el needs a value",
        "--el 0 IMG | option --el: 0 is out of range (1..3)",
        "--el 4 IMG | option --el: 4 is out of range (1..3)",
        "--el -1 IMG | option --el: -1 is out of range (1..3)",
        "--el two IMG | option --el: 'two' is not a number",
        "--machine mini --el 3 IMG | option --el 3: the mini machine starts at EL1 only",
        "--timeout | option --timeout needs a value",
        "--timeout 0 IMG | option --timeout: 0 must be a positive number of seconds",
        "--timeout -1 IMG | option --timeout: -1 must be a positive number of seconds",
        "--timeout abc IMG | option --timeout: 'abc' is not a number of seconds",
        "--timeout NaN IMG | option --timeout: NaN must be a positive number of seconds",
        "--timeout 1e300 IMG | option --timeout: 1e300 is out of range (at most 1000000000 seconds)",
        "--max-insns | option --max-insns needs a value",
        "--max-insns 0 IMG | option --max-insns: 0 is out of range",
        "--max-insns -5 IMG | option --max-insns: -5 is out of range",
        "--max-insns 1k IMG | option --max-insns: '1k' is not a number",
        "--trace-traps | option --trace-traps needs a value",
        "--stats=yes IMG | option --stats takes no value (got '--stats=yes')",
        "--semihosting=off IMG | option --semihosting takes no value",
        "--machine mini --trace-traps t.jsonl IMG | option --trace-traps needs --machine virt",
        "--machine mini --gdb 1234 IMG | option --gdb needs --machine virt",
        "--wait-gdb IMG | option --wait-gdb needs --gdb [HOST:]PORT",
        "-x IMG | unknown option '-x' (try: el2studio run --help)",
        "--bogus IMG | unknown option '--bogus' (try: el2studio run --help)",
        "IMG --verbose | unknown option '--verbose'",
        "IMG IMG | more than one IMAGE given",
    })
    void badOptionValuesGiveOneLineAndStatus2(String args, String expected) {
        List<String> a = new ArrayList<>(List.of("run"));
        for (String s : args.trim().split(" ")) {
            a.add(s.equals("IMG") ? elf.toString() : s);
        }
        assertOneLineError(MainTest.main(a.toArray(new String[0])), "el2studio run: " + expected);
    }
}
