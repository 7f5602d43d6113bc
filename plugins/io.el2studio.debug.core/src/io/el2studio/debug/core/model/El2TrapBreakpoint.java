package io.el2studio.debug.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.model.Breakpoint;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.sim.trace.TrapFilter;

/**
 * An EL2 trap breakpoint (issue 11, IDE.md point 6): the board stops at the EL2 vector when an
 * exception taken to EL2 matches a {@link TrapFilter}, such as {@code DABT_LOW vmid=2 ipa=0x09000000 write}.
 * Not a line or address breakpoint but an event breakpoint in CDT's sense: its marker is on the
 * workspace root and holds the filter's text form (normalised by {@link TrapFilter#toString}).
 */
public class El2TrapBreakpoint extends Breakpoint {
    public static final String ATTR_FILTER = El2Launch.PLUGIN_ID + ".trapFilter";

    public El2TrapBreakpoint() {
    }

    /** A trap breakpoint on {@code filterText}; a filter that does not parse is a CoreException with the parser's message. */
    public El2TrapBreakpoint(String filterText) throws CoreException {
        String text = parse(filterText).toString();
        IResource root = ResourcesPlugin.getWorkspace().getRoot();
        IWorkspaceRunnable create = monitor -> {
            IMarker marker = root.createMarker(El2Launch.TRAP_BREAKPOINT_MARKER);
            setMarker(marker);
            marker.setAttributes(Map.of(ATTR_FILTER, text, ENABLED, true, ID, getModelIdentifier(), IMarker.MESSAGE,
                    "EL2 trap: " + text));
        };
        run(getMarkerRule(root), create);
    }

    /** {@code text} (words such as {@code DABT_LOW vmid=2 write}) as a filter; the parser's message if it is not one. */
    public static TrapFilter parse(String text) throws CoreException {
        try {
            return TrapFilter.parse(words(text));
        } catch (IllegalArgumentException e) {
            throw new CoreException(Status.error(e.getMessage(), e));
        }
    }

    /** The parser's one-line message for {@code text}, or null when it is a filter (an input dialog's validator). */
    public static String problem(String text) {
        try {
            TrapFilter.parse(words(text));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static List<String> words(String text) {
        String s = text == null ? "" : text.strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }

    @Override
    public String getModelIdentifier() {
        return El2Launch.MODEL_ID;
    }

    /** The filter's text form as stored. */
    public String filterText() {
        return getMarker().getAttribute(ATTR_FILTER, "any");
    }

    /** The filter; a marker edited into something that does not parse is a CoreException naming the problem. */
    public TrapFilter filter() throws CoreException {
        return parse(filterText());
    }

    /** The Breakpoints view's label: {@code EL2 trap: DABT_LOW to=EL2 vmid=2 ipa=0x9000000-0x9000fff write}. */
    public String label() {
        return "EL2 trap: " + filterText();
    }
}
