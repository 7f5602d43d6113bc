package io.el2studio.debug.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.MemoryByte;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.el2studio.debug.core.El2Launch;
import io.el2studio.debug.core.launch.UartProcess;
import io.el2studio.debug.core.model.El2DebugTarget;
import io.el2studio.debug.core.model.El2AddressBreakpoint;
import io.el2studio.debug.core.model.El2LineBreakpoint;
import io.el2studio.debug.core.model.El2Thread;
import io.el2studio.debug.core.model.SteppingMode;
import io.el2studio.debug.tests.support.TestProjects;
import io.el2studio.sim.control.Simulation;

/**
 * Headless: the launch builds the example project with make, boots the virt board and debugs it:
 * stop at main where gdb's {@code break main} stops, line breakpoints, steps, registers with their
 * fields (a write of HCR_EL2.TWI reaches the simulator), the UART as the launch's process, a guest
 * that never ends suspended and terminated; a failed build and a missing image end the launch with
 * one line and leave nothing running.
 */
class DebugSessionTest {
    private final List<ILaunch> launches = new ArrayList<>();

    @AfterEach
    void cleanUp() throws CoreException {
        SteppingMode.setInstructionStepping(false);
        TestProjects.cleanUp(launches);
    }

    private ILaunch launch(ILaunchConfigurationWorkingCopy c, String mode) throws CoreException {
        ILaunch l = c.launch(mode, new NullProgressMonitor());
        launches.add(l);
        return l;
    }

    private static El2DebugTarget target(ILaunch l) {
        IDebugTarget[] t = l.getDebugTargets();
        assertEquals(1, t.length, "one debug target");
        return assertInstanceOf(El2DebugTarget.class, t[0]);
    }

    private static IThread suspendedThread(El2DebugTarget t) throws Exception {
        assertTrue(TestProjects.waitFor(t::isSuspended, 30_000), "the target suspends");
        return t.getThreads()[0];
    }

    /** gdb-multiarch's answer for {@code break LOCATION} in {@code elf}: the address and line it reports. */
    static long[] gdbBreak(Path elf, String location) throws Exception {
        String out = TestProjects.run(elf.getParent(), "gdb-multiarch", "-batch", "-nx", "-ex", "break " + location, elf.toString());
        Matcher m = Pattern.compile("Breakpoint 1 at 0x([0-9a-f]+): file [^,]+, line (\\d+)\\.").matcher(out);
        assertTrue(m.find(), out);
        return new long[] { Long.parseUnsignedLong(m.group(1), 16), Long.parseLong(m.group(2)) };
    }

