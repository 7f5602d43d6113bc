package io.el2studio.debug.tests.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.ui.launch.El2MainTab;
import io.el2studio.debug.ui.launch.El2MachineTab;
import io.el2studio.debug.ui.El2Perspective;
import io.el2studio.debug.ui.launch.El2TabGroup;
import io.el2studio.debug.ui.RegistersView;

/** In a running workbench (UI thread): the launch type, the perspective, the registers view and the tabs. */
class WorkbenchTest {

    private static IWorkbench workbench() {
        assertTrue(PlatformUI.isWorkbenchRunning(), "workbench is running");
        return PlatformUI.getWorkbench();
    }

    @Test
    void launchTypeIsRegistered() {
        ILaunchConfigurationType type = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(El2Launch.TYPE_ID);
        assertNotNull(type, El2Launch.TYPE_ID);
        assertEquals("EL2 Studio", type.getName());
    }

    @Test
    void perspectiveExistsAndOpens() throws WorkbenchException {
        IPerspectiveDescriptor perspective = workbench().getPerspectiveRegistry()
                .findPerspectiveWithId(El2Perspective.ID);
        assertNotNull(perspective, El2Perspective.ID);
        assertEquals("EL2 Studio", perspective.getLabel());
        IWorkbenchPage page = workbench().showPerspective(El2Perspective.ID, workbench().getActiveWorkbenchWindow());
        assertEquals(El2Perspective.ID, page.getPerspective().getId());
    }

    @Test
    void registersViewOpensAndSaysNoTargetIsRunning() throws PartInitException {
        IWorkbenchPage page = workbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart view = page.showView(RegistersView.ID);
        RegistersView registers = assertInstanceOf(RegistersView.class, view);
        assertEquals("EL2 Registers", registers.getPartName());
        assertEquals("No EL2 Studio target running", registers.getMessage());
    }

    @Test
    void mainTabRequiresAnImage() throws CoreException {
        El2TabGroup group = new El2TabGroup();
        group.createTabs(null, "run");
        ILaunchConfigurationTab[] tabs = group.getTabs();
        assertEquals(6, tabs.length, Arrays.toString(tabs));
        El2MainTab main = assertInstanceOf(El2MainTab.class, tabs[0]);
        assertEquals(List.of("Main", "Machine", "Debugger", "Build", "Source", "Common"),
                Arrays.stream(tabs).map(ILaunchConfigurationTab::getName).toList());
        assertInstanceOf(CommonTab.class, tabs[5]);
        assertEquals("Main", main.getName());

        ILaunchConfigurationWorkingCopy configuration = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(El2Launch.TYPE_ID).newInstance(null, "tab-test");
        Shell shell = new Shell(workbench().getDisplay());
        try {
            main.createControl(shell);
            main.setDefaults(configuration);
            main.initializeFrom(configuration);
            assertFalse(main.isValid(configuration), "an empty image is not valid");
            assertEquals("Choose the image to run", main.getErrorMessage());
        } finally {
            main.dispose();
            shell.dispose();
        }
    }

    /** The Machine tab shows ./el2studio run's own one-line errors as the user types. */
    @Test
    void machineTabShowsRunsErrorsAsTheUserTypes() throws Exception {
        El2MachineTab machine = new El2MachineTab();
        ILaunchConfigurationWorkingCopy configuration = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(El2Launch.TYPE_ID).newInstance(null, "machine-tab-test");
        Shell shell = new Shell(workbench().getDisplay());
        try {
            machine.createControl(shell);
            machine.setDefaults(configuration);
            machine.initializeFrom(configuration);
            assertTrue(machine.isValid(configuration), String.valueOf(machine.getErrorMessage()));
            org.eclipse.swt.widgets.Text[] texts = java.util.Arrays.stream(((org.eclipse.swt.widgets.Composite) machine.getControl())
                    .getChildren()).filter(org.eclipse.swt.widgets.Text.class::isInstance)
                    .map(org.eclipse.swt.widgets.Text.class::cast).toArray(org.eclipse.swt.widgets.Text[]::new);
            texts[0].setText("9"); // PEs
            assertFalse(machine.isValid(configuration));
            assertEquals("option --smp: 9 is out of range (1..8)", machine.getErrorMessage());
            texts[0].setText("2");
            texts[1].setText("3G"); // memory
            assertFalse(machine.isValid(configuration));
            assertEquals("option --memory: the virt machine has at most 2047M of RAM", machine.getErrorMessage());
            texts[1].setText("lots");
            assertFalse(machine.isValid(configuration));
            assertEquals("option --memory: 'lots' is not a size (examples: 128M, 1G)", machine.getErrorMessage());
        } finally {
            machine.dispose();
            shell.dispose();
        }
    }
}
