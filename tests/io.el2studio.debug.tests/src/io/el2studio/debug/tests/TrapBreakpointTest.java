package io.el2studio.debug.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.model.El2DebugTarget;
import io.el2studio.debug.core.model.El2Thread;
import io.el2studio.debug.core.model.El2TrapBreakpoint;
import io.el2studio.debug.tests.support.TestProjects;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;

/**
 * Headless: EL2 trap breakpoints on the example microvisor (plugins/io.el2studio.examples/microvisor,
 * built with make in a workspace project, build/hyp.elf debugged). A trap breakpoint on VMID 2's UART
 * writes stops the board at the EL2 vector's lower-EL synchronous entry (VBAR_EL2 + 0x400) on the
 * exception the simulator's own trap recorder shows as the first such one; a disabled one does not stop.
 */
public class TrapBreakpointTest {
    public static final String FILTER = "DABT_LOW vmid=2 ipa=0x09000000 write";
    /** ESR_ELx.EC of a data abort from a lower EL (Arm ARM D17.2.37). */
    static final int EC_DABT_LOW = 0x24;
    private final List<ILaunch> launches = new ArrayList<>();

    @AfterEach
    void cleanUp() throws CoreException {
        TestProjects.cleanUp(launches);
    }

    static Path microvisor() {
        return Path.of(System.getProperty("el2studio.root", "../.."), "plugins", "io.el2studio.examples", "microvisor")
                .toAbsolutePath().normalize();
    }

