package io.el2studio.debug.ui.launch;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.launch.LaunchSettings;

/**
 * Main tab: the project, the image (ELF, Linux Image or raw binary; relative to the project), initrd,
 * DTB and kernel command line, checked as {@code ./el2studio run} checks them while the user types.
 */
public class El2MainTab extends TabSupport {
    Text project;
    Text image;
    Text initrd;
    Text dtb;
    Text append;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        project = text(c, "&Project:", "workspace project to build and find sources in (optional)", 2);
        image = file(c, "&Image:", "AArch64 ELF, Linux Image or raw binary (relative to the project)");
        initrd = file(c, "I&nitrd:", "initial RAM disk (optional)");
        dtb = file(c, "&DTB:", "device tree blob instead of the generated one (optional)");
        append = text(c, "&Command line:", "kernel command line (/chosen bootargs)", 2);
        setControl(c);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_PROJECT, "");
        c.setAttribute(El2Launch.ATTR_IMAGE, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration c) {
        project.setText(get(c, El2Launch.ATTR_PROJECT, ""));
        image.setText(get(c, El2Launch.ATTR_IMAGE, ""));
        initrd.setText(get(c, El2Launch.ATTR_INITRD, ""));
        dtb.setText(get(c, El2Launch.ATTR_DTB, ""));
        append.setText(get(c, El2Launch.ATTR_APPEND, ""));
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_PROJECT, project.getText().strip());
        c.setAttribute(El2Launch.ATTR_IMAGE, image.getText().strip());
        c.setAttribute(El2Launch.ATTR_INITRD, initrd.getText().strip());
        c.setAttribute(El2Launch.ATTR_DTB, dtb.getText().strip());
        c.setAttribute(El2Launch.ATTR_APPEND, append.getText());
    }

    @Override
    public boolean isValid(ILaunchConfiguration c) {
        setErrorMessage(null);
        String p = project.getText().strip();
        if (!p.isEmpty()) {
            IProject pr = ResourcesPlugin.getWorkspace().getRoot().getProject(p);
            if (!pr.exists()) {
                setErrorMessage("Project not found: " + p);
                return false;
            }
        }
        String value = image.getText().strip();
        if (value.isEmpty()) {
            setErrorMessage("Choose the image to run");
            return false;
        }
        LaunchSettings s = settings();
        try {
            if (Files.isDirectory(Path.of(s.resolve(value)))) {
                setErrorMessage("cannot load image '" + value + "': is a directory");
                return false;
            }
        } catch (InvalidPathException e) {
            setErrorMessage("cannot load image '" + value + "': invalid path");
            return false;
        }
        String problem = s.mainProblem();
        if (problem != null) {
            setErrorMessage(problem);
            return false;
        }
        // a missing image is not an error here: the Build tab's command may create it
        return true;
    }

    private LaunchSettings settings() {
        return new LaunchSettings(project.getText().strip(), image.getText().strip(), initrd.getText().strip(),
                dtb.getText().strip(), append.getText(), "max", "1", "128M", "2", false, El2Launch.STOP_NONE, "", "", "");
    }

    @Override
    public String getName() {
        return "Main";
    }
}
