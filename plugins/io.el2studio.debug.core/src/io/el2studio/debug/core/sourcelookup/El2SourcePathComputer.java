package io.el2studio.debug.core.sourcelookup;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.sourcelookup.ISourceContainer;
import org.eclipse.debug.core.sourcelookup.ISourcePathComputerDelegate;
import org.eclipse.debug.core.sourcelookup.containers.DirectorySourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.ProjectSourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.WorkspaceSourceContainer;

import io.el2studio.debug.core.launch.LaunchSettings;

/** Default source path: the launch's project, the image's directory, then the whole workspace. */
public class El2SourcePathComputer implements ISourcePathComputerDelegate {
    public static final String ID = "io.el2studio.debug.core.sourcePathComputer";

    @Override
    public ISourceContainer[] computeSourceContainers(ILaunchConfiguration configuration, IProgressMonitor monitor)
            throws CoreException {
        LaunchSettings s = LaunchSettings.of(configuration);
        List<ISourceContainer> out = new ArrayList<>();
        IProject p = s.project();
        if (p != null) {
            out.add(new ProjectSourceContainer(p, false));
        }
        if (!s.image().isEmpty()) {
            File dir = new File(s.resolve(s.image())).getAbsoluteFile().getParentFile();
            if (dir != null && dir.isDirectory()) {
                out.add(new DirectorySourceContainer(dir, false));
            }
        }
        out.add(new WorkspaceSourceContainer());
        return out.toArray(ISourceContainer[]::new);
    }
}
