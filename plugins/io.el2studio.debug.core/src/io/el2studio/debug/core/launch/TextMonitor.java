package io.el2studio.debug.core.launch;

import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IFlushableStreamMonitor;

/**
 * A stream of text for the platform's process console: what the guest's UART (or the simulator's
 * log) writes. Appends come from one pump thread; the contents are kept only while buffered (the
 * console turns buffering off once connected, so a guest that floods the UART costs no memory).
 */
final class TextMonitor implements IFlushableStreamMonitor {
    private final CopyOnWriteArrayList<IStreamListener> listeners = new CopyOnWriteArrayList<>();
    private final StringBuilder contents = new StringBuilder();
    private boolean buffered = true;

    @Override
    public void addListener(IStreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(IStreamListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized String getContents() {
        return contents.toString();
    }

    @Override
    public synchronized void flushContents() {
        contents.setLength(0);
    }

    @Override
    public synchronized void setBuffered(boolean buffer) {
        buffered = buffer;
    }

    @Override
    public synchronized boolean isBuffered() {
        return buffered;
    }

    void append(String text) {
        synchronized (this) {
            if (buffered) {
                contents.append(text);
            }
        }
        for (IStreamListener l : listeners) {
            l.streamAppended(text, this);
        }
    }
}
