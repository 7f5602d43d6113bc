package io.el2studio.debug.ui;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.el2studio.debug.core.El2Launch;

/** Main tab: the AArch64 image to run on the simulator. */
public class El2MainTab extends AbstractLaunchConfigurationTab {

    private Text imageText;

    @Override
    public void createControl(Composite parent) {
        Composite composite = new Composite(parent, SWT.NONE);
        composite.setLayout(new GridLayout(3, false));
        Label label = new Label(composite, SWT.NONE);
        label.setText("&Image:");
        imageText = new Text(composite, SWT.SINGLE | SWT.BORDER);
        imageText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        imageText.setMessage("AArch64 ELF or raw binary to run");
        imageText.addModifyListener(e -> {
            setDirty(true);
            updateLaunchConfigurationDialog();
        });
        Button browse = new Button(composite, SWT.PUSH);
        browse.setText("&Browse...");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
            dialog.setText("Select AArch64 image");
            dialog.setFileName(imageText.getText());
            String chosen = dialog.open();
            if (chosen != null) {
                imageText.setText(chosen);
            }
        });
        setControl(composite);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(El2Launch.ATTR_IMAGE, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        String image = "";
        try {
            image = configuration.getAttribute(El2Launch.ATTR_IMAGE, "");
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
        imageText.setText(image);
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(El2Launch.ATTR_IMAGE, imageText.getText().strip());
    }

    @Override
    public boolean isValid(ILaunchConfiguration launchConfig) {
        setErrorMessage(null);
        String value = imageText.getText().strip();
        if (value.isEmpty()) {
            setErrorMessage("Choose the image to run");
            return false;
        }
        try {
            if (!Files.isRegularFile(Path.of(value))) {
                setErrorMessage("Image not found: " + value);
                return false;
            }
        } catch (InvalidPathException e) {
            setErrorMessage("Not a valid path: " + value);
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "Main";
    }
}
