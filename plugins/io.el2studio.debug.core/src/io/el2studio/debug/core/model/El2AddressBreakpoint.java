package io.el2studio.debug.core.model;

import java.util.Map;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.Breakpoint;

import io.el2studio.debug.core.El2Launch;

/** A breakpoint on an instruction address (a virtual address in the PE's current regime). */
public class El2AddressBreakpoint extends Breakpoint {
    public static final String ATTR_ADDRESS = El2Launch.PLUGIN_ID + ".address";

    public El2AddressBreakpoint() {
    }

    public El2AddressBreakpoint(long address) throws CoreException {
        IResource root = ResourcesPlugin.getWorkspace().getRoot();
        IWorkspaceRunnable create = monitor -> {
            IMarker marker = root.createMarker(El2Launch.ADDRESS_BREAKPOINT_MARKER);
            setMarker(marker);
            marker.setAttributes(Map.of(ATTR_ADDRESS, String.format("0x%x", address), ENABLED, true, ID,
                    getModelIdentifier(), IMarker.MESSAGE, String.format("Address breakpoint: 0x%x", address)));
        };
        run(getMarkerRule(root), create);
    }

    @Override
    public String getModelIdentifier() {
        return El2Launch.MODEL_ID;
    }

    public long address() {
        String s = getMarker().getAttribute(ATTR_ADDRESS, "0x0");
        return Long.parseUnsignedLong(s.startsWith("0x") ? s.substring(2) : s, 16);
    }
}
