package io.el2studio.debug.tests.ui;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.model.El2TrapBreakpoint;
import io.el2studio.debug.tests.TrapBreakpointTest;
import io.el2studio.debug.tests.support.TestProjects;

/**
 * In the running workbench: the Breakpoints view's toolbar has "Add EL2 Trap Breakpoint...", a trap
 * breakpoint is listed there by its filter, and a Debug launch of the example microvisor stops on it
 * with the Debug view's thread naming the trap; screenshot target/screenshots/debug-trap-breakpoint.png.
 */
class TrapBreakpointUiTest {
    private final List<ILaunch> launches = new ArrayList<>();

    @BeforeEach
    void noPerspectivePrompts() {
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", MessageDialogWithToggle.NEVER);
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_to_perspective", MessageDialogWithToggle.NEVER);
    }

    @AfterEach
    void cleanUp() throws CoreException {
        TestProjects.cleanUp(launches);
    }

    private static List<String> texts(Tree tree) {
        List<String> out = new ArrayList<>();
        for (TreeItem i : tree.getItems()) {
            collect(i, out);
        }
        return out;
    }

    private static void collect(TreeItem item, List<String> out) {
        out.add(item.getText());
        if (item.getExpanded()) {
            for (TreeItem c : item.getItems()) {
                collect(c, out);
            }
        }
    }

    @Test
    void breakpointsViewListsTheTrapAndTheDebugViewShowsTheStop() throws Exception {
        IProject p = TrapBreakpointTest.microvisorProject("microvisor-trap-ui");
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(Display.getCurrent().getBounds());
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        IViewPart breakpointsPart = page.showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        // the command of the Breakpoints view's toolbar item (plugin.xml) is defined and has its handler
        org.eclipse.core.commands.Command add = PlatformUI.getWorkbench().getService(org.eclipse.ui.commands.ICommandService.class)
                .getCommand("io.el2studio.debug.ui.addTrapBreakpoint");
        assertTrue(add.isDefined() && add.isHandled(), "Add EL2 Trap Breakpoint...: " + add);

        El2TrapBreakpoint bp = new El2TrapBreakpoint(TrapBreakpointTest.FILTER);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        Tree breakpoints = (Tree) assertInstanceOf(IDebugView.class, breakpointsPart).getViewer().getControl();
        assertTrue(TestProjects.waitFor(() -> texts(breakpoints).contains(bp.label()), 20_000),
                "Breakpoints view: " + texts(breakpoints));

        DebugUITools.launch(TestProjects.configuration(p, "build/hyp.elf", "microvisor-trap-ui"), ILaunchManager.DEBUG_MODE);
        assertTrue(TestProjects.waitFor(() -> DebugPlugin.getDefault().getLaunchManager().getLaunches().length > 0
                && DebugPlugin.getDefault().getLaunchManager().getLaunches()[0].getDebugTarget() != null, 60_000), "launched");
        ILaunch launch = DebugPlugin.getDefault().getLaunchManager().getLaunches()[0];
        launches.add(launch);
        assertTrue(TestProjects.waitFor(() -> launch.getDebugTarget().isSuspended(), 60_000), "suspended at the trap");
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        Tree debug = (Tree) assertInstanceOf(IDebugView.class, page.findView(IDebugUIConstants.ID_DEBUG_VIEW)).getViewer().getControl();
        boolean shown = TestProjects.waitFor(() -> texts(debug).stream()
                .anyMatch(s -> s.startsWith("PE0 · EL2 · ") && s.contains("suspended: EL2 trap: DABT_LOW from EL1 VMID 2, IPA 0x9000000, write")),
                20_000);
        page.showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        Path shot = DebugUiTest.screenshot(shown ? "debug-trap-breakpoint.png" : "debug-trap-breakpoint-failed.png");
        assertTrue(shown, "Debug view: " + texts(debug));
        assertTrue(Files.size(shot) > 10_000, shot.toString());
        launch.terminate();
        assertTrue(TestProjects.waitFor(launch::isTerminated, 20_000), "terminated");
    }
}
