package io.el2studio.debug.ui.launch;

import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.launch.LaunchSettings;

/** Debugger tab: where a Debug launch stops first (entry, a symbol, nowhere) and the optional GDB server port. */
public class El2DebuggerTab extends TabSupport {
    Button atEntry;
    Button atSymbol;
    Button noStop;
    Text symbol;
    Text gdbPort;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        atEntry = radio(c, "Stop at the &entry point", 2);
        atSymbol = radio(c, "Stop at &symbol:", 1);
        symbol = new Text(c, SWT.SINGLE | SWT.BORDER);
        symbol.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        symbol.addModifyListener(e -> changed());
        noStop = radio(c, "&Do not stop", 2);
        gdbPort = text(c, "&GDB server port:", "[HOST:]PORT for gdb to attach to the same target (optional)", 1);
        setControl(c);
    }

    private Button radio(Composite c, String label, int span) {
        Button b = new Button(c, SWT.RADIO);
        b.setText(label);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false, span, 1));
        b.addListener(SWT.Selection, e -> changed());
        return b;
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_SYMBOL);
        c.setAttribute(El2Launch.ATTR_STOP_SYMBOL, El2Launch.DEFAULT_STOP_SYMBOL);
        c.setAttribute(El2Launch.ATTR_GDB_PORT, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration c) {
        String stop = get(c, El2Launch.ATTR_STOP, El2Launch.STOP_SYMBOL);
        atEntry.setSelection(El2Launch.STOP_ENTRY.equals(stop));
        atSymbol.setSelection(El2Launch.STOP_SYMBOL.equals(stop));
        noStop.setSelection(El2Launch.STOP_NONE.equals(stop));
        symbol.setText(get(c, El2Launch.ATTR_STOP_SYMBOL, El2Launch.DEFAULT_STOP_SYMBOL));
        gdbPort.setText(get(c, El2Launch.ATTR_GDB_PORT, ""));
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_STOP, atEntry.getSelection() ? El2Launch.STOP_ENTRY
                : noStop.getSelection() ? El2Launch.STOP_NONE : El2Launch.STOP_SYMBOL);
        c.setAttribute(El2Launch.ATTR_STOP_SYMBOL, symbol.getText().strip());
        c.setAttribute(El2Launch.ATTR_GDB_PORT, gdbPort.getText().strip());
    }

    @Override
    public boolean isValid(ILaunchConfiguration c) {
        setErrorMessage(null);
        if (atSymbol.getSelection() && symbol.getText().isBlank()) {
            setErrorMessage("Name the symbol to stop at");
            return false;
        }
        String problem = new LaunchSettings("", "IMAGE", "", "", "", "max", "1", "128M", "2", false, El2Launch.STOP_NONE, "",
                gdbPort.getText().strip(), "").gdbProblem();
        setErrorMessage(problem);
        return problem == null;
    }

    @Override
    public String getName() {
        return "Debugger";
    }
}
