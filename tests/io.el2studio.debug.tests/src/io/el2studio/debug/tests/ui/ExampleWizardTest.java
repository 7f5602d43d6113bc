package io.el2studio.debug.tests.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ISetSelectionTarget;
import org.eclipse.ui.wizards.IWizardCategory;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.model.El2StackFrame;
import io.el2studio.debug.tests.support.TestProjects;
import io.el2studio.debug.ui.examples.ExampleProjects;
import io.el2studio.debug.ui.examples.MicrovisorExampleWizard;

/**
 * File &gt; New &gt; Example... &gt; EL2 Studio &gt; EL2 Studio microvisor, run as the user runs it (the
 * registry's wizard in a WizardDialog, Finish pressed): the project holds the example's sources, its
 * launch configuration builds it with make and a Debug launch stops at hyp_main, where
 * aarch64-linux-gnu-addr2line puts the PC too.
 */
class ExampleWizardTest {
    private final List<ILaunch> launches = new ArrayList<>();

    /** A WizardDialog whose Finish a test can press. */
    static final class Dialog extends WizardDialog {
        Dialog(Shell shell, MicrovisorExampleWizard wizard) {
            super(shell, wizard);
        }

        void finish() {
            finishPressed();
        }
    }

    @BeforeEach
    void noPerspectivePrompts() throws CoreException {
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", MessageDialogWithToggle.NEVER);
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_to_perspective", MessageDialogWithToggle.NEVER);
        removeMicrovisor();
    }

    @AfterEach
    void cleanUp() throws CoreException {
        TestProjects.cleanUp(launches);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        removeMicrovisor();
    }

