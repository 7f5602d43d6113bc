package io.el2studio.sim.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.el2studio.sim.cli.Main;
import io.el2studio.sim.tests.support.GuestBuild;

/** The command line: user errors give one line and status 2; run, disasm and bench do their job. */
class MainTest {
    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    static Result main(String... args) {
        return main(new ByteArrayInputStream(new byte[0]), args);
    }

    static Result main(java.io.InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.execute(args, in, new PrintStream(out, true), new PrintStream(err, true));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsageError(Result r, String expected) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, "not one line: " + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --bogus x.elf | el2studio run: unknown option '--bogus'",
        "run --cpu | el2studio run: option --cpu needs a value",
        "run --cpu cortex-a99 x.elf | el2studio run: option --cpu: unknown CPU profile 'cortex-a99'",
        "run --smp two x.elf | el2studio run: option --smp: 'two' is not a number",
        "run --smp 0 x.elf | el2studio run: option --smp: 0 is out of range",
        "run --memory 12Q x.elf | el2studio run: option --memory: '12Q' is not a size",
        "run --timeout -1 x.elf | el2studio run: option --timeout: -1 must be a positive number of seconds",
        "run --max-insns many x.elf | el2studio run: option --max-insns: 'many' is not a number",
        "run | el2studio run: no IMAGE given",
        "run a.elf b.elf | el2studio run: more than one IMAGE given",
        "run /no/such/dir/y.elf | el2studio run: cannot load image '/no/such/dir/y.elf': no such file",
        "run --machine virt x.elf | el2studio run: cannot load image 'x.elf': no such file",
        "run --machine virt --memory 4G x.elf | el2studio run: option --memory: the virt machine has at most 2047M of RAM",
        "run --machine mini --initrd r.img x.elf | el2studio run: option --initrd: cannot read 'r.img': no such file",
        "run --machine mini --el 2 x.elf | el2studio run: option --el 2: the mini machine starts at EL1 only",
        "frobnicate | el2studio: unknown command 'frobnicate'",
        "disasm | el2studio disasm: nothing to disassemble",
        "disasm xyz | el2studio disasm: 'xyz' is not an instruction word",
        "disasm --elf /no/such.elf | el2studio disasm: cannot read '/no/such.elf': no such file",
        "bench gpu | el2studio bench: unknown benchmark 'gpu'",
    })
    void userErrorsGiveOneLineAndStatus2(String args, String expected) {
        assertUsageError(main(args.trim().isEmpty() ? new String[0] : args.trim().split(" ")), expected);
    }

    @Test
    void noCommandIsAUsageError() {
        assertUsageError(main(), "el2studio: no command given");
    }

    @Test
    void helpGoesToStdoutWithStatus0() {
        Result r = main("run", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("--max-insns") && r.out().contains("--trace-traps FILE"), r.out());
        assertTrue(r.out().contains("--machine NAME      virt (default)"), r.out());
        assertEquals("", r.err());
        assertEquals(0, main("help").status());
    }

    @Test
    void nonAarch64ImageIsRejectedByName() throws Exception {
        Path f = tmp.resolve("x86.elf");
        byte[] hdr = new byte[64];
        hdr[0] = 0x7f; hdr[1] = 'E'; hdr[2] = 'L'; hdr[3] = 'F'; hdr[4] = 2; hdr[5] = 1; hdr[18] = 62;
        Files.write(f, hdr);
        assertUsageError(main("run", f.toString()), "el2studio run: cannot load image '" + f + "': not an AArch64 image");
    }

    @Test
    void disasmPrintsObjdumpStyleLines() {
        Result r = main("disasm", "--pc", "0x400000", "d503201f", "0xd65f03c0");
        assertEquals(0, r.status(), r.err());
        // the decoder's text is checked against objdump by DisasmCorpusTest; here the line format
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("  400000:\td503201f \t"), lines[0]);
        assertTrue(lines[1].startsWith("  400004:\td65f03c0 \t"), lines[1]);
    }

    @Test
    void disasmOfAnElfSymbolMatchesObjdump() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("hello-O2", List.of("diff/crt0.S", "diff/lib.c", "diff/hello.c"),
                List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        Result r = main("disasm", "--elf", elf.toString(), "--symbol", "sh_exit");
        assertEquals(0, r.status(), r.err());
        GuestBuild.Output od = GuestBuild.run(List.of(GuestBuild.OBJDUMP, "-d", "--disassemble=sh_exit", elf.toString()), 30);
        // objdump: "40000048:\td10043ff \tsub\tsp, sp, #0x10" -> address and word columns must agree
        List<String> ours = r.out().lines().filter(l -> l.contains(":\t")).map(l -> l.substring(0, l.indexOf(" \t"))).toList();
        List<String> theirs = od.out().lines().filter(l -> l.matches("\\s*[0-9a-f]+:\t[0-9a-f]{8} .*"))
                .map(l -> l.substring(0, l.indexOf(" \t"))).toList();
        assertEquals(theirs, ours);
    }

    @Test
    void disasmOfABinaryFileMatchesObjdumpLineForLine() throws Exception {
        GuestBuild.assumeTool(GuestBuild.OBJDUMP);
        // nop; add x0, x1, x2; three zero words ("..."); mov w0, wzr; add x1, x1, #0; one zero word (udf #0)
        int[] words = {0xd503201f, 0x8b020020, 0, 0, 0, 0x2a1f03e0, 0x91000021, 0x14000000, 0x54fffe21, 0};
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        Path f = tmp.resolve("words.bin");
        Files.write(f, b);
        Result r = main("disasm", "--binary", f.toString(), "--base", "0x80000");
        assertEquals(0, r.status(), r.err());
        GuestBuild.Output od = GuestBuild.run(List.of(GuestBuild.OBJDUMP, "-D", "-b", "binary", "-m", "aarch64",
                "--adjust-vma=0x80000", f.toString()), 30);
        assertEquals(0, od.status(), od.err());
        // objdump separates mnemonic and operands by a tab, we by one space (the corpus convention)
        List<String> theirs = od.out().lines().filter(l -> l.matches("\\s*[0-9a-f]+:\t.*") || l.equals("\t..."))
                .map(l -> {
                    int t = l.indexOf(" \t");
                    return t < 0 ? l : l.substring(0, t + 2) + l.substring(t + 2).replace('\t', ' ');
                }).toList();
        assertEquals(theirs, r.out().lines().toList());
    }

    @Test
    void runExitsWithTheGuestStatusAndPrintsItsOutput() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("hello-O2", List.of("diff/crt0.S", "diff/lib.c", "diff/hello.c"),
                List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        Result r = main("run", "--stats", elf.toString()); // the virt board, semihosting on, as QEMU -semihosting
        assertEquals(3, r.status(), r.err());
        assertTrue(r.out().startsWith("H\nwrite0 line\nprintf -42 42 beef     7|7    |000ab str c -1234567890123\n"), r.out());
        assertTrue(r.err().contains("instructions: ") && r.err().contains("MIPS: "), r.err());
        Result mini = main("run", "--machine", "mini", elf.toString());
        assertEquals(3, mini.status(), mini.err());
        assertEquals(r.out(), mini.out());
    }

    @Test
    void instructionLimitStopsWithStatus124() throws Exception {
        Path f = tmp.resolve("spin.bin");
        Files.write(f, new byte[] {0, 0, 0, 0x14}); // b . (raw binary at 0x40000000)
        Result r = main("run", "--max-insns", "1000", f.toString());
        assertEquals(124, r.status(), r.err());
        assertEquals("el2studio run: stopped after 1000 instructions (--max-insns)\n", r.err());
        Result t = main("run", "--timeout", "0.2", f.toString());
        assertEquals(124, t.status(), t.err());
        assertEquals("el2studio run: timeout after 0.2 s\n", t.err());
    }

    @Test
    void exceptionLoopAtZeroedVectorsIsACrash() throws Exception {
        Path f = tmp.resolve("vbar.bin");
        // adr x0, 0x40000800 ; msr vbar_el1, x0 ; udf #1 -> the vector at 0x40000a00 holds udf #0 (zeroed RAM)
        int[] words = {0x10004000, 0xd518c000, 0x00000001};
        byte[] b = new byte[12];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        Files.write(f, b);
        Result r = main("run", "--machine", "mini", "--timeout", "20", f.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("el2studio run: guest crashed: undefined instruction at pc 0x40000a00: 00000000 udf #0;"
                + " ESR 0x02000000; exception loop: the instruction is the exception vector at 0x40000a00 (VBAR_EL1 = 0x40000800)\n", r.err());
    }

    @Test
    void crashWithoutVectorsNamesTheInstruction() throws Exception {
        Path f = tmp.resolve("udf.bin");
        Files.write(f, new byte[] {0x34, 0x12, 0, 0}); // udf #0x1234
        Result r = main("run", "--machine", "mini", f.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("el2studio run: guest crashed: undefined instruction at pc 0x40000000: 00001234 udf #4660;"
                + " ESR 0x02000000; no exception vector at 0x200 (VBAR_EL1 = 0x0)\n", r.err());
        Result virt = main("run", f.toString()); // booted at EL2 on the virt board: taken to EL2
        assertEquals(1, virt.status(), virt.err());
        assertEquals("el2studio run: guest crashed on PE 0: Unknown reason taken from EL2 to EL2 (ESR 0x02000000, ELR 0x40000000,"
                + " FAR 0x0); no exception vector at 0x200 (VBAR_EL2 = 0x0)\n", virt.err());
    }
}
