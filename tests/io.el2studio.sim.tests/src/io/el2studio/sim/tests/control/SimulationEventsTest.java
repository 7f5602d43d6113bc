package io.el2studio.sim.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.Psci;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Debug;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.SimulationListener;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * Events of the control API while the SMP PSCI guest (tests/guests/board/psci-smp.S) runs: PSCI
 * calls with their results, UART output, exception entries and returns, EL changes, and the final
 * stop. Listeners run on the simulation thread and only record.
 */
class SimulationEventsTest {
    @Test
    void psciUartAndStopEventsReachListeners() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        Path elf = GuestBuild.build("board-psci-smp", List.of("board/psci-smp.S", "board/lib.S"),
                List.of("-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        VirtBoard board = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), 4, 64L << 20, 2), direct::write, s -> { });
        BootLoader.load(board, new BootLoader.Images(elf.toString(), Files.readAllBytes(elf), null, null, null, null, null, 0));
        List<String> psci = new CopyOnWriteArrayList<>();
        List<Debug.StopReason> stops = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream uart = new ByteArrayOutputStream();
        try (Simulation sim = new Simulation(board)) {
            sim.addListener(new SimulationListener() {
                @Override
                public void psci(Cpu cpu, long function, long result) {
                    psci.add(String.format("PE%d %x -> %d", cpu.index, function, result));
                }

                @Override
                public void uartOutput(int b) {
                    uart.write(b);
                }

                @Override
                public void stopped(Debug.StopReason r) {
                    stops.add(r);
                }
            });
            Debug.StopReason r = sim.awaitStopAfter(sim.run(), 60, TimeUnit.SECONDS);
            assertNotNull(r);
            assertEquals(Debug.StopKind.SHUTDOWN, r.kind(), r.detail());
            assertEquals(Simulation.State.SHUTDOWN, sim.state());
        }
        assertEquals(direct.toString(), uart.toString(), "every UART byte is an event");
        for (int pe = 1; pe < 4; pe++) {
            assertTrue(psci.contains(String.format("PE0 %x -> 0", Psci.CPU_ON_64)), psci.toString());
            assertTrue(psci.contains(String.format("PE%d %x -> 0", pe, Psci.CPU_OFF)), psci.toString());
        }
        assertEquals(3, psci.stream().filter(s -> s.equals(String.format("PE0 %x -> 0", Psci.CPU_ON_64))).count());
        assertTrue(psci.contains(String.format("PE0 %x -> %d", Psci.CPU_ON_64, Psci.ALREADY_ON)), psci.toString());
        assertEquals(String.format("PE0 %x -> 0", Psci.SYSTEM_OFF), psci.get(psci.size() - 1));
        assertEquals(1, stops.size());
    }
}
