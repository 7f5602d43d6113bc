package io.el2studio.debug.ui.launch;

import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.launch.LaunchSettings;

/**
 * Machine tab: CPU profile, PEs, memory, entry EL and idle sleep, the options of {@code ./el2studio run}
 * (--cpu, --smp, --memory, --el, --idle-sleep) with its checks and its one-line errors as the user types.
 */
public class El2MachineTab extends TabSupport {
    Combo cpu;
    Text smp;
    Text memory;
    Combo el;
    Button idleSleep;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("&CPU profile:");
        cpu = new Combo(c, SWT.DROP_DOWN);
        cpu.setItems("max", "cortex-a57");
        cpu.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        cpu.addModifyListener(e -> changed());
        smp = text(c, "&PEs:", "1..8 (--smp)", 1);
        memory = text(c, "&Memory:", "e.g. 128M, 1G (--memory)", 1);
        new Label(c, SWT.NONE).setText("&Entry EL:");
        el = new Combo(c, SWT.DROP_DOWN);
        el.setItems("2", "1", "3");
        el.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        el.addModifyListener(e -> changed());
        idleSleep = new Button(c, SWT.CHECK);
        idleSleep.setText("&Idle sleep: while every PE sleeps, virtual time follows the wall clock (--idle-sleep)");
        idleSleep.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        idleSleep.addListener(SWT.Selection, e -> changed());
        setControl(c);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_CPU, El2Launch.DEFAULT_CPU);
        c.setAttribute(El2Launch.ATTR_SMP, "1");
        c.setAttribute(El2Launch.ATTR_MEMORY, El2Launch.DEFAULT_MEMORY);
        c.setAttribute(El2Launch.ATTR_EL, "2");
        c.setAttribute(El2Launch.ATTR_IDLE_SLEEP, false);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration c) {
        cpu.setText(get(c, El2Launch.ATTR_CPU, El2Launch.DEFAULT_CPU));
        smp.setText(get(c, El2Launch.ATTR_SMP, "1"));
        memory.setText(get(c, El2Launch.ATTR_MEMORY, El2Launch.DEFAULT_MEMORY));
        el.setText(get(c, El2Launch.ATTR_EL, "2"));
        idleSleep.setSelection(get(c, El2Launch.ATTR_IDLE_SLEEP, false));
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy c) {
        c.setAttribute(El2Launch.ATTR_CPU, cpu.getText().strip());
        c.setAttribute(El2Launch.ATTR_SMP, smp.getText().strip());
        c.setAttribute(El2Launch.ATTR_MEMORY, memory.getText().strip());
        c.setAttribute(El2Launch.ATTR_EL, el.getText().strip());
        c.setAttribute(El2Launch.ATTR_IDLE_SLEEP, idleSleep.getSelection());
    }

    @Override
    public boolean isValid(ILaunchConfiguration c) {
        String problem = new LaunchSettings("", "IMAGE", "", "", "", cpu.getText().strip(), smp.getText().strip(),
                memory.getText().strip(), el.getText().strip(), idleSleep.getSelection(), El2Launch.STOP_NONE, "", "", "")
                .machineProblem();
        setErrorMessage(problem);
        return problem == null;
    }

    @Override
    public String getName() {
        return "Machine";
    }
}
