package io.el2studio.debug.ui.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** What the EL2 Studio launch tabs share: labelled text fields that mark the tab dirty as the user types. */
abstract class TabSupport extends AbstractLaunchConfigurationTab {

    Text text(Composite parent, String label, String hint, int span) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.SINGLE | SWT.BORDER);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        t.setMessage(hint);
        t.addModifyListener(e -> changed());
        return t;
    }

    Text file(Composite parent, String label, String hint) {
        Text t = text(parent, label, hint, 1);
        Button browse = new Button(parent, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFileName(t.getText());
            String chosen = d.open();
            if (chosen != null) {
                t.setText(chosen);
            }
        });
        return t;
    }

    void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    static String get(ILaunchConfiguration c, String attribute, String defaultValue) {
        try {
            return c.getAttribute(attribute, defaultValue);
        } catch (CoreException e) {
            return defaultValue;
        }
    }

    static boolean get(ILaunchConfiguration c, String attribute, boolean defaultValue) {
        try {
            return c.getAttribute(attribute, defaultValue);
        } catch (CoreException e) {
            return defaultValue;
        }
    }
}
