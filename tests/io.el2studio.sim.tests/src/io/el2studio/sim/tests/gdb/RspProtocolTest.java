package io.el2studio.sim.tests.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * The remote protocol on a raw socket (GDB manual, appendix E): framing, acks, errors, the target
 * description, registers, memory, breakpoints; and a fuzz test with thousands of malformed, oversized
 * and unknown packets and disconnects in the middle of a run.
 */
class RspProtocolTest {
    private static final long RAM = 0x4000_0000L;

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    @Test
    void acksBadChecksumsAndNoAckMode() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            c.raw(RspClient.frame("qSupported:swbreak+".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals('+', c.readByte());
            String sup = c.reply();
            for (String feature : List.of("PacketSize=", "qXfer:features:read+", "qXfer:threads:read+", "vContSupported+",
                    "swbreak+", "hwbreak+", "QStartNoAckMode+")) {
                assertTrue(sup.contains(feature), sup);
            }
            c.raw("$qC#00".getBytes(StandardCharsets.ISO_8859_1)); // wrong checksum
            assertEquals('-', c.readByte());
            c.raw(RspClient.frame("QStartNoAckMode".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals('+', c.readByte());
            assertEquals("OK", c.reply());
            c.ackMode = false;
            assertEquals("QC1", c.ask("qC"));
            assertEquals("T05thread:1;", c.ask("?"));
        }
    }

    @Test
    void unknownPacketsGetAnEmptyReplyAndBadArgumentsAnError() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            assertEquals("", c.ask("qNoSuchQuery"));
            assertEquals("", c.ask("vMustReplyEmpty"));
            assertEquals("", c.ask("!"));
            assertTrue(c.ask("mzz,4").startsWith("E"));
            assertTrue(c.ask("m40000000").startsWith("E"));
            assertTrue(c.ask("pfffff").startsWith("E"));
            assertTrue(c.ask("P0=12").startsWith("E"));
            assertTrue(c.ask("Hg99").startsWith("E"));
            assertTrue(c.ask("Z0,nothex,4").startsWith("E"));
            assertTrue(c.ask("qXfer:features:read:nosuch.xml:0,100").startsWith("E"));
            byte[] big = new byte[200_000];
            java.util.Arrays.fill(big, (byte) 'a');
            assertEquals("E01", c.ask(big));
            assertEquals("QC1", c.ask("qC"), "the session goes on after all of them");
        }
    }

