package io.el2studio.debug.tests.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.model.El2AddressBreakpoint;
import io.el2studio.debug.core.model.El2DebugTarget;
import io.el2studio.debug.tests.support.TestProjects;
import io.el2studio.debug.ui.views.El2ControlsView;
import io.el2studio.debug.ui.views.TrapHistoryView;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The Trap History and EL2 Controls views on the example microvisor (built by the launch's make),
 * suspended in vcpu_block (VM 1 waits for VM 2) after VM 1 has trapped: the table's rows are the
 * simulator's trap records (count, ESR of each), the HCR_EL2 rows are the simulator's HCR_EL2 bits,
 * the search finds HCR_EL2.TWI, and flipping TWI writes it (read back through Simulation.readSysreg).
 */
class HypervisorViewsTest {
    private final List<ILaunch> launches = new ArrayList<>();

    @BeforeEach
    void noPerspectivePrompts() {
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", MessageDialogWithToggle.NEVER);
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_to_perspective", MessageDialogWithToggle.NEVER);
    }

    /** The launch of this test's configuration once it has its debug target, else null. */
    private static ILaunch launched() {
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            if (l.getLaunchConfiguration() != null && l.getLaunchConfiguration().getName().equals("microvisor-views")
                    && l.getDebugTarget() != null) {
                return l;
            }
        }
        return null;
    }

    @AfterEach
    void cleanUp() throws CoreException {
        // every launch, also one the test failed to wait for, so none runs on into the next test
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            if (!launches.contains(l)) {
                launches.add(l);
            }
        }
        TestProjects.cleanUp(launches);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
    }

    /** A workspace project holding a copy of the example microvisor's sources (its build directory left out). */
    static IProject microvisorProject(String name) throws Exception {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (p.exists()) {
            p.delete(true, true, new NullProgressMonitor());
        }
        p.create(new NullProgressMonitor());
        p.open(new NullProgressMonitor());
        Path src = Path.of(System.getProperty("el2studio.root", "../.."), "plugins", "io.el2studio.examples", "microvisor")
                .toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(x -> !x.equals(src) && !src.relativize(x).startsWith("build")).sorted().toList()) {
                String rel = src.relativize(f).toString();
                if (Files.isDirectory(f)) {
                    IFolder folder = p.getFolder(rel);
                    folder.create(true, true, new NullProgressMonitor());
                } else {
                    p.getFile(rel).create(new ByteArrayInputStream(Files.readAllBytes(f)), IResource.FORCE, new NullProgressMonitor());
                }
            }
        }
        return p;
    }

    @Test
    void trapHistoryAndEl2ControlsShowTheSimulatorsRecordsAndRegisters() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(Display.getCurrent().getBounds());
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        TrapHistoryView traps = assertInstanceOf(TrapHistoryView.class, page.showView(TrapHistoryView.ID));
        El2ControlsView controls = assertInstanceOf(El2ControlsView.class, page.showView(El2ControlsView.ID));
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        assertEquals(TrapHistoryView.NO_TARGET, traps.statusText(), "no launch: said plainly");
        assertEquals(El2ControlsView.NO_TARGET, controls.statusText());
        assertEquals(0, traps.table().getItemCount());

        IProject p = microvisorProject("microvisor-views");
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "build/hyp.elf", "microvisor-views");
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_SYMBOL);
        c.setAttribute(El2Launch.ATTR_STOP_SYMBOL, "vcpu_block");
        DebugUITools.launch(c, ILaunchManager.DEBUG_MODE);
        assertTrue(TestProjects.waitFor(() -> launched() != null, 120_000), "launched: " + DebugUiTest.describeLaunches());
        ILaunch launch = launched();
        launches.add(launch);
        assertTrue(TestProjects.waitFor(() -> launch.getDebugTarget().isSuspended(), 60_000),
                "suspended in vcpu_block: " + DebugUiTest.describeLaunches());
        // the source lookup opens main.c at the stop: let it, so it does not rearrange the page under a screenshot
        TestProjects.waitFor(() -> page.getActiveEditor() != null, 10_000);
        TestProjects.waitFor(() -> false, 500);
        El2DebugTarget target = assertInstanceOf(El2DebugTarget.class, launch.getDebugTarget());
        Simulation sim = target.session().simulation();
        // the Debug view selects the suspended thread: both views follow it
        assertTrue(TestProjects.waitFor(() -> !traps.shownRecords().isEmpty(), 30_000), "trap rows: " + traps.statusText());
        List<TrapRecord> history = sim.call(b -> b.traps.history(), 5000);
        assertTrue(history.size() >= 10, "VM 1 trapped (UART, ID register, hypercalls) before it blocked: " + history);
        assertTrue(TestProjects.waitFor(() -> traps.shownRecords().size() == history.size(), 10_000));
        assertEquals(history, traps.shownRecords());
        Table table = traps.table();
        assertEquals(history.size(), table.getItemCount());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(String.format("0x%x", history.get(i).esr()), table.getItem(i).getText(5), "ESR of row " + (i + 1));
            assertEquals(history.get(i).shortName(), table.getItem(i).getText(4));
        }
        TrapRecord last = history.get(history.size() - 1);
        assertEquals(1, last.fromEl(), "the block follows a trap of VM 1: " + last);
        assertEquals(String.format("0x%x", last.elr()), table.getItem(history.size() - 1).getText(7),
                "a guest's ELR in hex (the hypervisor's symbols do not describe EL1 code)");
        TrapRecord abort = history.stream().filter(r -> r.shortName().equals("DABT_LOW")).findFirst().orElseThrow();
        String iss = table.getItem(history.indexOf(abort)).getText(6);
        assertTrue(iss.startsWith("IPA 0x9000") && TrapFilter.describe(abort, 0).endsWith(iss), iss);
        traps.setFilter("DABT_LOW");
        long uart = history.stream().filter(r -> r.shortName().equals("DABT_LOW")).count();
        assertTrue(uart > 0, "VM 1's UART accesses trap as stage-2 data aborts");
        assertEquals(uart, traps.shownRecords().size(), "filtered to the DABT_LOW rows");
        assertTrue(traps.shownRecords().stream().allMatch(r -> r.shortName().equals("DABT_LOW")));
        zoomAndShoot(page, traps, "views-trap-history-dabt.png");
        traps.setFilter("");
        assertEquals(history.size(), table.getItemCount());
        zoomAndShoot(page, traps, "views-trap-history.png");

        // EL2 Controls: HCR_EL2's field rows against the simulator's HCR_EL2
        assertTrue(TestProjects.waitFor(() -> controls.statusText().equals("PE0 suspended"), 20_000), controls.statusText());
        long hcr = sim.readSysreg(0, "HCR_EL2");
        TreeItem hcrItem = item(controls, "HCR_EL2");
        assertNotNull(hcrItem, "HCR_EL2 is the first register");
        assertEquals(controls.tree().getItem(0), hcrItem);
        assertEquals(String.format("0x%016x", hcr), hcrItem.getText(2));
        SysReg hcrReg = SysRegTable.byName("HCR_EL2");
        int fields = 0;
        for (TreeItem f : hcrItem.getItems()) {
            SysReg.Field field = hcrReg.field(f.getText(0));
            assertNotNull(field, f.getText(0));
            long v = field.get(hcr);
            String expected = field.msb() == field.lsb() ? Long.toString(v) : String.format("0x%x", v);
            assertEquals(expected, f.getText(2).split(" ")[0], "HCR_EL2." + field.name());
            fields++;
        }
        assertTrue(fields > 20, "HCR_EL2's fields: " + fields);
        assertEquals(1, hcrReg.field("VM").get(hcr), "the microvisor runs its guests with stage 2 on");
        zoomAndShoot(page, controls, "views-el2-controls.png");

        controls.setSearch("TWI");
        TreeItem found = item(controls, "HCR_EL2");
        assertNotNull(found, "the search keeps HCR_EL2");
        assertTrue(List.of(found.getItems()).stream().anyMatch(i -> i.getText(0).equals("TWI")), "the search finds HCR_EL2.TWI");
        assertTrue(List.of(found.getItems()).stream().allMatch(i -> (i.getText(0) + i.getText(3)).toUpperCase().contains("TWI")));
        zoomAndShoot(page, controls, "views-el2-controls-twi.png");

        // a double-click's flip of TWI writes HCR_EL2 on the simulation thread; the row shows the new bit
        long twi = hcrReg.field("TWI").get(hcr);
        assertTrue(controls.flip("HCR_EL2", "TWI"));
        assertTrue(TestProjects.waitFor(() -> hcrReg.field("TWI").get(sim.readSysreg(0, "HCR_EL2")) == (twi ^ 1), 10_000), "TWI written");
        assertEquals(hcr ^ hcrReg.field("TWI").mask(), sim.readSysreg(0, "HCR_EL2"), "only TWI changed");
        assertTrue(TestProjects.waitFor(() -> twiText(controls).equals(Long.toString(twi ^ 1)), 10_000), "row shows it: " + twiText(controls));
        assertTrue(controls.flip("HCR_EL2", "TWI"));
        assertTrue(TestProjects.waitFor(() -> sim.readSysreg(0, "HCR_EL2") == hcr, 10_000), "TWI back");
        controls.setSearch("");

        // live records: run on to the virtual timer's interrupt handler (VM 1's timer ticks, after three
        // message rounds with VM 2); the rows come from the recorder's listener while the guests run
        int before = traps.shownRecords().size();
        long vtimer = target.session().program().functionBreakpoint("vtimer_irq").orElseThrow();
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new El2AddressBreakpoint(vtimer));
        target.resume();
        assertTrue(TestProjects.waitFor(() -> target.isSuspended() && sim.call(b -> b.cpu(0).pc, 5000) == vtimer, 60_000),
                "suspended in vtimer_irq: " + DebugUiTest.describeLaunches());
        List<TrapRecord> later = sim.call(b -> b.traps.history(), 5000);
        assertTrue(later.size() > before, "more traps: " + later.size());
        assertTrue(later.stream().anyMatch(r -> r.vmid() == 2), "VM 2 ran and trapped");
        assertTrue(TestProjects.waitFor(() -> traps.shownRecords().size() == later.size(), 10_000),
                traps.shownRecords().size() + " rows, " + later.size() + " records");
        assertEquals(later, traps.shownRecords(), "the live rows are the recorder's records, in order");
        // the hypervisor's idle loop takes the timer's interrupt by WFI with PSTATE.I set (no exception):
        // the last trap is VM 1's WFI that blocked it
        assertEquals("WFx", later.get(later.size() - 1).shortName());
        long hcrNow = sim.readSysreg(0, "HCR_EL2");
        assertTrue(TestProjects.waitFor(() -> controls.statusText().equals("PE0 suspended") && item(controls, "HCR_EL2") != null
                && item(controls, "HCR_EL2").getText(2).equals(String.format("0x%016x", hcrNow)), 10_000), "EL2 Controls read again");
        TestProjects.waitFor(() -> false, 1000); // the source lookup's editor for the new stop
        table.showItem(table.getItem(later.size() - 1)); // the newest rows in the screenshot
        zoomAndShoot(page, traps, "views-trap-history-live.png");

        launch.terminate();
        assertTrue(TestProjects.waitFor(launch::isTerminated, 20_000), "terminated");
    }

    private static String twiText(El2ControlsView controls) {
        TreeItem hcr = item(controls, "HCR_EL2");
        if (hcr == null) {
            return "";
        }
        for (TreeItem f : hcr.getItems()) {
            if (f.getText(0).equals("TWI")) {
                return f.getText(2).split(" ")[0];
            }
        }
        return "";
    }

    private static TreeItem item(El2ControlsView controls, String register) {
        for (TreeItem i : controls.tree().getItems()) {
            if (i.getText(0).equals(register)) {
                return i;
            }
        }
        return null;
    }

    /** Maximizes the view, saves a screenshot of the display, restores the layout. */
    private static void zoomAndShoot(IWorkbenchPage page, IWorkbenchPart view, String name) throws Exception {
        page.activate(view);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        TestProjects.waitFor(() -> false, 1000); // the layout settles (a shot at once catches it half drawn)
        Path shot = DebugUiTest.screenshot(name);
        assertTrue(Files.size(shot) > 10_000, shot.toString());
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
        TestProjects.waitFor(() -> false, 500);
    }
}
