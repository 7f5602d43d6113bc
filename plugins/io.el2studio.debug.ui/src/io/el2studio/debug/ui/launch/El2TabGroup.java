package io.el2studio.debug.ui.launch;

import org.eclipse.debug.ui.AbstractLaunchConfigurationTabGroup;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.debug.ui.sourcelookup.SourceLookupTab;

/** Tabs of an "EL2 Studio" launch configuration: Main, Machine, Debugger, Build, and the platform's Source and Common. */
public class El2TabGroup extends AbstractLaunchConfigurationTabGroup {

    @Override
    public void createTabs(ILaunchConfigurationDialog dialog, String mode) {
        setTabs(new ILaunchConfigurationTab[] { new El2MainTab(), new El2MachineTab(), new El2DebuggerTab(),
                new El2BuildTab(), new SourceLookupTab(), new CommonTab() });
    }
}