    /** Reads a qXfer object in small pieces, as gdb does. */
    private static String xfer(RspClient c, String object, String annex) throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            String r = c.ask(String.format("qXfer:%s:read:%s:%x,%x", object, annex, s.length(), 0x7ff));
            assertTrue(r.startsWith("m") || r.startsWith("l"), r);
            s.append(r, 1, r.length());
            if (r.startsWith("l")) {
                return s.toString();
            }
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void targetDescriptionIsWellFormedAndEveryRegisterReadsAndWrites() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            Document target = parse(xfer(c, "features", "target.xml"));
            NodeList inc = target.getElementsByTagName("xi:include");
            List<String> names = new ArrayList<>();
            List<String> features = new ArrayList<>();
            for (int i = 0; i < inc.getLength(); i++) {
                Document d = parse(xfer(c, "features", ((Element) inc.item(i)).getAttribute("href")));
                features.add(d.getDocumentElement().getAttribute("name"));
                NodeList regs = d.getElementsByTagName("reg");
                for (int k = 0; k < regs.getLength(); k++) {
                    names.add(((Element) regs.item(k)).getAttribute("name"));
                }
            }
            assertEquals(List.of("org.gnu.gdb.aarch64.core", "org.gnu.gdb.aarch64.fpu", "org.el2studio.sysregs"), features);
            assertEquals("x0", names.get(0));
            assertEquals(List.of("sp", "pc", "cpsr", "v0"), names.subList(31, 35));
            assertEquals(List.of("fpsr", "fpcr"), names.subList(66, 68));
            for (SysReg r : SysRegTable.all()) {
                if (r.modelled() && !r.name.equals("FPSR") && !r.name.equals("FPCR")) {
                    assertTrue(names.contains(r.name), r.name);
                }
            }
            // Every register answers p; HCR_EL2 through p and P is the model's.
            for (int n = 0; n < names.size(); n++) {
                String v = c.ask(String.format("p%x", n));
                assertTrue(v.matches("[0-9a-fx]+") && (v.length() == 16 || v.length() == 8 || v.length() == 32),
                        names.get(n) + ": " + v);
            }
            int hcr = names.indexOf("HCR_EL2");
            assertEquals("OK", c.ask(String.format("P%x=0020008000000000", hcr)));
            long model = f.sim.call(b -> SysRegTable.byName("HCR_EL2").read(b.cpu(0)), 5000);
            assertEquals(0x80002000L, model);
            assertEquals("0020008000000000", c.ask(String.format("p%x", hcr)));
            // g carries x0..cpsr and v0..fpcr; G writes them back.
            String g = c.ask("g");
            assertEquals(2 * (31 * 8 + 8 + 8 + 4 + 32 * 16 + 4 + 4), g.length());
            String x1 = "1122334455667788";
            assertEquals("OK", c.ask("G" + g.substring(0, 16) + x1 + g.substring(32)));
            long modelX1 = f.sim.call(b -> b.cpu(0).x[1], 5000);
            assertEquals(0x8877665544332211L, modelX1);
            String threads = xfer(c, "threads", "");
            assertTrue(threads.contains("name=\"CPU0 EL2\"") && threads.contains("name=\"CPU1 off\""), threads);
            assertEquals("m1,2", c.ask("qfThreadInfo"));
            assertEquals("l", c.ask("qsThreadInfo"));
            assertEquals("OK", c.ask("T2"));
            assertTrue(c.ask("T3").startsWith("E"));
        }
    }

    @Test
    void memoryReadsAndWritesThroughTheSelectedTranslation() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            long scratch = GdbFixture.symbol(f.elf, "counter");
            assertEquals("OK", c.ask(String.format("M%x,8:0102030405060708", scratch)));
            assertEquals("0102030405060708", c.ask(String.format("m%x,8", scratch)));
            // X: binary with the characters that must be escaped: } # $ *
            byte[] data = {'}', '#', '$', '*', 0, (byte) 0xff, 3, 'x'};
            java.io.ByteArrayOutputStream p = new java.io.ByteArrayOutputStream();
            p.writeBytes(String.format("X%x,8:", scratch).getBytes(StandardCharsets.ISO_8859_1));
            for (byte b : data) {
                if (b == '}' || b == '#' || b == '$' || b == '*') {
                    p.write('}');
                    p.write(b ^ 0x20);
                } else {
                    p.write(b);
                }
            }
            assertEquals("OK", c.ask(p.toByteArray()));
            byte[] model = f.sim.call(b -> {
                byte[] r = new byte[8];
                System.arraycopy(b.bus.ram.bytes, (int) (scratch - RAM), r, 0, 8);
                return r;
            }, 5000);
            assertArrayEquals(data, model);
            assertEquals("E14", c.ask("m10,4"), "not RAM");
            assertTrue(text(c.ask("qRcmd," + hex("phys on"))).contains("physical"));
            assertEquals(HexFormat.of().formatHex(data), c.ask(String.format("m%x,8", scratch)));
            assertTrue(text(c.ask("qRcmd," + hex("mem ipa 5"))).contains("IPAs of VMID 5"));
            assertEquals("E14", c.ask(String.format("m%x,8", scratch)), "no stage 2 is known for VMID 5");
            assertTrue(text(c.ask("qRcmd," + hex("bogus"))).contains("unknown command"));
        }
    }

    @Test
    void breakpointsAreSimulatorBreakpointsNotMemoryPatches() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            long main = GdbFixture.symbol(f.elf, "main");
            String before = c.ask(String.format("m%x,4", main));
            assertEquals("OK", c.ask(String.format("Z0,%x,4", main)));
            assertEquals(before, c.ask(String.format("m%x,4", main)));
            assertEquals(List.of(io.el2studio.sim.control.Debug.Breakpoint.va(main)), f.sim.breakpoints());
            assertEquals("T05swbreak:;thread:1;", c.ask("c"));
            assertEquals(String.format("%016x", Long.reverseBytes(main)), c.ask("p20"));
            assertEquals("OK", c.ask(String.format("z0,%x,4", main)));
            assertTrue(f.sim.breakpoints().isEmpty());
            String step = c.ask("vCont;s:1");
            assertEquals("T05thread:1;", step);
            assertEquals(String.format("%016x", Long.reverseBytes(main + 4)), c.ask("p20"));
            // A read watchpoint on hvc_count: el2_trap's hvc_count++ loads it first.
            long count = GdbFixture.symbol(f.elf, "hvc_count");
            assertEquals("OK", c.ask(String.format("Z3,%x,8", count)));
            assertEquals(String.format("T05rwatch:%x;thread:1;", count), c.ask("c"));
            assertEquals("OK", c.ask(String.format("z3,%x,8", count)));
            assertEquals("OK", c.ask(String.format("Z4,%x,8", count)));
            assertEquals(String.format("T05awatch:%x;thread:1;", count), c.ask("c"), "the store of hvc_count++");
            assertEquals("OK", c.ask(String.format("z4,%x,8", count)));
            // A hardware breakpoint (gdb's hbreak) on the second call of hvc_call.
            long hvc = GdbFixture.symbol(f.elf, "hvc_call");
            assertEquals("OK", c.ask(String.format("Z1,%x,4", hvc)));
            assertEquals("T05hwbreak:;thread:1;", c.ask("c"));
            assertEquals(String.format("%016x", Long.reverseBytes(hvc)), c.ask("p20"));
            assertEquals("OK", c.ask(String.format("z1,%x,4", hvc)));
        }
    }

    @Test
    void singleStepDoesNotEnterAPendingInterruptUnlessStepIrqIsOn() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            long main = GdbFixture.symbol(f.elf, "main");
            assertEquals("OK", c.ask(String.format("Z0,%x,4", main)));
            assertTrue(c.ask("c").startsWith("T05"));
            assertEquals("OK", c.ask(String.format("z0,%x,4", main)));
            // EL1h with PSTATE.I clear (D, A, F masked) and the IRQ line high: HCR_EL2.IMO = 0 routes it to EL1.
            assertEquals("OK", c.ask("P21=45030000"));
            f.sim.call(b -> {
                io.el2studio.sim.cpu.Interrupts.setLine(b.cpu(0), io.el2studio.sim.cpu.Interrupts.IRQ, true);
                return null;
            }, 5000);
            assertEquals("T05thread:1;", c.ask("vCont;s:1"));
            assertEquals(String.format("%016x", Long.reverseBytes(main + 4)), c.ask("p20"), "stepped the next instruction");
            // With step-irq on the step enters the interrupt: VBAR_EL1 -> a table of NOPs in RAM; an IRQ from
            // the current EL with SP_ELx is taken to offset 0x280 (Arm ARM D1.3.1, vector offsets), and the
            // step stops there, before the vector's first instruction.
            long vbar = 0x4100_0000L;
            assertEquals("OK", c.ask(String.format("M%x,800:%s", vbar, "1f2003d5".repeat(0x200))));
            assertEquals("OK", c.ask(String.format("P%x=%016x", regnum(c, "VBAR_EL1"), Long.reverseBytes(vbar))));
            assertTrue(text(c.ask("qRcmd," + hex("step-irq"))).contains("step-irq is off"), "off by default");
            assertTrue(text(c.ask("qRcmd," + hex("step-irq on"))).contains("step-irq on"));
            assertEquals("T05thread:1;", c.ask("vCont;s:1"));
            long pc = Long.reverseBytes(Long.parseUnsignedLong(c.ask("p20"), 16));
            assertEquals(vbar + 0x280, pc, String.format("the step entered the IRQ vector: pc 0x%x", pc));
            assertEquals(String.format("%016x", Long.reverseBytes(main + 4)), c.ask(String.format("p%x", regnum(c, "ELR_EL1"))),
                    "ELR_EL1: the instruction the interrupt came before");
            assertTrue(text(c.ask("qRcmd," + hex("help"))).contains("step-irq [on|off]"));
        }
    }

    @Test
    void memoryAndMonitorTranslateFollowTheStage1Tables() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            // EL2 stage 1, 4K granule, T0SZ = 25 (39-bit VA: the walk starts at level 1), one table at
            // 0x41000000 with two 1 GB block descriptors (AF set): VA 0 and VA 0x40000000 -> PA 0x40000000.
            long table = 0x4100_0000L;
            long block = 0x4000_0000L | 1L << 10 | 1;
            assertEquals("OK", c.ask(String.format("M%x,10:%016x%016x", table, Long.reverseBytes(block), Long.reverseBytes(block))));
            assertEquals("OK", c.ask(String.format("P%x=%016x", regnum(c, "TTBR0_EL2"), Long.reverseBytes(table))));
            assertEquals("OK", c.ask(String.format("P%x=%016x", regnum(c, "TCR_EL2"), Long.reverseBytes(25L))));
            int sctlr = regnum(c, "SCTLR_EL2");
            long m = Long.reverseBytes(Long.parseUnsignedLong(c.ask(String.format("p%x", sctlr)), 16)) | 1;
            assertEquals("OK", c.ask(String.format("P%x=%016x", sctlr, Long.reverseBytes(m))));
            String walk = text(c.ask("qRcmd," + hex("translate 0x1234")));
            assertTrue(walk.contains("=> PA 0x40001234"), walk);
            assertEquals(3, walk.lines().count(), "the regime line, one descriptor, the result:\n" + walk);
            assertTrue(walk.contains(String.format("%x", block)), "the descriptor is shown: " + walk);
            // m reads through the same translation; phys on reads physical addresses.
            String viaVa = c.ask("m1000,10");
            assertTrue(text(c.ask("qRcmd," + hex("phys on"))).contains("physical"));
            assertEquals(viaVa, c.ask("m40001000,10"));
            assertEquals("E14", c.ask("m1000,10"));
            assertTrue(text(c.ask("qRcmd," + hex("phys off"))).contains("current"));
            assertEquals("E14", c.ask("m80000000,4"), "VA 0x80000000 has no descriptor");
            String fault = text(c.ask("qRcmd," + hex("translate 0x80000000")));
            assertTrue(fault.contains("fault"), fault);
        }
    }

    @Test
    void ipaModeReadsAGuestPhysicalAddressThroughStage2ByVmid() throws Exception {
        try (GdbFixture f = new GdbFixture(true); RspClient c = new RspClient(f.server.port())) {
            // Stage 2 for VMID 5: 4K granule, T0SZ = 25, SL0 = 1 (start at level 1), one 1 GB block
            // descriptor (S2AP = RW, AF, MemAttr Normal WB): IPA 0 -> PA 0x40000000.
            long table = 0x4100_0000L;
            long block = 0x4000_0000L | 1L << 10 | 3L << 6 | 0xFL << 2 | 1;
            assertEquals("OK", c.ask(String.format("M%x,8:%016x", table, Long.reverseBytes(block))));
            assertEquals("OK", c.ask(String.format("P%x=%016x", regnum(c, "VTTBR_EL2"), Long.reverseBytes(5L << 48 | table))));
            assertEquals("OK", c.ask(String.format("P%x=%016x", regnum(c, "VTCR_EL2"), Long.reverseBytes(1L << 31 | 1L << 6 | 25))));
            assertEquals("OK", c.ask(String.format("P%x=%016x", regnum(c, "HCR_EL2"), Long.reverseBytes(1L << 31 | 1))));
            String walk = text(c.ask("qRcmd," + hex("translate-ipa 0x1234 5")));
            assertTrue(walk.contains("IPA 0x1234 of VMID 5") && walk.contains("=> PA 0x40001234"), walk);
            String phys = c.ask("m40001000,10");
            assertTrue(text(c.ask("qRcmd," + hex("mem ipa 5"))).contains("IPAs of VMID 5"));
            assertEquals(phys, c.ask("m1000,10"));
            assertEquals("E14", c.ask("m40001000,10"), "IPA 0x40001000 is outside the VM's 1 GB");
            assertTrue(text(c.ask("qRcmd," + hex("mem current"))).contains("current"));
            assertEquals(phys, c.ask("m40001000,10"));
        }
    }

    /** A register's number in the target description (gdb's numbering). */
    private static int regnum(RspClient c, String name) throws Exception {
        Document t = parse(xfer(c, "features", "target.xml"));
        NodeList inc = t.getElementsByTagName("xi:include");
        int n = 0;
        for (int i = 0; i < inc.getLength(); i++) {
            NodeList regs = parse(xfer(c, "features", ((Element) inc.item(i)).getAttribute("href"))).getElementsByTagName("reg");
            for (int k = 0; k < regs.getLength(); k++, n++) {
                if (((Element) regs.item(k)).getAttribute("name").equals(name)) {
                    return n;
                }
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static final String[] TEMPLATES = {"g", "G", "p", "P", "m", "M", "X", "Z0,", "z0,", "Z1,", "Z2,", "Z3,", "Z4,",
        "z2,", "H", "Hg", "Hc", "T", "qXfer:features:read:", "qXfer:threads:read::", "qXfer:", "qRcmd,", "vCont;", "vCont?",
        "qSupported", "?", "qC", "qfThreadInfo", "qAttached", "QStartNoAckMode", "D", "q", "v", "x", "$", "}", "#"};

    private static byte[] fuzzPacket(Random r) {
        StringBuilder s = new StringBuilder();
        if (r.nextInt(8) != 0) {
            s.append(TEMPLATES[r.nextInt(TEMPLATES.length)]);
        }
        int n = r.nextInt(r.nextInt(10) == 0 ? 400 : 24);
        String alphabet = "0123456789abcdefABCDEF,:;=-xX$#}*\u0003 pqrZz";
        for (int i = 0; i < n; i++) {
            s.append(r.nextInt(6) == 0 ? (char) r.nextInt(256) : alphabet.charAt(r.nextInt(alphabet.length())));
        }
        String p = s.toString();
        if (p.startsWith("k") || p.startsWith("vKill") || p.startsWith("D")) { // they end the session
            p = "?" + p;
        }
        return p.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int gdbThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("el2studio-gdb")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void fuzzAndMidRunDisconnectsLeaveTheSimulationRunningWithoutThreadLeaks() throws Exception {
        int baseline = Thread.activeCount();
        Random r = new Random(0x6db);
        try (GdbFixture f = new GdbFixture(false)) {
            int withServer = Thread.activeCount();
            // 1. Thousands of packets on one connection, framed (right or wrong checksum) or raw noise.
            int packets = 0;
            try (Socket s = new Socket("127.0.0.1", f.server.port())) {
                OutputStream o = s.getOutputStream();
                for (int i = 0; i < 3000; i++) {
                    byte[] p = fuzzPacket(r);
                    byte[] framed = RspClient.frame(p);
                    if (r.nextInt(10) == 0) {
                        framed[framed.length - 1] ^= 1; // bad checksum
                    }
                    o.write(r.nextInt(20) == 0 ? p : framed);
                    packets++;
                    if (i % 500 == 0) {
                        o.write(new byte[300_000]); // oversized noise
                    }
                }
                o.write(3); // stop whatever run a fuzzed c/s/vCont started
                o.flush();
            }
            // 2. Many short connections, most ending in the middle of a run.
            for (int i = 0; i < 200; i++) {
                try (RspClient c = new RspClient(f.server.port())) {
                    assertTrue(c.ask("?").startsWith("T")); // served now: the guest is stopped
                    OutputStream o = c.socket.getOutputStream();
                    for (int k = r.nextInt(6); k > 0; k--) {
                        o.write(RspClient.frame(fuzzPacket(r)));
                    }
                    if (r.nextInt(3) != 0) {
                        o.write(RspClient.frame("c".getBytes(StandardCharsets.ISO_8859_1)));
                    }
                    o.flush();
                }
            }
            // The server still answers, and a well-behaved client can stop and inspect the guest.
            try (RspClient c = new RspClient(f.server.port())) {
                assertTrue(c.ask("?").startsWith("T"));
                assertTrue(c.ask("qC").startsWith("QC"));
            }
            // The last client left without D: the guest runs again.
            long before = f.sim.call(b -> b.instructions(), 5000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long after = before;
            while (after == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
                after = f.sim.call(b -> b.instructions(), 5000);
            }
            assertTrue(after > before, "the simulation runs after the fuzz");
            assertEquals(Simulation.State.RUNNING, f.sim.state());
            assertTrue(packets >= 3000);
            assertTrue(f.log.stream().noneMatch(l -> l.contains("internal error")), String.join("\n", f.log));
            assertEquals(1, gdbThreads(), "one server thread, whatever the number of clients");
            assertTrue(Thread.activeCount() <= withServer + 2, "thread count " + Thread.activeCount() + " vs " + withServer);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((gdbThreads() > 0 || Thread.activeCount() > baseline) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, gdbThreads());
        assertTrue(Thread.activeCount() <= baseline, "thread count back to " + baseline + ": " + Thread.activeCount());
        assertNotNull(r);
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
