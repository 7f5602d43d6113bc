package io.el2studio.debug.tests.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.swt.widgets.Display;

import io.el2studio.debug.core.El2Launch;

/**
 * The debugger tests' example project (tests/io.el2studio.debug.tests/resources/hello: C, assembler,
 * Makefile for the cross compiler) as a workspace project, launch configurations for it, and waiting
 * with a timeout (the event loop keeps running when the caller is the UI thread).
 */
public final class TestProjects {
    private TestProjects() {
    }

    public static Path resources() {
        return Path.of(System.getProperty("el2studio.root", "../.."), "tests", "io.el2studio.debug.tests", "resources", "hello")
                .toAbsolutePath().normalize();
    }

    /** A new workspace project {@code name} holding a copy of the example's sources (not built). */
    public static IProject create(String name) throws CoreException, IOException {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (p.exists()) {
            p.delete(true, true, new NullProgressMonitor());
        }
        p.create(new NullProgressMonitor());
        p.open(new NullProgressMonitor());
        try (Stream<Path> files = Files.list(resources())) {
            for (Path f : files.toList()) {
                IFile file = p.getFile(f.getFileName().toString());
                file.create(new ByteArrayInputStream(Files.readAllBytes(f)), IResource.FORCE, new NullProgressMonitor());
            }
        }
        return p;
    }

    /** A configuration that builds {@code project} with make and runs {@code image} of it. */
    public static ILaunchConfigurationWorkingCopy configuration(IProject project, String image, String name) throws CoreException {
        ILaunchConfigurationWorkingCopy c = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(El2Launch.TYPE_ID).newInstance(null, name);
        c.setAttribute(El2Launch.ATTR_PROJECT, project.getName());
        c.setAttribute(El2Launch.ATTR_IMAGE, image);
        c.setAttribute(El2Launch.ATTR_BUILD_COMMAND, "make");
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_NONE);
        return c;
    }

    /** Waits until {@code condition} holds, at most {@code timeoutMs}; true if it did. */
    public static boolean waitFor(BooleanSupplier condition, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        Display d = Display.getCurrent();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            if (d != null) {
                if (!d.readAndDispatch()) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            } else {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Ends {@code launch} and everything of the model (breakpoints, launches) a test left behind. */
    public static void cleanUp(List<ILaunch> launches) throws CoreException {
        for (ILaunch l : launches) {
            if (l.canTerminate()) {
                l.terminate();
            }
            waitFor(l::isTerminated, 10_000);
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(l);
        }
        IBreakpoint[] all = DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(El2Launch.MODEL_ID);
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(all, true);
    }

    /** Runs a command of the cross tools; returns its output (stdout and stderr). */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
