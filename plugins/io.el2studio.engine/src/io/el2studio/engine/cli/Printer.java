package io.el2studio.engine.cli;

import java.util.List;
import java.util.Optional;

import io.el2studio.engine.expr.Block;
import io.el2studio.engine.symbols.LineRow;
import io.el2studio.engine.symbols.SourceLocation;
import io.el2studio.engine.symbols.SymbolFile;
import io.el2studio.engine.unwind.Frame;

/**
 * Frames as gdb 13 prints them (stack.c print_frame_info / print_frame): {@code [#N  ][0xPC in ]FUNC
 * (ARGS)[ at FILE:LINE]} and the source line {@code LINE\tTEXT}. The pc is shown when it is not
 * at the start of its line-table row (frame_show_address): always for a caller frame (its sal is
 * looked up at pc - 1), never for a frame whose inlined callee is the frame below it (its sal is
 * the call site, with no pc).
 */
final class Printer {
    private final Program program;
    private final FrameValues values;
    private final Sources sources = new Sources();

    Printer(Program program, FrameValues values) {
        this.program = program;
        this.values = values;
    }

    /** Where a frame is in the source: the symtab-and-line gdb finds for it (find_frame_sal). */
    record Sal(SymbolFile file, String path, String display, int line, long rowStart, boolean callSite, boolean isStmt) {
        boolean known() {
            return line != 0 && path != null;
        }
    }

    /** How many inline frames sit directly inside frame {@code i} (they share its pc and CFA). */
    static int inlineDepth(List<Frame> frames, int i) {
        int d = 0;
        for (int j = i - 1; j >= 0 && frames.get(j).isInline(); j--) {
            d++;
        }
        return d;
    }

    SymbolFile fileOf(Frame f) {
        return program.file(f.el(), f.vmid());
    }

    Sal sal(List<Frame> frames, int i) {
        Frame f = frames.get(i);
        SymbolFile file = fileOf(f);
        if (file == null) {
            return new Sal(null, null, null, 0, -1, false, false);
        }
        int depth = inlineDepth(frames, i) + program.skippedInline(frames, i);
        if (depth > 0) {
            // The call site of the inlined callee below (gdb: the inline function symbol's line is DW_AT_call_line).
            List<SourceLocation> chain = file.locationsAt(f.lookupPc());
            if (chain.size() > depth && chain.get(depth).line() != 0) {
                SourceLocation l = chain.get(depth);
                return new Sal(file, l.file(), Program.displayName(file, f.lookupPc(), l.file()), l.line(), -1, true, true);
            }
        }
        Optional<LineRow> row = Program.line(file, f.lookupPc());
        if (row.isEmpty()) {
            return new Sal(file, null, null, 0, -1, false, false);
        }
        LineRow r = row.get();
        return new Sal(file, r.file(), Program.displayName(file, f.lookupPc(), r.file()), r.line(), r.address(), false, r.isStmt());
    }

    /** The function name gdb shows for frame {@code i}: the (inlined) DWARF function, else the ELF symbol, else ??. */
    String functionName(List<Frame> frames, int i) {
        Frame f = frames.get(i);
        SymbolFile file = fileOf(f);
        if (file != null) {
            Block b = values.block(frames, i);
            Block fn = b == null ? null : b.function();
            if (fn != null && fn.functionName() != null) {
                return fn.functionName();
            }
        }
        return f.function() == null ? "??" : f.function();
    }

    /**
     * gdb 13's frame_show_address: a call-site sal (no pc) never shows it; otherwise the pc is shown
     * when it is not where its row starts, or the row is no statement (is_stmt false).
     */
    private static boolean showAddress(Frame f, Sal sal) {
        return !sal.callSite() && (f.pc() != sal.rowStart() || !sal.isStmt());
    }

    /** print_frame: the frame's location line, with {@code #N  } when {@code level}. */
    String location(List<Frame> frames, int i, boolean level) {
        Frame f = frames.get(i);
        StringBuilder s = new StringBuilder();
        if (level) {
            s.append('#').append(String.format("%-3d", i)); // the index: hidden inline frames are not counted
        }
        if (f.isExceptionMarker()) {
            return s.append('<').append(f.markerText()).append('>').toString();
        }
        Sal sal = sal(frames, i);
        boolean showAddress = !sal.known() || showAddress(f, sal);
        if (showAddress) {
            s.append(String.format("0x%016x in ", f.pc()));
        }
        s.append(functionName(frames, i)).append(" (").append(arguments(frames, i)).append(')');
        if (sal.known()) {
            s.append(" at ").append(sal.display()).append(':').append(sal.line());
        }
        return s.toString();
    }

    private String arguments(List<Frame> frames, int i) {
        try {
            return String.join(", ", values.frameArguments(frames, i));
        } catch (RuntimeException e) {
            return "<error: " + e.getMessage() + ">";
        }
    }

    /** The source line of frame {@code i}'s sal ({@code LINE\tTEXT}), null when it has none. */
    String sourceLine(List<Frame> frames, int i) {
        Sal sal = sal(frames, i);
        if (!sal.known()) {
            return null;
        }
        return sources.line(sal.path(), Program.compDir(sal.file(), frames.get(i).lookupPc()), sal.line());
    }

    /**
     * print_stack_frame with SRC_AND_LOC (stops, frame, up, down): the location line and the source
     * line; with {@code sourceOnly} (SRC_LINE, a step that stayed in its frame and function) only the
     * source line, prefixed by the pc and a tab when the pc is inside a line.
     */
    String frameText(List<Frame> frames, int i, boolean level, boolean sourceOnly) {
        Sal sal = sal(frames, i);
        String src = sourceLine(frames, i);
        if (sourceOnly && src != null) {
            Frame f = frames.get(i);
            boolean mid = showAddress(f, sal);
            return mid ? String.format("0x%016x\t%s", f.pc(), src) : src;
        }
        String loc = location(frames, i, level);
        return src == null ? loc : loc + "\n" + src;
    }
}
