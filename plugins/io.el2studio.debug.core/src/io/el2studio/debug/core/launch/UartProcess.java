package io.el2studio.debug.core.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy2;

/**
 * The guest's PL011 as a process of the launch, so that the platform gives it a console: the UART's
 * output (and semihosting output) is the process's output, what the engineer types in the console
 * goes to the UART's receive FIFO, the simulator's log lines are its error stream. Terminating it
 * terminates the session.
 *
 * <p>The simulation thread only copies bytes into a buffer ({@link #uartOut}); a pump thread hands
 * them to the console every 20 ms, so a guest flooding the UART never waits on the workbench.
 */
public final class UartProcess implements IProcess, IStreamsProxy2 {
    private final ILaunch launch;
    private final String label;
    private volatile Runnable terminator;
    private final TextMonitor output = new TextMonitor();
    private final TextMonitor errors = new TextMonitor();
    private final Map<String, String> attributes = new HashMap<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** What the console sent, for the UART's receive side (read by the simulation thread). */
    final ArrayBlockingQueue<Integer> input = new ArrayBlockingQueue<>(1 << 16);
    private final Thread pump;
    private volatile boolean terminated;
    private volatile int exitValue;
    private volatile Runnable onInput = () -> { };

    /** Bytes from the UART and semihosting: called on the simulation thread, never blocks on the UI. */
    public final OutputStream uartOut = new OutputStream() {
        @Override
        public void write(int b) {
            synchronized (pending) {
                pending.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (pending) {
                pending.write(b, off, len);
            }
        }
    };

    /**
     * Added to the launch before the build step runs, so that the launch has a running child all along
     * (a launch whose only child, the build, has ended counts as terminated, and the views stop following it).
     */
    public UartProcess(ILaunch launch, String label) {
        this.launch = launch;
        this.label = label;
        this.terminator = () -> ended(1);
        attributes.put(IProcess.ATTR_PROCESS_TYPE, "el2studio.uart");
        pump = new Thread(this::pump, "el2studio-uart-console");
        pump.setDaemon(true);
        pump.start();
        launch.addProcess(this);
        fire(DebugEvent.CREATE);
    }

    /** What Terminate does (until a session runs: end this process). */
    public void onTerminate(Runnable r) {
        terminator = r;
    }

    /** Called when the guest should look at new input (the session wakes an idle board). */
    public void onInput(Runnable r) {
        onInput = r;
    }

    /** The next byte typed into the console, or -1 (the UART's receive side polls this). */
    public int nextInput() {
        Integer b = input.poll();
        return b == null ? -1 : b;
    }

    /** A line of the simulator's log (error stream). */
    public void log(String line) {
        errors.append(line + System.lineSeparator());
    }

    private void pump() {
        while (true) {
            String text = drain();
            if (!text.isEmpty()) {
                output.append(text);
            } else if (terminated) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                if (terminated) {
                    output.append(drain());
                    return;
                }
            }
        }
    }

    private String drain() {
        synchronized (pending) {
            if (pending.size() == 0) {
                return "";
            }
            String s = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            return s;
        }
    }

    /** The session ended (guest shut down, or terminated): the console shows it as terminated. */
    public void ended(int status) {
        if (terminated) {
            return;
        }
        exitValue = status;
        terminated = true;
        pump.interrupt();
        try {
            pump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fire(DebugEvent.TERMINATE);
    }

    private void fire(int kind) {
        DebugPlugin p = DebugPlugin.getDefault();
        if (p != null) {
            p.fireDebugEventSet(new DebugEvent[] { new DebugEvent(this, kind) });
        }
    }

    // ---- IProcess ----

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy2 getStreamsProxy() {
        return this;
    }

    @Override
    public void setAttribute(String key, String value) {
        attributes.put(key, value);
    }

    @Override
    public String getAttribute(String key) {
        return attributes.get(key);
    }

    @Override
    public int getExitValue() throws DebugException {
        if (!terminated) {
            throw new DebugException(org.eclipse.core.runtime.Status.error("the simulation is still running"));
        }
        return exitValue;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter.isInstance(this)) {
            return adapter.cast(this);
        }
        if (adapter == ILaunch.class) {
            return adapter.cast(launch);
        }
        return null;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() {
        terminator.run();
    }

    // ---- IStreamsProxy2 ----

    @Override
    public IStreamMonitor getErrorStreamMonitor() {
        return errors;
    }

    @Override
    public IStreamMonitor getOutputStreamMonitor() {
        return output;
    }

    @Override
    public void write(String text) throws IOException {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (!input.offer(b & 0xFF)) {
                throw new IOException("the guest's UART input buffer is full");
            }
        }
        onInput.run();
    }

    @Override
    public void closeInputStream() {
        // the UART has no end of input
    }
}
