package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.cpu.CpuProfile;

/** The headless runner on the virt board: exit statuses, --trace-traps as JSON lines, --stats. */
class HeadlessRunTest {
    static final int MOV_X0_8 = 0xd2800100, MOVK_X0_8400_LSL16 = 0xf2b08000, SMC_0 = 0xd4000003; // x0 = SYSTEM_OFF; smc #0
    static final int UDF_0 = 0x00000000; // udf #0

    @TempDir
    Path dir;

    Path raw(int... words) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        Path p = Files.createTempFile(dir, "guest", ".bin");
        Files.write(p, b.array());
        return p;
    }

    HeadlessRun.Result run(Path image, long maxInsns, Path trace, ByteArrayOutputStream out, ByteArrayOutputStream err) throws Exception {
        HeadlessRun.Options o = new HeadlessRun.Options(CpuProfile.max(), 1, 64L << 20, 2, image, null, null, null, 60,
                maxInsns, trace);
        return HeadlessRun.run(o, new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));
    }

    @Test
    void psciSystemOffEndsTheRunWithStatus0AndTrapsAreJsonLines() throws Exception {
        // VBAR_EL2 = RAM + 0x1000 (its current-EL sync vector +0x200 is an eret); svc #0; hvc #1; SYSTEM_OFF.
        int[] prog = new int[0x1204 / 4];
        int[] code = {SimulationTest.MOV_X1_RAM, SimulationTest.ADD_X1_4K, SimulationTest.MSR_VBAR_EL2_X1, SimulationTest.ISB,
            SimulationTest.SVC_0, SimulationTest.HVC_1, MOV_X0_8, MOVK_X0_8400_LSL16, SMC_0, SimulationTest.B_SELF};
        System.arraycopy(code, 0, prog, 0, code.length);
        prog[0x1200 / 4] = SimulationTest.ERET;
        Path trace = dir.resolve("traps.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        HeadlessRun.Result r = run(raw(prog), Long.MAX_VALUE, trace, out, err);
        assertEquals(0, r.status(), r.message());
        assertTrue(r.message().startsWith("PSCI SYSTEM_OFF"), r.message());
        List<String> lines = Files.readAllLines(trace);
        assertEquals(2, lines.size());
        for (String l : lines) {
            Map<String, Object> m = TrapTraceTest.parse(l);
            assertEquals(2L, m.get("to_el"));
        }
        assertEquals(Map.of(0x15, 1L, 0x16, 1L), r.syncByClass());
        ByteArrayOutputStream stats = new ByteArrayOutputStream();
        HeadlessRun.printStats(r, new PrintStream(stats));
        assertTrue(stats.toString().contains("exceptions EC 0x16 (HVC): 1"), stats.toString());
    }

    @Test
    void standardInputReachesTheUartAndAPollingGuestEchoesIt() throws Exception {
        // mov x1, #0x9000000; 1: ldr w2, [x1, #24] (UARTFR); tbnz w2, #4, 1b (RXFE); ldr w3, [x1]; str w3, [x1];
        // cmp w3, #0xa; b.ne 1b; then PSCI SYSTEM_OFF
        Path image = raw(0xd2a12001, 0xb9401822, 0x3727ffe2, 0xb9400023, 0xb9000023, 0x7100287f, 0x54ffff61, MOV_X0_8,
                MOVK_X0_8400_LSL16, SMC_0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        HeadlessRun.Options o = new HeadlessRun.Options(CpuProfile.max(), 1, 64L << 20, 2, image, null, null, null, 60,
                Long.MAX_VALUE, null);
        HeadlessRun.Result r = HeadlessRun.run(o, new ByteArrayInputStream("hello, uart\nnot read".getBytes()),
                new PrintStream(out), new PrintStream(err));
        assertEquals(0, r.status(), r.message());
        assertEquals("hello, uart\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void instructionLimitEndsARunawayGuestWithStatus124() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        HeadlessRun.Result r = run(raw(SimulationTest.B_SELF), 10_000, null, out, err);
        assertEquals(124, r.status(), r.message());
        assertEquals(10_000, r.instructions());
    }

    @Test
    void exceptionWithoutAVectorInRamIsReportedAsACrash() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        HeadlessRun.Result r = run(raw(UDF_0), Long.MAX_VALUE, null, out, err);
        assertEquals(1, r.status(), r.message());
        assertTrue(r.message().contains("Unknown reason taken from EL2 to EL2 (ESR 0x02000000, ELR 0x40000000"), r.message());
        assertTrue(r.message().contains("no exception vector at 0x200 (VBAR_EL2 = 0x0)"), r.message());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
