package io.el2studio.sim.gdb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

import io.el2studio.sim.control.Simulation;

/**
 * A GDB remote-serial-protocol server for a {@link Simulation}: one client at a time, served on one
 * daemon thread that also accepts the next client when the current one leaves. It binds to
 * 127.0.0.1 unless another address is given explicitly. A client that connects while the guest
 * runs stops it (as QEMU's gdbstub does); a client that detaches ({@code D}) or disconnects
 * resumes it unless {@link #stopOnDisconnect} is set; {@code k} ends the simulation.
 */
public final class GdbServer implements AutoCloseable {
    private final Simulation sim;
    private final ServerSocket server;
    private final Thread thread;
    private final Consumer<String> log;
    private volatile Socket client;
    private volatile boolean closed;
    /** Leave the guest stopped, rather than running, when the client disconnects without detaching. */
    public volatile boolean stopOnDisconnect;
    /** Called when the client sends {@code k} (the runner exits; the default shuts the board down). */
    public volatile Runnable onKill;

    private GdbServer(Simulation sim, ServerSocket server, Consumer<String> log) {
        this.sim = sim;
        this.server = server;
        this.log = log;
        this.thread = new Thread(this::acceptLoop, "el2studio-gdb-server");
        thread.setDaemon(true);
    }

    /**
     * Listens on {@code hostPort} ({@code [HOST:]PORT}; port 0 picks a free one, see {@link #port}).
     * Unless {@code wait}, the guest is resumed at once and a client stops it when it connects;
     * with {@code wait} the simulation stays stopped until a client resumes it.
     */
    public static GdbServer start(Simulation sim, String hostPort, boolean wait) throws IOException {
        return start(sim, hostPort, wait, System.err::println);
    }

    public static GdbServer start(Simulation sim, String hostPort, boolean wait, Consumer<String> log) throws IOException {
        InetSocketAddress a = address(hostPort);
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(a, 8); // a client that comes while another is served waits its turn
        GdbServer g = new GdbServer(sim, s, log);
        g.thread.start();
        if (!wait) {
            sim.run();
        }
        return g;
    }

    /** Parses {@code [HOST:]PORT}; HOST defaults to 127.0.0.1 (never all interfaces unless asked). */
    public static InetSocketAddress address(String hostPort) throws IOException {
        String host = "127.0.0.1";
        String port = hostPort.trim();
        int colon = port.lastIndexOf(':');
        if (colon >= 0) {
            if (colon > 0) {
                host = port.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
            }
            port = port.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IOException("bad GDB port '" + hostPort + "': expected [HOST:]PORT");
        }
        if (p < 0 || p > 65535) {
            throw new IOException("GDB port out of range: " + p);
        }
        return new InetSocketAddress(InetAddress.getByName(host), p);
    }

    public int port() {
        return server.getLocalPort();
    }

    public Simulation simulation() {
        return sim;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                break; // closed
            }
            client = s;
            try {
                s.setTcpNoDelay(true);
                new Session(this, sim, new RspChannel(s)).serve();
            } catch (IOException e) {
                // the client went away (EOF, reset, broken pipe): a normal end of a session
            } catch (RuntimeException e) {
                if (!closed) {
                    log.accept("gdb: connection ended: " + e);
                }
            } finally {
                client = null;
                try {
                    s.close();
                } catch (IOException e) {
                    // already gone
                }
            }
        }
    }

    void log(String line) {
        log.accept(line);
    }

    void kill() {
        Runnable k = onKill;
        if (k != null) {
            k.run();
        } else {
            // Packets are served only while the guest is stopped: the board ends, the next resume reports SHUTDOWN.
            sim.call(b -> {
                b.shutdown(new io.el2studio.sim.board.VirtBoard.Shutdown("killed by gdb", 0));
                return null;
            }, 5000);
        }
    }

    /** Stops listening, drops the client (its session cleans up as on a disconnect) and ends the thread. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        Socket c = client;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
