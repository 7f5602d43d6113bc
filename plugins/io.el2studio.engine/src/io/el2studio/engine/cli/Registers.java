package io.el2studio.engine.cli;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.unwind.Frame;

/**
 * {@code info registers [REG...]} as gdb 13 prints aarch64's general registers: name, raw value in
 * hex, natural value (signed decimal for x0-x30, data pointer for sp, code pointer with
 * {@code <symbol+offset>} for pc, plain for cpsr, fpsr, fpcr); {@code <not saved>} for a register
 * a caller frame did not save.
 */
final class Registers {
    private Registers() {
    }

    static void info(Session s, Frame frame, String names) {
        if (s.exited) {
            throw new GdbError("The program has no registers now.");
        }
        List<String> which = new ArrayList<>();
        if (names.isEmpty() || names.equals("general")) {
            for (int i = 0; i <= 30; i++) {
                which.add("x" + i);
            }
            which.addAll(List.of("sp", "pc", "cpsr", "fpsr", "fpcr"));
        } else {
            for (String n : names.split("\\s+")) {
                which.add(n.startsWith("$") ? n.substring(1) : n);
            }
        }
        // Validate every name first: gdb reports the bad one and prints nothing.
        for (String n : which) {
            if (number(n) == Integer.MIN_VALUE) {
                throw new GdbError("Invalid register `" + n + "'");
            }
        }
        RegisterSet r = frame.registers();
        for (String n : which) {
            int reg = number(n);
            String raw, natural;
            if (reg >= 0 && reg <= DwarfRegs.PC && !r.isKnown(reg)) {
                raw = "<not saved>";
                natural = "";
            } else if (reg == DwarfRegs.PC) {
                long v = r.get(reg);
                raw = hex(v);
                natural = hex(v) + Inspect.symbolSuffix(s.program.current(), v);
            } else if (reg == DwarfRegs.SP) {
                raw = hex(r.get(reg));
                natural = raw;
            } else if (reg >= 0) {
                long v = r.get(reg);
                raw = hex(v);
                natural = Long.toString(v);
            } else {
                long v = switch (n) {
                    case "cpsr" -> r.pstate() & 0xFFFFFFFFL;
                    case "fpsr" -> s.target.fpsr();
                    default -> s.target.fpcr();
                };
                raw = hex(v);
                natural = Long.toString(v);
            }
            // infcmd.c default_print_one_register_info: columns 15 and 35, at least one space between.
            StringBuilder line = new StringBuilder(n);
            padTo(line, 15);
            line.append(raw);
            padTo(line, 35);
            s.out.println(line.append(natural));
        }
    }

    private static void padTo(StringBuilder b, int column) {
        b.append(' ');
        while (b.length() < column) {
            b.append(' ');
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** DWARF number of a general register name, -1 for cpsr/fpsr/fpcr, MIN_VALUE for none. */
    private static int number(String n) {
        switch (n) {
            case "sp":
                return DwarfRegs.SP;
            case "pc":
                return DwarfRegs.PC;
            case "cpsr", "fpsr", "fpcr":
                return -1;
            default:
                if (n.matches("x([0-9]|[12][0-9]|30)")) {
                    return Integer.parseInt(n.substring(1));
                }
                return Integer.MIN_VALUE;
        }
    }
}