    @Test
    void debugStopsAtMainWhereGdbDoesAndRunsToTheEndWithUartOutput() throws Exception {
        IProject p = TestProjects.create("hello-main");
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "hello.elf", "hello-main");
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_SYMBOL);
        c.setAttribute(El2Launch.ATTR_STOP_SYMBOL, "main");
        ILaunch l = launch(c, ILaunchManager.DEBUG_MODE);
        El2DebugTarget t = target(l);
        IThread thread = suspendedThread(t);
        assertEquals("PE0 · EL2 · VMID - · suspended: temporary breakpoint", thread.getName());
        IStackFrame top = thread.getTopStackFrame();
        long[] gdb = gdbBreak(p.getLocation().toPath().resolve("hello.elf"), "main");
        assertEquals(String.format("main() at main.c:%d 0x%x", gdb[1], gdb[0]), top.getName());
        assertEquals(gdb[1], top.getLineNumber());
        // as gdb's bt: the backtrace ends at main
        assertEquals(1, thread.getStackFrames().length, Arrays.toString(thread.getStackFrames()));

        UartProcess uart = assertInstanceOf(UartProcess.class, t.getProcess());
        t.resume();
        assertTrue(TestProjects.waitFor(l::isTerminated, 30_000), "the guest ends with PSCI SYSTEM_OFF");
        assertEquals("hello from EL2\ndone\n", uart.getStreamsProxy().getOutputStreamMonitor().getContents());
        assertEquals(Simulation.State.CLOSED, t.session().simulation().state());
    }

    @Test
    void lineBreakpointStopsThereAndStepsLandWhereGdbLands() throws Exception {
        IProject p = TestProjects.create("hello-steps");
        IFile main = p.getFile("main.c");
        // line 20 is `counter = add(counter, i);`
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new El2LineBreakpoint(main, 20));
        ILaunch l = launch(TestProjects.configuration(p, "hello.elf", "hello-steps"), ILaunchManager.DEBUG_MODE);
        El2DebugTarget t = target(l);
        IThread thread = suspendedThread(t);
        assertEquals("PE0 · EL2 · VMID - · suspended: breakpoint", thread.getName());
        assertEquals(1, thread.getBreakpoints().length);
        assertEquals(20, thread.getTopStackFrame().getLineNumber());

        // step: into add, after its prologue (gdb: "add (a=0, b=0) at main.c:13")
        thread.stepInto();
        assertTrue(TestProjects.waitFor(() -> thread.isSuspended() && !thread.isStepping(), 30_000));
        assertTrue(thread.getTopStackFrame().getName().startsWith("add() at main.c:13 "), thread.getTopStackFrame().getName());
        assertEquals(2, thread.getStackFrames().length, "add, main");
        // the Variables view's content: gdb's info args in add (first call: add (counter=0, i=0)), info locals in main
        assertEquals(List.of("a = 0", "b = 0"), variables(thread.getStackFrames()[0]));
        assertEquals(List.of("i = 0"), variables(thread.getStackFrames()[1]));
        assertTrue(thread.getStackFrames()[1].getName().startsWith("main() at main.c:20 "), thread.getStackFrames()[1].getName());
        // finish: back in main at line 20, after the call
        thread.stepReturn();
        assertTrue(TestProjects.waitFor(() -> thread.isSuspended() && !thread.isStepping(), 30_000));
        assertTrue(thread.getTopStackFrame().getName().startsWith("main() at main.c:20 "), thread.getTopStackFrame().getName());
        // next: the loop's increment, line 19
        thread.stepOver();
        assertTrue(TestProjects.waitFor(() -> thread.isSuspended() && !thread.isStepping(), 30_000));
        assertEquals(19, thread.getTopStackFrame().getLineNumber());
        // stepi: one instruction
        long pc = pc(thread);
        SteppingMode.setInstructionStepping(true);
        thread.stepInto();
        assertTrue(TestProjects.waitFor(() -> thread.isSuspended() && !thread.isStepping(), 30_000));
        assertEquals(pc + 4, pc(thread));
        // Run to Line 21 (`put("done\n");`) with the breakpoint of line 20 removed (it would stop the
        // loop's next pass, as it stops gdb's advance): the loop runs out, the PE stops there
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(El2Launch.MODEL_ID), true);
        Simulation sim = t.session().simulation();
        assertTrue(TestProjects.waitFor(() -> sim.breakpoints().isEmpty(), 10_000), "breakpoint removed: " + sim.breakpoints());
        El2Thread pe0 = assertInstanceOf(El2Thread.class, thread);
        assertTrue(pe0.runToLine(main.getLocation().toString(), 21));
        assertTrue(TestProjects.waitFor(() -> thread.isSuspended() && !thread.isStepping(), 30_000));
        assertEquals(21, thread.getTopStackFrame().getLineNumber(), thread.getTopStackFrame().getName());
        assertFalse(pe0.runToLine(main.getLocation().toString(), 400), "no code at or after line 400");
    }

    /** {@code name = value} of each variable of {@code frame}, as gdb's info args / info locals print them. */
    private static List<String> variables(IStackFrame frame) throws Exception {
        List<String> out = new ArrayList<>();
        for (IVariable v : frame.getVariables()) {
            out.add(v.getName() + " = " + v.getValue().getValueString());
        }
        return out;
    }

    private static long pc(IThread thread) throws Exception {
        String name = thread.getTopStackFrame().getName();
        return Long.parseUnsignedLong(name.substring(name.lastIndexOf("0x") + 2), 16);
    }

    @Test
    void addressBreakpointStopsThereAndADisabledLineBreakpointDoesNot() throws Exception {
        IProject p = TestProjects.create("hello-address");
        TestProjects.run(p.getLocation().toPath(), "make");
        long[] add = gdbBreak(p.getLocation().toPath().resolve("hello.elf"), "add");
        El2LineBreakpoint disabled = new El2LineBreakpoint(p.getFile("main.c"), 18);
        disabled.setEnabled(false);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(disabled);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new El2AddressBreakpoint(add[0]));
        El2DebugTarget t = target(launch(TestProjects.configuration(p, "hello.elf", "hello-address"), ILaunchManager.DEBUG_MODE));
        IThread thread = suspendedThread(t);
        assertEquals("PE0 · EL2 · VMID - · suspended: breakpoint", thread.getName());
        assertEquals(String.format("add() at main.c:%d 0x%x", add[1], add[0]), thread.getTopStackFrame().getName());
        // disabled while suspended (the Breakpoints view's check box): the guest runs to its end
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(El2Launch.MODEL_ID)) {
            b.setEnabled(false);
        }
        Simulation sim = t.session().simulation();
        assertTrue(TestProjects.waitFor(() -> sim.breakpoints().isEmpty(), 10_000), "breakpoints removed: " + sim.breakpoints());
        t.resume();
        assertTrue(TestProjects.waitFor(() -> t.getLaunch().isTerminated(), 30_000), "runs to the end with every breakpoint disabled: "
                + sim.state() + " " + sim.lastStop() + " " + name(thread));
    }

    @Test
    void registersHaveFieldsAndWritingHcrTwiChangesTheSimulatorsRegister() throws Exception {
        IProject p = TestProjects.create("hello-regs");
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "hello.elf", "hello-regs");
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_ENTRY);
        El2DebugTarget t = target(launch(c, ILaunchManager.DEBUG_MODE));
        IThread thread = suspendedThread(t);
        assertEquals("PE0 · EL2 · VMID - · suspended: entry", thread.getName());
        // the entry point, in the assembler source
        assertEquals("_start() at start.S:5 0x40000000", thread.getTopStackFrame().getName());
        IRegisterGroup[] groups = thread.getTopStackFrame().getRegisterGroups();
        List<String> names = Arrays.stream(groups).map(g -> {
            try {
                return g.getName();
            } catch (Exception e) {
                return e.toString();
            }
        }).toList();
        assertEquals(List.of("General", "EL1", "EL2", "EL3", "GIC CPU interface", "Timers"), names.subList(0, 6), names.toString());
        IRegister[] general = groups[0].getRegisters();
        assertEquals(34, general.length, "X0-X30, SP, PC, PSTATE");
        assertEquals("PC", general[32].getName());
        assertEquals("0x0000000040000000", general[32].getValue().getValueString());
        IRegister pstate = general[33];
        List<String> pstateFields = Arrays.stream(pstate.getValue().getVariables()).map(v -> {
            try {
                return v.getName();
            } catch (Exception e) {
                return e.toString();
            }
        }).toList();
        assertTrue(pstateFields.contains("M [3:0]") && pstateFields.contains("N [31]"), pstateFields.toString());

        IRegister hcr = register(groups[2], "HCR_EL2");
        IVariable twi = field(hcr, "TWI [13]");
        assertTrue(twi.getValue().getValueString().startsWith("0  "), twi.getValue().getValueString());
        assertTrue(twi.supportsValueModification());
        long before = t.session().simulation().readSysreg(0, "HCR_EL2");
        assertEquals(0, before & (1L << 13));
        twi.setValue("1");
        Simulation sim = t.session().simulation();
        assertTrue(TestProjects.waitFor(() -> (sim.readSysreg(0, "HCR_EL2") & (1L << 13)) != 0, 10_000),
                "HCR_EL2.TWI written");
        assertEquals(before | (1L << 13), sim.readSysreg(0, "HCR_EL2"), "only TWI changed");
        assertTrue(TestProjects.waitFor(() -> value(field(hcr, "TWI [13]")).startsWith("1  "), 10_000));
        assertFalse(field(hcr, "TWI [13]").verifyValue("2"), "a 1-bit field takes 0 or 1");
    }

    @Test
    void memoryBlocksOfNpAndEl2HoldTheSimulatorsBytesAndABadPrefixSaysWhy() throws Exception {
        IProject p = TestProjects.create("hello-memory");
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "hello.elf", "hello-memory");
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_ENTRY);
        El2DebugTarget t = target(launch(c, ILaunchManager.DEBUG_MODE));
        IThread thread = suspendedThread(t);
        byte[] ram = t.session().simulation().readMemory(io.el2studio.sim.control.Translation.physical(), 0x40000000L, 64);
        for (String expression : List.of("NP:0x40000000", "EL2:0x40000000", "0x40000000")) {
            IMemoryBlockExtension b = t.getExtendedMemoryBlock(expression, thread);
            MemoryByte[] got = b.getBytesFromAddress(b.getBigBaseAddress(), 64);
            byte[] bytes = new byte[64];
            for (int i = 0; i < 64; i++) {
                assertTrue(got[i].isReadable(), expression + " byte " + i);
                bytes[i] = got[i].getValue();
            }
            assertArrayEquals(ram, bytes, expression);
        }
        // the first instruction of _start as objdump shows it, little-endian
        String dump = TestProjects.run(p.getLocation().toPath(), "aarch64-linux-gnu-objdump", "-d", "--start-address=0x40000000",
                "--stop-address=0x40000004", "hello.elf");
        Matcher m = Pattern.compile("40000000:\\s+([0-9a-f]{8})").matcher(dump);
        assertTrue(m.find(), dump);
        long word = Long.parseLong(m.group(1), 16);
        assertEquals(word, (ram[0] & 0xFFL) | (ram[1] & 0xFFL) << 8 | (ram[2] & 0xFFL) << 16 | (ram[3] & 0xFFL) << 24);
        // outside RAM (the flash at 0): unreadable, not zero
        IMemoryBlockExtension low = t.getExtendedMemoryBlock("NP:0x0", thread);
        assertFalse(low.getBytesFromAddress(low.getBigBaseAddress(), 4)[0].isReadable());
        DebugException bad = assertThrows(DebugException.class, () -> t.getExtendedMemoryBlock("XX:0x10", thread));
        assertTrue(bad.getMessage().contains("XX"), bad.getMessage());
    }

    private static String name(IThread t) {
        try {
            return t.getName();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String value(IVariable v) {
        try {
            return v.getValue().getValueString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static IRegister register(IRegisterGroup g, String name) throws Exception {
        for (IRegister r : g.getRegisters()) {
            if (r.getName().equals(name)) {
                return r;
            }
        }
        throw new AssertionError(name + " not in " + g.getName());
    }

    private static IVariable field(IRegister r, String name) {
        try {
            for (IVariable v : r.getValue().getVariables()) {
                if (v.getName().equals(name)) {
                    return v;
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(name + " not a field");
    }

    @Test
    void gdbAttachesToTheSameTargetThroughTheGdbServer() throws Exception {
        IProject p = TestProjects.create("hello-gdb");
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "hello.elf", "hello-gdb");
        c.setAttribute(El2Launch.ATTR_STOP, El2Launch.STOP_ENTRY);
        c.setAttribute(El2Launch.ATTR_GDB_PORT, "0"); // a free port
        El2DebugTarget t = target(launch(c, ILaunchManager.DEBUG_MODE));
        suspendedThread(t);
        int port = t.session().gdbServer().port();
        Path elf = p.getLocation().toPath().resolve("hello.elf");
        String out = TestProjects.run(elf.getParent(), "gdb-multiarch", "-batch", "-nx", "-ex", "target remote 127.0.0.1:" + port,
                "-ex", "info registers pc", "-ex", "detach", elf.toString());
        assertTrue(out.matches("(?s).*pc\\s+0x40000000\\s+0x40000000 <_start>.*"), out);
    }

    @Test
    void endlessGuestSuspendsAndTerminates() throws Exception {
        IProject p = TestProjects.create("loop");
        El2DebugTarget t = target(launch(TestProjects.configuration(p, "loop.elf", "loop"), ILaunchManager.DEBUG_MODE));
        Simulation sim = t.session().simulation();
        // really running: the guest has spun a while (the instruction count of the board)
        assertTrue(TestProjects.waitFor(() -> sim.board().instructions() > 1_000_000, 30_000), "the guest runs");
        assertTrue(name(t.getThreads()[0]).endsWith("running"), name(t.getThreads()[0]));
        t.suspend();
        IThread thread = suspendedThread(t);
        assertEquals("PE0 · EL2 · VMID - · suspended: user request", thread.getName());
        assertTrue(thread.getTopStackFrame().getName().startsWith("main() at loop.c:"), thread.getTopStackFrame().getName());
        t.terminate();
        assertTrue(TestProjects.waitFor(() -> t.getLaunch().isTerminated(), 10_000));
        assertEquals(Simulation.State.CLOSED, sim.state());
    }

    @Test
    void failedBuildEndsTheLaunchWithItsFirstErrorAndAMarker() throws Exception {
        IProject p = TestProjects.create("broken");
        IFile main = p.getFile("main.c");
        String text = Files.readString(main.getLocation().toPath()).replace("counter = add(counter, i);", "counter = add(counter i);");
        main.setContents(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "hello.elf", "broken");
        CoreException e = assertThrows(CoreException.class, () -> c.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor()));
        // gcc's own words, from a build of the same file outside the IDE
        String gcc = TestProjects.run(p.getLocation().toPath(), "make");
        String firstError = gcc.lines().filter(s -> s.contains(": error: ")).findFirst().orElseThrow();
        assertEquals("Build failed: make exited with status 2: " + firstError, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        IMarker[] markers = main.findMarkers(El2Launch.BUILD_PROBLEM_MARKER, true, IResource.DEPTH_ZERO);
        long errors = gcc.lines().filter(s -> s.startsWith("main.c:") && s.contains(": error: ")).count();
        assertTrue(errors >= 1, gcc);
        assertEquals(errors, Arrays.stream(markers).filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).count(),
                "one error marker per gcc error");
        Matcher first = Pattern.compile("^main\\.c:(\\d+):\\d+: error: (.*)$").matcher(firstError);
        assertTrue(first.matches(), firstError);
        assertTrue(Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) == Integer.parseInt(first.group(1))
                && first.group(2).equals(m.getAttribute(IMarker.MESSAGE, ""))), "a marker for " + firstError);
        assertNothingRuns();
    }

    @Test
    void missingImageAfterTheBuildEndsTheLaunchWithOneLine() throws Exception {
        IProject p = TestProjects.create("noimage");
        ILaunchConfigurationWorkingCopy c = TestProjects.configuration(p, "nothere.elf", "noimage");
        CoreException e = assertThrows(CoreException.class, () -> c.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor()));
        String path = p.getLocation().append("nothere.elf").toString();
        assertEquals(Cli.runError(path), e.getMessage());
        assertNothingRuns();
    }

    private static void assertNothingRuns() {
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            for (IProcess pr : l.getProcesses()) {
                assertTrue(pr.isTerminated(), pr.getLabel() + " still runs");
            }
            assertEquals(0, Arrays.stream(l.getDebugTargets()).filter(d -> !d.isTerminated()).count(), "a debug target runs");
        }
        assertNotNull(DebugPlugin.getDefault());
    }
}
