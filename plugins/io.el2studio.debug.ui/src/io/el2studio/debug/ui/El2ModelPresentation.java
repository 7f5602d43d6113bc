package io.el2studio.debug.ui;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.part.FileEditorInput;

import io.el2studio.debug.core.model.El2FieldVariable;
import io.el2studio.debug.core.model.El2TrapBreakpoint;

/**
 * Presentation of EL2 Studio debug elements: the model's own labels (PE threads, frames), and the
 * editor for a source the lookup found (the Generic Editor with our colouring), where the platform
 * shows the instruction pointer.
 */
public class El2ModelPresentation extends LabelProvider implements IDebugModelPresentation {
    public static final String GENERIC_EDITOR = "org.eclipse.ui.genericeditor.GenericEditor";

    @Override
    public void setAttribute(String attribute, Object value) {
    }

    @Override
    public String getText(Object element) {
        if (element instanceof El2TrapBreakpoint tb) {
            return tb.label();
        }
        return null; // the elements' getName()
    }

    /** A trap breakpoint: the platform's breakpoint images (enabled or disabled); others: the platform's defaults. */
    @Override
    public Image getImage(Object element) {
        if (element instanceof El2TrapBreakpoint tb) {
            boolean enabled;
            try {
                enabled = tb.isEnabled();
            } catch (org.eclipse.core.runtime.CoreException e) {
                enabled = false;
            }
            return DebugUITools.getImage(enabled ? IDebugUIConstants.IMG_OBJS_BREAKPOINT : IDebugUIConstants.IMG_OBJS_BREAKPOINT_DISABLED);
        }
        return null;
    }

    @Override
    public void computeDetail(IValue value, IValueDetailListener listener) {
        String detail;
        try {
            detail = value.getValueString();
        } catch (org.eclipse.debug.core.DebugException e) {
            detail = e.getMessage();
        }
        listener.detailComputed(value, detail);
    }

    @Override
    public IEditorInput getEditorInput(Object element) {
        if (element instanceof IFile f) {
            return new FileEditorInput(f);
        }
        if (element instanceof LocalFileStorage s) {
            return new FileStoreEditorInput(EFS.getLocalFileSystem().fromLocalFile(s.getFile()));
        }
        if (element instanceof El2FieldVariable) {
            return null;
        }
        return null;
    }

    @Override
    public String getEditorId(IEditorInput input, Object element) {
        return GENERIC_EDITOR;
    }
}
