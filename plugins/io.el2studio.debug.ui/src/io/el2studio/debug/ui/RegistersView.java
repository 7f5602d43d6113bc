package io.el2studio.debug.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

/**
 * Placeholder for the EL2 register view. It will show the EL2 system registers of the selected
 * simulator target; until the IDE can start targets it says plainly that there is none.
 */
public class RegistersView extends ViewPart {

    public static final String ID = "io.el2studio.debug.ui.views.registers";

    /** Text shown while no target runs. */
    public static final String NO_TARGET = "No EL2 Studio target running";

    private Label message;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        message = new Label(parent, SWT.WRAP);
        message.setText(NO_TARGET);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
    }

    /** The text currently shown (for tests). */
    public String getMessage() {
        return message.getText();
    }

    @Override
    public void setFocus() {
        message.setFocus();
    }
}
