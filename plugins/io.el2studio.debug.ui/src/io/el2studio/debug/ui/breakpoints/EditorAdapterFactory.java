package io.el2studio.debug.ui.breakpoints;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.IRunToLineTarget;
import org.eclipse.ui.IWorkbenchPart;

/** The editors of C and assembler sources adapt to {@link IRunToLineTarget} (the platform's Run to Line action asks). */
public class EditorAdapterFactory implements IAdapterFactory {
    @Override
    public <T> T getAdapter(Object adaptable, Class<T> type) {
        if (type == IRunToLineTarget.class && adaptable instanceof IWorkbenchPart part
                && El2ToggleBreakpointsTarget.sourceOf(part) != null) {
            return type.cast(new El2RunToLineTarget());
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { IRunToLineTarget.class };
    }
}
