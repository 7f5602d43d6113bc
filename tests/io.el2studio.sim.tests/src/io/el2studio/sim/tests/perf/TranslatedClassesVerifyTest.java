package io.el2studio.sim.tests.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

import io.el2studio.sim.cpu.Block;
import io.el2studio.sim.cpu.BlockCompiler;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.FastOps;
import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.loader.ImageLoader;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.machine.SemihostingConsole;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * The class files that cpu.BlockCompiler writes by hand must be valid class files, not just accepted
 * by the JVM the tests run on: ASM's CheckClassAdapter (structure, then a data-flow analysis of every
 * method with the types of the simulator's classes) and the JVM's own verifier check every class of
 * every fast kind, of random sequences, of the bench loop and of the compiled C programs of
 * tests/guests/diff run with every block translated; each method stays below the JVM's 64 KiB code
 * limit (JVMS 4.7.3) however long the straight run of code. A class the JVM refuses anyway, or
 * metaspace running out, leaves the block to the interpreter; the classes die with their page.
 */
class TranslatedClassesVerifyTest {
    private static final long RAM = 0x4000_0000L, CODE = RAM + 0x1000, DATA = RAM + 0x10_0000;
    private static final Decoder DECODER = new Decoder(CpuProfile.max().features());
    /** The bench loop (integer + load/store, a backward branch), as in FastKindsAgreeTest. */
    private static final int[] LOOP = {0xf9400024, 0x8b020084, 0xca030085, 0xd37df0a6, 0xf9000426, 0xb9400827,
            0x8b070042, 0xaa060048, 0x92401d09, 0xf9000029, 0xcb09008a, 0x8b4a1c63, 0xa940302b, 0xca0c0063,
            0xf1000400, 0x54fffe21};
    private static final int ADD_X0_X0_1 = 0x91000400, STP_X0_X1_SP_16 = 0xa90107e0, LDR_X2_SP_8 = 0xf94007e2;

    private int checked;
    private int largestCode;

    // ---- the check ----

