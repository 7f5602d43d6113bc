package io.el2studio.engine.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.el2studio.engine.cexpr.CExpr;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.step.EngineStepModel;
import io.el2studio.engine.step.Insertions;
import io.el2studio.engine.step.Stepper;
import io.el2studio.engine.step.Stop;
import io.el2studio.engine.symbols.BreakpointLocation;
import io.el2studio.engine.symbols.BreakpointResult;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.unwind.Backtrace;
import io.el2studio.engine.unwind.Frame;
import io.el2studio.sim.control.Simulation;

/**
 * One batch debugging session: gdb's command language over the engine and the stepper, with
 * gdb 13's output. Run control and breakpoints are here; inspection (bt, frame, info, print, x,
 * ptype) is in {@link Inspect}. Every failing command prints one line and the session goes on.
 */
final class Session {
    final PrintStream out;
    final SimTarget target;
    final Program program;
    final FrameValues values;
    final Printer printer;
    final Insertions insertions;
    final UserBreakpoints breakpoints;
    final Stepper stepper;
    final EngineStepModel model;
    final Inspect inspect;

    /** The guest has exited: nothing runs any more ("The program is not being run."). */
    boolean exited;
    /** The selected frame (frame, up, down); 0 after every stop. */
    int selected;
    /** gdb's value history: the number the next {@code $N} gets. */
    int history = 1;
    /** The values of the history, $1 first. */
    final List<io.el2studio.engine.values.Value> historyValues = new ArrayList<>();
    private Backtrace frames;

    Session(Simulation sim, List<DebugCommand.SymbolsArg> files, PrintStream out) {
        this.out = out;
        this.target = new SimTarget(sim, 0);
        this.program = new Program(target, files, out);
        this.values = new FrameValues(program);
        this.printer = new Printer(program, values);
        this.insertions = new Insertions(sim);
        this.breakpoints = new UserBreakpoints(insertions);
        this.model = new EngineStepModel(target, program);
        this.stepper = new Stepper(target, model, insertions, this::hitsAt);
        this.inspect = new Inspect(this);
    }

    /** Where the guest starts, as gdb prints it on connecting: the frame and its source line. */
    void start() {
        List<Frame> f = frames();
        if (!f.isEmpty()) {
            out.println(printer.frameText(f, 0, false, false));
        }
        out.flush();
    }

    void end() {
        out.flush();
    }

    /** The backtrace of this stop (computed once per stop), inline frames shown as the stop decides. */
    Backtrace backtrace() {
        if (frames == null) {
            frames = model.backtrace(new io.el2studio.engine.unwind.Unwinder());
        }
        return frames;
    }

    /** Tells the model which inline functions the breakpoints at {@code pc} are in: they show as frames. */
    private void breakpointStop(List<UserBreakpoints.Breakpoint> bps, long pc) {
        List<String> functions = new ArrayList<>();
        boolean address = false;
        for (UserBreakpoints.Breakpoint b : bps) {
            address |= b.byAddress;
            for (UserBreakpoints.Location l : b.locations) {
                if (l.address() == pc && l.function() != null) {
                    functions.add(l.function());
                }
            }
        }
        model.breakpointStop(functions, address);
        frames = null;
    }

    List<Frame> frames() {
        return backtrace().frames();
    }

    void requireRunning() {
        if (exited) {
            throw new GdbError("The program is not being run.");
        }
    }

    /** Runs one command line; false after quit. */
    boolean execute(String line) {
        String cmd = line.strip();
        if (cmd.isEmpty()) {
            return true;
        }
        try {
            return dispatch(cmd);
        } catch (GdbError e) {
            out.println(e.getMessage());
        } catch (RuntimeException e) {
            out.println("el2studio debug: internal error in '" + cmd + "': " + e);
        } finally {
            out.flush();
        }
        return true;
    }

