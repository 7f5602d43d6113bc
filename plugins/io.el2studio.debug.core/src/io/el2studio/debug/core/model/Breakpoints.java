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

/**
 * The platform's breakpoints of one target, installed as Simulation breakpoints: a line breakpoint at
 * the addresses its line resolves to (the first line at or after it with code), an address breakpoint
 * at its address; enabling, disabling and removing them follow at once. Runs on the target's executor.
 */
final class Breakpoints implements IBreakpointListener {
    private final El2DebugTarget target;
    private final Map<IBreakpoint, List<Long>> installed = new ConcurrentHashMap<>();

    Breakpoints(El2DebugTarget target) {
        this.target = target;
    }

    void installAll() {
        IBreakpointManager m = DebugPlugin.getDefault().getBreakpointManager();
        for (IBreakpoint b : m.getBreakpoints(El2Launch.MODEL_ID)) {
            install(b);
        }
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

    private void install(IBreakpoint b) {
        try {
            if (installed.containsKey(b) || !b.isEnabled() || !DebugPlugin.getDefault().getBreakpointManager().isEnabled()) {
                return;
            }
        } catch (CoreException e) {
            return;
        }
        List<Long> addresses = addressesOf(b);
        for (long a : addresses) {
            target.insertions().insert(a);
        }
        installed.put(b, addresses);
    }

    private void uninstall(IBreakpoint b) {
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
