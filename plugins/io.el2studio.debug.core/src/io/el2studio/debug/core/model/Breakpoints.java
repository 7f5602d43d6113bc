package io.el2studio.debug.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.symbols.ProgramInfo;
import io.el2studio.sim.control.Debug.ExceptionCatch;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The platform's breakpoints of one target, installed as Simulation breakpoints: a line breakpoint at
 * the addresses its line resolves to (the first line at or after it with code), an address breakpoint
 * at its address, an EL2 trap breakpoint as an exception catch on its trap filter; enabling, disabling
 * and removing them follow at once. Runs on the target's executor.
 */
final class Breakpoints implements IBreakpointListener {
    private final El2DebugTarget target;
    private final Map<IBreakpoint, List<Long>> installed = new ConcurrentHashMap<>();
    /** The installed trap breakpoints and their catches (records: removed by equality, one at a time). */
    private final Map<El2TrapBreakpoint, ExceptionCatch> catches = new ConcurrentHashMap<>();

    Breakpoints(El2DebugTarget target) {
        this.target = target;
    }

    void installAll() {
        IBreakpointManager m = DebugPlugin.getDefault().getBreakpointManager();
        for (IBreakpoint b : m.getBreakpoints(El2Launch.MODEL_ID)) {
            install(b);
        }
    }

    /** Whether {@code b} is installed in the simulation (changes of the platform's breakpoints reach it asynchronously). */
    boolean isInstalled(IBreakpoint b) {
        return installed.containsKey(b) || catches.containsKey(b);
    }

    /** The installed breakpoints at {@code pc}. */
    IBreakpoint[] at(long pc) {
        List<IBreakpoint> out = new ArrayList<>();
        installed.forEach((b, addresses) -> {
            if (addresses.contains(pc)) {
                out.add(b);
            }
        });
        return out.toArray(IBreakpoint[]::new);
    }

    /**
     * The trap breakpoints that caused {@code r}: a stop at an EL2 (or EL3) vector whose detail is a
     * trap's description; each installed filter is matched against that PE's last trap record, as the
     * simulator's own check did at exception entry.
     */
    IBreakpoint[] trapsOf(StopReason r) {
        if (r.kind() != StopKind.EXCEPTION || !isTrapStop(r) || catches.isEmpty()) {
            return new IBreakpoint[0];
        }
        List<TrapRecord> history = target.simulation().board().traps.history();
        TrapRecord last = null;
        for (int i = history.size() - 1; i >= 0 && last == null; i--) {
            if (history.get(i).pe() == r.pe()) {
                last = history.get(i);
            }
        }
        Snapshot s = target.snapshot();
        long x0 = s == null ? 0 : s.pes[r.pe()].x()[0];
        List<IBreakpoint> out = new ArrayList<>();
        for (Map.Entry<El2TrapBreakpoint, ExceptionCatch> e : catches.entrySet()) {
            if (last != null && e.getValue().filter().matches(last, x0)) {
                out.add(e.getKey());
            }
        }
        return out.toArray(IBreakpoint[]::new);
    }

    /** A stop of a trap catch: its detail is TrapFilter.describe's "EL2 trap: ...". */
    static boolean isTrapStop(StopReason r) {
        return r.kind() == StopKind.EXCEPTION && r.detail().matches("EL[23] trap: .*");
    }

    private void install(IBreakpoint b) {
        try {
            if (installed.containsKey(b) || catches.containsKey(b) || !b.isEnabled() || !DebugPlugin.getDefault().getBreakpointManager().isEnabled()) {
                return;
            }
        } catch (CoreException e) {
            return;
        }
        if (b instanceof El2TrapBreakpoint tb) {
            ExceptionCatch c;
            try {
                c = ExceptionCatch.trap(tb.filter());
            } catch (CoreException e) {
                target.session().uart().log("el2studio debugger: trap breakpoint '" + tb.filterText() + "' is not installed: "
                        + e.getMessage());
                return;
            }
            target.simulation().addExceptionCatch(c);
            catches.put(tb, c);
            return;
        }
        List<Long> addresses = addressesOf(b);
        for (long a : addresses) {
            target.insertions().insert(a);
        }
        installed.put(b, addresses);
    }

    private void uninstall(IBreakpoint b) {
        ExceptionCatch c = b instanceof El2TrapBreakpoint tb ? catches.remove(tb) : null;
        if (c != null) {
            target.simulation().removeExceptionCatch(c);
        }
        List<Long> addresses = installed.remove(b);
        if (addresses != null) {
            for (long a : addresses) {
                target.insertions().remove(a);
            }
        }
    }

    private List<Long> addressesOf(IBreakpoint b) {
        if (b instanceof El2AddressBreakpoint ab) {
            return List.of(ab.address());
        }
        ProgramInfo program = target.program();
        if (b instanceof El2LineBreakpoint lb && program != null) {
            IMarker marker = lb.getMarker();
            int line = marker.getAttribute(IMarker.LINE_NUMBER, -1);
            ProgramInfo.Resolved r = program.breakpointAddresses(lb.sourcePath(), line);
            if (r.addresses().isEmpty()) {
                target.session().uart().log("el2studio debugger: breakpoint " + marker.getResource().getName() + ":" + line
                        + " is not resolved: no code at or after that line in " + target.session().image().getFileName());
            }
            return r.addresses();
        }
        return List.of();
    }

    @Override
    public void breakpointAdded(IBreakpoint b) {
        if (target.supportsBreakpoint(b)) {
            target.submit(() -> install(b));
        }
    }

    @Override
    public void breakpointRemoved(IBreakpoint b, IMarkerDelta delta) {
        if (target.supportsBreakpoint(b)) {
            target.submit(() -> uninstall(b));
        }
    }

    @Override
    public void breakpointChanged(IBreakpoint b, IMarkerDelta delta) {
        if (target.supportsBreakpoint(b)) {
            target.submit(() -> {
                uninstall(b);
                install(b);
            });
        }
    }
}
