package io.el2studio.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.El2Launch;

/** Headless: the "EL2 Studio" launch configuration type and the delegate's checks of the image, worded as ./el2studio run words them. */
class LaunchTypeTest {

    private static ILaunchConfigurationType type() {
        ILaunchConfigurationType type = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(El2Launch.TYPE_ID);
        assertNotNull(type, "launch configuration type " + El2Launch.TYPE_ID + " is not registered");
        return type;
    }

    private static CoreException launchFails(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(El2Launch.ATTR_BUILD_COMMAND, "");
        return assertThrows(CoreException.class,
                () -> configuration.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
    }

    @Test
    void launchTypeIsRegisteredForRunAndDebug() {
        ILaunchConfigurationType type = type();
        assertEquals("EL2 Studio", type.getName());
        assertTrue(type.supportsMode(ILaunchManager.RUN_MODE), "run mode");
        assertTrue(type.supportsMode(ILaunchManager.DEBUG_MODE), "debug mode");
        assertTrue(type.isPublic(), "shown in the launch dialog");
    }

    @Test
    void launchOfMissingImageFailsNamingTheFile() throws Exception {
        ILaunchConfigurationWorkingCopy configuration = type().newInstance(null, "missing-image");
        String missing = "/nonexistent/el2studio/guest.elf";
        configuration.setAttribute(El2Launch.ATTR_IMAGE, missing);
        CoreException e = launchFails(configuration);
        assertEquals(IStatus.ERROR, e.getStatus().getSeverity());
        assertEquals(Cli.runError(missing), e.getMessage());
        assertEquals("cannot load image '" + missing + "': no such file", e.getMessage());
    }

    @Test
    void launchWithoutImageAsksForOne() throws CoreException {
        ILaunchConfigurationWorkingCopy configuration = type().newInstance(null, "no-image");
        CoreException e = launchFails(configuration);
        assertTrue(e.getMessage().startsWith("No image set"), e.getMessage());
    }

    @Test
    void launchOfDirectoryIsRejected() throws Exception {
        Path dir = Files.createTempDirectory("el2studio");
        ILaunchConfigurationWorkingCopy configuration = type().newInstance(null, "directory-image");
        configuration.setAttribute(El2Launch.ATTR_IMAGE, dir.toString());
        assertEquals(Cli.runError(dir.toString()), launchFails(configuration).getMessage());
    }

    @Test
    void machineValuesAreCheckedAsRunChecksThem() throws Exception {
        ILaunchConfigurationWorkingCopy configuration = type().newInstance(null, "bad-smp");
        configuration.setAttribute(El2Launch.ATTR_IMAGE, "/nonexistent/x.elf");
        configuration.setAttribute(El2Launch.ATTR_SMP, "9");
        assertEquals(Cli.runError("--smp=9", "/nonexistent/x.elf"), launchFails(configuration).getMessage());
        assertEquals("option --smp: 9 is out of range (1..8)", launchFails(configuration).getMessage());
    }
}