    /** CheckClassAdapter.verify on {@code bytes}, and the code size of each method as ASM writes it. */
    private void verify(byte[] bytes, String what) {
        StringWriter sw = new StringWriter();
        try {
            CheckClassAdapter.verify(new ClassReader(bytes), Block.class.getClassLoader(), false, new PrintWriter(sw));
        } catch (RuntimeException e) {
            fail(what + ": ASM cannot read the class: " + e, e);
        }
        if (!sw.toString().isEmpty()) {
            fail(what + ": the class does not verify:\n" + sw);
        }
        for (int len : codeLengths(bytes)) {
            assertTrue(len <= 65535, what + ": a method has " + len + " bytes of code, over the JVM's limit (JVMS 4.7.3)");
            largestCode = Math.max(largestCode, len);
        }
        jvmAccepts(bytes, what);
        // and ASM writing the class again (it throws on a method over the limit)
        ClassWriter cw = new ClassWriter(0);
        ClassVisitor sizes = new ClassVisitor(Opcodes.ASM9, cw) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, desc, sig, exceptions)) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        Label end = new Label();
                        super.visitLabel(end); // the writer resolves it at once: its offset is the code size
                        assertTrue(end.getOffset() <= 65535, what + ": code as ASM writes it: " + end.getOffset());
                        super.visitMaxs(maxStack, maxLocals);
                    }
                };
            }
        };
        new ClassReader(bytes).accept(sizes, 0);
        try {
            cw.toByteArray();
        } catch (MethodTooLargeException e) {
            fail(what + ": method " + e.getMethodName() + " has " + e.getCodeSize() + " bytes of code, over the JVM's limit");
        }
        checked++;
    }

    /**
     * The JVM's own verifier on the class (the compiler defines hidden classes in its package, which a
     * test cannot): defined by a throw-away loader below the simulator's and linked, which verifies it.
     */
    private static void jvmAccepts(byte[] bytes, String what) {
        ClassLoader loader = new ClassLoader(Block.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals("io.el2studio.sim.cpu.GenBlock")) {
                    return defineClass(name, bytes, 0, bytes.length);
                }
                throw new ClassNotFoundException(name);
            }
        };
        try {
            Class.forName("io.el2studio.sim.cpu.GenBlock", true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            fail(what + ": the JVM refuses the class: " + e, e);
        }
    }

    /** code_length of each method's Code attribute, read from the class file itself (JVMS 4.7.3). */
    private static List<Integer> codeLengths(byte[] bytes) {
        ClassReader cr = new ClassReader(bytes);
        char[] buf = new char[cr.getMaxStringLength()];
        int at = cr.header + 6;
        at += 2 + 2 * cr.readUnsignedShort(at); // interfaces
        List<Integer> lengths = new ArrayList<>();
        for (int kind = 0; kind < 2; kind++) { // fields, then methods
            int count = cr.readUnsignedShort(at);
            at += 2;
            for (int i = 0; i < count; i++) {
                int attrs = cr.readUnsignedShort(at + 6);
                at += 8;
                for (int a = 0; a < attrs; a++) {
                    String name = cr.readUTF8(at, buf);
                    int len = cr.readInt(at + 2);
                    if (kind == 1 && name.equals("Code")) {
                        lengths.add(cr.readInt(at + 10));
                    }
                    at += 6 + len;
                }
            }
        }
        assertEquals(2, lengths.size(), "methods with code (<init>, run)");
        return lengths;
    }

    /** Runs {@code body} with every class the compiler defines verified (the blocks of real runs). */
    private List<byte[]> collecting(Runnable body) {
        List<byte[]> classes = new ArrayList<>();
        BlockCompiler.classListener = b -> classes.add(b.clone());
        try {
            body.run();
        } finally {
            BlockCompiler.classListener = null;
        }
        for (int i = 0; i < classes.size(); i++) {
            verify(classes.get(i), "block " + i);
        }
        return classes;
    }

    // ---- the classes ----

    @Test
    void everyFastKindTranslatesToAClassThatVerifies() {
        List<List<Integer>> byKind = wordsByKind(10);
        int kinds = 0;
        for (int k = 0; k < FastOps.KIND_COUNT; k++) {
            for (int w : byKind.get(k)) {
                boolean branch = k >= FastOps.B && k <= FastOps.BLR;
                // the word three times, or a branch (which ends a block) after two other instructions
                int[] words = branch ? new int[] {ADD_X0_X0_1, ADD_X0_X0_1, w} : new int[] {w, w, w};
                BlockCompiler.Translation t = BlockCompiler.translate(DECODER, words);
                assertNotNull(t, "kind " + k + " word " + Integer.toHexString(w) + " starts no block");
                assertEquals(3, t.length(), "kind " + k + " word " + Integer.toHexString(w) + ": instructions in the block");
                verify(t.classFile(), "kind " + k + " words " + hex(words));
            }
            kinds += byKind.get(k).isEmpty() ? 0 : 1;
        }
        assertTrue(kinds > 100, "only " + kinds + " fast kinds reached");
        System.out.println("TranslatedClassesVerifyTest: " + checked + " classes of single kinds verified");
    }

    @Test
    void randomSequencesTranslateToClassesThatVerify() {
        List<List<Integer>> byKind = wordsByKind(10);
        List<Integer> body = new ArrayList<>(), branches = new ArrayList<>();
        for (int k = FastOps.ADDI_X; k < FastOps.KIND_COUNT; k++) {
            (k >= FastOps.B && k <= FastOps.BLR ? branches : body).addAll(byKind.get(k));
        }
        Random rnd = new Random(5);
        for (int s = 0; s < 1500; s++) {
            int len = 1 + rnd.nextInt(s % 10 == 0 ? 128 : 24);
            int[] words = new int[len];
            for (int j = 0; j < len; j++) {
                words[j] = body.get(rnd.nextInt(body.size()));
            }
            if (rnd.nextBoolean()) {
                words[len - 1] = branches.get(rnd.nextInt(branches.size()));
            }
            BlockCompiler.Translation t = BlockCompiler.translate(DECODER, words);
            assertEquals(len, t.length(), "sequence " + s + " covered");
            verify(t.classFile(), "sequence " + s + ": " + hex(words));
        }
        System.out.println("TranslatedClassesVerifyTest: " + checked + " classes of random sequences verified, largest method "
                + largestCode + " bytes");
    }

    @Test
    void theBenchLoopTranslatesToClassesThatVerifyAndRunsAsStepped() {
        MiniMachine sub = machine(1), ref = machine(0);
        for (MiniMachine m : new MiniMachine[] {sub, ref}) {
            m.load(CODE, le(LOOP));
            m.cpu(0).pc = CODE;
            m.cpu(0).x[0] = 5000;
            m.cpu(0).x[1] = DATA;
        }
        List<byte[]> classes = collecting(() -> sub.cpu(0).run(50_000));
        ref.cpu(0).run(50_000);
        assertTrue(!classes.isEmpty(), "the bench loop was not translated");
        assertSameState(ref.cpu(0), sub.cpu(0), "bench loop");
    }

    @Test
    void compiledProgramsRunWithEveryBlockTranslatedVerifyAndPrintTheSame() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        int classes = 0;
        // the programs and flags of diff.CompiledProgramsTest (same build names: built once per run)
        for (String p : new String[] {"hello", "hash", "int128", "float", "vector", "atomics"}) {
            String variant = p.equals("atomics") ? "-O2-armv8-a" : "-O2";
            List<String> flags = new ArrayList<>(List.of("-O2", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
            if (p.equals("atomics")) {
                flags.addAll(List.of("-march=armv8-a", "-mno-outline-atomics"));
            }
            Path elf = GuestBuild.build("diff-" + p + variant, List.of("diff/crt0.S", "diff/lib.c", "diff/" + p + ".c"), flags);
            String[] interpreted = new String[1], translated = new String[1];
            interpreted[0] = runProgram(elf, 0);
            classes += collecting(() -> translated[0] = runProgram(elf, 1)).size();
            assertEquals(interpreted[0], translated[0], p + ": console and outcome with every block translated");
        }
        assertTrue(classes > 100, "only " + classes + " blocks translated");
        System.out.println("TranslatedClassesVerifyTest: " + classes + " classes of compiled programs verified");
    }

    /** Console output and outcome of a diff guest run as {@code el2studio run} does, blocks translated after {@code threshold} arrivals. */
    private static String runProgram(Path elf, int threshold) {
        try {
            MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 128 << 20, 1);
            m.decodeCache.blockThreshold = threshold;
            ImageLoader.Loaded loaded = ImageLoader.load(elf, m.bus);
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            SemihostingConsole console = new SemihostingConsole(new ByteArrayInputStream(new byte[0]), out, err).consoleTo(err);
            BareMetalRun.Result r = new BareMetalRun(m, console).maxInstructions(200_000_000L).run(loaded.entry(), 1);
            assertEquals(BareMetalRun.Outcome.EXITED, r.outcome(), elf + ": " + r.message());
            return out + "|" + err + "|" + r.exitCode() + "|" + r.instructions();
        } catch (Exception e) {
            throw new AssertionError(elf + ": " + e, e);
        }
    }

    // ---- the 64 KiB limit ----

    @Test
    void aStraightRunFarLongerThanAMethodCanHoldIsSplitBelowTheLimit() {
        int[] words = pathological(40_000);
        BlockCompiler.Translation t = BlockCompiler.translate(DECODER, words);
        assertTrue(t.length() > 1000 && t.length() < words.length, "covered " + t.length() + " of " + words.length);
        verify(t.classFile(), "straight run of " + words.length);
        System.out.println("TranslatedClassesVerifyTest: a straight run of " + words.length + " instructions stops after "
                + t.length() + " in " + largestCode + " bytes of code");
        assertTrue(largestCode < 65536, "code " + largestCode);
        // what is left is translated on its own
        int[] rest = java.util.Arrays.copyOfRange(words, t.length(), words.length);
        BlockCompiler.Translation t2 = BlockCompiler.translate(DECODER, rest);
        assertTrue(t2.length() > 0);
        verify(t2.classFile(), "the rest of the straight run");
    }

    @Test
    void aPageOfStraightLineCodeRunsInBlocksThatVerifyAndAgreeWithStepping() {
        MiniMachine sub = machine(1), ref = machine(0);
        for (MiniMachine m : new MiniMachine[] {sub, ref}) {
            m.load(CODE, le(pathological(1024)));
            Cpu c = m.cpu(0);
            c.pc = CODE;
            c.sp[1] = DATA + 0x100;
        }
        List<byte[]> classes = collecting(() -> sub.cpu(0).run(1024));
        ref.cpu(0).run(1024);
        assertTrue(classes.size() >= 1024 / 128, classes.size() + " blocks for a page of straight code");
        assertSameState(ref.cpu(0), sub.cpu(0), "page of straight code");
    }

    // ---- failures fall back to the interpreter ----

    @Test
    void aClassTheJvmRefusesLeavesTheBlockToTheInterpreter() {
        MiniMachine sub = machine(1), ref = machine(0);
        for (MiniMachine m : new MiniMachine[] {sub, ref}) {
            m.load(CODE, le(LOOP));
            m.cpu(0).pc = CODE;
            m.cpu(0).x[0] = 500;
            m.cpu(0).x[1] = DATA;
        }
        long failures = BlockCompiler.failures(), translated = sub.decodeCache.blocksTranslated;
        // the last code byte of run (lreturn) becomes a void return: the JVM's verifier refuses the class
        BlockCompiler.classListener = b -> b[b.length - 7] = (byte) Opcodes.RETURN;
        try {
            sub.cpu(0).run(5000);
        } finally {
            BlockCompiler.classListener = null;
        }
        ref.cpu(0).run(5000);
        assertTrue(BlockCompiler.failures() > failures, "the altered class was not refused");
        assertEquals(translated, sub.decodeCache.blocksTranslated, "a refused class became a block");
        assertEquals(1, sub.decodeCache.blockThreshold, "one refused class stops translation altogether");
        assertSameState(ref.cpu(0), sub.cpu(0), "refused class");
    }

    @Test
    void metaspaceRunningOutTurnsTranslationOffAndTheSimulationGoesOn() {
        MiniMachine sub = machine(1), ref = machine(0);
        for (MiniMachine m : new MiniMachine[] {sub, ref}) {
            m.load(CODE, le(LOOP));
            m.cpu(0).pc = CODE;
            m.cpu(0).x[0] = 500;
            m.cpu(0).x[1] = DATA;
        }
        BlockCompiler.classListener = b -> {
            throw new OutOfMemoryError("Metaspace");
        };
        try {
            sub.cpu(0).run(5000);
        } finally {
            BlockCompiler.classListener = null;
        }
        ref.cpu(0).run(5000);
        assertEquals(0, sub.decodeCache.blocksTranslated);
        assertEquals(0, sub.decodeCache.blockThreshold, "translation still on after metaspace ran out");
        assertSameState(ref.cpu(0), sub.cpu(0), "metaspace exhausted");
    }

    // ---- the classes die with their page ----

    @Test
    void blocksOfDroppedPagesAreUnloaded() {
        // pages of code, each translated, then all overwritten (as a loader or the kernel reusing the
        // memory does): the hidden classes must become unloadable, or metaspace grows for ever
        MiniMachine m = machine(1);
        int pages = 64;
        List<java.lang.ref.WeakReference<Object>> dropped = new ArrayList<>();
        int liveBefore = BlockCompiler.liveBlocks();
        List<byte[]> classes = collecting(() -> {
            for (int p = 0; p < pages; p++) {
                long at = CODE + 0x1000L * p;
                m.load(at, le(LOOP));
                Cpu c = m.cpu(0);
                c.pc = at;
                c.x[0] = 100;
                c.x[1] = DATA;
                c.run(1000);
                dropped.add(new java.lang.ref.WeakReference<>(m.decodeCache.page(at)));
            }
        });
        assertTrue(classes.size() >= pages, "only " + classes.size() + " blocks translated");
        assertTrue(BlockCompiler.liveBlocks() >= classes.size(), "the live blocks are not counted");
        var loading = java.lang.management.ManagementFactory.getClassLoadingMXBean();
        long unloadedBefore = loading.getUnloadedClassCount();
        for (int p = 0; p < pages; p++) {
            m.load(CODE + 0x1000L * p, new byte[4]); // a store into the page drops it, blocks included
        }
        java.lang.ref.WeakReference<Object> probe = new java.lang.ref.WeakReference<>(new Object());
        for (int i = 0; i < 50 && (probe.get() != null || live(dropped) > 0
                || loading.getUnloadedClassCount() - unloadedBefore < classes.size() || BlockCompiler.liveBlocks() > liveBefore); i++) {
            System.gc();
            try {
                Thread.sleep(10); // the compiler's cleaner thread counts the collected blocks out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.get() == null, "System.gc() collects nothing in this JVM");
        assertEquals(0, live(dropped), "dropped pages still reachable (and their blocks with them)");
        assertTrue(loading.getUnloadedClassCount() - unloadedBefore >= classes.size(), "classes unloaded: "
                + (loading.getUnloadedClassCount() - unloadedBefore) + " of " + classes.size() + " blocks");
        assertTrue(BlockCompiler.liveBlocks() <= liveBefore, "blocks still counted live: " + BlockCompiler.liveBlocks()
                + ", before " + liveBefore + " (the bound on live classes would be reached for nothing)");
    }

    private static int live(List<java.lang.ref.WeakReference<Object>> refs) {
        int n = 0;
        for (var r : refs) {
            n += r.get() != null ? 1 : 0;
        }
        return n;
    }

    // ---- helpers ----

    private static MiniMachine machine(int threshold) {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 4 << 20, 1);
        m.decodeCache.blockThreshold = threshold;
        Cpu c = m.cpu(0);
        c.el = 1;
        c.spsel = true;
        c.daif = 0x3C0;
        c.vbar[1] = RAM + 0x8000;
        return m;
    }

    private static void assertSameState(Cpu r, Cpu s, String what) {
        assertEquals(r.pc, s.pc, what + ": pc");
        assertArrayEquals(r.x, s.x, what + ": x");
        assertArrayEquals(r.sp, s.sp, what + ": sp");
        assertEquals(r.nzcv, s.nzcv, what + ": nzcv");
        assertEquals(r.instructionCount, s.instructionCount, what + ": instruction count");
        assertEquals(r.esr[1], s.esr[1], what + ": esr");
    }

    /**
     * Straight-line code that makes the most code per instruction: every register written (so each
     * access first writes all of them back), accesses through SP.
     */
    private static int[] pathological(int n) {
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % 33;
            words[i] = k < 31 ? ADD_X0_X0_1 | k << 5 | k : k == 31 ? STP_X0_X1_SP_16 : LDR_X2_SP_8;
        }
        return words;
    }

    private static List<List<Integer>> wordsByKind;

    /** Up to {@code per} words of every fast kind, from random encodings of the table's rows. */
    private static synchronized List<List<Integer>> wordsByKind(int per) {
        if (wordsByKind != null) {
            return wordsByKind;
        }
        List<List<Integer>> byKind = new ArrayList<>();
        for (int k = 0; k < FastOps.KIND_COUNT; k++) {
            byKind.add(new ArrayList<>());
        }
        Random rnd = new Random(42);
        List<Row> rows = new ArrayList<>(A64Table.rows());
        java.util.Set<Row> fast = new java.util.LinkedHashSet<>();
        for (int round = 0; round < 20000; round++) {
            for (Row r : rows) {
                int w = (rnd.nextInt() & ~r.mask()) | r.value();
                for (Row.Field f : r.fields()) {
                    int fm = (int) ((1L << f.width()) - 1) << f.lsb();
                    switch (rnd.nextInt(3)) {
                        case 0 -> w &= ~fm;
                        case 1 -> w |= fm;
                        default -> { }
                    }
                }
                int kind = DECODER.decode(w) == r ? FastOps.kindOf(r, w) : FastOps.GENERIC;
                if (kind != FastOps.GENERIC) {
                    fast.add(r);
                    if (kind != FastOps.BLOCK && byKind.get(kind).size() < per) {
                        byKind.get(kind).add(w);
                    }
                }
            }
            if (round == 50) {
                rows = new ArrayList<>(fast);
            }
        }
        wordsByKind = byKind;
        return byKind;
    }

    private static byte[] le(int... words) {
        byte[] b = new byte[4 * words.length];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        return b;
    }

    private static String hex(int[] words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(String.format("%08x ", w));
        }
        return sb.toString().trim();
    }
}
