package io.el2studio.debug.ui.launch;

import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.el2studio.debug.core.El2Launch;

/** Build tab: the command run in the project's directory before each launch ({@code make} by default; empty = none). */
public class El2BuildTab extends TabSupport {
    Text command;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        command = text(c, "&Build command:", "run with sh -c in the project's directory; empty: no build", 1);
        Label note = new Label(c, SWT.WRAP);
        note.setText("Its output goes to a console; gcc's file:line:col: error: lines become Problems markers; "
                + "a failed build stops the launch.");
        note.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        setControl(c);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_BUILD_COMMAND, El2Launch.DEFAULT_BUILD_COMMAND);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration c) {
        command.setText(get(c, El2Launch.ATTR_BUILD_COMMAND, El2Launch.DEFAULT_BUILD_COMMAND));
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_BUILD_COMMAND, command.getText().strip());
    }

    @Override
    public String getName() {
        return "Build";
    }
}
