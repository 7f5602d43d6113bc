package io.el2studio.debug.ui.breakpoints;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.texteditor.ITextEditor;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.model.El2LineBreakpoint;

/** Toggles EL2 Studio line breakpoints in C and assembler sources (ruler double-click, Ctrl+Shift+B). */
public class El2ToggleBreakpointsTarget implements IToggleBreakpointsTarget {

    /** The source file of {@code part} when it is one we set breakpoints in: .c, .h, .S, .s. */
    static IFile sourceOf(IWorkbenchPart part) {
        if (part instanceof ITextEditor editor) {
            IFile file = editor.getEditorInput().getAdapter(IFile.class);
            if (file != null && file.getFileExtension() != null
                    && java.util.Set.of("c", "h", "S", "s").contains(file.getFileExtension())) {
                return file;
            }
        }
        return null;
    }

    @Override
    public void toggleLineBreakpoints(IWorkbenchPart part, ISelection selection) throws CoreException {
        IFile file = sourceOf(part);
        if (file == null || !(selection instanceof ITextSelection text)) {
            return;
        }
        int line = text.getStartLine() + 1;
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(El2Launch.MODEL_ID)) {
            IMarker m = b.getMarker();
            if (b instanceof El2LineBreakpoint && m != null && file.equals(m.getResource())
                    && m.getAttribute(IMarker.LINE_NUMBER, -1) == line) {
                b.delete();
                return;
            }
        }
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new El2LineBreakpoint(file, line));
    }

    @Override
    public boolean canToggleLineBreakpoints(IWorkbenchPart part, ISelection selection) {
        return sourceOf(part) != null && selection instanceof ITextSelection;
    }

    @Override
    public void toggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
    }

    @Override
    public boolean canToggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }

    @Override
    public void toggleWatchpoints(IWorkbenchPart part, ISelection selection) {
    }

    @Override
    public boolean canToggleWatchpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }
}
