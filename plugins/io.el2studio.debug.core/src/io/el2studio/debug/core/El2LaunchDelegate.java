package io.el2studio.debug.core;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.ILaunchConfigurationDelegate;

/**
 * Launches an AArch64 image on the EL2 Studio simulator.
 * <p>
 * For now it only checks the image attribute: starting a simulator target from the IDE is not
 * implemented yet, and the delegate says so instead of pretending to run.
 */
public class El2LaunchDelegate implements ILaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        Path image = imageOf(configuration);
        throw error("Image " + image + " is readable, but running an EL2 Studio target from the IDE is not implemented"
                + " yet; use './el2studio run " + image + "' from the repository root.");
    }

    /**
     * Returns the configured image as a readable regular file.
     *
     * @throws CoreException naming the problem and the file when the attribute is missing, the file
     *                       does not exist, is not a regular file or cannot be read
     */
    public static Path imageOf(ILaunchConfiguration configuration) throws CoreException {
        String value = configuration.getAttribute(El2Launch.ATTR_IMAGE, "").strip();
        if (value.isEmpty()) {
            throw error("No image set: choose the AArch64 image to run on the Main tab of '"
                    + configuration.getName() + "'.");
        }
        Path image;
        try {
            image = Path.of(value);
        } catch (InvalidPathException e) {
            throw error("Image path is not a valid path: " + value);
        }
        if (!Files.exists(image)) {
            throw error("Image not found: " + image);
        }
        if (!Files.isRegularFile(image)) {
            throw error("Image is not a regular file: " + image);
        }
        if (!Files.isReadable(image)) {
            throw error("Image is not readable: " + image);
        }
        return image;
    }

    private static CoreException error(String message) {
        return new CoreException(new Status(Status.ERROR, El2Launch.PLUGIN_ID, message));
    }
}
