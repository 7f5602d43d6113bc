package io.el2studio.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.el2studio.engine.cexpr.CExpr;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.unwind.CfiRules;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.engine.values.GdbFormat;
import io.el2studio.engine.values.Value;
import io.el2studio.sim.loader.ElfImage;

/**
 * The inspection commands of a {@link Session}: backtrace, frame, up, down, info
 * locals/args/frame/line/registers/breakpoints/symbol, print[/FMT], output, ptype, whatis, x/FMT,
 * display; gdb 13's text for each.
 */
final class Inspect {
    private final Session s;
    private final List<String> displays = new ArrayList<>();

    Inspect(Session s) {
        this.s = s;
    }

    void execute(String name, String rest, String args) {
        switch (name) {
            case "backtrace" -> backtrace(args);
            case "frame" -> frame(args);
            case "up" -> move(args.isEmpty() ? 1 : Session.count(args), args.isEmpty());
            case "down" -> move(-(args.isEmpty() ? 1 : Session.count(args)), args.isEmpty());
            case "info" -> info(args);
            case "print" -> print(rest, true);
            case "output" -> print(rest, false);
            case "ptype" -> typeCommand(args, true);
            case "whatis" -> typeCommand(args, false);
            case "x" -> Examine.run(s, this, rest);
            case "display" -> display(args);
            case "undisplay" -> displays.clear();
            default -> throw new GdbError("Undefined command: \"" + name + "\".  Try \"help\".");
        }
    }

    private List<Frame> stack() {
        if (s.exited) {
            throw new GdbError("No stack.");
        }
        List<Frame> f = s.frames();
        if (f.isEmpty()) {
            throw new GdbError("No stack.");
        }
        return f;
    }

    private void backtrace(String args) {
        List<Frame> f = stack();
        int limit = f.size();
        String a = args.strip();
        if (!a.isEmpty() && !a.equals("full")) {
            limit = Math.min(limit, Session.count(a));
        }
        for (int i = 0; i < limit; i++) {
            s.out.println(s.printer.location(f, i, true));
        }
        if (limit < f.size()) {
            s.out.println("(More stack frames follow...)");
        } else if (s.backtrace().stopReason() != null) {
            s.out.println("Backtrace stopped: " + s.backtrace().stopReason());
        }
    }

    private void frame(String args) {
        List<Frame> f = stack();
        if (!args.isEmpty()) {
            String a = args.startsWith("level ") ? args.substring(6).strip() : args;
            int n = Session.count(a);
            if (n >= f.size()) {
                throw new GdbError("No frame at level " + a + ".");
            }
            s.selected = n;
        }
        s.out.println(s.printer.frameText(f, s.selected, true, false));
    }

    /** gdb's up/down: as far as there are frames; without a count, not moving at all is an error. */
    private void move(int by, boolean noCount) {
        List<Frame> f = stack();
        int n = Math.max(0, Math.min(f.size() - 1, s.selected + by));
        if (noCount && by > 0 && n == s.selected) {
            throw new GdbError("Initial frame selected; you cannot go up.");
        }
        if (noCount && by < 0 && n == s.selected) {
            throw new GdbError("Bottom (innermost) frame selected; you cannot go down.");
        }
        s.selected = n;
        s.out.println(s.printer.frameText(f, n, true, false));
    }

    // ---- info ----

    private void info(String args) {
        String[] w = args.split("\\s+", 2);
        String sub = w[0];
        String rest = w.length > 1 ? w[1].strip() : "";
        if (sub.isEmpty()) {
            throw new GdbError("List of info subcommands:\n\ninfo args -- All argument variables of current stack frame or those matching REGEXPs.");
        }
        String name = infoName(sub);
        switch (name) {
            case "locals", "args" -> variables(name.equals("args"));
            case "frame" -> infoFrame();
            case "line" -> infoLine(rest);
            case "registers" -> Registers.info(s, stack().get(s.selected), rest);
            case "breakpoints" -> s.out.println(s.breakpoints.info());
            case "symbol" -> infoSymbol(rest);
            case "display" -> infoDisplay();
            default -> throw new GdbError("Undefined info command: \"" + sub + "\".  Try \"help info\".");
        }
    }

