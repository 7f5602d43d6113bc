package io.el2studio.debug.tests.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.model.El2LineBreakpoint;
import io.el2studio.debug.core.model.SteppingMode;
import io.el2studio.debug.tests.support.TestProjects;
import io.el2studio.debug.ui.El2ModelPresentation;
import io.el2studio.debug.ui.InstructionSteppingHandler;
import io.el2studio.debug.ui.launch.El2LaunchShortcut;
import io.el2studio.debug.ui.launch.ElfPropertyTester;

/**
 * In the running workbench (UI thread, under Xvfb): the example project built by the launch, a line
 * breakpoint toggled by a double-click in the editor's ruler, a Debug launch that suspends there, the
 * Debug view with the PE thread and its frame, the editor's instruction pointer on the line; a
 * screenshot of it is saved under target/screenshots.
 */
class DebugUiTest {
    static final String CURRENT_IP = "org.eclipse.debug.ui.currentIP";
    private final List<ILaunch> launches = new ArrayList<>();

    @BeforeEach
    void noPerspectivePrompts() {
        // the platform would ask whether to switch perspectives (a modal dialog): the test opens the Debug perspective itself
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", MessageDialogWithToggle.NEVER);
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_to_perspective", MessageDialogWithToggle.NEVER);
    }

    @AfterEach
    void cleanUp() throws CoreException {
        TestProjects.cleanUp(launches);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
    }

    static Path screenshots() throws java.io.IOException {
        Path dir = Path.of(System.getProperty("el2studio.root", "../.."), "tests", "io.el2studio.debug.tests", "target", "screenshots");
        Files.createDirectories(dir);
        return dir;
    }