    private static final Pattern WORD = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*)(.*)$", Pattern.DOTALL);

    private boolean dispatch(String cmd) {
        Matcher m = WORD.matcher(cmd);
        if (!m.matches()) {
            throw new GdbError("Undefined command: \"" + cmd.split("\\s")[0] + "\".  Try \"help\".");
        }
        String word = m.group(1);
        String rest = m.group(2);
        String args = rest.strip();
        String name = Commands.resolve(word);
        switch (name) {
            case "quit" -> {
                return false;
            }
            case "break" -> breakCommand(args, false);
            case "tbreak" -> breakCommand(args, true);
            case "delete" -> delete(args);
            case "continue" -> {
                requireRunning();
                out.println("Continuing.");
                report(stepper.resume());
            }
            case "step" -> sourceStep(args, false);
            case "next" -> sourceStep(args, true);
            case "stepi" -> {
                requireRunning();
                report(stepper.stepi(count(args)));
            }
            case "nexti" -> {
                requireRunning();
                report(stepper.nexti(count(args)));
            }
            case "finish" -> finish();
            case "until" -> until(args, false);
            case "advance" -> {
                if (args.isEmpty()) {
                    throw new GdbError("Argument required (a location).");
                }
                until(args, true);
            }
            case "echo" -> out.print(echo(rest.startsWith(" ") ? rest.substring(1) : rest));
            default -> inspect.execute(name, rest, args);
        }
        return true;
    }

    static int count(String args) {
        if (args.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(args.strip());
            return Math.max(n, 0);
        } catch (NumberFormatException e) {
            throw new GdbError("No symbol \"" + args.strip() + "\" in current context.");
        }
    }

    // ---- run control ----

    private void sourceStep(String args, boolean next) {
        requireRunning();
        int n = count(args);
        if (n == 0) {
            return;
        }
        long pc = target.registers().pc();
        if (Program.line(program.current(), pc).isEmpty()) {
            Optional<String> msg = stepper.noLineInfoMessage();
            if (msg.isEmpty()) {
                throw new GdbError("Cannot find bounds of current function");
            }
            out.println(msg.get());
        }
        report(next ? stepper.next(n) : stepper.step(n));
    }

    private void finish() {
        requireRunning();
        List<Frame> f = frames();
        int level = selected;
        // finish leaves the selected frame for its caller: the next concrete frame out.
        int concrete = 0;
        for (int i = 0; i < level && i < f.size(); i++) {
            if (!f.get(i).isInline() && !f.get(i).isExceptionMarker()) {
                concrete++;
            }
        }
        if (level + 1 >= f.size()) {
            throw new GdbError("\"finish\" not meaningful in the outermost frame.");
        }
        Frame from = f.get(level);
        if (from.isInline()) {
            // Out of an inlined call: stepping until out of its block, no value (gdb finish_command).
            out.println("Run till exit from " + printer.location(f, level, true));
            report(stepper.finishInline(modelLevel(f, level)));
            return;
        }
        SymbolFile file = printer.fileOf(from);
        Die fn = file == null ? null : file.functionAt(from.lookupPc());
        out.println("Run till exit from " + printer.location(f, level, true));
        Optional<Stop> s = stepper.finish(concrete);
        if (s.isEmpty()) {
            throw new GdbError("\"finish\" not meaningful in the outermost frame.");
        }
        report(s.get());
        if (s.get().kind() == Stop.Kind.FINISHED && fn != null) {
            inspect.returnValue(file, fn);
        }
    }

    /** The stepper's frame index of backtrace frame {@code level} (exception markers are not frames there). */
    private static int modelLevel(List<Frame> f, int level) {
        int n = 0;
        for (int i = 0; i < level; i++) {
            if (!f.get(i).isExceptionMarker()) {
                n++;
            }
        }
        return n;
    }

    private void until(String args, boolean anywhere) {
        requireRunning();
        if (args.isEmpty()) {
            report(stepper.until());
            return;
        }
        List<Long> addrs = new ArrayList<>();
        for (Location l : resolve(args)) {
            addrs.add(l.address());
        }
        report(stepper.runTo(addrs, anywhere));
    }

    /** What a stop prints (infrun.c normal_stop / print_stop_event). */
    void report(Stop s) {
        frames = null;
        selected = 0;
        if (s.kind() == Stop.Kind.BREAKPOINT) {
            breakpointStop(lastHits, s.pc());
        }
        switch (s.kind()) {
            case EXITED -> {
                exited = true;
                out.println(s.exitCode() == 0 ? "[Inferior 1 (process 1) exited normally]"
                        : "[Inferior 1 (process 1) exited with code 0" + Integer.toOctalString(s.exitCode()) + "]");
                return;
            }
            case BREAKPOINT -> {
                int n = s.breakpoints().get(0);
                UserBreakpoints.Breakpoint b = lastHits.stream().filter(x -> x.number == n).findFirst().orElse(null);
                boolean temp = b != null && b.temporary;
                out.println();
                // A breakpoint of several locations is named by the location hit: "Breakpoint 2.8, ".
                String num = String.valueOf(n);
                if (b != null && b.locations.size() > 1) {
                    for (int i = 0; i < b.locations.size(); i++) {
                        if (b.locations.get(i).address() == s.pc()) {
                            num = n + "." + (i + 1);
                            break;
                        }
                    }
                }
                out.println((temp ? "Temporary breakpoint " : "Breakpoint ") + num + ", " + printer.frameText(frames(), 0, false, false));
                for (UserBreakpoints.Breakpoint x : lastHits) {
                    if (x.temporary) {
                        breakpoints.delete(x.number);
                    }
                }
            }
            case STEPPED -> out.println(printer.frameText(frames(), 0, false, s.sourceLineOnly()));
            case FINISHED, LOCATION -> out.println(printer.frameText(frames(), 0, false, false));
            case OTHER -> {
                out.println();
                out.println("Program stopped (" + s.detail() + ").");
                if (!frames().isEmpty()) {
                    out.println(printer.frameText(frames(), 0, false, false));
                }
            }
            default -> throw new IllegalStateException(s.toString());
        }
        inspect.displays();
    }

    private List<UserBreakpoints.Breakpoint> lastHits = List.of();

    /** The stepper's question at an inserted address: which user breakpoints stop here (conditions evaluated in frame 0). */
    private List<Integer> hitsAt(long pc) {
        frames = null;
        breakpointStop(breakpoints.at(pc), pc);
        lastHits = breakpoints.hitsAt(pc, this::conditionHolds);
        return lastHits.stream().map(b -> b.number).toList();
    }

    private boolean conditionHolds(UserBreakpoints.Breakpoint b) {
        List<Frame> f = frames();
        if (f.isEmpty()) {
            return true;
        }
        CExpr.Result r = CExpr.condition(b.condition, inspect.scope(f, 0));
        if (!r.ok()) {
            out.println("Error in testing condition for breakpoint " + b.number + ":");
            out.println(r.error());
            return true; // gdb stops when the condition cannot be evaluated
        }
        try {
            return r.value().asLong() != 0;
        } catch (Exception e) {
            out.println("Error in testing condition for breakpoint " + b.number + ":");
            out.println(e.getMessage());
            return true;
        }
    }

    // ---- breakpoints ----

    /** A resolved location: its address and the file and line gdb reports there (line 0: none). */
    record Location(long address, String function, String file, int line) {
    }

    private static final Pattern IF = Pattern.compile("^(.*?)\\s+if(?:\\s+|(?=\\())(.*)$", Pattern.DOTALL);

    private void breakCommand(String args, boolean temporary) {
        String spec = args;
        String condition = null;
        Matcher m = IF.matcher(args);
        if (m.matches()) {
            spec = m.group(1).strip();
            condition = m.group(2).strip();
        } else if (args.startsWith("if ") || args.equals("if")) {
            spec = "";
            condition = args.substring(2).strip();
        }
        List<Location> locs;
        if (spec.isEmpty()) {
            requireRunning();
            long pc = frames().isEmpty() ? target.registers().pc() : frames().get(selected).pc();
            locs = List.of(locationAt(pc));
        } else {
            locs = resolve(spec);
        }
        // gdb parses the condition in the scope of the location (not the selected frame); here it is
        // first evaluated at a hit, where an error stops the PE with gdb's "Error in testing condition".
        List<UserBreakpoints.Location> bl = new ArrayList<>();
        for (Location l : locs) {
            bl.add(new UserBreakpoints.Location(l.address(), what(l), l.function()));
        }
        UserBreakpoints.Breakpoint b = breakpoints.add(temporary, bl, condition, spec.startsWith("*"));
        String kind = temporary ? "Temporary breakpoint " : "Breakpoint ";
        Location first = locs.get(0);
        if (locs.size() > 1) {
            out.println(kind + b.number + String.format(" at 0x%x: ", first.address()) + first.file() + ":" + first.line()
                    + ". (" + locs.size() + " locations)");
        } else if (first.line() != 0) {
            out.println(kind + b.number + String.format(" at 0x%x: file %s, line %d.", first.address(), first.file(), first.line()));
        } else {
            out.println(kind + b.number + String.format(" at 0x%x", first.address()));
        }
    }

    /** gdb's What column: {@code in FUNC at FILE:LINE}, {@code FILE:LINE} (no debug function), {@code <SYM+OFF>}. */
    private String what(Location l) {
        if (l.line() == 0) {
            SymbolFile f = program.current();
            String n = Symbolic.name(f, l.address());
            return n == null ? "" : "<" + n + ">";
        }
        return (l.function() == null ? "" : "in " + l.function() + " at ") + l.file() + ":" + l.line();
    }

    private void delete(String args) {
        if (args.isEmpty()) {
            breakpoints.deleteAll();
            return;
        }
        String a = args.startsWith("breakpoints") ? args.substring("breakpoints".length()).strip() : args;
        for (String n : a.split("\\s+")) {
            int num;
            try {
                num = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new GdbError("Convenience variable must have integer value.\nArgs must be numbers or '$' variables.");
            }
            if (!breakpoints.delete(num)) {
                out.println("No breakpoint number " + num + ".");
            }
        }
    }

    /** gdb's linespecs: *ADDRESS, FILE:LINE, LINE, FUNCTION, FILE:FUNCTION. */
    List<Location> resolve(String spec) {
        String s = spec.strip();
        if (s.startsWith("*")) {
            long a = inspect.address(s.substring(1).strip());
            return List.of(locationAt(a));
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0 && !s.contains("::")) {
            String file = s.substring(0, colon).strip();
            String what = s.substring(colon + 1).strip();
            if (what.matches("\\d+")) {
                return lineLocations(file, Integer.parseInt(what));
            }
            return functionLocations(what, s);
        }
        if (s.matches("\\d+")) {
            return lineLocations(defaultFile(), Integer.parseInt(s));
        }
        return functionLocations(s, s);
    }

    private String defaultFile() {
        List<Frame> f = exited ? List.of() : frames();
        if (!f.isEmpty()) {
            Printer.Sal sal = printer.sal(f, selected);
            if (sal.known()) {
                return sal.display();
            }
        }
        // gdb's default source file before any stop in C: the one holding main.
        for (SymbolFile file : program.files()) {
            OptionalLong main = file.address("main");
            if (main.isPresent()) {
                Optional<LineRow> r = Program.line(file, main.getAsLong());
                if (r.isPresent()) {
                    return Program.displayName(file, main.getAsLong(), r.get().file());
                }
            }
        }
        throw new GdbError("No symbol table is loaded.  Use the \"file\" command.");
    }

    private List<Location> lineLocations(String file, int line) {
        List<Location> out = new ArrayList<>();
        boolean fileKnown = false;
        for (SymbolFile f : program.files()) {
            for (String src : f.sourceFiles()) {
                if (src.equals(file) || src.endsWith("/" + file)) {
                    fileKnown = true;
                }
            }
            BreakpointResult r = f.breakpoint(file, line);
            for (BreakpointLocation l : r.locations()) {
                out.add(new Location(l.address(), l.function(), Program.displayName(f, l.address(), l.file()), l.line()));
            }
        }
        if (out.isEmpty()) {
            throw new GdbError((fileKnown ? "No line " + line + " in file \"" + file + "\"." : "No source file named " + file + ".")
);
        }
        return out;
    }

    private List<Location> functionLocations(String function, String spec) {
        List<Location> out = new ArrayList<>();
        for (SymbolFile f : program.files()) {
            BreakpointResult r = f.functionBreakpoints(function);
            for (BreakpointLocation l : r.locations()) {
                out.add(new Location(l.address(), l.function(), Program.displayName(f, l.address(), l.file()), l.line()));
            }
            if (r.isEmpty()) {
                OptionalLong a = f.address(function);
                if (a.isPresent()) {
                    // An ELF symbol without debug information (assembler): gdb breaks at its first instruction.
                    out.add(locationAt(a.getAsLong()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new GdbError("Function \"" + function + "\" not defined."
);
        }
        return out;
    }

    /** The location of an address: the line-table row covering it and the function there. */
    Location locationAt(long address) {
        SymbolFile f = program.current();
        Optional<LineRow> r = Program.line(f, address);
        if (r.isEmpty()) {
            return new Location(address, null, null, 0);
        }
        Die fn = f.functionAt(address);
        String name = null;
        if (fn != null) {
            var chain = f.locationsAt(address);
            name = chain.isEmpty() ? fn.nameInherited() : chain.get(0).function();
        }
        return new Location(address, name, Program.displayName(f, address, r.get().file()), r.get().line());
    }

    /** gdb's echo: the text with C escapes, no newline added. */
    static String echo(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case '\\' -> b.append('\\');
                    case '"' -> b.append('"');
                    case 'a' -> b.append('\007');
                    default -> b.append(n);
                }
            } else if (c == '\\') {
                // a trailing backslash continues nothing in a one-line command
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
