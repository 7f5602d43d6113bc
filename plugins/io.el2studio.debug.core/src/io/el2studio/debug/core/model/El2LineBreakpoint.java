package io.el2studio.debug.core.model;

import java.util.Map;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.LineBreakpoint;

import io.el2studio.debug.core.El2Launch;

/** A line breakpoint in a C or assembler source: resolved to addresses through the image's line table when a target starts. */
public class El2LineBreakpoint extends LineBreakpoint {

    /** For the platform's breakpoint manager, which restores breakpoints from their markers. */
    public El2LineBreakpoint() {
    }

    /** A new, enabled, registered line breakpoint on {@code resource} at 1-based {@code line}. */
    public El2LineBreakpoint(IResource resource, int line) throws CoreException {
        IWorkspaceRunnable create = monitor -> {
            IMarker marker = resource.createMarker(El2Launch.LINE_BREAKPOINT_MARKER);
            setMarker(marker);
            marker.setAttributes(Map.of(IMarker.LINE_NUMBER, line, ENABLED, true, ID, getModelIdentifier(),
                    IMarker.MESSAGE, "Line breakpoint: " + resource.getName() + " [line: " + line + "]"));
        };
        run(getMarkerRule(resource), create);
    }

    @Override
    public String getModelIdentifier() {
        return El2Launch.MODEL_ID;
    }

    /** The file system path of the source, as the line table is searched for it. */
    public String sourcePath() {
        IResource r = getMarker().getResource();
        return r.getLocation() != null ? r.getLocation().toString() : r.getName();
    }
}