    /** A workspace project holding a copy of the microvisor's sources (its build/ left out). */
    public static IProject microvisorProject(String name) throws CoreException, IOException {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (p.exists()) {
            p.delete(true, true, new NullProgressMonitor());
        }
        p.create(new NullProgressMonitor());
        p.open(new NullProgressMonitor());
        Path root = microvisor();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted().toList()) {
                Path rel = root.relativize(f);
                if (rel.toString().isEmpty() || rel.getName(0).toString().equals("build")) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    IFolder d = p.getFolder(rel.toString());
                    d.create(true, true, new NullProgressMonitor());
                } else {
                    p.getFile(rel.toString()).create(new ByteArrayInputStream(Files.readAllBytes(f)), IResource.FORCE,
                            new NullProgressMonitor());
                }
            }
        }
        return p;
    }

    private El2DebugTarget launch(String name) throws Exception {
        IProject p = microvisorProject(name);
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "build/hyp.elf", name);
        ILaunch l = c.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
        launches.add(l);
        IDebugTarget[] t = l.getDebugTargets();
        assertEquals(1, t.length, "one debug target");
        return assertInstanceOf(El2DebugTarget.class, t[0]);
    }

    /** The IPA of a data abort's record: HPFAR_EL2.FIPA (bits [43:4] = IPA[51:12]) and FAR_EL2's page offset (D17.2.56). */
    static long ipa(TrapRecord r) {
        return (r.hpfar() >>> 4 & 0xFF_FFFF_FFFFL) << 12 | (r.far() & 0xFFF);
    }

    /** A write of VMID 2 to UARTDR, decided from the record's raw fields (ESR_EL2.EC, ISS.WnR bit 6). */
    static boolean vm2UartWrite(TrapRecord r) {
        return r.toEl() == 2 && r.kind().equals("sync") && r.ec() == EC_DABT_LOW && r.vmid() == 2 && (r.iss() >>> 6 & 1) == 1
                && ipa(r) == 0x0900_0000L;
    }

    @Test
    void trapBreakpointStopsAtTheVectorOnVm2sFirstUartWriteAsTheTrapRecordsShow() throws Exception {
        El2TrapBreakpoint bp = new El2TrapBreakpoint(FILTER);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        String text = TrapFilter.parse(Arrays.asList(FILTER.split(" "))).toString();
        assertEquals(text, bp.filterText());
        assertEquals("EL2 trap: " + text, bp.label());
        assertTrue(text.startsWith("DABT_LOW ") && text.contains("vmid=2") && text.contains("ipa=0x9000000-0x9000fff")
                && text.endsWith("write"), text);

        El2DebugTarget t = launch("microvisor-trap");
        assertTrue(TestProjects.waitFor(t::isSuspended, 60_000), "the target suspends at the trap");
        IThread thread = t.getThreads()[0];
        Simulation sim = t.session().simulation();
        var regs = sim.registers(0);
        assertEquals(2, regs.el(), "at EL2");
        assertEquals(regs.vbar()[2] + 0x400, regs.pc(), "at VBAR_EL2 + 0x400, synchronous exception from a lower EL");

        List<TrapRecord> history = sim.board().traps.history();
        TrapRecord last = history.get(history.size() - 1);
        assertTrue(vm2UartWrite(last), last.toJson());
        TrapFilter f = bp.filter();
        for (TrapRecord r : history.subList(0, history.size() - 1)) {
            assertFalse(vm2UartWrite(r), "an earlier UART write of VMID 2: " + r.toJson());
            assertFalse(f.matches(r, 0), "an earlier record matches: " + r.toJson());
        }
        assertEquals(regs.elr()[2], last.elr(), "ELR_EL2 is the trapped store's");
        String stop = TrapFilter.describe(last, regs.x()[0]);
        assertTrue(stop.startsWith("EL2 trap: DABT_LOW from EL1 VMID 2, IPA 0x9000000, write"), stop);
        assertTrue(thread.getName().startsWith("PE0 · EL2 · ") && thread.getName().endsWith(" · suspended: " + stop),
                thread.getName());
        assertArrayEquals(new Object[] { bp }, thread.getBreakpoints());

        // disabled and enabled again while suspended (uninstalled, installed): the next UART write of VMID 2 stops it
        // (the platform delivers a breakpoint's change after it, through a resource delta: wait until the target applied it)
        assertTrue(t.isInstalled(bp));
        bp.setEnabled(false);
        assertTrue(TestProjects.waitFor(() -> !t.isInstalled(bp), 10_000), "uninstalled");
        bp.setEnabled(true);
        assertTrue(TestProjects.waitFor(() -> t.isInstalled(bp), 10_000), "installed again");
        int before = history.size();
        t.resume();
        assertTrue(TestProjects.waitFor(() -> t.isSuspended() && sim.board().traps.history().size() > before, 60_000),
                "suspended again");
        List<TrapRecord> after = sim.board().traps.history().subList(before, sim.board().traps.history().size());
        assertTrue(vm2UartWrite(after.get(after.size() - 1)), after.get(after.size() - 1).toJson());
        assertEquals(1, after.stream().filter(TrapBreakpointTest::vm2UartWrite).count(), "the next write, not a later one");
        assertEquals(sim.registers(0).vbar()[2] + 0x400, sim.registers(0).pc());

        // disabled, the board runs to the guests' end: no other stop, though more writes trap
        bp.setEnabled(false);
        assertTrue(TestProjects.waitFor(() -> !t.isInstalled(bp), 10_000), "uninstalled");
        int second = sim.board().traps.history().size();
        t.resume();
        assertTrue(TestProjects.waitFor(t::isTerminated, 60_000), () -> "the microvisor ends with PSCI SYSTEM_OFF, no stop; "
                + "suspended " + t.isSuspended() + ", " + ((El2Thread) thread).getName() + ", state " + sim.state() + ", records "
                + (sim.board().traps.history().size() - second) + ", pc 0x" + Long.toHexString(sim.registers(0).pc()));
        assertTrue(sim.board().traps.history().stream().skip(second).anyMatch(TrapBreakpointTest::vm2UartWrite),
                "VMID 2 wrote its UART again after the stop");
    }

    @Test
    void removedTrapBreakpointNoLongerStops() throws Exception {
        El2TrapBreakpoint bp = new El2TrapBreakpoint(FILTER);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        El2DebugTarget t = launch("microvisor-trap-removed");
        assertTrue(TestProjects.waitFor(t::isSuspended, 60_000), "the target suspends at the trap");
        Simulation sim = t.session().simulation();
        int before = sim.board().traps.history().size();
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(bp, true);
        assertTrue(TestProjects.waitFor(() -> !t.isInstalled(bp), 10_000), "uninstalled");
        t.resume();
        assertTrue(TestProjects.waitFor(t::isTerminated, 60_000), "the microvisor ends with PSCI SYSTEM_OFF, no stop");
        assertTrue(sim.board().traps.history().stream().skip(before).anyMatch(TrapBreakpointTest::vm2UartWrite),
                "VMID 2 wrote its UART again after the stop");
    }

    @Test
    void disabledTrapBreakpointDoesNotStop() throws Exception {
        El2TrapBreakpoint bp = new El2TrapBreakpoint(FILTER);
        bp.setEnabled(false);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        El2DebugTarget t = launch("microvisor-trap-disabled");
        assertFalse(t.isInstalled(bp));
        assertTrue(TestProjects.waitFor(t::isTerminated, 60_000), "the microvisor runs to its end");
        assertFalse(t.isSuspended());
        assertTrue(t.session().simulation().board().traps.history().stream().anyMatch(TrapBreakpointTest::vm2UartWrite),
                "VMID 2's UART writes did trap");
    }

    @Test
    void badFilterTextIsTheParsersError() {
        IllegalArgumentException parser = assertThrows(IllegalArgumentException.class,
                () -> TrapFilter.parse(List.of("DABT_LOW", "vmid=two")));
        CoreException e = assertThrows(CoreException.class, () -> new El2TrapBreakpoint("DABT_LOW vmid=two"));
        assertEquals(parser.getMessage(), e.getMessage());
        assertEquals(parser.getMessage(), El2TrapBreakpoint.problem("DABT_LOW  vmid=two "));
        assertEquals(null, El2TrapBreakpoint.problem(FILTER));
    }
}
