package io.el2studio.debug.ui.views;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;

import io.el2studio.debug.core.model.El2DebugTarget;
import io.el2studio.debug.core.model.El2Thread;

/**
 * The EL2 Studio launch a debug context (the Debug view's selection) names: its target and, when a
 * thread or frame is selected, that PE's thread. Both null when the selection is no EL2 Studio launch.
 */
record El2Context(El2DebugTarget target, El2Thread thread) {
    static final El2Context NONE = new El2Context(null, null);

    static El2Context of(ISelection selection) {
        if (!(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return NONE;
        }
        Object o = s.getFirstElement();
        if (o instanceof ILaunch l) {
            return l.getDebugTarget() instanceof El2DebugTarget t && !t.isTerminated() ? new El2Context(t, null) : NONE;
        }
        if (!(o instanceof IDebugElement) && o instanceof IAdaptable a) {
            o = a.getAdapter(IDebugElement.class);
        }
        if (o instanceof IDebugElement e) {
            IDebugTarget t = e.getDebugTarget();
            if (t instanceof El2DebugTarget et && !et.isTerminated()) {
                El2Thread th = e instanceof El2Thread x ? x
                        : e instanceof org.eclipse.debug.core.model.IStackFrame f && f.getThread() instanceof El2Thread x ? x : null;
                return new El2Context(et, th);
            }
        }
        return NONE;
    }

    /** The PE whose registers a view shows: the selected thread's, else PE0. */
    int pe() {
        return thread == null ? 0 : thread.pe();
    }
}
