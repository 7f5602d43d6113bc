package io.el2studio.debug.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;

import io.el2studio.debug.core.El2Launch;

/**
 * Run As / Debug As &gt; EL2 Studio on an ELF file of the workspace: reuses the configuration of that
 * image, or creates one (project = the file's project, build with {@code make}, stop at {@code main}).
 */
public class El2LaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof IAdaptable a) {
            IFile file = a.getAdapter(IFile.class);
            if (file != null) {
                launch(file, mode);
            }
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IFile file = editor.getEditorInput().getAdapter(IFile.class);
        if (file != null) {
            launch(file, mode);
        }
    }

    public static void launch(IFile file, String mode) {
        try {
            DebugUITools.launch(configurationFor(file), mode);
        } catch (CoreException e) {
            ErrorDialog.openError(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "EL2 Studio",
                    "Cannot launch " + file.getName(), e.getStatus());
        }
    }

    /** The configuration that runs {@code file}: an existing one for the same project and image, else a new one. */
    public static ILaunchConfiguration configurationFor(IFile file) throws CoreException {
        ILaunchManager m = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = m.getLaunchConfigurationType(El2Launch.TYPE_ID);
        String project = file.getProject().getName();
        String image = file.getProjectRelativePath().toString();
        for (ILaunchConfiguration c : m.getLaunchConfigurations(type)) {
            if (project.equals(c.getAttribute(El2Launch.ATTR_PROJECT, "")) && image.equals(c.getAttribute(El2Launch.ATTR_IMAGE, ""))) {
                return c;
            }
        }
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, m.generateLaunchConfigurationName(file.getName()));
        wc.setAttribute(El2Launch.ATTR_PROJECT, project);
        wc.setAttribute(El2Launch.ATTR_IMAGE, image);
        wc.setAttribute(El2Launch.ATTR_BUILD_COMMAND, El2Launch.DEFAULT_BUILD_COMMAND);
        wc.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_SYMBOL);
        wc.setAttribute(El2Launch.ATTR_STOP_SYMBOL, El2Launch.DEFAULT_STOP_SYMBOL);
        wc.setMappedResources(new org.eclipse.core.resources.IResource[] { file });
        return wc.doSave();
    }
}
