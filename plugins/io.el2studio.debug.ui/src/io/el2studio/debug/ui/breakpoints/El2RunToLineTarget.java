package io.el2studio.debug.ui.breakpoints;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.model.ISuspendResume;
import org.eclipse.debug.ui.actions.IRunToLineTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;

import io.el2studio.debug.core.model.El2StackFrame;
import io.el2studio.debug.core.model.El2Thread;

/** Run to Line (Ctrl+R) in C and assembler editors for an EL2 Studio PE: the engine's advance to that line. */
public class El2RunToLineTarget implements IRunToLineTarget {

    static El2Thread threadOf(ISuspendResume target) {
        if (target instanceof El2Thread t) {
            return t;
        }
        if (target instanceof El2StackFrame f) {
            return (El2Thread) f.getThread();
        }
        return target instanceof IAdaptable a ? a.getAdapter(El2Thread.class) : null;
    }

    @Override
    public void runToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) throws CoreException {
        IFile file = El2ToggleBreakpointsTarget.sourceOf(part);
        El2Thread thread = threadOf(target);
        if (file == null || thread == null || !(selection instanceof ITextSelection text) || file.getLocation() == null) {
            return;
        }
        if (!thread.runToLine(file.getLocation().toString(), text.getStartLine() + 1)) {
            throw new CoreException(org.eclipse.core.runtime.Status.error("No code at or after line " + (text.getStartLine() + 1)
                    + " of " + file.getName() + " in the image"));
        }
    }

    @Override
    public boolean canRunToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) {
        El2Thread thread = threadOf(target);
        return thread != null && thread.isSuspended() && El2ToggleBreakpointsTarget.sourceOf(part) != null;
    }
}