    /** Saves what the display shows as a PNG (GC.copyArea of the whole display). */
    static Path screenshot(String name) throws java.io.IOException {
        Display d = Display.getCurrent();
        TestProjects.waitFor(() -> false, 300); // let pending paints happen
        Rectangle r = d.getBounds();
        Image image = new Image(d, r.width, r.height);
        GC gc = new GC(d);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            Path file = screenshots().resolve(name);
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            image.dispose();
        }
    }

    /** A double-click in the editor's vertical ruler on 0-based {@code line}, as the mouse makes it. */
    static void doubleClickRuler(ITextEditor editor, int line) {
        IVerticalRulerInfo ruler = editor.getAdapter(IVerticalRulerInfo.class);
        assertNotNull(ruler, "the editor has a vertical ruler");
        StyledText text = (StyledText) editor.getAdapter(Control.class);
        int y = text.getLinePixel(line) + text.getLineHeight() / 2;
        Control column = ruler.getControl();
        if (column instanceof Composite c && c.getChildren().length > 0) {
            column = c.getChildren()[0]; // the annotation column, which records the line of the click
        }
        for (int type : new int[] { SWT.MouseDown, SWT.MouseUp, SWT.MouseDown, SWT.MouseDoubleClick, SWT.MouseUp }) {
            Event e = new Event();
            e.type = type;
            e.button = 1;
            e.x = 5;
            e.y = y;
            e.count = type == SWT.MouseDoubleClick ? 2 : 1;
            e.widget = column;
            column.notifyListeners(type, e);
        }
    }

    /** {@code name = value} of each visible row of a two-column debug view (Variables, Registers). */
    private static List<String> rows(Tree tree) {
        List<String> out = new ArrayList<>();
        for (TreeItem i : tree.getItems()) {
            rows(i, out);
        }
        return out;
    }

    private static void rows(TreeItem item, List<String> out) {
        out.add(item.getText(0) + (tree2(item) ? " = " + item.getText(1) : ""));
        if (item.getExpanded()) {
            for (TreeItem c : item.getItems()) {
                rows(c, out);
            }
        }
    }

    private static boolean tree2(TreeItem item) {
        return item.getParent().getColumnCount() > 1 && !item.getText(1).isEmpty();
    }

    private static List<String> treeTexts(Tree tree) {
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
    void rulerBreakpointSuspendsThereWithThreadFrameAndInstructionPointer() throws Exception {
        IProject p = TestProjects.create("hello-ui");
        IFile main = p.getFile("main.c");
        // the whole screen (Xvfb has no window manager to maximize it)
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(Display.getCurrent().getBounds());
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        page.showView(IDebugUIConstants.ID_REGISTER_VIEW);
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        IEditorPart part = IDE.openEditor(page, main, El2ModelPresentation.GENERIC_EDITOR);
        ITextEditor editor = assertInstanceOf(ITextEditor.class, part);
        TestProjects.waitFor(() -> false, 200);

        doubleClickRuler(editor, 19); // line 20: counter = add(counter, i);
        assertTrue(TestProjects.waitFor(() -> DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(El2Launch.MODEL_ID).length == 1,
                5000), "the ruler double-click set a breakpoint");
        IBreakpoint b = DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(El2Launch.MODEL_ID)[0];
        assertInstanceOf(El2LineBreakpoint.class, b);
        assertEquals(main, b.getMarker().getResource());
        assertEquals(20, b.getMarker().getAttribute(IMarker.LINE_NUMBER, -1));

        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "hello.elf", "hello-ui");
        DebugUITools.launch(c, ILaunchManager.DEBUG_MODE);
        assertTrue(TestProjects.waitFor(() -> DebugPlugin.getDefault().getLaunchManager().getLaunches().length > 0
                && DebugPlugin.getDefault().getLaunchManager().getLaunches()[0].getDebugTarget() != null, 60_000), "launched");
        ILaunch launch = DebugPlugin.getDefault().getLaunchManager().getLaunches()[0];
        launches.add(launch);
        assertTrue(TestProjects.waitFor(() -> launch.getDebugTarget().isSuspended(), 30_000), "suspended at the breakpoint");

        IDebugView debugView = assertInstanceOf(IDebugView.class, page.findView(IDebugUIConstants.ID_DEBUG_VIEW));
        Tree tree = (Tree) debugView.getViewer().getControl();
        String thread = "PE0 · EL2 · VMID - · suspended: breakpoint";
        boolean shown = TestProjects.waitFor(() -> {
            List<String> t = treeTexts(tree);
            return t.contains(thread) && t.stream().anyMatch(s -> s.startsWith("main() at main.c:20 0x"));
        }, 20_000);
        if (!shown) {
            screenshot("debug-breakpoint-failed.png");
        }
        assertTrue(shown, "Debug view: " + treeTexts(tree) + "; launches: " + describeLaunches());

        // the platform's source lookup opened main.c and put the instruction pointer on line 20
        assertTrue(TestProjects.waitFor(() -> instructionPointerLine(page) == 19, 20_000),
                "instruction pointer at line 20, found " + instructionPointerLine(page));
        Path shot = screenshot("debug-breakpoint.png");
        assertTrue(Files.size(shot) > 10_000, shot.toString());

        // the Variables view: main's local as gdb's info locals prints it
        IDebugView variables = assertInstanceOf(IDebugView.class, page.showView(IDebugUIConstants.ID_VARIABLE_VIEW));
        Tree vars = (Tree) variables.getViewer().getControl();
        assertTrue(TestProjects.waitFor(() -> rows(vars).contains("i = 0"), 20_000), "Variables view: " + rows(vars));
        screenshot("debug-variables.png");
        // the Registers view: the groups of the system-register table; General expanded shows X0..PSTATE
        IDebugView registers = assertInstanceOf(IDebugView.class, page.showView(IDebugUIConstants.ID_REGISTER_VIEW));
        Tree regs = (Tree) registers.getViewer().getControl();
        assertTrue(TestProjects.waitFor(() -> rows(regs).stream().anyMatch(r -> r.startsWith("General"))
                && rows(regs).stream().anyMatch(r -> r.startsWith("EL2")), 20_000), "Registers view: " + rows(regs));
        for (TreeItem item : regs.getItems()) {
            if (item.getText(0).equals("EL2")) {
                ((org.eclipse.jface.viewers.TreeViewer) registers.getViewer()).expandToLevel(new org.eclipse.jface.viewers.TreePath(new Object[] { item.getData() }), 1);
            }
        }
        assertTrue(TestProjects.waitFor(() -> rows(regs).stream().anyMatch(r -> r.startsWith("HCR_EL2 = 0x")), 20_000),
                "Registers view: " + rows(regs));
        screenshot("debug-registers.png");

        launch.terminate();
        assertTrue(TestProjects.waitFor(launch::isTerminated, 20_000), "terminated");
    }

    static String describeLaunches() {
        StringBuilder b = new StringBuilder();
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            b.append('[').append(l.getLaunchConfiguration() == null ? "?" : l.getLaunchConfiguration().getName())
                    .append(" terminated=").append(l.isTerminated());
            for (org.eclipse.debug.core.model.IProcess p : l.getProcesses()) {
                b.append(" process ").append(p.getLabel()).append(p.isTerminated() ? " (terminated)" : "");
            }
            for (org.eclipse.debug.core.model.IDebugTarget t : l.getDebugTargets()) {
                b.append(" target suspended=").append(t.isSuspended()).append(" terminated=").append(t.isTerminated());
            }
            b.append(']');
        }
        return b.toString();
    }

    /** The 0-based line of the current instruction pointer annotation in the active editor, or -1. */
    static int instructionPointerLine(IWorkbenchPage page) {
        if (!(page.getActiveEditor() instanceof ITextEditor editor)) {
            return -1;
        }
        IAnnotationModel model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        if (model == null || doc == null) {
            return -1;
        }
        for (Iterator<Annotation> i = model.getAnnotationIterator(); i.hasNext();) {
            Annotation a = i.next();
            if (CURRENT_IP.equals(a.getType())) {
                Position pos = model.getPosition(a);
                try {
                    return doc.getLineOfOffset(pos.getOffset());
                } catch (org.eclipse.jface.text.BadLocationException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    @Test
    void assemblerSourceIsColouredFromTheTables() throws Exception {
        IProject p = TestProjects.create("hello-colours");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ITextEditor editor = assertInstanceOf(ITextEditor.class, IDE.openEditor(page, p.getFile("start.S"), El2ModelPresentation.GENERIC_EDITOR));
        StyledText text = (StyledText) editor.getAdapter(Control.class);
        assertTrue(TestProjects.waitFor(() -> text.getStyleRanges().length > 5, 5000), "coloured");
        String s = text.getText();
        StyleRange mov = text.getStyleRangeAtOffset(s.indexOf("mov     sp"));
        StyleRange sp = text.getStyleRangeAtOffset(s.indexOf("sp, x0"));
        StyleRange global = text.getStyleRangeAtOffset(s.indexOf(".global"));
        StyleRange comment = text.getStyleRangeAtOffset(s.indexOf("// PSCI"));
        assertNotNull(mov);
        assertEquals(SWT.BOLD, mov.fontStyle & SWT.BOLD, "mnemonic bold");
        assertNotNull(sp);
        assertFalse(mov.foreground.equals(sp.foreground), "register and mnemonic differ");
        assertNotNull(global);
        assertNotNull(comment);
        assertFalse(comment.foreground.equals(mov.foreground));
        screenshot("editor-assembler.png");
    }

    @Test
    void launchShortcutOffersItselfForElfFilesAndMakesAConfiguration() throws Exception {
        IProject p = TestProjects.create("hello-shortcut");
        TestProjects.run(p.getLocation().toPath(), "make");
        p.refreshLocal(org.eclipse.core.resources.IResource.DEPTH_INFINITE, null);
        IFile elf = p.getFile("hello.elf");
        assertTrue(elf.exists());
        ElfPropertyTester tester = new ElfPropertyTester();
        assertTrue(tester.test(elf, "isElf", new Object[0], null), "hello.elf is an ELF");
        assertFalse(tester.test(p.getFile("main.c"), "isElf", new Object[0], null), "main.c is not");
        org.eclipse.debug.core.ILaunchConfiguration c = El2LaunchShortcut.configurationFor(elf);
        assertEquals("hello-shortcut", c.getAttribute(El2Launch.ATTR_PROJECT, ""));
        assertEquals("hello.elf", c.getAttribute(El2Launch.ATTR_IMAGE, ""));
        assertEquals("make", c.getAttribute(El2Launch.ATTR_BUILD_COMMAND, ""));
        assertEquals(El2Launch.STOP_SYMBOL, c.getAttribute(El2Launch.ATTR_STOP, ""));
        assertEquals(c, El2LaunchShortcut.configurationFor(elf), "the same configuration the next time");
        c.delete();
    }

    @Test
    void instructionSteppingToggleOnTheDebugViewSwitchesTheMode() throws Exception {
        IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
        assertFalse(SteppingMode.isInstructionStepping());
        handlers.executeCommand(InstructionSteppingHandler.COMMAND_ID, null);
        assertTrue(SteppingMode.isInstructionStepping());
        handlers.executeCommand(InstructionSteppingHandler.COMMAND_ID, null);
        assertFalse(SteppingMode.isInstructionStepping());
    }
}
