package io.el2studio.debug.ui.examples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.osgi.framework.Bundle;

import io.el2studio.debug.core.El2Launch;

/**
 * The example projects shipped in the io.el2studio.examples bundle: copies one of its folders into a new
 * workspace project and makes the launch configuration that builds and debugs it. UI-free, so the
 * wizard runs it off the UI thread and a test can call it directly.
 */
public final class ExampleProjects {
    public static final String BUNDLE = "io.el2studio.examples";
    /** The microvisor example: its folder in the bundle, the image it boots and where a Debug launch stops. */
    public static final String MICROVISOR = "microvisor";
    public static final String MICROVISOR_IMAGE = "build/hyp.elf";
    /** The microvisor has no main(): hyp_main() in hyp/main.c is its C entry after hyp/entry.S. */
    public static final String MICROVISOR_STOP_SYMBOL = "hyp_main";

    private ExampleProjects() {
    }

    /** Why {@code name} cannot be the new project's name, or null if it can. */
    public static String nameProblem(String name) {
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        if (name == null || name.isBlank()) {
            return "Enter a project name";
        }
        IStatus s = ws.validateName(name, IResource.PROJECT);
        if (!s.isOK()) {
            return s.getMessage();
        }
        if (ws.getRoot().getProject(name).exists()) {
            return "A project named '" + name + "' already exists in the workspace";
        }
        return null;
    }

    /** The files of {@code folder} in the examples bundle, as paths relative to it ("hyp/main.c"), sorted. */
    public static List<String> files(String folder) throws CoreException {
        Bundle b = Platform.getBundle(BUNDLE);
        if (b == null) {
            throw error("The examples bundle " + BUNDLE + " is not installed");
        }
        Enumeration<URL> e = b.findEntries(folder, "*", true);
        if (e == null) {
            throw error("The examples bundle " + BUNDLE + " has no folder " + folder);
        }
        String prefix = "/" + folder + "/";
        List<String> out = new ArrayList<>();
        for (URL u : Collections.list(e)) {
            String p = u.getPath();
            if (p.endsWith("/") || !p.startsWith(prefix)) {
                continue; // folders are made on the way to their files
            }
            String rel = p.substring(prefix.length());
            if (!rel.startsWith("build/")) { // a developer's own make output in a source-folder bundle
                out.add(rel);
            }
        }
        Collections.sort(out);
        if (out.isEmpty()) {
            throw error("The examples bundle's folder " + folder + " is empty");
        }
        return out;
    }

    /** Creates project {@code name} holding a copy of every file of the bundle's {@code folder}. */
    public static IProject create(String name, String folder, IProgressMonitor monitor) throws CoreException {
        String problem = nameProblem(name);
        if (problem != null) {
            throw error(problem);
        }
        List<String> files = files(folder);
        Bundle b = Platform.getBundle(BUNDLE);
        SubMonitor m = SubMonitor.convert(monitor, "Creating project " + name, files.size() + 2);
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        p.create(m.split(1));
        p.open(m.split(1));
        for (String rel : files) {
            IFile f = p.getFile(rel);
            mkdirs(f.getParent());
            URL u = b.getEntry(folder + "/" + rel);
            try (InputStream in = u.openStream()) {
                f.create(in, IResource.FORCE, m.split(1));
            } catch (IOException e) {
                throw error("Cannot read " + folder + "/" + rel + " of " + BUNDLE + ": " + e.getMessage());
            }
        }
        return p;
    }

    private static void mkdirs(org.eclipse.core.resources.IContainer c) throws CoreException {
        if (c instanceof IFolder f && !f.exists()) {
            mkdirs(f.getParent());
            f.create(true, true, null);
        }
    }

    /**
     * The launch configuration of the microvisor project: build with make, boot build/hyp.elf, a Debug
     * launch stops at hyp_main. Named after the project (a free name: "microvisor (1)" if taken).
     * The guests' symbol files (build/vm1.elf, build/vm2.elf) are not set: the launch type has no
     * attribute for extra symbol files yet.
     */
    public static ILaunchConfiguration microvisorConfiguration(IProject project) throws CoreException {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = lm.getLaunchConfigurationType(El2Launch.TYPE_ID);
        ILaunchConfigurationWorkingCopy c = type.newInstance(null, lm.generateLaunchConfigurationName(project.getName()));
        c.setAttribute(El2Launch.ATTR_PROJECT, project.getName());
        c.setAttribute(El2Launch.ATTR_IMAGE, MICROVISOR_IMAGE);
        c.setAttribute(El2Launch.ATTR_BUILD_COMMAND, El2Launch.DEFAULT_BUILD_COMMAND);
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_SYMBOL);
        c.setAttribute(El2Launch.ATTR_STOP_SYMBOL, MICROVISOR_STOP_SYMBOL);
        c.setMappedResources(new IResource[] { project });
        return c.doSave();
    }

    static CoreException error(String message) {
        return new CoreException(Status.error(message));
    }
}