    private static String infoName(String sub) {
        Map<String, String> fixed = Map.of("r", "registers", "b", "breakpoints", "f", "frame", "s", "stack");
        if (fixed.containsKey(sub)) {
            return fixed.get(sub);
        }
        List<String> names = List.of("args", "breakpoints", "display", "frame", "line", "locals", "registers", "symbol");
        List<String> m = names.stream().filter(n -> n.startsWith(sub)).toList();
        return m.size() == 1 ? m.get(0) : sub;
    }

    private void variables(boolean arguments) {
        if (s.exited) {
            throw new GdbError("No frame selected.");
        }
        List<Frame> f = stack();
        List<String> lines = s.values.lines(f, s.selected, arguments);
        if (lines == null) {
            throw new GdbError("No symbol table info available.");
        }
        if (lines.isEmpty()) {
            s.out.println(arguments ? "No arguments." : "No locals.");
        }
        for (String l : lines) {
            s.out.println(l);
        }
    }

    /** gdb's info frame (stack.c info_frame_command_core), with the unwinder's CFA and saved registers. */
    private void infoFrame() {
        List<Frame> f = stack();
        int i = s.selected;
        Frame fr = f.get(i);
        Printer.Sal sal = s.printer.sal(f, i);
        StringBuilder b = new StringBuilder();
        b.append("Stack level ").append(i).append(", frame at ").append(hex(fr.cfa())).append(":\n");
        b.append(" pc = ").append(hex(fr.pc())).append(" in ").append(s.printer.functionName(f, i));
        if (sal.known()) {
            b.append(" (").append(sal.display()).append(':').append(sal.line()).append(')');
        }
        b.append("; saved pc = ").append(i + 1 < f.size() ? hex(f.get(i + 1).pc()) : "<not saved>").append('\n');
        if (i + 1 < f.size()) {
            b.append(" called by frame at ").append(hex(f.get(i + 1).cfa())).append('\n');
        }
        if (i > 0) {
            b.append(" caller of frame at ").append(hex(f.get(i - 1).cfa())).append('\n');
        }
        if (sal.known()) {
            b.append(" source language ").append(sal.display().endsWith(".S") || sal.display().endsWith(".s") ? "asm" : "c")
                    .append(".\n");
        }
        RegisterSet r = fr.registers();
        String base = r.isKnown(DwarfRegs.FP) ? hex(r.get(DwarfRegs.FP)) : "<unknown>";
        b.append(" Arglist at ").append(base).append(", args: ");
        b.append(String.join(", ", s.values.frameArguments(f, i))).append('\n');
        b.append(" Locals at ").append(base).append(", Previous frame's sp is ").append(hex(fr.cfa())).append('\n');
        CfiRules rules = fr.rules();
        List<String> saved = new ArrayList<>();
        if (rules != null && fr.cfa() != -1) {
            for (int reg = 0; reg < DwarfRegs.COUNT; reg++) {
                if (rules.registers().get(reg) instanceof CfiRules.Offset o) {
                    saved.add(DwarfRegs.name(reg) + " at " + hex(fr.cfa() + o.offset()));
                }
            }
        }
        if (!saved.isEmpty()) {
            b.append(" Saved registers:\n  ").append(String.join(", ", saved)).append('\n');
        }
        s.out.print(b);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private void infoLine(String spec) {
        SymbolFile file = s.program.current();
        long pc;
        if (spec.isEmpty()) {
            List<Frame> f = stack();
            pc = f.get(s.selected).lookupPc();
        } else if (spec.startsWith("*")) {
            pc = address(spec.substring(1).strip());
        } else {
            List<Session.Location> l = s.resolve(spec);
            // info line FUNCTION describes the function's first line (its entry), not the breakpoint line.
            OptionalLong fn = file == null ? OptionalLong.empty() : file.address(spec.strip());
            pc = fn.isPresent() ? fn.getAsLong() : l.get(0).address();
        }
        Optional<LineRow> row = Program.line(file, pc);
        if (row.isEmpty()) {
            s.out.println("No line number information available for address " + hex(pc) + symbolSuffix(file, pc));
            return;
        }
        LineRow r = row.get();
        s.out.println("Line " + r.line() + " of \"" + Program.displayName(file, pc, r.file()) + "\" starts at address "
                + hex(r.address()) + symbolSuffix(file, r.address()) + " and ends at " + hex(r.end()) + symbolSuffix(file, r.end()) + ".");
    }

    static String symbolSuffix(SymbolFile f, long a) {
        if (f == null) {
            return "";
        }
        String d = Symbolic.name(f, a);
        return d == null ? "" : " <" + d + ">";
    }

    private void infoSymbol(String arg) {
        if (arg.isEmpty()) {
            throw new GdbError("Argument required (address).");
        }
        long a = address(arg);
        SymbolFile f = s.program.current();
        ElfImage elf = f == null ? null : f.elf();
        if (elf != null) {
            var sym = f.symbolAt(a);
            for (ElfImage.Section sec : elf.sections()) {
                long link = a - f.bias();
                if ((sec.flags() & ElfImage.SHF_ALLOC) != 0 && Long.compareUnsigned(link - sec.addr(), sec.size()) < 0
                        && sym.isPresent()) {
                    long off = a - sym.get().address();
                    s.out.println(sym.get().name() + (off == 0 ? "" : " + " + off) + " in section " + sec.name());
                    return;
                }
            }
        }
        s.out.println("No symbol matches " + arg + ".");
    }

    // ---- values ----

    /** The expression scope of frame {@code i}; without a stack, globals of the current file. */
    FrameScope scope(List<Frame> f, int i) {
        if (f.isEmpty()) {
            return new FrameScope(s.program, s.values, s.program.current(), null, null);
        }
        Frame fr = f.get(i);
        SymbolFile file = s.printer.fileOf(fr);
        return new FrameScope(s.program, s.values, file, fr, file == null ? null : s.values.context(f, i));
    }

    FrameScope scope() {
        return scope(s.exited ? List.of() : s.frames(), s.selected).withHistory(s.historyValues);
    }

    /** {@code /FMT EXPR} or {@code EXPR}: the format letter (0: none) and the expression. */
    record Formatted(char fmt, int count, char size, String expr) {
    }

    static Formatted format(String rest) {
        String r = rest.strip();
        if (!r.startsWith("/")) {
            return new Formatted((char) 0, 1, (char) 0, r);
        }
        int sp = r.indexOf(' ');
        String f = sp < 0 ? r.substring(1) : r.substring(1, sp);
        String expr = sp < 0 ? "" : r.substring(sp + 1).strip();
        char fmt = 0, size = 0;
        int count = -1;
        int i = 0;
        StringBuilder digits = new StringBuilder();
        for (; i < f.length(); i++) {
            char c = f.charAt(i);
            if (Character.isDigit(c) && fmt == 0 && size == 0) {
                digits.append(c);
            } else if ("bhwg".indexOf(c) >= 0) {
                size = c;
            } else if ("xduotacfsiz".indexOf(c) >= 0) {
                fmt = c;
            } else {
                throw new GdbError("Undefined output format \"" + f.substring(i) + "\".");
            }
        }
        if (digits.length() > 0) {
            count = Integer.parseInt(digits.toString());
        }
        return new Formatted(fmt, count < 0 ? 1 : count, size, expr);
    }

    private void print(String rest, boolean history) {
        Formatted f = format(rest);
        if (f.expr().isEmpty()) {
            throw new GdbError(history ? "$" + (s.history - 1) + " = <history is empty>" : "Argument required (expression to compute).");
        }
        FrameScope scope = scope();
        CExpr.Result r = CExpr.evaluate(f.expr(), scope);
        if (!r.ok()) {
            throw new GdbError(r.error());
        }
        GdbFormat.Printed p = new GdbFormat(scope.symbolizer()).print(r.value(), f.fmt());
        if (p.error()) {
            throw new GdbError(p.text());
        }
        if (history) {
            s.historyValues.add(r.value());
            s.out.println("$" + s.history++ + " = " + p.text());
        } else {
            s.out.print(p.text());
        }
    }

    private void typeCommand(String args, boolean ptype) {
        if (args.isEmpty()) {
            throw new GdbError("Argument required (one or more choice items).");
        }
        String t = ptype ? CExpr.ptype(args, scope()) : CExpr.whatis(args, scope());
        s.out.println(t);
    }

    private void display(String args) {
        if (args.isEmpty()) {
            displays();
            return;
        }
        displays.add(args);
        show(displays.size(), args);
    }

    /** The displays after a stop (gdb: do_displays). */
    void displays() {
        for (int i = 0; i < displays.size(); i++) {
            show(i + 1, displays.get(i));
        }
    }

    private void show(int n, String text) {
        Formatted f = format(text);
        GdbFormat.Printed p = CExpr.print(f.expr(), f.fmt(), scope());
        String label = f.fmt() == 0 ? "" : "/" + f.fmt() + " ";
        s.out.println(n + ": " + label + f.expr() + " = " + p.text());
    }

    private void infoDisplay() {
        if (displays.isEmpty()) {
            s.out.println("There are no auto-display expressions now.");
            return;
        }
        s.out.println("Auto-display expressions now in effect:\nNum Enb Expression");
        for (int i = 0; i < displays.size(); i++) {
            s.out.println((i + 1) + ":   y  " + displays.get(i));
        }
    }

    /** An address expression (x, info symbol, *ADDR): any C expression whose value is a number or pointer. */
    long address(String expr) {
        CExpr.Result r = CExpr.evaluate(expr, scope());
        if (!r.ok()) {
            throw new GdbError(r.error());
        }
        try {
            Value v = r.value();
            Type t = v.type().strip();
            if (t.kind() == Type.Kind.FUNCTION || t.kind() == Type.Kind.ARRAY) {
                return v.address();
            }
            return v.asLong();
        } catch (Exception e) {
            throw new GdbError(e instanceof io.el2studio.engine.target.MemoryException me ? GdbFormat.memoryError(me) : e.getMessage());
        }
    }

    /**
     * {@code Value returned is $N = ...} after finish: the return value where AAPCS64 (6.9) puts it:
     * integers, pointers and small composites in x0/x1, floating point and HFAs in v0-v3; a larger
     * composite is returned through memory (x8 at the call), which gdb 13 does not recover.
     */
    void returnValue(SymbolFile file, Die fn) {
        Type t = FrameValues.types(file).typeOfAttribute(fn);
        Type st = t.strip();
        if (st.kind() == Type.Kind.VOID) {
            return;
        }
        long size = st.sizeOf();
        RegisterSet r = s.target.registers();
        byte[] bytes;
        if (st.isFloat() && size <= 8) {
            bytes = le(r.get(DwarfRegs.V0), (int) size);
        } else if ((st.kind() == Type.Kind.STRUCT || st.kind() == Type.Kind.UNION || st.kind() == Type.Kind.ARRAY) && size > 16) {
            s.out.println("Value returned has type: " + io.el2studio.engine.types.TypeNames.name(t) + ". Cannot determine contents");
            return;
        } else if (size > 0 && size <= 16) {
            byte[] lo = le(r.get(DwarfRegs.X0), 8);
            byte[] hi = le(r.get(DwarfRegs.X0 + 1), 8);
            bytes = new byte[(int) size];
            for (int i = 0; i < size; i++) {
                bytes[i] = i < 8 ? lo[i] : hi[i - 8];
            }
        } else {
            return;
        }
        Value v = Value.of(t, bytes);
        GdbFormat.Printed p = s.values.format(file).print(v, (char) 0);
        s.historyValues.add(v);
        s.out.println("Value returned is $" + s.history++ + " = " + p.text());
    }

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
