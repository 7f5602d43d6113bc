package io.el2studio.engine.tests.cexpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.el2studio.engine.cexpr.CExpr;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.GdbOracle;
import io.el2studio.engine.values.GdbFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Register expressions against gdb-multiarch driving qemu-system-aarch64: stopped at {@code trap} of
 * types.c, gdb prints {@code info registers} and a list of expressions over $x0..$x30, $w0, $sp, $pc,
 * $fp, $lr, $cpsr and casts of registers to the program's types; the engine is given the registers gdb
 * listed and must print the same text. (Memory is the ELF's: the expressions read only data main has
 * not changed by then.)
 */
class RegistersVersusGdbTest {
    private static final List<String> EXPRESSIONS = List.of("print $pc", "print $sp", "print $x0", "print $x1", "print $x2",
            "print $x30", "print $w0", "print $w2", "whatis $w0", "print $fp", "print $lr", "whatis $lr", "whatis $fp",
            "whatis $sp", "whatis $pc", "whatis $x0", "print/x $pc", "print/x $sp", "print/x $x0", "print/d $pc",
            "print/x $w2", "print $cpsr", "whatis $cpsr", "print/x $cpsr", "print $x0 + 1", "print $x0 - $x0",
            "print $sp + 8", "print $pc + 4", "print $pc - 4", "print (struct vm *)$x0", "print ((struct vm *)$x0)->vmid",
            "print &((struct vm *)$x0)->vcpus[1]", "print ((struct vm *)$x0)->vcpus[1].name", "print (int)$x1",
            "print (char)$x2", "print $w2 >> 26", "print ($w2 >> 26) == 0x16", "print (u32)$x2", "whatis (u32)$x2",
            "print *(u32 *)&the_vm", "print (long)$sp", "print $x0 == &the_vm", "print $nope", "print $X0", "print $x31",
            "print $x0 > 0 && $sp != 0", "print/a $lr", "print/a $pc", "print (void *)$lr", "print $lr + 0",
            "print/t $w1", "print/o $x1", "print/c $x2", "print/z $x1", "print -$x1", "print ~$w1", "print !$x0",
            "print $pc == main", "print *(struct vcpu *)&the_vm.vcpus[1]", "print ((struct vcpu *)$x0)->name");

    @Test
    void registerExpressionsAtATrapPrintAsGdbPrintsThem() throws Exception {
        Path elf = EngineGuests.build("types", "-O0");
        List<String> cmds = new ArrayList<>(List.of("break trap", "continue", "info registers"));
        cmds.addAll(EXPRESSIONS);
        GdbOracle.Transcript gdb = GdbOracle.onQemu(elf, cmds);
        RegisterSet regs = new RegisterSet();
        for (String line : gdb.outputs().get(2)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[1].startsWith("0x")) {
                continue;
            }
            long v = Long.parseUnsignedLong(f[1].substring(2), 16);
            if (f[0].matches("x([0-9]|[12][0-9]|30)")) {
                regs.set(Integer.parseInt(f[0].substring(1)), v);
            } else if (f[0].equals("sp")) {
                regs.set(DwarfRegs.SP, v);
            } else if (f[0].equals("pc")) {
                regs.set(DwarfRegs.PC, v);
            } else if (f[0].equals("cpsr")) {
                regs.setPstate(v);
            }
        }
        assertTrue(regs.isKnown(DwarfRegs.PC) && regs.isKnown(0), "info registers gave no x0/pc: " + gdb.outputs().get(2));
        ElfScope scope = new ElfScope(elf).withRegisters(regs);
        List<String> diffs = new ArrayList<>();
        int history = 0;
        for (int i = 3; i < cmds.size(); i++) {
            String want = gdb.text(i);
            String cmd = cmds.get(i);
            String got;
            if (cmd.startsWith("whatis ")) {
                got = CExpr.whatis(cmd.substring(7), scope);
            } else {
                char fmt = cmd.startsWith("print/") ? cmd.charAt(6) : 0;
                GdbFormat.Printed p = CExpr.print(cmd.substring(fmt == 0 ? 6 : 8), fmt, scope);
                got = p.error() ? p.text() : "$" + (history + 1) + " = " + p.text();
            }
            if (want.startsWith("$")) {
                history = Integer.parseInt(want.substring(1, want.indexOf(' ')));
            }
            if (!want.equals(got)) {
                diffs.add(cmd + "\n   gdb: " + want + "\n  ours: " + got);
            }
        }
        assertEquals("", String.join("\n", diffs), diffs.size() + " of " + EXPRESSIONS.size() + " differ");
    }
}
