package io.el2studio.debug.core;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.ILaunchConfigurationDelegate2;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

import io.el2studio.debug.core.launch.BuildStep;
import io.el2studio.debug.core.launch.El2Session;
import io.el2studio.debug.core.launch.LaunchSettings;
import io.el2studio.debug.core.launch.UartProcess;

/**
 * Launches an AArch64 image on the EL2 Studio simulator: runs the Build tab's command in the project
 * (a failure ends the launch with its first error), checks the settings and the image as
 * {@code ./el2studio run} does (one-line errors), boots the virt board and, in Debug mode, attaches the
 * debug target. Runs in the platform's launch job, never on the UI thread.
 */
public class El2LaunchDelegate extends LaunchConfigurationDelegate implements ILaunchConfigurationDelegate2 {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        LaunchSettings settings = LaunchSettings.of(configuration);
        if (settings.image().isEmpty()) {
            throw LaunchSettings.error("No image set: choose the AArch64 image to run on the Main tab of '"
                    + configuration.getName() + "'");
        }
        UartProcess uart = new UartProcess(launch, "UART " + settings.image().substring(settings.image().lastIndexOf('/') + 1));
        try {
            if (!settings.buildCommand().isEmpty()) {
                IProject project = settings.project();
                if (project != null) {
                    monitor.subTask("Building: " + settings.buildCommand());
                    BuildStep.run(settings.buildCommand(), project, launch, monitor);
                }
            }
            settings.options(); // the settings' one-line problems before anything starts
            monitor.subTask("Starting the simulator");
            El2Session.start(settings, launch, mode, uart);
        } catch (CoreException | RuntimeException e) {
            uart.log("el2studio: not started: " + e.getMessage());
            uart.ended(2);
            throw e;
        }
    }

    /** The platform's own workspace build is not what the Build tab asks for: the tab's command is. */
    @Override
    protected IProject[] getBuildOrder(ILaunchConfiguration configuration, String mode) {
        return null;
    }

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        return false;
    }
}
