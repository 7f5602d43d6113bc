package io.el2studio.sim.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.Exceptions;

/**
 * Turns exception entries into {@link TrapRecord}s: every exception taken to EL2 or EL3 is recorded
 * (kept in a bounded history for the debugger's trap view and GDB's {@code monitor traps}, written
 * as JSON lines when a writer is set, passed to listeners), and every exception, whatever its
 * target, is counted by class for {@code --stats}. Runs on the simulation thread.
 */
public final class TrapRecorder {
    private final int historySize;
    private final ArrayDeque<TrapRecord> history = new ArrayDeque<>();
    private final Map<Integer, Long> syncByClass = new TreeMap<>();
    private final Map<String, Long> asyncByKind = new TreeMap<>();
    private final List<Consumer<TrapRecord>> listeners = new ArrayList<>();
    private Writer jsonLines;
    private long recorded;

    public TrapRecorder(int historySize) {
        this.historySize = historySize;
    }

    /** Writes each record as one JSON line to {@code w} (flushed by {@link #flush}). */
    public void writeTo(Writer w) {
        this.jsonLines = w;
    }

    public void addListener(Consumer<TrapRecord> l) {
        listeners.add(l);
    }

    /** Called on every exception entry (from the board's exception listener). */
    public void exceptionTaken(Cpu cpu, int fromEl, int toEl, int kind) {
        if (kind == Exceptions.SYNC) {
            syncByClass.merge((int) (cpu.esr[toEl] >>> 26) & 0x3F, 1L, Long::sum);
        } else {
            asyncByKind.merge(TrapRecord.kindName(kind), 1L, Long::sum);
        }
        if (toEl < 2) {
            return;
        }
        TrapRecord r = TrapRecord.of(cpu, fromEl, toEl, kind);
        recorded++;
        synchronized (history) {
            if (history.size() == historySize) {
                history.removeFirst();
            }
            history.addLast(r);
        }
        if (jsonLines != null) {
            try {
                jsonLines.write(r.toJson());
                jsonLines.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Consumer<TrapRecord> l : listeners) {
            l.accept(r);
        }
    }

    /** The most recent records, oldest first (thread-safe copy). */
    public List<TrapRecord> history() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    /** Number of records made (exceptions taken to EL2 or EL3). */
    public long recorded() {
        return recorded;
    }

    /** Synchronous exceptions (all target ELs) by ESR_ELx.EC. */
    public Map<Integer, Long> syncByClass() {
        return new TreeMap<>(syncByClass);
    }

    /** Asynchronous exceptions (irq, fiq, serror) by kind. */
    public Map<String, Long> asyncByKind() {
        return new TreeMap<>(asyncByKind);
    }

    public void flush() {
        if (jsonLines != null) {
            try {
                jsonLines.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
