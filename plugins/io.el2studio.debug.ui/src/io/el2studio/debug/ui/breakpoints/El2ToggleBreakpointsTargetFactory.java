package io.el2studio.debug.ui.breakpoints;

import java.util.Set;

import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTargetFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;

/** Offers {@link El2ToggleBreakpointsTarget} in editors of C and assembler sources (the Generic and the text editor). */
public class El2ToggleBreakpointsTargetFactory implements IToggleBreakpointsTargetFactory {
    public static final String TARGET_ID = "io.el2studio.debug.ui.toggleLineBreakpoints";

    @Override
    public Set<String> getToggleTargets(IWorkbenchPart part, ISelection selection) {
        return El2ToggleBreakpointsTarget.sourceOf(part) != null ? Set.of(TARGET_ID) : Set.of();
    }

    @Override
    public String getDefaultToggleTarget(IWorkbenchPart part, ISelection selection) {
        return El2ToggleBreakpointsTarget.sourceOf(part) != null ? TARGET_ID : null;
    }

    @Override
    public IToggleBreakpointsTarget createToggleTarget(String targetID) {
        return TARGET_ID.equals(targetID) ? new El2ToggleBreakpointsTarget() : null;
    }

    @Override
    public String getToggleTargetName(String targetID) {
        return "EL2 Studio line breakpoints";
    }

    @Override
    public String getToggleTargetDescription(String targetID) {
        return "Line breakpoints in C and assembler sources, for the EL2 Studio debugger";
    }
}
