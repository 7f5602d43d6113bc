package io.el2studio.debug.core.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunchConfiguration;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.sim.cli.RunArgs;
import io.el2studio.sim.control.HeadlessRun;

/**
 * The settings of an "EL2 Studio" launch configuration, and the {@code ./el2studio run} command line
 * they stand for: every value is checked by the command line's own parser (io.el2studio.sim.cli.RunArgs),
 * so the tabs and the launch reject what {@code run} rejects, with its words.
 */
public record LaunchSettings(String projectName, String image, String initrd, String dtb, String append, String cpu,
        String smp, String memory, String el, boolean idleSleep, String stop, String stopSymbol, String gdbPort,
        String buildCommand) {

    public static LaunchSettings of(ILaunchConfiguration c) throws CoreException {
        return new LaunchSettings(c.getAttribute(El2Launch.ATTR_PROJECT, "").strip(),
                c.getAttribute(El2Launch.ATTR_IMAGE, "").strip(), c.getAttribute(El2Launch.ATTR_INITRD, "").strip(),
                c.getAttribute(El2Launch.ATTR_DTB, "").strip(), c.getAttribute(El2Launch.ATTR_APPEND, ""),
                c.getAttribute(El2Launch.ATTR_CPU, El2Launch.DEFAULT_CPU).strip(), c.getAttribute(El2Launch.ATTR_SMP, "1").strip(),
                c.getAttribute(El2Launch.ATTR_MEMORY, El2Launch.DEFAULT_MEMORY).strip(),
                c.getAttribute(El2Launch.ATTR_EL, "2").strip(), c.getAttribute(El2Launch.ATTR_IDLE_SLEEP, false),
                c.getAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_SYMBOL),
                c.getAttribute(El2Launch.ATTR_STOP_SYMBOL, El2Launch.DEFAULT_STOP_SYMBOL).strip(),
                c.getAttribute(El2Launch.ATTR_GDB_PORT, "").strip(),
                c.getAttribute(El2Launch.ATTR_BUILD_COMMAND, El2Launch.DEFAULT_BUILD_COMMAND).strip());
    }

    /** The project, or null when none is named or it does not exist. */
    public IProject project() {
        if (projectName.isEmpty()) {
            return null;
        }
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
        return p.exists() ? p : null;
    }

    /** The project's directory in the file system, or null. */
    public Path projectDirectory() {
        IProject p = project();
        IPath loc = p == null ? null : p.getLocation();
        return loc == null ? null : loc.toPath();
    }

    /** A file setting as a path: relative paths are relative to the project's directory. */
    public String resolve(String value) {
        if (value.isEmpty()) {
            return value;
        }
        Path dir = projectDirectory();
        try {
            Path p = Path.of(value);
            return p.isAbsolute() || dir == null ? value : dir.resolve(p).toString();
        } catch (java.nio.file.InvalidPathException e) {
            return value;
        }
    }

    /** The Machine tab's options as {@code run} options. */
    public List<String> machineArgs() {
        List<String> a = new ArrayList<>();
        a.add("--cpu=" + cpu);
        a.add("--smp=" + smp);
        a.add("--memory=" + memory);
        a.add("--el=" + el);
        if (idleSleep) {
            a.add("--idle-sleep");
        }
        return a;
    }

    /** The Main tab's options (without the image). */
    public List<String> mainArgs() {
        List<String> a = new ArrayList<>();
        if (!initrd.isEmpty()) {
            a.add("--initrd=" + resolve(initrd));
        }
        if (!dtb.isEmpty()) {
            a.add("--dtb=" + resolve(dtb));
        }
        if (!append.isEmpty()) {
            a.add("--append=" + append);
        }
        return a;
    }

    /** The whole {@code run} command line. */
    public List<String> runArgs() {
        List<String> a = new ArrayList<>(machineArgs());
        a.addAll(mainArgs());
        if (!gdbPort.isEmpty()) {
            a.add("--gdb=" + gdbPort);
        }
        a.add("--");
        a.add(resolve(image));
        return a;
    }

    /** The virt board's options; a bad value is a CoreException with {@code run}'s one-line message. */
    public HeadlessRun.Options options() throws CoreException {
        if (image.isEmpty()) {
            throw error("No image set: choose the AArch64 image to run on the Main tab");
        }
        try {
            return RunArgs.virtOptions(runArgs());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * The first problem of the Machine tab's values as {@code run} words it, or null. An image name is
     * supplied so that only these options are judged.
     */
    public String machineProblem() {
        List<String> a = machineArgs();
        a.add("--");
        a.add("IMAGE");
        return problem(a);
    }

    /** The first problem of the Main tab's initrd, DTB and command line, or null. */
    public String mainProblem() {
        List<String> a = mainArgs();
        a.add("--");
        a.add("IMAGE");
        return problem(a);
    }

    /** The GDB port's problem, or null. */
    public String gdbProblem() {
        if (gdbPort.isEmpty()) {
            return null;
        }
        return problem(List.of("--gdb=" + gdbPort, "--", "IMAGE"));
    }

    private static String problem(List<String> args) {
        try {
            RunArgs.virtOptions(args);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static CoreException error(String message) {
        return new CoreException(Status.error(message));
    }
}