    private static void removeMicrovisor() throws CoreException {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjects.MICROVISOR);
        if (p.exists()) {
            p.delete(true, true, new NullProgressMonitor());
        }
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            if (c.getName().startsWith(ExampleProjects.MICROVISOR)) {
                c.delete();
            }
        }
    }

    private static ILaunch launchOf(ILaunchConfiguration c) {
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            if (c.equals(l.getLaunchConfiguration())) {
                return l;
            }
        }
        return null;
    }

    @Test
    void wizardIsListedUnderExamplesEl2Studio() {
        IWorkbench wb = PlatformUI.getWorkbench();
        IWizardCategory examples = wb.getNewWizardRegistry().findCategory("org.eclipse.ui.Examples");
        assertNotNull(examples, "the platform's Examples category (what File > New > Example... lists)");
        IWizardCategory el2 = examples.findCategory(org.eclipse.core.runtime.IPath.fromOSString("io.el2studio.debug.ui.examples"));
        assertNotNull(el2, "EL2 Studio under Examples");
        assertEquals("EL2 Studio", el2.getLabel());
        IWizardDescriptor d = el2.findWizard(MicrovisorExampleWizard.ID);
        assertNotNull(d, "the microvisor wizard in it");
        assertEquals("EL2 Studio microvisor", d.getLabel());
    }

    /** File &gt; New of the workbench window offers Example... (the platform shows it once a wizard is in Examples). */
    @Test
    void fileNewMenuOffersExample() {
        Menu bar = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getMenuBar();
        Menu file = submenu(bar, "File");
        Menu newMenu = submenu(file, "New");
        List<String> labels = labels(newMenu);
        assertTrue(labels.contains("Example..."), "File > New: " + labels);
    }

    private static Menu submenu(Menu menu, String label) {
        menu.notifyListeners(SWT.Show, new Event()); // the menu managers fill their menus when shown
        for (MenuItem i : menu.getItems()) {
            if (plain(i.getText()).equals(label) && i.getMenu() != null) {
                i.getMenu().notifyListeners(SWT.Show, new Event());
                return i.getMenu();
            }
        }
        throw new AssertionError("no menu " + label + " in " + labels(menu));
    }

    private static List<String> labels(Menu menu) {
        return java.util.Arrays.stream(menu.getItems()).map(i -> plain(i.getText())).toList();
    }

    /** A menu item's text without its mnemonic mark and accelerator. */
    private static String plain(String text) {
        int tab = text.indexOf('\t');
        return (tab < 0 ? text : text.substring(0, tab)).replace("&", "");
    }

    @Test
    void wizardCreatesTheProjectAndALaunchThatStopsAtHypMain() throws Exception {
        IWorkbench wb = PlatformUI.getWorkbench();
        Shell workbenchShell = wb.getActiveWorkbenchWindow().getShell();
        workbenchShell.setBounds(Display.getCurrent().getBounds());
        IWorkbenchPage page = wb.showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE, wb.getActiveWorkbenchWindow());
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);

        IWizardDescriptor d = wb.getNewWizardRegistry().findWizard(MicrovisorExampleWizard.ID);
        MicrovisorExampleWizard wizard = assertInstanceOf(MicrovisorExampleWizard.class, d.createWizard());
        wizard.init(wb, StructuredSelection.EMPTY);
        Dialog dialog = new Dialog(workbenchShell, wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        assertEquals("microvisor", wizard.namePage().name(), "default name");
        assertTrue(wizard.canFinish());
        wizard.namePage().setName("bad/name");
        assertFalse(wizard.canFinish(), "a name with a slash is refused");
        assertTrue(wizard.namePage().getErrorMessage().contains("bad/name"), wizard.namePage().getErrorMessage());
        wizard.namePage().setName("microvisor");
        assertNull(wizard.namePage().getErrorMessage());
        DebugUiTest.screenshot("example-wizard.png");
        dialog.finish();
        assertTrue(TestProjects.waitFor(() -> dialog.getShell() == null, 30_000), "the dialog closed after Finish");

        IProject p = wizard.project();
        assertNotNull(p);
        assertEquals("microvisor", p.getName());
        assertEquals("A project named 'microvisor' already exists in the workspace", ExampleProjects.nameProblem("microvisor"));
        for (String f : List.of("Makefile", "README.md", "hyp/main.c", "hyp/entry.S", "guest/ping.c", "guest/pong.c")) {
            assertTrue(p.getFile(f).exists(), f);
        }
        // every file of the bundle's folder, byte for byte (the Makefile's tabs too)
        List<String> files = ExampleProjects.files(ExampleProjects.MICROVISOR);
        assertTrue(files.containsAll(List.of("Makefile", "README.md", "hyp/main.c", "hyp/hyp.ld", "guest/guest.ld")), files.toString());
        for (String f : files) {
            assertTrue(p.getFile(f).exists(), "copied: " + f);
        }
        Path make = p.getFile("Makefile").getLocation().toPath();
        assertTrue(Files.readString(make).contains("\n\t$(CC) $(CFLAGS) -T hyp/hyp.ld"), "recipe lines start with a tab");

        // the Project Explorer shows the new project, opened down to the editor's file
        IViewPart explorer = page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        ISetSelectionTarget reveal = assertInstanceOf(ISetSelectionTarget.class, explorer);
        reveal.selectReveal(new StructuredSelection(p.getFile("hyp/main.c")));
        assertTrue(TestProjects.waitFor(() -> explorer.getSite().getSelectionProvider().getSelection() instanceof IStructuredSelection sel
                && p.getFile("hyp/main.c").equals(sel.getFirstElement()), 5000), "Project Explorer: microvisor/hyp/main.c selected");
        assertTrue(page.getActiveEditor() != null && page.getActiveEditor().getTitle().equals("main.c"), "the wizard opened hyp/main.c");
        DebugUiTest.screenshot("example-microvisor-project.png");
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);

        ILaunchConfiguration c = wizard.configuration();
        assertNotNull(c);
        assertEquals("microvisor", c.getName());
        assertEquals(El2Launch.TYPE_ID, c.getType().getIdentifier());
        assertEquals("microvisor", c.getAttribute(El2Launch.ATTR_PROJECT, ""));
        assertEquals("build/hyp.elf", c.getAttribute(El2Launch.ATTR_IMAGE, ""));
        assertEquals("make", c.getAttribute(El2Launch.ATTR_BUILD_COMMAND, ""));
        assertEquals(El2Launch.STOP_SYMBOL, c.getAttribute(El2Launch.ATTR_STOP, ""));
        assertEquals("hyp_main", c.getAttribute(El2Launch.ATTR_STOP_SYMBOL, ""));
        assertTrue(List.of(DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()).contains(c), "saved");

        assertFalse(p.getFile("build/hyp.elf").exists(), "not built yet: the launch builds it");
        DebugUITools.launch(c, ILaunchManager.DEBUG_MODE);
        assertTrue(TestProjects.waitFor(() -> launchOf(c) != null, 60_000), "launched");
        ILaunch launch = launchOf(c);
        launches.add(launch);
        assertTrue(TestProjects.waitFor(() -> launch.getDebugTarget() != null && launch.getDebugTarget().isSuspended(), 180_000),
                "suspended at hyp_main; launches: " + DebugUiTest.describeLaunches());
        p.refreshLocal(IResource.DEPTH_INFINITE, null);
        assertTrue(p.getFile("build/hyp.elf").exists(), "make built build/hyp.elf");
        assertTrue(p.getFile("build/vm1.elf").exists() && p.getFile("build/vm2.elf").exists(), "and the guests");

        IThread thread = launch.getDebugTarget().getThreads()[0];
        El2StackFrame top = assertInstanceOf(El2StackFrame.class, thread.getTopStackFrame());
        assertEquals("hyp_main", top.function());
        assertEquals("hyp/main.c", top.getSourceName());
        // the oracle: binutils' addr2line maps the stop PC to the same file and line
        String where = TestProjects.run(p.getLocation().toPath(), "aarch64-linux-gnu-addr2line", "-e", "build/hyp.elf",
                String.format("0x%x", top.pc())).strip();
        assertTrue(where.endsWith("hyp/main.c:" + top.getLineNumber()), where + " vs line " + top.getLineNumber());

        // the editor opened by the wizard (hyp/main.c) shows the instruction pointer on that line
        assertTrue(TestProjects.waitFor(() -> DebugUiTest.instructionPointerLine(page) == top.getLineNumber() - 1, 20_000),
                "instruction pointer at line " + top.getLineNumber() + ", found " + DebugUiTest.instructionPointerLine(page));
        Path shot = DebugUiTest.screenshot("example-microvisor-hyp_main.png");
        assertTrue(Files.size(shot) > 10_000, shot.toString());

        launch.terminate();
        assertTrue(TestProjects.waitFor(launch::isTerminated, 20_000), "terminated");
    }
}
