package io.el2studio.sim.tests.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.gdb.GdbServer;
import io.el2studio.sim.tests.support.GuestBuild;
import io.el2studio.sim.tests.support.Microvisor;

/**
 * gdb-multiarch against the example microvisor (issue 11: "monitor break-trap takes the same filters,
 * and a vm N memory space is reachable by gdb"): a trap breakpoint with syndrome filters stops at the
 * EL2 vector on VM 2's first UART write, and `monitor mem vm 2` lets gdb read VM 2's memory by its
 * own symbols (add-symbol-file of VM 2's ELF) while VM 1 is the VM loaded.
 */
class MicrovisorGdbTest {
    @Test
    void breakTrapFiltersAndAnotherVmsMemoryFromGdb() throws Exception {
        Path build = Microvisor.build();
        Path hyp = build.resolve("hyp.elf");
        GuestBuild.assumeTool(GdbFixture.GDB);
        VirtBoard board = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), 1, 128L << 20, 2), b -> { }, s -> { });
        BootLoader.load(board, new BootLoader.Images(hyp.toString(), Files.readAllBytes(hyp), null, null, null, null, null, 0));
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Simulation sim = new Simulation(board); GdbServer server = GdbServer.start(sim, "127.0.0.1:0", true, log::add)) {
            String out = GdbFixture.gdbAt(server.port(), hyp, -1,
                    "monitor break-trap DABT_LOW vmid=2 ipa=0x09000000 write", "continue", "p/x $pc", "monitor traps 1",
                    "monitor delete-trap", "monitor break-trap HVC64 vmid=1 x0=2", "continue", "continue",
                    "p/x $VTTBR_EL2", "add-symbol-file " + build.resolve("vm2.elf") + " -readnow", "monitor mem vm 2",
                    "x/s (char *)main", "x/2xw 0x40000000", "monitor mem phys", "x/2xw 0x42000000", "monitor mem ipa 2",
                    "x/2xw 0x40000000", "monitor help");
            long vectors = GdbFixture.symbol(hyp, "vectors");
            List<Long> hex = new ArrayList<>();
            Matcher m = Pattern.compile("\\$\\d+ = (0x[0-9a-f]+)").matcher(out);
            while (m.find()) {
                hex.add(Long.decode(m.group(1)));
            }
            assertEquals(vectors + 0x400, hex.get(0), "stopped at the lower-EL synchronous vector:\n" + out);
            assertTrue(out.contains("trap breakpoint: DABT_LOW to=EL2 vmid=2 ipa=0x9000000-0x9000fff write"), out);
            assertTrue(out.contains("EL1->EL2 sync EC 0x24 Data Abort from a lower EL") && out.contains("WnR=1")
                    && out.contains("VMID 2"), out);
            assertEquals(1L, hex.get(1) >>> 48, "VMID 1 is loaded at the second stop:\n" + out);
            // the words at VM 2's IPA 0x40000000, read three ways: VM 2's EL1&0 regime, PA, VM 2's IPA
            List<String> words = new ArrayList<>();
            Matcher w = Pattern.compile(":\\s+(0x[0-9a-f]{8})\\s+(0x[0-9a-f]{8})").matcher(out);
            while (w.find()) {
                words.add(w.group(1) + " " + w.group(2));
            }
            assertEquals(3, words.size(), out);
            assertEquals(words.get(1), words.get(0), "VM2: equals the PA behind it\n" + out);
            assertEquals(words.get(1), words.get(2), "IPA2: equals the PA behind it\n" + out);
            assertTrue(out.contains("memory addresses are virtual addresses of VMID 2's EL1&0 regime"), out);
            assertTrue(out.contains("mem current|phys|ipa VMID|vm VMID"), out);
            assertEquals(List.of(), log.stream().filter(l -> l.contains("internal")).toList());
        }
    }
}
