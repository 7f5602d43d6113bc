package io.el2studio.debug.core.launch;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;

import io.el2studio.debug.core.model.El2DebugTarget;
import io.el2studio.debug.core.symbols.EngineProgram;
import io.el2studio.debug.core.symbols.ProgramInfo;
import io.el2studio.sim.cli.RunArgs;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.SimulationListener;
import io.el2studio.sim.gdb.GdbServer;
import io.el2studio.sim.loader.ImageException;

/**
 * One launch's simulated machine: the virt board built as {@code ./el2studio run} builds it
 * (HeadlessRun.boot), its {@link Simulation}, the UART console, the optional GDB server and, in
 * Debug mode, the debug target. It ends when the guest shuts down (PSCI SYSTEM_OFF, semihosting exit,
 * a crash) or is terminated; then nothing of it keeps running.
 */
public final class El2Session {
    private final ILaunch launch;
    private final Simulation sim;
    private final UartProcess uart;
    private final ProgramInfo program;
    private final HeadlessRun.Options options;
    private GdbServer gdb;
    private El2DebugTarget target;
    private volatile boolean ended;

    private El2Session(ILaunch launch, Simulation sim, UartProcess uart, ProgramInfo program, HeadlessRun.Options options) {
        this.launch = launch;
        this.sim = sim;
        this.uart = uart;
        this.program = program;
        this.options = options;
    }

    /** Boots and starts the machine of {@code settings}; an image problem is a CoreException with run's one line. */
    public static El2Session start(LaunchSettings settings, ILaunch launch, String mode, UartProcess uart) throws CoreException {
        HeadlessRun.Options options = settings.options();
        ForwardingStream out = new ForwardingStream();
        HeadlessRun.Booted booted;
        PrintStream log = new PrintStream(new LineLog(out), true, StandardCharsets.UTF_8);
        try {
            booted = HeadlessRun.boot(options, out, log);
        } catch (ImageException e) {
            throw LaunchSettings.error(RunArgs.describe(e, options));
        }
        ProgramInfo program = null;
        try {
            program = EngineProgram.open(options.kernel(), options.el());
        } catch (ImageException e) {
            // a Linux Image or raw binary: no symbols, the debugger shows addresses
        }
        Simulation sim = new Simulation(booted.board());
        out.target = uart;
        El2Session s = new El2Session(launch, sim, uart, program, options);
        uart.onTerminate(s::terminate);
        booted.board().setInput(uart::nextInput);
        uart.onInput(sim::wakeUp);
        if (options.idleSleep()) {
            sim.setIdleSleep(true);
        }
        sim.addListener(new SimulationListener() {
            @Override
            public void stopped(StopReason r) {
                if (r.kind() == StopKind.SHUTDOWN || r.kind() == StopKind.ALL_PES_OFF) {
                    uart.log("el2studio: " + r.detail());
                    // not on the simulation thread: closing it joins it
                    Thread t = new Thread(s::terminate, "el2studio-session-end");
                    t.setDaemon(true);
                    t.start();
                }
            }
        });
        try {
            if (!settings.gdbPort().isEmpty()) {
                // started stopped: the launch decides when the guest runs (Run mode below, or the debug target)
                s.gdb = GdbServer.start(sim, settings.gdbPort(), true, line -> uart.log("el2studio: " + line));
                uart.log("el2studio: GDB server on port " + s.gdb.port());
            }
            if (ILaunchManager.DEBUG_MODE.equals(mode)) {
                s.target = new El2DebugTarget(launch, s);
                launch.addDebugTarget(s.target);
                s.target.start(settings.stop(), settings.stopSymbol());
            } else {
                sim.run();
            }
        } catch (java.io.IOException | RuntimeException e) {
            s.terminate();
            throw LaunchSettings.error("cannot start the GDB server: " + e.getMessage());
        }
        return s;
    }

    public Simulation simulation() {
        return sim;
    }

    /** The GDB server of the Debugger tab's port, or null. */
    public GdbServer gdbServer() {
        return gdb;
    }

    /** The program of the image (null for an image without symbols). */
    public ProgramInfo program() {
        return program;
    }

    public HeadlessRun.Options options() {
        return options;
    }

    public Path image() {
        return options.kernel();
    }

    public UartProcess uart() {
        return uart;
    }

    public ILaunch launch() {
        return launch;
    }

    public boolean isEnded() {
        return ended;
    }

    /** Ends everything: the simulation thread, the GDB server, the console, the debug target. Idempotent. */
    public void terminate() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        if (gdb != null) {
            gdb.close();
        }
        sim.close();
        var shutdown = sim.board().shutdown();
        uart.ended(shutdown == null ? 0 : shutdown.status());
        if (target != null) {
            target.sessionEnded();
        }
    }

    /** The UART stream of the board: bytes go to the console once it exists. */
    private static final class ForwardingStream extends OutputStream {
        volatile UartProcess target;

        @Override
        public void write(int b) throws java.io.IOException {
            UartProcess t = target;
            if (t != null) {
                t.uartOut.write(b);
            }
        }
    }

    /** The simulator's log: each line to the console's error stream. */
    private static final class LineLog extends OutputStream {
        private final ForwardingStream out;
        private final StringBuilder line = new StringBuilder();

        LineLog(ForwardingStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                UartProcess t = out.target;
                if (t != null) {
                    t.log(line.toString());
                }
                line.setLength(0);
            } else if (b != '\r') {
                line.append((char) b);
            }
        }
    }
}
