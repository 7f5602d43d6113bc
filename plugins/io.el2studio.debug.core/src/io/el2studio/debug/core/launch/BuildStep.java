package io.el2studio.debug.core.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;

import io.el2studio.debug.core.El2Launch;

/**
 * The Build tab's command, run in the project's directory before the launch: its output is a process
 * of the launch (so the platform shows it in a console), gcc's and GNU as' {@code file:line:col: error:}
 * lines become Problems markers on the workspace files, and a failure ends the launch with one line.
 */
public final class BuildStep {

    /** gcc's diagnostics (GCC manual, "Diagnostic Message Formatting Options"): {@code file:line[:col]: kind: text}. */
    static final Pattern DIAGNOSTIC = Pattern.compile("^(.+?):(\\d+):(?:(\\d+):)? (fatal error|error|warning|Error|Warning): (.*)$");

    public record Diagnostic(String file, int line, int column, boolean error, String message) {
        public String text() {
            return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + (error ? "error" : "warning") + ": " + message;
        }
    }

    private BuildStep() {
    }

    /**
     * Runs {@code command} with {@code sh -c} in {@code project}'s directory; returns when it ends.
     *
     * @throws CoreException {@code Build failed: COMMAND exited with status N: FIRST ERROR} when it fails
     */
    public static void run(String command, IProject project, ILaunch launch, IProgressMonitor monitor) throws CoreException {
        Path dir = project.getLocation().toPath();
        project.deleteMarkers(El2Launch.BUILD_PROBLEM_MARKER, false, IResource.DEPTH_INFINITE);
        Process p;
        try {
            p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw LaunchSettings.error("Build failed: cannot run '" + command + "': " + e.getMessage());
        }
        IProcess process = DebugPlugin.newProcess(launch, p, "Build: " + command);
        int status;
        try {
            while (!p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (monitor.isCanceled()) {
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                    throw LaunchSettings.error("Build cancelled: " + command);
                }
            }
            status = p.exitValue();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw LaunchSettings.error("Build interrupted: " + command);
        }
        // the platform's stream readers may still be reading the last bytes: wait until they are done
        for (int i = 0; i < 50 && !process.isTerminated(); i++) {
            sleep();
        }
        String output = process.getStreamsProxy() == null ? ""
                : process.getStreamsProxy().getOutputStreamMonitor().getContents() + "\n"
                        + process.getStreamsProxy().getErrorStreamMonitor().getContents();
        List<Diagnostic> diagnostics = parse(output);
        mark(project, dir, diagnostics);
        refresh(project, monitor);
        if (status != 0) {
            String first = diagnostics.stream().filter(Diagnostic::error).map(Diagnostic::text).findFirst()
                    .orElse(lastLine(output));
            throw LaunchSettings.error("Build failed: " + command + " exited with status " + status
                    + (first.isEmpty() ? "" : ": " + first));
        }
    }

    /** The diagnostics of a build's output, in order. */
    public static List<Diagnostic> parse(String output) {
        List<Diagnostic> out = new ArrayList<>();
        for (String line : output.split("\\R")) {
            Matcher m = DIAGNOSTIC.matcher(line);
            if (m.matches()) {
                String kind = m.group(4).toLowerCase();
                out.add(new Diagnostic(m.group(1), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), !kind.equals("warning"), m.group(5)));
            }
        }
        return out;
    }

    private static void mark(IProject project, Path dir, List<Diagnostic> diagnostics) throws CoreException {
        for (Diagnostic d : diagnostics) {
            IFile file = fileOf(project, dir, d.file());
            IResource on = file != null && file.exists() ? file : project;
            IMarker m = on.createMarker(El2Launch.BUILD_PROBLEM_MARKER);
            m.setAttribute(IMarker.SEVERITY, d.error() ? IMarker.SEVERITY_ERROR : IMarker.SEVERITY_WARNING);
            m.setAttribute(IMarker.MESSAGE, on == project ? d.text() : d.message());
            m.setAttribute(IMarker.LINE_NUMBER, d.line());
            m.setAttribute(IMarker.LOCATION, d.file() + ":" + d.line());
        }
    }

    private static IFile fileOf(IProject project, Path dir, String name) {
        Path p = dir.resolve(name).normalize();
        IFile[] files = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(p.toUri());
        return files.length > 0 ? files[0] : null;
    }

    private static void refresh(IProject project, IProgressMonitor monitor) {
        try {
            project.refreshLocal(IResource.DEPTH_INFINITE, monitor);
        } catch (CoreException e) {
            // the build's outputs are still on disk; the Project Explorer shows them later
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
