package io.el2studio.sim.tests.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.gdb.GdbServer;

/** The server's life cycle: the address it binds, attach stops the guest, detach resumes it, kill ends it. */
class GdbServerTest {
    @Test
    void bindsTheLoopbackAddressUnlessAnotherIsGiven() throws Exception {
        InetSocketAddress a = GdbServer.address("1234");
        assertEquals("127.0.0.1", a.getAddress().getHostAddress());
        assertEquals(1234, a.getPort());
        assertEquals("127.0.0.1", GdbServer.address(":77").getAddress().getHostAddress());
        assertEquals("0.0.0.0", GdbServer.address("0.0.0.0:5").getAddress().getHostAddress());
        assertTrue(GdbServer.address("[::1]:7").getAddress().isLoopbackAddress());
        assertThrows(IOException.class, () -> GdbServer.address("localhost:http"));
        assertThrows(IOException.class, () -> GdbServer.address("70000"));
        try (GdbFixture f = new GdbFixture(true)) {
            assertTrue(f.server.port() > 0);
        }
    }

    private static void awaitState(Simulation sim, Simulation.State s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.state() != s && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(s, sim.state());
    }

    @Test
    void attachStopsTheRunningGuestAndDetachResumesIt() throws Exception {
        try (GdbFixture f = new GdbFixture(false)) {
            awaitState(f.sim, Simulation.State.RUNNING);
            try (RspClient c = new RspClient(f.server.port())) {
                assertTrue(c.ask("?").startsWith("T05thread:"));
                assertEquals(Simulation.State.STOPPED, f.sim.state());
                assertEquals("OK", c.ask("D"));
            }
            awaitState(f.sim, Simulation.State.RUNNING);
        }
    }

    @Test
    void waitKeepsTheGuestStoppedAndKillEndsTheSimulation() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            Thread.sleep(100);
            assertEquals(Simulation.State.STOPPED, f.sim.state());
            assertEquals(0, f.board.instructions(), "--wait-gdb: nothing runs before the client resumes");
            try (RspClient c = new RspClient(f.server.port())) {
                c.raw(RspClient.frame("k".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
                assertEquals('+', c.readByte());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (f.board.shutdown() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(f.board.shutdown() != null && f.board.shutdown().reason().contains("killed by gdb"));
            awaitState(f.sim, Simulation.State.SHUTDOWN);
        }
    }
}
