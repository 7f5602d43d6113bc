package io.el2studio.sim.tests.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * Acceptance 1 and 3 of the GDB issue with the real gdb-multiarch in batch mode, on our own ELF (C,
 * EL2 trap handler, two PEs): every expectation below is what gdb itself prints, so a wrong stop
 * reply, register layout or memory answer shows up as gdb's own message.
 */
class GdbSessionTest {
    private static void contains(String out, String... wanted) {
        for (String w : wanted) {
            assertTrue(out.contains(w), "gdb output lacks '" + w + "':\n" + out);
        }
    }

    /** The values of gdb's {@code p/x} lines ($N = 0x...), in order. */
    private static List<Long> hexValues(String out) {
        List<Long> v = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\$\\d+ = 0x([0-9a-f]+)$").matcher(out);
        while (m.find()) {
            v.add(Long.parseUnsignedLong(m.group(1), 16));
        }
        return v;
    }

    @Test
    void gdbBreaksStepsFinishesAndWatchesInTheCGuest() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            String out = f.gdb("load", "break compute", "continue", "bt", "info registers", "p/x $pc", "x/8i $pc", "stepi",
                    "p/x $pc", "next", "step", "bt", "finish", "watch watched", "continue", "p watched",
                    "info threads", "delete", "print add(40, 2)");
            contains(out, "Breakpoint 1, compute (n=5) at", "#1  0x", "in main () at", "x30", "cpsr", "fpcr",
                    "=> 0x", "add (a=0, b=0) at", "Value returned is $3 = 0",
                    "Hardware watchpoint 2: watched", "Old value = 0", "New value = 10", "40\t    counter = r + 1;",
                    "Thread 1 \"CPU0 EL1\"", "Thread 2 \"CPU1 EL2\"",
                    "Loading section .text", "Start address 0x0000000040000000", "$5 = 42");
            // stepi ends on line 25's first instruction, next on line 26 (over nothing: no call on line 25),
            // step enters add() from line 26.
            assertTrue(Pattern.compile("\n25\t    for \\(int i = 0; i < n; i\\+\\+\\) \\{\n\\$2 = 0x[0-9a-f]+\n26\t        s = add\\(s, i\\);\n"
                    + "add \\(a=0, b=0\\) at [^\n]*guest.c:20\n").matcher(out).find(), "stepi, next, step: " + out);
            // x/8i prints 8 instructions from the PC.
            assertEquals(8, out.lines().filter(l -> l.matches("^(=>| ) +0x[0-9a-f]+ <compute\\+\\d+>:\\t.*")).count(), out);
            List<Long> pcs = hexValues(out);
            long bp = GdbFixture.symbol(f.elf, "compute");
            assertTrue(pcs.get(0) > bp && pcs.get(0) < bp + 32, "breakpoint after compute's prologue: " + out);
            assertEquals(pcs.get(0) + 4, pcs.get(1), "stepi advances one instruction");
        }
    }

    @Test
    void el2HandlerThreadsAndSystemRegisters() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            String out = f.gdb("break el2_trap", "continue", "bt", "info registers", "p/x $HCR_EL2", "p $HCR_EL2", "p/x $ESR_EL2",
                    "set $HCR_EL2 = $HCR_EL2 | 0x2000", "p/x $HCR_EL2", "set $HCR_EL2 = 0x80002010UL", "p/x $VBAR_EL2",
                    "info threads", "thread 2", "p/x $pc", "thread 1", "p/x $pc", "p/x $HCR_EL2", "p $HCR_EL2");
            contains(out, "Thread 1 \"CPU0 EL2\" hit Breakpoint 1, el2_trap (esr=", "in lower_sync () at",
                    "[ TWEDEL=0 RW BSU=0 ]", "[Switching to thread 2 (Thread 2)]", "$9 = [ TWEDEL=0 RW TWI BSU=0 IMO ]",
                    "Thread 1 \"CPU0 EL2\" el2_trap", "Thread 2 \"CPU1 EL2\"", "HCR_EL2        0x80000000",
                    "VTTBR_EL2", "ICH_HCR_EL2", "CNTHCTL_EL2");
            List<Long> v = hexValues(out);
            assertEquals(0x80000000L, v.get(0), "HCR_EL2 as the guest set it");
            assertEquals(0x5a000042L, v.get(1), "ESR_EL2 of HVC #0x42 (EC 0x16, IL)");
            assertEquals(0x80002000L, v.get(2), "HCR_EL2 after set");
            assertEquals(GdbFixture.symbol(f.elf, "vectors2"), v.get(3));
            long secondary = GdbFixture.symbol(f.elf, "secondary");
            assertTrue(v.get(4) >= secondary, "thread 2 is PE 1, in its own code: " + out);
            long handler = GdbFixture.symbol(f.elf, "el2_trap");
            assertTrue(v.get(5) > handler && v.get(5) < handler + 32, "thread 1 is back at the breakpoint: " + out);
            assertEquals(0x80002010L, v.get(6), "HCR_EL2 after the second set, read back through gdb");
            // The write reached the model: the simulation's own view of PE 0's HCR_EL2.
            long hcr = f.sim.call(b -> SysRegTable.byName("HCR_EL2").read(b.cpu(0)), 5000);
            assertEquals(0x80002010L, hcr);
        }
    }

    /**
     * gdb types each system register from our target description: a 64-bit register whose type is
     * a {@code <flags>} made of the table's fields. gdb converts the value assigned to a register to that
     * type, which it does only from an expression of the same size: a 64-bit one (a suffixed literal,
     * a literal above 32 bits, an expression with the register itself, a cast) is taken as written;
     * a plain literal that fits 32 bits is an int to gdb's C parser, which gdb 13 refuses with "Invalid
     * cast." for every 64-bit flags register. This test records
     * both, so that a gdb which lifts the limit shows up here.
     */
    @Test
    void setSystemRegisterFromLiteralsAndExpressions() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            String out = f.gdb("break el2_trap", "continue", "set $HCR_EL2 = 0x80000030UL", "p/x $HCR_EL2",
                    "set $HCR_EL2 = 0x480000000", "p/x $HCR_EL2", "set $HCR_EL2 = (unsigned long) 0x80000008", "p/x $HCR_EL2",
                    "set $HCR_EL2 = $HCR_EL2 & ~8", "p/x $HCR_EL2", "set $HCR_EL2 = 0x80000001", "p/x $HCR_EL2");
            List<Long> v = hexValues(out);
            assertEquals(List.of(0x80000030L, 0x480000000L, 0x80000008L, 0x80000000L, 0x80000000L), v, out);
            contains(out, "Invalid cast.");
            long hcr = f.sim.call(b -> SysRegTable.byName("HCR_EL2").read(b.cpu(0)), 5000);
            assertEquals(0x80000000L, hcr);
        }
    }

    /**
     * Acceptance 3: the guest queued a pending virtual interrupt in ICH_LR0_EL2 at EL2 (tests/guests/gdb/start.S);
     * gdb reads the list register through the target description and decodes its fields.
     */
    @Test
    void listRegisterOfAPendingVirtualInterruptIsReadable() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            String out = f.gdb("break el2_trap", "continue", "p/x $ICH_LR0_EL2", "p $ICH_LR0_EL2", "p/x $ICH_LR1_EL2",
                    "p/x $ICH_HCR_EL2");
            long model = f.sim.readSysreg(0, "ICH_LR0_EL2");
            assertEquals(0x50a0_0000_0000_001bL, model, "the value the guest wrote: pending, Group 1, priority 0xa0, vINTID 27");
            assertEquals(List.of(model, 0L, 0L), hexValues(out), out);
            contains(out, "[ State=1 Group Priority=160 pINTID=0 vINTID=27 ]");
        }
    }

    @Test
    void ctrlCInterruptsTheRunningGuest() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            long spinAddress = GdbFixture.symbol(f.elf, "spin");
            // Interrupted once the guest is in its final loop: spin > 0 in guest memory, the simulation running.
            java.util.function.BooleanSupplier spinning = () -> f.sim.state() == io.el2studio.sim.control.Simulation.State.RUNNING
                    && f.sim.readMemory(io.el2studio.sim.control.Translation.physical(), spinAddress, 1)[0] != 0;
            String out = GdbFixture.gdbAt(f.server.port(), f.elf, 100, spinning, "echo " + GdbFixture.GO + "\\n", "continue",
                    "p spin", "p/x $pc", "info threads");
            contains(out, "received signal SIGINT, Interrupt.", "main () at", "* 1    Thread 1 \"CPU0 EL1\" ");
            Matcher m = Pattern.compile("\\$1 = (\\d+)").matcher(out);
            assertTrue(m.find() && Long.parseLong(m.group(1)) > 0, "the guest ran into its spin loop: " + out);
            long main = GdbFixture.symbol(f.elf, "main");
            long pc = hexValues(out).get(0);
            assertTrue(pc > main && pc < main + 0x80, String.format("stopped in main's loop: pc 0x%x\n%s", pc, out));
        }
    }

    @Test
    void monitorBreakTrapStopsAtTheEl2VectorAndTrapsDecodesIt() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            String out = f.gdb("monitor break-trap hvc", "continue", "p/x $pc", "monitor traps 1", "monitor delete-trap",
                    "monitor info el", "monitor translate 0x40000000", "monitor help", "monitor until-eret",
                    "maint flush register-cache", "p/x $pc", "monitor step-el", "maint flush register-cache", "p/x $pc",
                    "monitor traps 1");
            long vector = GdbFixture.symbol(f.elf, "lower_sync");
            assertEquals(vector, hexValues(out).get(0), out);
            long elr = GdbFixture.symbol(f.elf, "hvc_call") + 4;
            contains(out, "EL1->EL2 sync EC 0x16 HVC ESR 0x5a000042 [imm16=0x42]", String.format("ELR 0x%x", elr),
                    "1 trap breakpoint(s) deleted", "CPU0: EL2h regime EL2 VMID 0", "CPU1: EL2h", "break-trap EC...",
                    "until-eret", "step-el");
            // until-eret: back at EL1 after the HVC; step-el: the second HVC enters EL2 at the vector.
            contains(out, String.format("stopped (T05thread:1;): CPU0 EL1 pc 0x%x", elr),
                    String.format("stopped (T05thread:1;): CPU0 EL2 pc 0x%x", vector));
            assertEquals(List.of(vector, elr, vector), hexValues(out));
        }
    }

    @Test
    void everyModelledSystemRegisterIsInTheDescription() throws Exception {
        try (GdbFixture f = new GdbFixture(true)) {
            String out = f.gdb("maint print xml-tdesc", "info registers SCTLR_EL2 SPSR_EL2 VTTBR_EL2");
            for (SysReg r : SysRegTable.all()) {
                // FPSR and FPCR are the fpu feature's fpsr and fpcr.
                if (r.modelled() && !r.name.equals("FPSR") && !r.name.equals("FPCR")) {
                    assertTrue(out.contains("name=\"" + r.name + "\""), r.name + " missing from the target description");
                }
            }
            contains(out, "<feature name=\"org.gnu.gdb.aarch64.core\">", "<feature name=\"org.gnu.gdb.aarch64.fpu\">",
                    "<flags id=\"HCR_EL2_flags\" size=\"8\">", "SCTLR_EL2", "VTTBR_EL2");
        }
    }
}
